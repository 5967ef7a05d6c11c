"""HTML articles, read with the standard library's ``html.parser``.

The parser reports every tag, text run, entity and comment with its source position, so each
translatable run of text (a paragraph, a heading, a list item, a table cell...) is cut out of
the source exactly, inline tags included as written (as po4a and Weblate present them). Code
(``<pre>``, ``<code>``), ``<script>``, ``<style>`` and URLs never reach a translator. The
attribute values a reader sees or hears as text (``alt``, ``title``, ``aria-label``,
``placeholder``, and the ``content`` of a ``<meta>`` description, Open Graph or Twitter title or
description) are units of their own outside running text, and translated in place inside it; a
``<textarea>``'s text is a block. A copy in another language gets the root ``<html>``'s
``lang`` and ``dir`` of that language, and so does each element around its text that says the
source's language or only a direction (``language_replacements``).

This module also holds the sentence splitter for text with inline markup that the Markdown
format shares: it splits the text as a reader sees it (markup masked) and never cuts inside an
inline element.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import ClassVar

from localize.errors import LocalizeError
from localize.formats.base import (
    Replacement,
    Role,
    Unit,
    WrittenMarkup,
    fold,
    folds,
    line_of,
    line_starts,
    written_pieces,
)
from localize.formats.inline import (
    Piece,
    bare_urls,
    disjoint,
    sentence_spans,
    without_blank_references,
)
from localize.languages import base_language, right_to_left

_SPACE = re.compile(r"[ \t\n\r\f\v]+")
# A bare URL in running text; trailing punctuation belongs to the sentence, not the URL.
_BARE_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
_BARE_LESS_THAN = re.compile(r"<(?![A-Za-z/!?])")
_TAG_NAME = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
# The attribute tokenizer html.parser itself uses, so attribute spans agree with the parser.
_ATTRIBUTE = re.compile(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*"
    r"('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*"
)

INLINE = frozenset(
    {
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "label",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    }
)
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Elements whose content is never translated; unclosed, they would silently hide the rest.
SKIPPED = frozenset({"script", "style", "pre", "template", "svg", "math"})
# Of those, the ones a reader never sees: inside running text each is one opaque piece of
# markup (kept whole, never translated; inline.Piece "hidden", which the segmenter sees as
# blank space) and the sentence around it stays one unit; the others end the running text, as
# the blocks they are. Markdown's inline HTML reads the same set.
HIDDEN = frozenset({"script", "style"})
# A <textarea>'s text is what a reader sees in the box (a form's prefilled answer or
# instructions): translated in an HTML article. Unclosed, it would hide the rest of the page in
# the box, so it is refused as the skipped elements are.
TEXTAREA = "textarea"
# HTML's white space, and the part of it that stays on one line.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPACES_ON_A_LINE = re.compile(r"[ \t]+")
_KIND_OF = {
    "li": "list item",
    "td": "table cell",
    "th": "table cell",
    "blockquote": "block quote",
    "title": "title",
    "figcaption": "caption",
    "caption": "caption",
    "dt": "term",
    "dd": "definition",
    TEXTAREA: "text area",
}
# Attribute values a reader sees as text (an image's alt text, a tooltip, a form field's hint) or
# hears from a screen reader (aria-label), on any element: the kind reviewers see, and the role
# place() acts on.
_TEXT_ATTRIBUTES = {
    "alt": ("alt text", Role.ALT_TEXT),
    "title": ("title attribute", Role.TITLE_ATTRIBUTE),
    "aria-label": ("aria-label attribute", Role.ATTRIBUTE_TEXT),
    "placeholder": ("placeholder attribute", Role.ATTRIBUTE_TEXT),
}
# The <meta> names (or Open Graph properties) whose content search engines and link previews
# show as the page's text; the others (keywords, robots, viewport, og:url...) are data.
_TEXT_METADATA = frozenset(
    {"description", "og:title", "og:description", "twitter:title", "twitter:description"}
)


# --- scanning -------------------------------------------------------------------------------


@dataclass
class Event:
    # start, startend, end, data, entity, comment, other; "hidden": a whole script or style
    kind: str
    start: int
    end: int
    tag: str = ""


class _Scanner(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = line_starts(text)
        self.events: list[Event] = []

    def _add(self, kind: str, tag: str = "") -> None:
        line, column = self.getpos()
        self.events.append(Event(kind, self.starts[line - 1] + column, -1, tag))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._add("start", tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._add("startend", tag)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("data")

    def handle_entityref(self, name: str) -> None:
        self._add("entity")

    def handle_charref(self, name: str) -> None:
        self._add("entity")

    def handle_comment(self, data: str) -> None:
        self._add("comment")

    def handle_decl(self, decl: str) -> None:
        self._add("other")

    def handle_pi(self, data: str) -> None:
        self._add("other")

    def unknown_decl(self, data: str) -> None:
        self._add("other")


def scan(text: str, strict: bool = True) -> list[Event]:
    """Every construct of ``text`` in order; each event ends where the next begins, so
    anything the parser skips stays attached to its neighbour and no byte is lost."""
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    events = scanner.events
    for event, following in zip(events, events[1:], strict=False):
        event.end = following.start
    if events:
        events[-1].end = len(text)
    if strict:
        _reject_broken_markup(text, events, scanner)
    return events


def _reject_broken_markup(text: str, events: list[Event], scanner: _Scanner) -> None:
    # html.parser recovers from these by turning markup into text (or dropping it), which
    # would send markup to translators or hide the rest of the article from them.
    for event in events:
        if event.kind == "data" and text.startswith("<", event.start):
            following = text[event.start + 1 : event.start + 4]
            line = line_of(scanner.starts, event.start)
            if following.startswith("!--"):
                raise LocalizeError(f"line {line}: HTML comment '<!--' is never closed; add '-->'")
            if following[:1].isalpha() or following[:1] == "/":
                name = _TAG_NAME.match(text, event.start)
                shown = "<" + name.group(1) if name else text[event.start : event.start + 10]
                raise LocalizeError(
                    f"line {line}: tag '{shown}' is never closed; add '>' "
                    "or write a literal '<' as '&lt;'"
                )
            if following[:1] in ("!", "?") and text.find(">", event.start) < 0:
                # A browser hides the rest of the document in a bogus comment (WHATWG).
                shown = text[event.start : event.start + 2]
                raise LocalizeError(
                    f"line {line}: markup '{shown}' is never closed; add '>' "
                    "or write a literal '<' as '&lt;'"
                )


# --- the format -----------------------------------------------------------------------------


class HtmlFormat:
    """HTML documents and fragments (also used for HTML blocks inside Markdown)."""

    name: ClassVar[str] = "html"
    extensions: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml")

    def __init__(self, strict: bool = True, translate_textarea: bool = True) -> None:
        # Markdown's HTML blocks are fragments cut at blank lines; there an unclosed element is
        # normal, so the Markdown format parses them tolerantly, and keeps a <textarea>'s text
        # as written (its rule for raw text that spans blocks).
        self.strict = strict
        self.skipped = SKIPPED if translate_textarea else SKIPPED | {TEXTAREA}
        # The document last parsed: place() writes the protected markup of a unit back as
        # this source has it where the msgid folded its white space (see base.WrittenMarkup),
        # and language_replacements() finds its root element.
        self.source = ""
        self.root: RootElement | None = None
        self.body: RootElement | None = None
        # The elements inside the root that hold text and declare the source's language or
        # only a direction: the page's own, corrected in a copy as the root is.
        self.page_elements: list[RootElement] = []
        self.source_right_to_left = False

    def parse(self, text: str, lang: str) -> list[Unit]:
        self.source = text
        self.source_right_to_left = right_to_left(lang)
        walker = _Walker(text, lang, self.strict, self.skipped)
        units = walker.walk()
        self.root, self.body = walker.root, walker.body
        self.page_elements = walker.page_elements()
        return units

    def joinable_gap(self, gap: str, following: Unit) -> bool:
        # White space between two sentences renders as one space, except in a <textarea>,
        # whose line breaks the reader sees.
        # A reference shown as white space (&nbsp;) is spacing like a blank.
        if following.kind == _KIND_OF[TEXTAREA]:
            spaces = without_blank_references(gap, line_breaks=False)
            return _SPACES_ON_A_LINE.fullmatch(spaces) is not None or not spaces
        spaces = without_blank_references(gap)
        return _HTML_SPACE.fullmatch(spaces) is not None or not spaces

    def language_replacements(self, tag: str, right_to_left: bool) -> list[Replacement]:
        """The root ``<html>``'s ``lang`` and ``xml:lang`` values become ``tag`` unless they
        already name that language (``en-GB`` is within ``en``: RFC 4647 basic filtering), in
        their own quotes; ``dir`` becomes ``rtl`` for a right-to-left language (added after
        ``lang`` when the tag has none) and ``ltr`` where the source was ``rtl``. A fragment,
        without a root ``<html>``, is left as it is, and a ``lang`` the source lacks is not
        added (as po4a and translate-toolkit, which translate only a ``lang`` present). Where
        the root has no ``lang`` but ``<body>`` has one, the body's says the page's language:
        its ``lang``, ``xml:lang`` and ``dir`` are corrected the same way (an Arabic copy of
        ``<html><body lang="en">`` no longer says English inside ``<html dir="rtl">``). So are
        those of every element inside that holds text and whose ``lang`` names the source's
        language (``en`` or ``en-GB`` for an English article) or that has only a ``dir``, within
        no element naming another language: that text is the page's, translated with it,
        where a ``<q lang="fr">`` is a quotation the copy leaves as it is."""
        root = self.root
        if root is None:
            return []
        replacements = self._declared_language(root, tag, right_to_left)
        body = self.body
        body_says_page_language = (
            body is not None and _declares_language(body) and not _declares_language(root)
        )
        if body is not None and body_says_page_language:
            replacements += self._declared_language(body, tag, right_to_left)
        for element in self.page_elements:
            # The body that says the page's language in the root's place is corrected above.
            if not (body_says_page_language and body and element.name_end == body.name_end):
                replacements += self._declared_language(
                    element, tag, right_to_left, self.source_right_to_left != right_to_left
                )
        if "dir" not in root.attributes and right_to_left:
            after = root.attributes.get("lang") or root.attributes.get("xml:lang")
            if after is None:
                at, quote = root.name_end, '"'
            else:
                at, quote = after.end, self.source[after.start] if after.quoted else ""
            replacements.append(Replacement(at, at, f" dir={quote}rtl{quote}"))
        return sorted(replacements, key=lambda r: (r.start, r.end))

    def _declared_language(
        self, element: RootElement, tag: str, right_to_left: bool, turned: bool = True
    ) -> list[Replacement]:
        """The replacements of ``element``'s ``lang`` and ``xml:lang`` values that do not
        name ``tag``'s language, and of a ``dir`` value that says the other direction. An
        element inside the root has its ``dir`` corrected only where the copy's direction is
        not the source language's (``turned``): a ``dir="rtl"`` in an English page marks text
        that stays right to left in a French copy, and a copy in the source's own language
        must be the source byte for byte."""
        source = self.source
        replacements = []
        for name in ("lang", "xml:lang"):
            value = element.attributes.get(name)
            if value is not None and not _within(source[value.inner_start : value.inner_end], tag):
                replacements.append(Replacement(value.inner_start, value.inner_end, tag))
        direction = "rtl" if right_to_left else "ltr"
        written = element.attributes.get("dir")
        if written is not None and turned:
            current = source[written.inner_start : written.inner_end].strip().lower()
            if current != direction and (right_to_left or current == "rtl"):
                replacements.append(Replacement(written.inner_start, written.inner_end, direction))
        return replacements

    def _markup_as_written(self, written: str, msgid: str) -> WrittenMarkup:
        """The protected pieces of a unit's source text ``written`` whose white space its
        msgid folds ('href="a\\nb"' is not "a b"), as (folded, as written)."""
        if "<" not in written or not folds(written):
            return ()  # only tags, comments and code hold white space among protected pieces
        markup = []
        for start, end in self.protected(written):
            piece = written[start:end]
            if folds(piece) and piece == piece.strip() and fold(piece) in msgid:
                markup.append((fold(piece), piece))
        return tuple(markup)

    def declared_charset(self, raw: bytes) -> str | None:
        return declared_charset(raw)

    def place(self, unit: Unit, translation: str) -> str:
        translation = translation.strip()
        if unit.role in (Role.ALT_TEXT, Role.TITLE_ATTRIBUTE, Role.ATTRIBUTE_TEXT):
            # The unit spans the whole attribute value with its quotes: the source's quote is
            # kept (a copy's diff shows only the words, and msgstr equal to msgid rebuilds the
            # source), and an unquoted value is quoted, since a translation may hold spaces.
            quote = "'" if self.source[unit.start] == "'" else '"'
            value = _BARE_AMPERSAND.sub("&amp;", translation)
            value = value.replace("<", "&lt;").replace(">", "&gt;")
            value = value.replace(quote, "&#39;" if quote == "'" else "&quot;")
            return quote + _SPACE.sub(" ", value) + quote
        written = self._markup_as_written(self.source[unit.start : unit.end], unit.msgid)
        pieces = written_pieces(translation, written)
        for i in range(0, len(pieces), 2):
            pieces[i] = _escaped_text(pieces[i])
        return "".join(pieces)

    def protected(self, msgid: str) -> list[tuple[int, int]]:
        hidden, visible = _hidden_and_visible(msgid)
        spans = list(hidden)
        code_start = -1
        code_depth = 0
        for event in visible:
            if code_depth:
                if event.kind == "start" and event.tag == "code":
                    code_depth += 1
                elif event.kind == "end" and event.tag == "code":
                    code_depth -= 1
                    if not code_depth:
                        spans.append((code_start, _tag_end(msgid, event)))
                continue
            if event.kind == "start" and event.tag == "code":
                code_start, code_depth = event.start, 1
            elif event.kind in ("start", "startend"):
                spans.extend(tag_pieces(msgid, event.start, event.end))
            elif event.kind == "end":
                spans.append((event.start, _tag_end(msgid, event)))
            elif event.kind in ("entity", "comment", "other"):
                spans.append((event.start, event.end))
            elif event.kind == "data":
                spans.extend(bare_urls(msgid[event.start : event.end], event.start))
        if code_depth:
            spans.append((code_start, len(msgid)))
        return disjoint(spans)


def _escaped_text(text: str) -> str:
    """``text`` with each bare ``&`` and ``<`` written as a reference, except inside a script
    or style element: that is raw text (a browser reads no reference there), and an escaped
    ``a < b && c`` would be other code."""
    if "<s" not in text.lower():
        return _escape_bare(text)
    pieces = []
    position = 0
    hidden, _ = _hidden_and_visible(text)
    for start, end in hidden:
        pieces += [_escape_bare(text[position:start]), text[start:end]]
        position = end
    pieces.append(_escape_bare(text[position:]))
    return "".join(pieces)


def _escape_bare(text: str) -> str:
    return _BARE_LESS_THAN.sub("&lt;", _BARE_AMPERSAND.sub("&amp;", text))


def _hidden_and_visible(text: str) -> tuple[list[tuple[int, int]], list[Event]]:
    """Spans of the script and style elements of ``text`` (an unclosed one: to its end), and
    the events of the rest of it, in order."""
    spans = []
    visible = []
    hidden = ""  # the script or style element open, from hidden_start
    hidden_start = -1
    for event in scan(text, strict=False):
        if hidden:
            # html.parser reads a script's or style's content as raw text, up to its end tag.
            if event.kind == "end" and event.tag == hidden:
                spans.append((hidden_start, _tag_end(text, event)))
                hidden = ""
        elif event.kind == "start" and event.tag in HIDDEN:
            hidden_start, hidden = event.start, event.tag
        else:
            visible.append(event)
    if hidden:
        spans.append((hidden_start, len(text)))
    return spans, visible


def _tag_end(text: str, event: Event) -> int:
    position = event.start
    name = _TAG_NAME.match(text, event.start, event.end)
    if name:
        # Past the attributes first: a quoted value may hold a ">" (title="a > b").
        position = name.end()
        while position < event.end:
            match = _ATTRIBUTE.match(text, position, event.end)
            if not match or match.end() == position:
                break
            position = match.end()
    end = text.find(">", position, event.end)
    return event.end if end < 0 else end + 1


def attribute_values(text: str, start: int, end: int) -> list[tuple[str, int, int, bool]]:
    """(name, value start, value end, quoted) for the attributes of the tag at ``start``."""
    name = _TAG_NAME.match(text, start, end)
    if not name:
        return []
    tag_end = _tag_end(text, Event("start", start, end))
    result = []
    position = name.end()
    while position < tag_end:
        match = _ATTRIBUTE.match(text, position, tag_end)
        if not match or match.end() == position:
            break
        if match.group(3) is not None:
            value = match.group(3)
            quoted = value[:1] in ("'", '"') and len(value) >= 2 and value[-1] == value[0]
            result.append((match.group(1).lower(), match.start(3), match.end(3), quoted))
        position = match.end()
    return result


@dataclass(frozen=True)
class AttributeValue:
    """An attribute's value in the source: ``start``-``end`` with its quotes, if ``quoted``."""

    start: int
    end: int
    quoted: bool

    @property
    def inner_start(self) -> int:
        return self.start + 1 if self.quoted else self.start

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.quoted else self.end


@dataclass(frozen=True)
class TextAttribute:
    """An attribute whose value is text for a reader: what reviewers see it as (``kind``),
    its ``role`` for place(), and its ``value``."""

    kind: str
    role: Role
    value: AttributeValue


def text_attributes(text: str, start: int, end: int) -> list[TextAttribute]:
    """The attributes of the tag at ``start`` whose values are text for a reader (see
    ``_TEXT_ATTRIBUTES``, ``_TEXT_METADATA``)."""
    values = attribute_values(text, start, end)
    name = _TAG_NAME.match(text, start, end)
    metadata = _metadata_key(text, values) if name and name.group(1).lower() == "meta" else None
    found = []
    for attribute, value_start, value_end, quoted in values:
        if attribute in _TEXT_ATTRIBUTES:
            kind, role = _TEXT_ATTRIBUTES[attribute]
        elif attribute == "content" and metadata:
            kind, role = f"meta {metadata}", Role.ATTRIBUTE_TEXT
        else:
            continue
        found.append(TextAttribute(kind, role, AttributeValue(value_start, value_end, quoted)))
    return found


def _metadata_key(text: str, values: list[tuple[str, int, int, bool]]) -> str | None:
    """The ``name`` of a ``<meta>`` (else its Open Graph ``property``) when its content is text
    a reader sees."""
    named = {}
    for attribute, value_start, value_end, quoted in values:
        if attribute in ("name", "property") and attribute not in named:
            value = AttributeValue(value_start, value_end, quoted)
            named[attribute] = text[value.inner_start : value.inner_end].strip().lower()
    key = named.get("name") or named.get("property")
    return key if key in _TEXT_METADATA else None


def tag_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Protected spans of a start tag: the whole tag except the values of its text attributes
    (``alt``, ``title``, ``aria-label``...), which a translator translates in place."""
    tag_end = _tag_end(text, Event("start", start, end))
    pieces = []
    position = start
    for attribute in text_attributes(text, start, end):
        pieces.append((position, attribute.value.inner_start))
        position = attribute.value.inner_end
    pieces.append((position, tag_end))
    return pieces


@dataclass
class RootElement:
    """The document's root ``<html>`` (or its ``<body>``) start tag: where its name ends, and
    the first ``lang``, ``xml:lang`` and ``dir`` values it has."""

    name_end: int
    attributes: dict[str, AttributeValue] = field(default_factory=dict)


_LANGUAGE_ATTRIBUTES = ("lang", "xml:lang", "dir")


def _root_element(text: str, event: Event) -> RootElement | None:
    name = _TAG_NAME.match(text, event.start, event.end)
    if name is None:  # html.parser reported a tag it did not find here: nothing to mark
        return None
    root = RootElement(name.end(1))
    for attribute, value_start, value_end, quoted in attribute_values(text, event.start, event.end):
        if attribute in _LANGUAGE_ATTRIBUTES and attribute not in root.attributes:
            root.attributes[attribute] = AttributeValue(value_start, value_end, quoted)
    return root


@dataclass
class _MarkedElement:
    """An element inside the root whose start tag has a ``lang``, ``xml:lang`` or ``dir``:
    where it begins and ends (the end of the document while it is open), the language it is
    in (its own ``lang`` or the nearest enclosing one's; None where no element names one),
    and how many of its name are open inside it."""

    tag: str
    element: RootElement
    start: int
    end: int
    language: str | None
    depth: int = 1


# Where a start tag may hold a lang, xml:lang or dir: most hold none, and need no closer look.
_LANGUAGE_ATTRIBUTE_HINT = re.compile(r"lang|dir", re.IGNORECASE)


def _declared_tag(text: str, element: RootElement) -> str | None:
    value = element.attributes.get("lang") or element.attributes.get("xml:lang")
    return None if value is None else text[value.inner_start : value.inner_end]


def _declares_language(element: RootElement) -> bool:
    return "lang" in element.attributes or "xml:lang" in element.attributes


def _within(value: str, tag: str) -> bool:
    """Whether the language tag ``value`` is ``tag`` or a narrower tag of it (``en-GB`` of
    ``en``), case aside: RFC 4647 basic filtering."""
    value, tag = value.strip().lower(), tag.lower()
    return value == tag or value.startswith(tag + "-")


class _Walker:
    """One pass over the events: runs of inline content become units, block tags end them."""

    def __init__(self, text: str, lang: str, strict: bool, skipped: frozenset[str]) -> None:
        self.text = text
        self.lang = lang
        self.strict = strict
        self.skipped = skipped
        # The first <html> start tag: the root element's, where the document has one; and
        # the first <body> start tag's language attributes.
        self.root: RootElement | None = None
        self.body: RootElement | None = None
        # Every other element with language attributes, and those of them still open.
        self.marked: list[_MarkedElement] = []
        self.open_marked: list[_MarkedElement] = []
        self.events = scan(text, strict)
        self.starts = line_starts(text)
        self.units: list[Unit] = []
        self.block = 0
        self.stack: list[str] = []
        self.inline: list[Event] = []

    def line(self, offset: int) -> int:
        return line_of(self.starts, offset)

    def walk(self) -> list[Unit]:
        skipping = ""
        depth = 0
        opened_at = 0
        textarea_at = -1  # where the <textarea> still open began, in an HTML article
        translate_textarea = TEXTAREA not in self.skipped
        for event in self.events:
            if skipping:
                if event.tag == skipping and event.kind == "start":
                    depth += 1
                elif event.tag == skipping and event.kind == "end":
                    depth -= 1
                    if depth == 0:
                        self.track_language(event)
                    if depth == 0 and skipping in HIDDEN:
                        # Running text goes on around it; alone, or at either end of the
                        # text, it is trimmed away with the comments (flush).
                        self.inline.append(
                            Event("hidden", opened_at, _tag_end(self.text, event), skipping)
                        )
                    skipping = "" if depth == 0 else skipping
                continue
            if event.tag == "html" and event.kind in ("start", "startend") and self.root is None:
                # Wherever the first <html> tag stands, HTML gives its attributes to the root.
                self.root = _root_element(self.text, event)
            if event.tag == "body" and event.kind in ("start", "startend") and self.body is None:
                self.body = _root_element(self.text, event)
            self.track_language(event)
            if event.tag == TEXTAREA and translate_textarea and event.kind in ("start", "end"):
                textarea_at = event.start if event.kind == "start" else -1
            if event.kind in ("start", "startend", "end"):
                tag = event.tag
                if tag in self.skipped and event.kind == "start":
                    if tag not in HIDDEN:
                        self.flush()
                    skipping, depth, opened_at = tag, 1, event.start
                elif tag in INLINE:
                    self.inline.append(event)
                else:
                    self.flush()
                    self.structure(event)
                    if event.kind != "end":
                        self.attribute_units([event])
            elif event.kind in ("data", "entity") or self.inline:
                self.inline.append(event)
        self.flush()
        if self.strict and (skipping or textarea_at >= 0):
            tag, at = (skipping, opened_at) if skipping else (TEXTAREA, textarea_at)
            raise LocalizeError(f"line {self.line(at)}: <{tag}> is never closed; add </{tag}>")
        return self.units

    def track_language(self, event: Event) -> None:
        """Follow the elements with language attributes: open one at its start tag (with the
        language it is in), close it at its end tag, counting those of its name nested in it.
        One never closed (``<p lang="en">`` without ``</p>``) runs to the document's end."""
        tag = event.tag
        if tag == "html" or event.kind not in ("start", "end") or tag in VOID:
            return
        if event.kind == "end":
            for marked in reversed(self.open_marked):
                if marked.tag == tag:
                    marked.depth -= 1
                    if marked.depth == 0:
                        marked.end = event.end
            self.open_marked = [marked for marked in self.open_marked if marked.depth > 0]
            return
        for marked in self.open_marked:
            if marked.tag == tag:
                marked.depth += 1
        if not _LANGUAGE_ATTRIBUTE_HINT.search(self.text, event.start, event.end):
            return
        element = _root_element(self.text, event)
        if element is None or not element.attributes:
            return
        language = _declared_tag(self.text, element)
        if language is None and self.open_marked:
            language = self.open_marked[-1].language
        marked = _MarkedElement(tag, element, event.start, len(self.text), language)
        self.marked.append(marked)
        self.open_marked.append(marked)

    def page_elements(self) -> list[RootElement]:
        """The marked elements that hold text (a unit begins inside them) in the source's
        language, or in none named (only a ``dir``): the page's, not a quoted passage's. One
        inside a sentence (``<span lang="en">``) is left out: it is part of the msgid, and
        the translation writes it as the translator gave it."""
        base = base_language(self.lang)
        spans = sorted((unit.start, unit.end) for unit in self.units)
        starts = [start for start, _ in spans]
        ends = [end for _, end in spans]
        elements = []
        for marked in self.marked:
            if marked.language is not None and not _within(marked.language, base):
                continue
            enclosing = bisect_right(starts, marked.start) - 1
            if enclosing >= 0 and ends[enclosing] > marked.start:
                continue  # its start tag is in a unit's text
            first = bisect_left(starts, marked.start)
            if first < len(starts) and starts[first] < marked.end:
                elements.append(marked.element)
        return elements

    def structure(self, event: Event) -> None:
        tag = event.tag
        if event.kind == "end":
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        if event.kind == "startend" or tag in VOID:
            return
        # Optional end tags (HTML 5): a new item or block closes the open <p>/<li>.
        if self.stack and self.stack[-1] == "p":
            self.stack.pop()
        if tag in ("li", "dt", "dd", "td", "th", "tr") and tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        self.stack.append(tag)

    def kind(self) -> tuple[str, Role]:
        """The open block's kind as reviewers see it, and its role."""
        for tag in reversed(self.stack):
            if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
                return f"heading {tag[1]}", Role.HEADING
        for tag in reversed(self.stack):
            if tag in _KIND_OF:
                return _KIND_OF[tag], Role.TABLE_CELL if tag in ("td", "th") else Role.PROSE
        return "paragraph", Role.PROSE

    def attribute_units(self, events: list[Event]) -> None:
        text = self.text
        for event in events:
            if event.kind not in ("start", "startend"):
                continue
            for attribute in text_attributes(text, event.start, event.end):
                value = attribute.value
                inner = text[value.inner_start : value.inner_end]
                if inner.strip():
                    self.block += 1
                    line = self.line(value.start)
                    self.units.append(
                        Unit(
                            fold(inner),
                            value.start,
                            value.end,
                            line,
                            self.block,
                            attribute.kind,
                            attribute.role,
                        )
                    )

    def flush(self) -> None:
        run, self.inline = self.inline, []
        text = self.text

        def insignificant(event: Event) -> bool:
            if event.kind == "data":
                return not text[event.start : event.end].strip()
            return event.kind in ("comment", "other", "hidden") or (
                event.kind != "end" and event.tag in ("br", "wbr")
            )

        while run and insignificant(run[0]):
            run.pop(0)
        while run and insignificant(run[-1]):
            run.pop()
        if not run:
            return
        pieces, ranges, has_text = self.markup(run)
        if not has_text:
            self.attribute_units(run)
            return
        start = run[0].start
        end = run[-1].end
        content = text[start:end]
        lead = len(content) - len(content.lstrip())
        start += lead
        end = start + len(content.strip())
        content = text[start:end]
        pieces = [Piece(p.start - start, p.end - start, p.role) for p in pieces]
        ranges = [(a - start, b - start) for a, b in ranges]
        spans = sentence_spans(content, pieces, ranges, self.lang)
        if not spans:
            return
        self.block += 1
        kind, role = self.kind()
        for a, b in spans:
            line = self.line(start + a)
            self.units.append(
                Unit(fold(content[a:b]), start + a, start + b, line, self.block, kind, role)
            )

    def markup(self, run: list[Event]) -> tuple[list[Piece], list[tuple[int, int]], bool]:
        text = self.text
        pieces: list[Piece] = []
        ranges: list[tuple[int, int]] = []
        open_tags: list[tuple[str, int]] = []
        has_text = False
        code_start = -1
        code_depth = 0
        for event in run:
            if code_depth:
                if event.tag == "code" and event.kind == "start":
                    code_depth += 1
                elif event.tag == "code" and event.kind == "end":
                    code_depth -= 1
                    if not code_depth:
                        pieces.append(Piece(code_start, event.end, "atom"))
                        ranges.append((code_start, event.end))
                continue
            if event.kind == "data":
                chunk = text[event.start : event.end]
                has_text = has_text or bool(chunk.strip())
                for a, b in bare_urls(chunk, event.start):
                    pieces.append(Piece(a, b, "atom"))
                    ranges.append((a, b))
            elif event.kind == "start" and event.tag == "code":
                code_start, code_depth = event.start, 1
            elif event.kind == "hidden":
                pieces.append(Piece(event.start, event.end, "hidden"))
                ranges.append((event.start, event.end))
            elif event.kind == "start" and event.tag not in VOID:
                pieces.append(Piece(event.start, event.end, "open"))
                open_tags.append((event.tag, event.start))
            elif event.kind == "end":
                pieces.append(Piece(event.start, event.end, "close"))
                for i in range(len(open_tags) - 1, -1, -1):
                    if open_tags[i][0] == event.tag:
                        ranges.append((open_tags[i][1], event.end))
                        del open_tags[i:]
                        break
            else:
                pieces.append(Piece(event.start, event.end, "atom"))
                ranges.append((event.start, event.end))
        if code_depth:
            pieces.append(Piece(code_start, run[-1].end, "atom"))
            ranges.append((code_start, run[-1].end))
        return pieces, ranges, has_text


# --- character set --------------------------------------------------------------------------

# WHATWG: these labels mean windows-1252 in HTML, whatever Python's codecs say.
_WINDOWS_1252_LABELS = frozenset(
    {
        "latin1",
        "iso-8859-1",
        "iso8859-1",
        "iso_8859-1",
        "l1",
        "us-ascii",
        "ascii",
        "cp819",
        "ibm819",
        "iso-ir-100",
        "csisolatin1",
        "ansi_x3.4-1968",
        "windows-1252",
        "cp1252",
    }
)
_CHARSET_IN_CONTENT = re.compile(r"charset\s*=\s*[\"']?\s*([^\s\"';]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(r"encoding\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_PRESCAN_BYTES = 8192


class _CharsetFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.found or tag != "meta":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        if values.get("charset", "").strip():
            self.found = values["charset"].strip()
        elif values.get("http-equiv", "").strip().lower() == "content-type":
            match = _CHARSET_IN_CONTENT.search(values.get("content", ""))
            if match:
                self.found = match.group(1)

    handle_startendtag = handle_starttag

    def handle_pi(self, data: str) -> None:
        if not self.found and data.startswith("xml"):
            match = _XML_ENCODING.search(data)
            if match:
                self.found = match.group(1)


def declared_charset(raw: bytes) -> str | None:
    """The Python codec named by the document's ``<meta charset>``, ``http-equiv`` content type
    or XML declaration, looked for in the first 8 KB; ``None`` when there is none or the label
    is unknown. ``latin1``/``ascii`` labels mean windows-1252, as browsers read them."""
    finder = _CharsetFinder()
    finder.feed(raw[:_PRESCAN_BYTES].decode("latin-1"))
    label = (finder.found or "").strip().lower()
    if not label:
        return None
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A document that can carry an ASCII <meta> is not UTF-16 (HTML spec), whatever it says.
    return "utf-8" if name.startswith("utf-16") else name
