"""One way, and one length, to shorten a page's text: for cards in listings, meta and
social descriptions, the blog feed, and search results (search.highlight cuts around the
matched word instead of from the start, to the same length)."""

from django.utils.html import strip_tags
from django.utils.text import Truncator

EXCERPT_WORDS = 30


def plain_text(value):
    """Text or HTML as one line of plain text."""
    return " ".join(strip_tags(str(value or "")).split())


def excerpt(*texts, words=EXCERPT_WORDS):
    """The first of `texts` that is not empty, as plain text cut between words."""
    for text in texts:
        text = plain_text(text)
        if text:
            return Truncator(text).words(words, truncate="…")
    return ""
