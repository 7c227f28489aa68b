"""HTML checks shared by the page tests: what a browser, a screen reader and our CSP need.

html5lib parses each page as browsers do and reports every parse error: stray or
misnested end tags, unclosed elements, nested forms. On top of that, checks of our own:
unique ids, alt text on every image, one h1 and headings in order, a label for every
form field, link text on every link, aria-describedby pointing at something, a language
on the page, and nothing inline that the Content-Security-Policy would block.
"""

import re
from collections import Counter
from itertools import pairwise

import html5lib

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


def parse_errors(html):
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(html)
    lines = html.splitlines()
    errors = [
        f"line {line}: {code} {details or ''} in {lines[line - 1].strip()[:120]!r}"
        for (line, _column), code, details in parser.errors
    ]
    return tree, errors


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def is_form_field(element):
    if element.tag == "input":
        return element.get("type") not in UNLABELLED_INPUT_TYPES
    return element.tag in ("select", "textarea")


def is_labelled(field, tree):
    if field.get("aria-label") or field.get("aria-labelledby"):
        return True
    labels = tree.iter("label")
    return any(label.get("for") == field.get("id") for label in labels if field.get("id"))


def html_problems(html):
    """What is wrong with a page's HTML, as readable sentences; [] when nothing is."""
    tree, problems = parse_errors(html)
    elements = list(tree.iter())
    ids = Counter(element.get("id") for element in elements if element.get("id"))
    problems += [f"id {name!r} is used {count} times" for name, count in ids.items() if count > 1]
    if not tree.get("lang"):
        problems.append("<html> has no lang")
    for element in elements:
        tag = element.tag
        if element.get("style") is not None:
            problems.append(f"<{tag}> has an inline style, which the CSP blocks")
        if tag == "style" or (tag == "script" and not element.get("src")):
            problems.append(f"inline <{tag}>, which the CSP blocks")
        if tag == "img" and element.get("alt") is None:
            problems.append(f"<img src={element.get('src')!r}> has no alt")
        if (
            tag == "a"
            and element.get("href") is not None
            and not (text_of(element) or element.get("aria-label"))
        ):
            problems.append(f"<a href={element.get('href')!r}> has no text")
        for described_by in (element.get("aria-describedby") or "").split():
            if described_by not in ids:
                problems.append(f"aria-describedby={described_by!r} names no element")
        if is_form_field(element) and not is_labelled(element, tree):
            problems.append(f"<{tag} name={element.get('name')!r}> has no label")
    levels = [int(element.tag[1]) for element in elements if re.fullmatch(r"h[1-6]", element.tag)]
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} h1 elements instead of one")
    problems += [
        f"an h{level} follows an h{previous}"
        for previous, level in pairwise(levels)
        if level > previous + 1
    ]
    return problems
