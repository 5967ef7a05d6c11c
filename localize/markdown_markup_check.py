"""The Markdown markup check: emphasis, strong emphasis and links of a msgid that its msgstr
still writes but that no longer parse as markup.

CommonMark opens and closes ``*``/``_`` emphasis by the characters on either side of the
marker (the flanking rules): ``backs the *Belt and Road* plan`` is emphasis, but its Chinese
translation ``支持*“一带一路”*计划`` is not, since a ``*`` after a Han character and before a
quotation mark can open nothing; the copy shows the asterisks. The protected-markup check
compares the markers as text, so it misses this: here the msgstr is read by the parser the
Markdown format reads articles with (pyromark), as the heading the format's ``protected``
reads a msgid as, and what the msgid's parse has is counted in the msgstr's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

# The markup counted, by the name of its start event; an inline HTML tag that does the same
# (what a translator is told to write where the markers cannot) counts as it.
_KINDS = ("Emphasis", "Strong", "Link", "Image")
_HTML_TAG_KIND = {"em": "Emphasis", "i": "Emphasis", "strong": "Strong", "b": "Strong", "a": "Link"}
_OPENING_TAG = re.compile(r"<([A-Za-z]+)[\s>/]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_FIXES = {
    "Emphasis": (
        "emphasis (*…* or _…_)",
        "a * or _ between a letter and punctuation such as “ ” 《 》 cannot open or close it "
        "(CommonMark's flanking rule); write <em>…</em> around the words, or put the markers "
        "inside the quotation marks (“*…*”)",
    ),
    "Strong": (
        "strong emphasis (**…** or __…__)",
        "a ** or __ between a letter and punctuation such as “ ” 《 》 cannot open or close it "
        "(CommonMark's flanking rule); write <strong>…</strong> around the words, or put the "
        "markers inside the quotation marks (“**…**”)",
    ),
    "Link": (
        "link ([text](address))",
        "write it as the msgid does, with ASCII brackets and parentheses and nothing between "
        "] and (",
    ),
    "Image": (
        "image (![text](address))",
        "write it as the msgid does, with ASCII brackets and parentheses and nothing between "
        "] and (",
    ),
}


def reads_markdown(protected: Callable[[str], list[tuple[int, int]]] | None) -> bool:
    """Whether ``protected``, the function a check is given to find a msgid's markup, is the
    Markdown format's: the catalog is then a Markdown article's (``check_catalog`` is told the
    format only through it)."""
    owner = getattr(protected, "__self__", None)
    return getattr(owner, "name", None) == "markdown"


def _markup_counts(text: str) -> Counter[str]:
    from localize.formats.markdown import _inline_run

    # Read as the format's ``protected`` reads a msgid: an ATX heading's text, whatever it
    # starts with, every [label] a reference, a last word so a final " #" is text.
    flat = _LINE_BREAK.sub(" ", text)
    counts: Counter[str] = Counter()
    for key, value, _ in _inline_run("# " + flat + " x", any_reference=True):
        if key == "Start":
            kind = value if isinstance(value, str) else next(iter(value))
            if kind in _KINDS:
                counts[kind] += 1
        elif key == "InlineHtml":
            tag = _OPENING_TAG.match(value)
            if tag and tag.group(1).lower() in _HTML_TAG_KIND:
                counts[_HTML_TAG_KIND[tag.group(1).lower()]] += 1
    return counts


def lost_markup(msgid: str, msgstr: str) -> list[str]:
    """A message for each kind of markup the msgid has more of than the msgstr, both read as
    Markdown: markup whose markers the translation keeps but that no longer parses, or that
    it dropped."""
    if not any(marker in msgid for marker in "*_["):
        return []
    source = _markup_counts(msgid)
    if not source:
        return []
    translated = _markup_counts(msgstr)
    messages = []
    for kind in _KINDS:
        if translated[kind] < source[kind]:
            what, fix = _FIXES[kind]
            messages.append(
                f"the msgid's {what} does not parse as Markdown in the translation "
                f"({source[kind]} in the msgid, {translated[kind]} here): the copy would show "
                f"its markers as text, or lose it; {fix}"
            )
    return messages
