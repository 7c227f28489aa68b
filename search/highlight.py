"""Excerpts of search results, with the words that match the query marked.

The marking is for readers, not for ranking: a word is marked when it is the query
word or shares its beginning closely enough to be the same word in another form
("raid" for "raids", "deportación" for "deportaciones"), accents and case ignored.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from listings.excerpts import EXCERPT_WORDS

WORD = re.compile(r"\w+")
WORDS_BEFORE_MATCH = 8


def fold(word):
    """The word in lower case without accents: "Petición" becomes "peticion"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def query_terms(query):
    """The words of a query, folded, as `highlight` compares them."""
    return {fold(word) for word in WORD.findall(query)}


def shared_prefix_length(first, second):
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def is_match(word, terms):
    """Whether `word` is one of the `terms`, or the same word in another form."""
    word = fold(word)
    for term in terms:
        shorter = min(len(word), len(term))
        if word == term or (
            shorter >= 3 and shared_prefix_length(word, term) >= max(3, shorter - 2)
        ):
            return True
    return False


def highlight(text, terms):
    """`text` escaped, with each matching word wrapped in <mark>."""
    parts = []
    end = 0
    for match in WORD.finditer(text):
        parts.append(escape(text[end : match.start()]))
        word = escape(match.group())
        parts.append(f"<mark>{word}</mark>" if is_match(match.group(), terms) else word)
        end = match.end()
    parts.append(escape(text[end:]))
    # Every part was escaped above; only our own <mark> tags are markup.
    return mark_safe("".join(parts))  # nosec B308 B703


def excerpt(sources, terms, length=EXCERPT_WORDS):
    """A highlighted excerpt from the first source that matches, else from the first one.

    `sources` are plain texts in order of preference (description, intro, summary,
    body). Long texts are cut to `length` words around the first match.
    """
    texts = [" ".join(source.split()) for source in sources if source and source.strip()]
    if not texts:
        return ""
    for text in texts:
        words = list(WORD.finditer(text))
        first = next((i for i, word in enumerate(words) if is_match(word.group(), terms)), None)
        if first is not None:
            break
    else:
        text, first = texts[0], 0
        words = list(WORD.finditer(text))
    if len(words) > length:
        start = max(0, min(first - WORDS_BEFORE_MATCH, len(words) - length))
        stop = start + length
        cut_start = words[start].start() if start else 0
        cut_stop = words[stop].start() if stop < len(words) else len(text)
        text = (
            ("… " if start else "")
            + text[cut_start:cut_stop].strip()
            + (" …" if stop < len(words) else "")
        )
    return highlight(text, terms)
