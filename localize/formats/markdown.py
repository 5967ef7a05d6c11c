"""Markdown articles, read with pyromark (pulldown-cmark: CommonMark, GFM tables and
strikethrough).

pulldown-cmark reports the source range of every block and inline event, so a block's inline
content is cut out of the source exactly (container markers such as ``> `` at the start of a
continuation line left out) and a unit's span is the source text of one sentence. Inline markup
stays in the msgid as written; the ranges of the markup events keep sentence splits out of
emphasis, links and code, and are what ``protected`` returns. YAML front matter is read with
PyYAML's composer, which keeps the position of every value.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, ClassVar, NamedTuple

from localize.errors import LocalizeError
from localize.formats.base import (
    Replacement,
    Role,
    Unit,
    WrittenMarkup,
    fold,
    folds,
    line_starts,
    written_pieces,
)
from localize.formats.html import HIDDEN, VOID, HtmlFormat, scan, tag_pieces
from localize.formats.inline import (
    Piece,
    bare_urls,
    disjoint,
    sentence_spans,
    without_blank_references,
)
from localize.segment import split_sentences

# Front-matter keys whose values are prose; everything else (dates, slugs, tags) is left alone.
FRONT_MATTER_KEYS = frozenset(
    {
        "title",
        "subtitle",
        "description",
        "summary",
        "excerpt",
        "caption",
        "abstract",
        "headline",
        "lead",
        "teaser",
    }
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
_LINE_PREFIX = re.compile(r"[ \t>]*")
# Runs of characters of one UTF-8 width (2, 3 or 4 bytes).
_WIDE = re.compile("[\x80-\u07ff]+|[\u0800-\uffff]+|[\U00010000-\U0010ffff]+")
_HTML_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_BLOCK_START = re.compile(r"^(#|>|[-+*](?=\s)|=+\s*$|\d{1,9}(?=[.)](?:\s|$)))")
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_UNESCAPED_BRACKET = re.compile(r"(?<!\\)([\[\]])")
_UNESCAPED_QUOTE = re.compile(r'(?<!\\)"')
# Line breaks and runs of white space; not a no-break space, the author's choice ("5\u00a0000").
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
# A hard line break written as trailing spaces; in the msgid it becomes the backslash form, the
# one that survives folding (a backslash before a space is one protected word) and translation.
_SPACES_BREAK = re.compile(r" {2,}(?=\r\n|\r|\n)")
# White space between two sentences of one paragraph: spaces, at most one line break, and the
# container markers of the next line.
_SOFT_GAP = re.compile(r"[ \t]*(?:(?:\r\n|\r|\n)[ \t>]*)?")
# A backslash before a space in a translation: a hard break the msgid carried, put back.
_FOLDED_BREAK = re.compile(r"(?<!\\)\\ (?=\S)")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_INLINE_TAGS = frozenset({"Emphasis", "Strong", "Strikethrough", "Link", "Image"})
_BREAKS = ("SoftBreak", "HardBreak")
_SKIPPED_BLOCKS = frozenset({"CodeBlock", "HtmlBlock", "MetadataBlock"})
# Elements whose text a browser shows as written: an HTML block that leaves one open (a
# "<pre>" line in a "<td>" block ends at a blank line) puts the Markdown blocks after it inside,
# as code, until its end tag (CommonMark example 148). The last three hold raw text: no tags.
_AS_WRITTEN = frozenset({"pre", "script", "style", "textarea"})
_RAW_TEXT = frozenset({"script", "style", "textarea"})
# Of those, the ones a reader never sees (html.HIDDEN): in running text, one opaque piece of
# markup that the segmenter sees as blank space (inline.Piece "hidden").
# In running text, <code> too is code, as in an HTML article.
_AS_WRITTEN_INLINE = _AS_WRITTEN | {"code"}
_AS_WRITTEN_TAG = re.compile(r"</?(?:pre|script|style|textarea)(?![A-Za-z0-9-])", re.IGNORECASE)

# One inline event of a block: (event key, value, {"start": byte, "end": byte}).
Item = tuple[str, Any, dict[str, int]]


# (event, span): the span is pyromark's Range, a TypedDict the module reads as dict[str, int].
def _events(source: str, any_reference: bool = False) -> Iterator[tuple[Any, Any]]:
    try:
        import pyromark
    except ImportError:
        raise LocalizeError(
            "reading Markdown needs the pyromark package; install it with "
            "\"pip install 'pyromark>=0.10.3,<0.11'\""
        ) from None
    options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
    # For a lone msgid every [label] resolves, so the brackets of a reference link are markup.
    callback = (lambda link: ("", "")) if any_reference else None
    return pyromark.events_with_range(source, options=options, broken_link_callback=callback)


class _BlockKind(NamedTuple):
    """A unit's kind as reviewers see it ("list item", "heading 2"), and its role for ``place``."""

    label: str
    role: Role


class _Chars:
    """Character offsets of the UTF-8 byte offsets pulldown-cmark reports."""

    def __init__(self, source: str) -> None:
        self.byte_starts: list[int] = []
        self.runs: list[tuple[int, int, int]] = []  # (char start, width, length)
        self.ascii = source.isascii()
        if self.ascii:
            return
        extra = 0
        for match in _WIDE.finditer(source):
            code = ord(source[match.start()])
            width = 2 if code < 0x800 else 3 if code < 0x10000 else 4
            length = match.end() - match.start()
            self.byte_starts.append(match.start() + extra)
            self.runs.append((match.start(), width, length))
            extra += (width - 1) * length

    def __call__(self, offset: int) -> int:
        i = bisect.bisect_right(self.byte_starts, offset) - 1
        if i < 0:
            return offset
        char_start, width, length = self.runs[i]
        inside = offset - self.byte_starts[i]
        if inside < width * length:
            return char_start + inside // width
        return char_start + length + inside - width * length


# --- inline markup --------------------------------------------------------------------------


class _Markup:
    """Markup of one block's inline content: pieces for sentence splitting, ranges not to cut
    inside, protected spans, and standalone images (label and title spans)."""

    def __init__(self, content: str, run: list[Item], pos: Callable[[int], int]) -> None:
        self.pieces: list[Piece] = []
        self.ranges: list[tuple[int, int]] = []
        self.protected: list[tuple[int, int]] = []
        self.images: list[tuple[int, int, tuple[int, int] | None]] = []
        # Code spans and inline HTML: "  \n" there is not a hard break.
        self.verbatim: list[tuple[int, int]] = []
        self.breaks: list[int] = []  # where each hard line break starts
        self.only_images = True
        self.content = content
        # An element of _AS_WRITTEN_INLINE opened by an inline tag: (name, where, how deep).
        self.as_written: tuple[str, int, int] | None = None
        self._walk(run, pos)
        if self.as_written:
            self._written_as_is(self.as_written[1], len(content))
            if self.as_written[0] in HIDDEN:
                self._hidden(self.as_written[1], len(content))
        if "://" in content or "www." in content:
            self._bare_urls()
        self.pieces.sort(key=lambda piece: piece.start)

    def _bare_urls(self) -> None:
        taken = disjoint([(p.start, p.end) for p in self.pieces])
        starts = [a for a, _ in taken]
        for a, b in bare_urls(self.content):
            i = bisect.bisect_right(starts, a) - 1
            if (i >= 0 and taken[i][1] > a) or (i + 1 < len(taken) and taken[i + 1][0] < b):
                continue
            self.pieces.append(Piece(a, b, "atom"))
            self.ranges.append((a, b))
            self.protected.append((a, b))

    def _add(self, start: int, end: int, role: str, protect: bool = True) -> None:
        self.pieces.append(Piece(start, end, role))
        if protect:
            self.protected.append((start, end))

    def _close(self, start: int, end: int, title: tuple[int, int] | None) -> None:
        """The ``](url "title")`` of a link or image; the title text stays translatable."""
        self.pieces.append(Piece(start, end, "close"))
        if title:
            self.protected += [(start, title[0] + 1), (title[1] - 1, end)]
        else:
            self.protected.append((start, end))

    def _walk(self, run: list[Item], pos: Callable[[int], int]) -> None:
        content = self.content
        special = "\\" in content or "&" in content  # escapes and entities to look for
        covered = 0  # content end of the previous event: a backslash before it is no escape
        links: list[tuple[int, int, str]] = []  # (start, index in protected, link type)
        images: list[int] = []
        html_stack: list[tuple[str, int]] = []
        autolink = False
        for key, value, span in run:
            if autolink:
                autolink = not (key == "End" and value == "Link")
                continue
            if key == "Text":
                if not images and self.only_images and not value.isspace():
                    self.only_images = False
                if special or links or images:
                    a, b = pos(span["start"]), pos(span["end"])
                    if special:
                        self._special(a, b, value, covered)
                    covered = b
                continue
            if key in _BREAKS:
                if key == "HardBreak":
                    if not images:
                        self.only_images = False
                    a = pos(span["start"])
                    self.breaks.append(a)
                    if content[a : a + 1] == "\\":
                        # Like an escape, one unbreakable word, but not markup to protect.
                        b = pos(span["end"])
                        self._add(a, b, "atom", protect=False)
                        self.ranges.append((a, b))
                continue
            a, b = pos(span["start"]), pos(span["end"])
            if key == "Start":
                tag = value if type(value) is str else next(iter(value))
                if tag == "Image":
                    self._add(a, a + 2, "open")
                    images.append(a)
                    covered = a + 2
                    continue
                if not images:
                    self.only_images = False
                if tag == "Link":
                    kind = value["Link"]["link_type"]
                    if kind in ("Autolink", "Email"):
                        self._add(a, b, "atom")
                        self.ranges.append((a, b))
                        autolink = True
                        covered = b
                        continue
                    self._add(a, a + 1, "open")
                    links.append((a, len(self.protected) - 1, kind))
                    covered = a + 1
                    continue
                width = _delimiter(tag, content, a)
                if width:
                    self._add(a, a + width, "open")
                covered = a + width
            elif key == "End":
                if value == "Image":
                    opened = images.pop()
                    label_end = content.find("]", max(opened + 2, covered))
                    title = _title_span(content, label_end, b)
                    self.images.append((opened + 2, label_end, title))
                    self._close(label_end, b, title)
                    self.ranges.append((opened, b))
                elif value == "Link":
                    self._end_link(links.pop(), covered, b)
                else:
                    width = _delimiter(value, content, a)
                    if width:
                        self._add(b - width, b, "close")
                        self.ranges.append((a, b))
                covered = b
            else:
                if not images:
                    self.only_images = False
                if key == "Code":
                    self._add(a, b, "atom")
                    self.ranges.append((a, b))
                    self.verbatim.append((a, b))
                elif key == "InlineHtml":
                    self._html(a, b, html_stack)
                    self.verbatim.append((a, b))
                covered = b

    def _special(self, a: int, b: int, value: str, covered: int) -> None:
        """Escapes (``\\*``) and entities (``&amp;``): each one protected, unbreakable word."""
        content = self.content
        if a > covered and content[a - 1] == "\\" and content[a : a + 1] in _ASCII_PUNCTUATION:
            self._add(a - 1, a + 1, "atom")
            self.ranges.append((a - 1, a + 1))
            a += 1  # the escaped character, even a backslash, is text
        elif content[a : a + 1] == "&" and content[a:b] != value:
            self._add(a, b, "atom")
            self.ranges.append((a, b))
            return
        # A backslash before a character that needs no escape stays in the text, but comes
        # through translation as written (it is also what a folded "\\" line break looks
        # like), as markdown-it read it.
        backslash = content.find("\\", a, b - 1)
        while backslash >= 0:
            self._add(backslash, backslash + 2, "atom")
            self.ranges.append((backslash, backslash + 2))
            backslash = content.find("\\", backslash + 2, b - 1)

    def _end_link(self, link: tuple[int, int, str], covered: int, end: int) -> None:
        opened, index, kind = link
        content = self.content
        label_end = content.find("]", max(opened + 1, covered))
        if kind.startswith("Collapsed") and content[end : end + 2] == "[]":
            end += 2  # an unresolved "[label][]" is reported without its "[]"
        if end - label_end == 1:
            # A shortcut reference "[label]" looks like plain brackets (a translator's
            # "[sic]", an engine's "[...]"): not protected, so adding or dropping brackets in
            # a translation is not reported as broken markup.
            self.protected[index] = (opened, opened)
            self.pieces.append(Piece(label_end, end, "close"))
        else:
            self._close(label_end, end, _title_span(content, label_end, end))
        self.ranges.append((opened, end))

    def _written_as_is(self, start: int, end: int) -> None:
        """``<pre>x  y</pre>`` in running text: the browser shows it as written, so it is
        protected whole (its white space too) and no sentence ends inside."""
        self.protected.append((start, end))
        self.ranges.append((start, end))

    def _hidden(self, start: int, end: int) -> None:
        """A ``<script>`` or ``<style>`` element from ``start`` to ``end`` (past its end tag,
        or the end of the text when it is never closed): its tags and content (entities,
        escapes, emphasis) become one hidden piece."""
        self.pieces = [piece for piece in self.pieces if piece.start < start]
        self.pieces.append(Piece(start, end, "hidden"))

    def _html(self, start: int, end: int, html_stack: list[tuple[str, int]]) -> None:
        raw = self.content[start:end]
        name_match = _HTML_TAG_NAME.match(raw)
        name = name_match.group(1).lower() if name_match else ""
        closing = raw.startswith("</")
        if self.as_written:
            opened, opened_at, depth = self.as_written
            if name == opened:
                depth += -1 if closing else opened not in _RAW_TEXT and not raw.endswith("/>")
            self.as_written = (opened, opened_at, depth) if depth else None
            if not depth:
                self._written_as_is(opened_at, end)
                if opened in HIDDEN:
                    self._hidden(opened_at, end)
                    html_stack[:] = [(tag, at) for tag, at in html_stack if at < opened_at]
                    return
        elif name in _AS_WRITTEN_INLINE and not closing and not raw.endswith("/>"):
            self.as_written = (name, start, 1)
        if raw.startswith("</"):
            self._add(start, end, "close")
            for i in range(len(html_stack) - 1, -1, -1):
                if html_stack[i][0] == name:
                    self.ranges.append((html_stack[i][1], end))
                    del html_stack[i:]
                    break
            return
        if not name or raw.endswith("/>") or name in VOID:
            self.pieces.append(Piece(start, end, "atom"))
            self.ranges.append((start, end))
        else:
            self.pieces.append(Piece(start, end, "open"))
            html_stack.append((name, start))
        if name:
            self.protected += tag_pieces(self.content, start, end)
        else:
            self.protected.append((start, end))


def _delimiter(tag: str, content: str, start: int) -> int:
    """Width of the opening delimiter of an emphasis element (0: not markup to record)."""
    if tag == "Emphasis":
        return 1
    if tag == "Strong":
        return 2
    if tag == "Strikethrough":
        # Only "~~text~~" is strikethrough in GFM as markdown-it reads it; "~text~" is text.
        return 2 if content[start : start + 2] == "~~" else 0
    return 0


def _title_span(content: str, label_end: int, end: int) -> tuple[int, int] | None:
    """Span of the quoted title of an inline link or image ``](dest "title")``, quotes
    included."""
    position = label_end + 1
    if content[position : position + 1] != "(" or content[end - 1 : end] != ")":
        return None
    last = end - 1
    position = _skip_space(content, position + 1, last)
    if content[position : position + 1] == "<":
        position += 1
        while position < last and content[position] != ">":
            position += 2 if content[position] == "\\" else 1
        position += 1
    else:
        depth = 0
        while position < last:
            char = content[position]
            if char == "\\":
                position += 2
                continue
            if char.isspace() or (char == ")" and not depth):
                break
            depth += (char == "(") - (char == ")")
            position += 1
    after = _skip_space(content, position, last)
    if after == position or after >= last or content[after] not in "\"'(":
        return None
    close = last
    while close > after and content[close - 1].isspace():
        close -= 1
    return (after, close) if close - after >= 2 else None


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position] in " \t\r\n":
        position += 1
    return position


# --- the document walk ----------------------------------------------------------------------


class _OpenElements:
    """The elements of ``_AS_WRITTEN`` that the article's HTML (blocks and inline tags) has
    opened and not yet closed, outermost first, with the line each opened on."""

    def __init__(self) -> None:
        self.names: list[tuple[str, int]] = []
        self.hid_text_at = 0  # line of the first block hidden inside the open ones (0: none)

    def read(self, html: str, line: int) -> int | None:
        """Follow the tags of ``html`` (starting on ``line``); return where in it the text
        stops being inside an open element: 0 when none was open, None when one still is."""
        closed = None if self.names else 0
        if not _AS_WRITTEN_TAG.search(html):
            return closed
        for event in scan(html, strict=False):
            if event.kind not in ("start", "end") or event.tag not in _AS_WRITTEN:
                continue
            innermost = self.names[-1][0] if self.names else ""
            if event.kind == "start" and innermost not in _RAW_TEXT:
                self.names.append((event.tag, line + html.count("\n", 0, event.start)))
            elif event.kind == "end" and event.tag == innermost:
                self.names.pop()
                if not self.names:
                    self.hid_text_at = 0
                    if closed is None:
                        closed = event.end
        return closed


class _Lines:
    """Line starts and ends (without terminators)."""

    def __init__(self, text: str) -> None:
        self.carriage_returns = "\r" in text
        if not self.carriage_returns:
            self.starts = line_starts(text)
            self.ends = [start - 1 for start in self.starts[1:]]
            self.ends.append(len(text))
            return
        self.starts = [0]
        self.ends = []
        for match in _LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    def number(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


class _Walker:
    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.lines = _Lines(text)
        self.units: list[Unit] = []
        self.block = 0
        # (start, end, msgid) of each alt-text unit of a shortcut or collapsed reference image:
        # its label and the brackets after it that the unit's span takes along.
        self.reference_alts: dict[tuple[int, int, str], tuple[str, str]] = {}
        self.literal_backslashes: set[tuple[int, int, str]] = set()
        # (start, end, msgid) of a unit -> (folded, as written) of each protected piece of
        # markup whose white space its msgid folded (see note_written_markup).
        self.written_markup: dict[tuple[int, int, str], WrittenMarkup] = {}
        self.open_elements = _OpenElements()

    def walk(self) -> list[Unit]:
        text = self.text
        skip_lines = self.front_matter()
        source = text
        if skip_lines:
            # Blank out the front matter but keep its length, so offsets hold.
            head = self.lines.starts[skip_lines]
            source = _NOT_LINE_BREAK.sub(" ", text[:head]) + text[head:]
        chars = _Chars(source)
        containers: list[str] = []
        heading = ""
        in_cell = False
        skipped = 0  # inside a code or HTML block: its text is not prose
        run: list[Item] = []
        marked = False  # the run has events other than text and soft breaks
        tagged = False  # the run has inline HTML
        open_elements = self.open_elements
        for event, span in _events(source):
            if type(event) is str:
                if event in _BREAKS:
                    if run:
                        run.append((event, None, span))
                        marked = marked or event == "HardBreak"
                    continue
                tag = key = event
            else:
                value = event.get("Text")
                if value is not None:
                    if not skipped:
                        run.append(("Text", value, span))
                    continue
                key = next(iter(event))
                value = event[key]
                if key != "Start" and key != "End":
                    if not skipped and key != "Html":
                        run.append((key, value, span))
                        marked = True
                        tagged = tagged or key == "InlineHtml"
                    continue
                tag = value if type(value) is str else next(iter(value))
                if tag in _INLINE_TAGS:
                    run.append((key, value, span))
                    marked = True
                    continue
            if run and (tagged or open_elements.names):
                run = self.outside_open_elements(run, chars)
            if run:
                if in_cell:
                    kind = _BlockKind("table cell", Role.TABLE_CELL)
                elif heading:
                    kind = _BlockKind(heading, Role.HEADING)
                else:
                    kind = _BlockKind(containers[-1] if containers else "paragraph", Role.PROSE)
                self.run(run, kind, chars, marked)
            run = []
            marked = tagged = False
            opening = key == "Start"
            if tag == "BlockQuote" or tag == "Item":
                if opening:
                    containers.append("block quote" if tag == "BlockQuote" else "list item")
                else:
                    containers.pop()
            elif tag == "Heading":
                heading = "heading " + value["Heading"]["level"][1:] if opening else ""
            elif tag == "TableCell":
                in_cell = opening
            elif tag in _SKIPPED_BLOCKS:
                skipped += 1 if opening else -1
                if tag == "HtmlBlock" and opening:
                    start, end = chars(span["start"]), chars(span["end"])
                    inside = self.open_elements.read(text[start:end], self.lines.number(start))
                    if not containers and inside is not None:
                        self.html_block(start, end, start + inside)
                    elif inside is None and text[start:end].strip():
                        self.hid(start)
        opened = self.open_elements
        if opened.hid_text_at and opened.names:
            name, line = opened.names[0]
            raise LocalizeError(
                f"line {line}: <{name}> is never closed, so the text from line "
                f"{opened.hid_text_at} on is inside it and not translated; add </{name}>, "
                f"or write `<{name}>` in backticks if it is not meant as a tag"
            )
        return self.units

    def hid(self, start: int) -> None:
        if not self.open_elements.hid_text_at:
            self.open_elements.hid_text_at = self.lines.number(start)

    def outside_open_elements(self, run: list[Item], chars: _Chars) -> list[Item]:
        """What of a block's inline content is not inside an element an earlier HTML block or
        tag left open (see ``_AS_WRITTEN``): the events after the end tag that closes it, or
        none. Follows the inline tags that open or close such elements."""
        opened = self.open_elements
        kept_from = None if opened.names else 0
        if opened.names:
            self.hid(chars(run[0][2]["start"]))
        depth = 0  # emphasis, links... open at this point: no unit can start inside them
        for i, (key, value, span) in enumerate(run):
            if key == "InlineHtml":
                opened.read(value, self.lines.number(chars(span["start"])))
                if kept_from is None and not opened.names:
                    kept_from = i + 1 if depth == 0 else len(run)
            elif kept_from is None and key in ("Start", "End"):
                depth += 1 if key == "Start" else -1
        if kept_from is None:
            return []
        kept = run[kept_from:]
        while kept_from and kept and (kept[0][0] in _BREAKS or _blank(kept[0])):
            kept = kept[1:]  # the line break or space after the end tag
        return kept

    # front matter ------------------------------------------------------------------------
    def front_matter(self) -> int:
        """Units of a leading YAML front matter; returns how many lines it takes (0: none)."""
        text, lines = self.text, self.lines
        if text[: lines.ends[0]].rstrip() != "---":
            return 0
        close = next(
            (
                i
                for i in range(1, len(lines.starts))
                if text[lines.starts[i] : lines.ends[i]].rstrip() in ("---", "...")
            ),
            0,
        )
        if not close:
            return 0
        import yaml

        body_start = lines.starts[1]
        body = text[body_start : lines.starts[close]]
        try:
            root = yaml.compose(body, Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            problem = getattr(error, "problem", None) or "syntax error"
            raise LocalizeError(
                f"line {line}: the front matter is not valid YAML ({problem}); "
                "fix it, or remove its '---' lines if it is not front matter"
            ) from None
        if not isinstance(root, yaml.MappingNode):
            return 0  # not front matter after all: a rule and a paragraph
        for key, value in root.value:
            name = key.value.lower() if isinstance(key, yaml.ScalarNode) else ""
            if (
                name not in FRONT_MATTER_KEYS
                or not isinstance(value, yaml.ScalarNode)
                or value.tag != "tag:yaml.org,2002:str"
                or not value.value.strip()
            ):
                continue
            start = body_start + value.start_mark.index
            end = body_start + value.end_mark.index
            end = start + len(text[start:end].rstrip())
            self.block += 1
            self.units.append(
                Unit(
                    fold(value.value),
                    start,
                    end,
                    lines.number(start),
                    self.block,
                    f"front matter {name}",
                    Role.FRONT_MATTER,
                )
            )
        return close + 1

    # blocks ------------------------------------------------------------------------------
    def run(self, run: list[Item], kind: _BlockKind, chars: _Chars, marked: bool = True) -> None:
        """Units of one block's inline events."""
        first = run[0][2]["start"]
        last = run[-1][2]["end"]  # the last event closes every element still open
        start, end = (first, last) if chars.ascii else (chars(first), chars(last))
        text = self.text
        if _with_escape(text, start) < start:
            # A block that opens with an escape ("\\*not emphasis*"): the escape belongs to
            # the unit, or a translation placed there would lose it.
            start -= 1
            first -= 1
        if end - start == last - first:
            shift = start - first

            def at(offset: int) -> int:
                return offset + shift
        else:
            at = chars
        pos: Callable[[int], int]
        if text.find("\n", start, end) < 0 and (
            not self.lines.carriage_returns or text.find("\r", start, end) < 0
        ):
            content = text[start:end]
            if not marked and not _maybe_markup(content):
                self.sentences(content, [], [], kind, start)  # plain text: no markup to find
                return
            base = start

            def pos(offset: int) -> int:
                return at(offset) - base

            source: Callable[[int], int] | int = start
        else:
            content, pos, source = _join_lines(text, start, end, run, at)
            if not marked and not _maybe_markup(content):
                self.sentences(content, [], [], kind, source)
                return
        markup = _Markup(content, run, pos)
        if markup.images and markup.only_images and kind.role is not Role.TABLE_CELL:
            self.image_units(content, markup.images, _as_function(source))
        else:
            self.sentences(
                content,
                markup.pieces,
                markup.ranges,
                kind,
                source,
                markup.verbatim,
                markup.breaks,
                markup.protected,
            )

    def sentences(
        self,
        content: str,
        pieces: list[Piece],
        ranges: list[tuple[int, int]],
        kind: _BlockKind,
        source: Callable[[int], int] | int,
        verbatim: list[tuple[int, int]] | None = None,
        breaks: list[int] | None = None,
        protected: list[tuple[int, int]] | None = None,
    ) -> None:
        """Units of the sentences of ``content``; ``source`` maps a content offset to the
        source (an int: the content is the source from there on)."""
        # Without markup, sentence_spans would return exactly the segmenter's spans.
        spans = (
            sentence_spans(content, pieces, ranges, self.lang)
            if pieces or ranges
            else split_sentences(content, self.lang)
        )
        if not spans:
            return
        self.block += 1
        block = self.block
        units = self.units
        number = self.lines.number
        # Only protected pieces with white space to fold need remembering.
        folding: list[tuple[int, int]] = []
        if protected and folds(content):
            folding = [(p, q) for p, q in protected if folds(content, p, q)]
        if isinstance(source, int) and not folding:
            for a, b in spans:
                start = source + a
                msgid = _fold_breaks(content, a, b, verbatim)
                self.note_backslashes(msgid, start, source + b, a, b, breaks)
                units.append(
                    Unit(msgid, start, source + b, number(start), block, kind.label, kind.role)
                )
            return
        at = _as_function(source)
        for a, b in spans:
            start, end = at(a), at(b - 1) + 1
            msgid = _fold_breaks(content, a, b, verbatim)
            self.note_backslashes(msgid, start, end, a, b, breaks)
            if folding:
                self.note_written_markup(msgid, start, end, content, (a, b), folding, at, verbatim)
            units.append(Unit(msgid, start, end, number(start), block, kind.label, kind.role))

    def note_backslashes(
        self, msgid: str, start: int, end: int, a: int, b: int, breaks: list[int] | None
    ) -> None:
        """Remember a unit whose "\\ " are all a literal backslash before white space (the
        source had no hard break there), so that place() does not make them line breaks."""
        if "\\ " in msgid and not any(a <= at < b for at in breaks or ()):
            self.literal_backslashes.add((start, end, msgid))

    def note_written_markup(
        self,
        msgid: str,
        start: int,
        end: int,
        content: str,
        span: tuple[int, int],
        protected: list[tuple[int, int]],
        source: Callable[[int], int],
        verbatim: list[tuple[int, int]] | None,
    ) -> None:
        """Remember the protected markup of a unit whose white space the msgid folds (a line
        break in a tag's attribute, in a link destination, in a code span): there the white
        space means something ("<foo\\nbar>" is not a link destination, href="a  \\nb" is not
        "a b"), so place() writes that markup back as the source has it."""
        a, b = span
        written = []
        for p, q in protected:
            if p < a or q > b:
                continue
            if content[p].isspace() or content[q - 1].isspace():
                continue  # white space at its edge is folded with the text around it
            folded = _fold_breaks(content, p, q, verbatim)
            if folded and folded in msgid:
                written.append((folded, self.text[source(p) : source(q - 1) + 1]))
        if written:
            # A <pre> protected whole holds its tags' pieces: the longest is placed first.
            written.sort(key=lambda pair: -len(pair[0]))
            self.written_markup[(start, end, msgid)] = tuple(written)

    def image_units(
        self,
        content: str,
        images: list[tuple[int, int, tuple[int, int] | None]],
        source: Callable[[int], int],
    ) -> None:
        # An image inside another's label (``![a ![b](x)](y)``) is part of the outer alt
        # text, which is one unit with the inner image's markup protected in it.
        outermost = [
            image
            for image in images
            if not any(o[0] < image[0] and image[1] <= o[1] for o in images if o is not image)
        ]
        for label_start, label_end, title in sorted(outermost):
            alt = content[label_start:label_end]
            if alt.strip():
                a = label_start + len(alt) - len(alt.lstrip())
                b = label_start + len(alt.rstrip())
                # pulldown-cmark's image ends before the "[]" of a collapsed reference: the
                # source text tells what follows the label.
                closing = source(label_end)
                suffix = _reference_suffix(self.text, closing)
                if suffix:
                    # "![label]" or "![label][]": the alt text is also the label that finds the
                    # image's definition, so the unit takes the closing bracket(s) along and a
                    # translation is written as "![translation][label]" (see place).
                    end = closing + len(suffix)
                    self.reference_alts[(source(a), end, fold(alt))] = (alt, suffix)
                else:
                    end = source(b - 1) + 1
                self.add_unit(fold(alt), source(a), end, _BlockKind("alt text", Role.ALT_TEXT))
            if title and content[title[0] + 1 : title[1] - 1].strip():
                self.add_unit(
                    fold(content[title[0] + 1 : title[1] - 1]),
                    source(title[0]),
                    source(title[1] - 1) + 1,
                    _BlockKind("title attribute", Role.TITLE_ATTRIBUTE),
                )

    def add_unit(self, msgid: str, start: int, end: int, kind: _BlockKind) -> None:
        self.block += 1
        line = self.lines.number(start)
        self.units.append(Unit(msgid, start, end, line, self.block, kind.label, kind.role))

    def html_block(self, start: int, end: int, outside_from: int) -> None:
        """Units of an HTML block from ``start`` to ``end``; none before ``outside_from``,
        the end of an element an earlier block left open."""
        first = self.lines.number(start) - 1
        last = self.lines.number(max(start, end - 1)) - 1
        start = self.lines.starts[first]
        chunk = self.text[start : self.lines.ends[last]]
        try:
            scan(chunk)
        except LocalizeError:
            # A tag html.parser cannot read ("<div id=x" without its ">") would reach the
            # translator as text, and its escaped "&lt;" would end the HTML block.
            return
        units = HtmlFormat(strict=False, translate_textarea=False).parse(chunk, self.lang)
        opening = len(chunk) - len(chunk.lstrip())
        base_block = self.block
        for unit in units:
            if start + unit.start < outside_from:
                continue
            if unit.start == opening:
                # The block opens with an inline tag alone on its line ("<del>\n*foo*\n</del>",
                # CommonMark's HTML block 7). That line must stay as it is, or the copy reads
                # as a Markdown paragraph: the unit starts on the next line.
                after = _LINE_BREAK.search(chunk, opening, unit.end)
                if after is None:
                    continue
                rest = chunk[after.end() : unit.end]
                if not rest.strip():
                    continue
                moved = after.end() + len(rest) - len(rest.lstrip())
                unit = replace(unit, msgid=fold(chunk[moved : unit.end]), start=moved)
                unit = replace(unit, line=unit.line + chunk.count("\n", opening, moved))
            unit = Unit(
                unit.msgid,
                start + unit.start,
                start + unit.end,
                first + unit.line,
                base_block + unit.block,
                "html " + unit.kind,
                unit.role,
                embedded_html=True,
            )
            self.units.append(unit)
            self.block = max(self.block, base_block + unit.block)


def _blank(item: Item) -> bool:
    return item[0] == "Text" and not item[1].strip(" \t\r\n")


def _reference_suffix(text: str, closing: int) -> str:
    """What closes an image's label at ``closing``: "][]" (collapsed reference), "]"
    (shortcut reference), or "" (inline image or full reference: its label is not the alt
    text)."""
    if text.startswith("][]", closing):
        return "][]"
    return "" if text[closing + 1 : closing + 2] in ("(", "[") else "]"


def _fold_breaks(content: str, start: int, end: int, verbatim: list[tuple[int, int]] | None) -> str:
    """The msgid of ``content[start:end]``: white space folded, a hard break written as
    trailing spaces turned into a backslash (not inside a code span or an inline tag)."""
    if not verbatim:
        return fold(_SPACES_BREAK.sub(lambda _: "\\", content[start:end]))

    def hard_break(match: re.Match[str]) -> str:
        at = start + match.start()
        return match.group() if any(a <= at < b for a, b in verbatim) else "\\"

    return fold(_SPACES_BREAK.sub(hard_break, content[start:end]))


def _maybe_markup(content: str) -> bool:
    """Whether text without markup events may still hold markup: escapes, entities, bare
    URLs."""
    return "\\" in content or "&" in content or "://" in content or "www." in content


def _as_function(source: Callable[[int], int] | int) -> Callable[[int], int]:
    if isinstance(source, int):
        return lambda offset: source + offset
    return source


def _with_escape(text: str, start: int) -> int:
    """``start``, or the backslash before it when text there opens with an escape
    (pulldown-cmark's escaped text starts after its backslash)."""
    if start and text[start - 1] == "\\" and text[start : start + 1] in _ASCII_PUNCTUATION:
        return start - 1
    return start


def _inline_run(source: str, any_reference: bool = False) -> list[Item]:
    """The inline events of ``source`` (one heading), block events left out."""
    run: list[Item] = []
    for event, span in _events(source, any_reference):
        if type(event) is str:
            key, value = event, None
        else:
            key, value = next(iter(event.items()))
            if key in ("Start", "End"):
                tag = value if type(value) is str else next(iter(value))
                if tag not in _INLINE_TAGS:
                    continue
        run.append((key, value, span))
    return run


def _reference_definitions(source: str) -> dict[str, Any]:
    _events(source)  # the import, with its install hint when pyromark is missing
    import pyromark

    return pyromark.reference_definitions(source)


def _label_key(label: str) -> str:
    """How CommonMark matches a link label with its definition."""
    return " ".join(label.split()).casefold()


def _shortcut_references(text: str) -> list[tuple[int, int, int]]:
    """(start, end, label start) of each shortcut or collapsed reference link or image in
    ``text``, any label taken as defined: ``[label]`` or ``[label][]`` with ``text[start:end]``
    its first part without the closing bracket and ``text[start:end][label start:]`` the label."""
    source = "# " + text + " x"
    chars = _Chars(source)
    found = []
    for event, span in _events(source, any_reference=True):
        if type(event) is str or "Start" not in event:
            continue
        value = event["Start"]
        if type(value) is str:
            continue
        tag = next(iter(value))
        if tag not in ("Link", "Image"):
            continue
        if not value[tag]["link_type"].startswith(("Shortcut", "Collapsed")):
            continue
        start = chars(span["start"]) - 2
        end = text.find("]", start)
        label_end = chars(span["end"]) - 2
        if text[label_end - 1 : label_end] == "]":
            end = label_end - 1
        found.append((start, end, 2 if tag == "Image" else 1))
    return found


def _keep_references(msgid: str, translation: str, labels: frozenset[str]) -> str:
    """Shortcut and collapsed references of ``msgid`` whose label the translation changed,
    written as full references to the original label. The references of the two texts
    are paired in order; when their numbers differ nothing is rewritten."""
    originals = _shortcut_references(msgid)
    translated = _shortcut_references(translation)
    if not originals or len(originals) != len(translated):
        return translation
    for (o_start, o_end, o_label), (t_start, t_end, t_label) in reversed(
        list(zip(originals, translated, strict=True))
    ):
        label = msgid[o_start:o_end][o_label:]
        if _label_key(label) not in labels:
            continue  # brackets in running text, not a link in this article
        if _label_key(translation[t_start:t_end][t_label:]) == _label_key(label):
            continue
        after = t_end + (3 if translation[t_end : t_end + 3] == "][]" else 1)
        piece = translation[t_start:t_end]
        translation = translation[:t_start] + f"{piece}][{label}]" + translation[after:]
    return translation


def _join_lines(
    text: str, start: int, end: int, run: list[Item], at: Callable[[int], int]
) -> tuple[str, Callable[[int], int], Callable[[int], int]]:
    """The inline content of a block that spans lines, without what container blocks put at
    the start of each continuation line (``> ``, indentation); with maps from event byte
    offsets to content offsets and from content offsets to source offsets."""
    after_break = {
        at(item[2]["end"]): _with_escape(text, at(run[i + 1][2]["start"]))
        for i, item in enumerate(run[:-1])
        if item[0] in _BREAKS
    }
    parts: list[str] = []
    sources = [start]  # source offset where each kept piece starts
    offsets = [0]  # and its content offset
    position = start
    length = 0
    for match in _LINE_BREAK.finditer(text, start, end):
        line = match.end()
        kept = after_break.get(line)
        if kept is None:
            kept = _LINE_PREFIX.match(text, line, end).end()  # type: ignore[union-attr]
        if kept == line:
            continue
        parts.append(text[position:line])
        length += line - position
        sources.append(kept)
        offsets.append(length)
        position = kept
    parts.append(text[position:end])
    content = "".join(parts)

    def pos(offset: int) -> int:
        char = at(offset)
        i = bisect.bisect_right(sources, char) - 1
        if i < 0:
            return 0
        found = offsets[i] + char - sources[i]
        # An offset inside a left-out prefix counts as the start of the next piece.
        return min(found, offsets[i + 1]) if i + 1 < len(offsets) else found

    def source(offset: int) -> int:
        i = bisect.bisect_right(offsets, offset) - 1
        return sources[i] + offset - offsets[i]

    return content, pos, source


# --- the format -----------------------------------------------------------------------------


class MarkdownFormat:
    """CommonMark articles with GFM tables, HTML blocks and YAML front matter."""

    name: ClassVar[str] = "markdown"
    extensions: ClassVar[tuple[str, ...]] = (".md", ".markdown")

    def __init__(self) -> None:
        # The link reference labels of the article last parsed: a translation that changes
        # the label of a shortcut reference ("[Foo]" -> "[Fou]") gets the original as a full
        # reference ("[Fou][Foo]"), or the link is lost. And the alt-text units of reference
        # images (see _Walker.reference_alts), and the units whose backslashes before a space
        # are text (_Walker.note_backslashes). Before any parse, nothing is rewritten.
        self.reference_labels: frozenset[str] = frozenset()
        self.reference_alts: dict[tuple[int, int, str], tuple[str, str]] = {}
        self.literal_backslashes: set[tuple[int, int, str]] = set()
        self.written_markup: dict[tuple[int, int, str], WrittenMarkup] = {}
        # Places the units of HTML blocks, which it reads in the article's text.
        self.html = HtmlFormat()

    def parse(self, text: str, lang: str) -> list[Unit]:
        self.reference_labels = frozenset(
            _label_key(label) for label in _reference_definitions(text)
        )
        walker = _Walker(text, lang)
        units = walker.walk()
        self.reference_alts = walker.reference_alts
        self.literal_backslashes = walker.literal_backslashes
        self.written_markup = walker.written_markup
        self.html.source = text
        return units

    def declared_charset(self, raw: bytes) -> str | None:
        return None  # Markdown has no way to declare one; UTF-8 unless --encoding says otherwise

    def language_replacements(self, tag: str, right_to_left: bool) -> list[Replacement]:
        # Markdown declares no language; an HTML block is a fragment, with no root element.
        return []

    def joinable_gap(self, gap: str, following: Unit) -> bool:
        # A soft line break renders as a space, and the container markers after it ("> ",
        # a list item's indent) only continue the block; two spaces before the break make it
        # a hard one, which stays, and a blank line would end the block (an HTML block). A
        # reference shown as white space (&nbsp;) is spacing like a blank; the spaces that make
        # a hard break are the ones written.
        spaces = without_blank_references(gap)
        return _SOFT_GAP.fullmatch(spaces) is not None and _SPACES_BREAK.search(gap) is None

    def place(self, unit: Unit, translation: str) -> str:
        role = unit.role
        if unit.embedded_html:
            return self.html.place(replace(unit, embedded_html=False), translation)
        # A unit sits inside one block; a line break or leading marker would start another.
        translation = _SPACE.sub(" ", translation).strip()
        if role is Role.FRONT_MATTER:
            return json.dumps(translation, ensure_ascii=False)
        if role is Role.TITLE_ATTRIBUTE:
            return '"' + _UNESCAPED_QUOTE.sub(r'\\"', translation) + '"'
        if role is Role.ALT_TEXT:
            if "[" not in unit.msgid and "]" not in unit.msgid:
                translation = _UNESCAPED_BRACKET.sub(r"\\\1", translation)
            reference = self.reference_alts.get((unit.start, unit.end, unit.msgid))
            if reference is None:
                return translation
            label, suffix = reference
            if _label_key(translation) == _label_key(label):
                return translation + suffix
            return f"{translation}][{label}]"
        if role is Role.TABLE_CELL:
            translation = _UNESCAPED_PIPE.sub(r"\\|", translation)
        if role is Role.HEADING:
            translation = _CLOSING_HASHES.sub(lambda m: m.group(1) + "\\" + m.group(2), translation)
        match = _BLOCK_START.match(translation)
        if match:
            marker = match.group(1)
            translation = (
                marker + "\\" + translation[len(marker) :]
                if marker[0].isdigit()
                else "\\" + translation
            )
        if self.reference_labels and "[" in translation:
            translation = _keep_references(unit.msgid, translation, self.reference_labels)
        key = (unit.start, unit.end, unit.msgid)
        breaks = role is Role.PROSE and "\\ " in unit.msgid and key not in self.literal_backslashes
        pieces = written_pieces(translation, self.written_markup.get(key, ()))
        for i in range(0, len(pieces), 2):
            if breaks:
                # The next line continues the same paragraph (a lazy continuation line). A
                # msgid without a hard break had none: a backslash the translation puts before
                # a space ("foo\\" + " ~~") is text.
                pieces[i] = _FOLDED_BREAK.sub(lambda _: "\\\n", pieces[i])
        return "".join(pieces)

    def protected(self, msgid: str) -> list[tuple[int, int]]:
        # The text of an ATX heading is inline content whatever it starts with ("1.", "#",
        # "<div>"); the trailing word keeps a final " #" from reading as a closing sequence.
        flat = _LINE_BREAK.sub(lambda m: " " * len(m.group()), msgid)
        source = "# " + flat + " x"
        chars = _Chars(source)

        def pos(offset: int) -> int:
            return min(chars(offset) - 2, len(flat))

        spans = _Markup(flat, _inline_run(source, any_reference=True), pos).protected
        if "[" in flat:
            # Read alone, every "[label]" is a reference, which is right for the article's
            # reference links but makes "[bar]" in "[link [bar]](/uri)" a link, and a link
            # cannot hold one: read without references too, and protect what either finds.
            spans += _Markup(flat, _inline_run(source), pos).protected
        return disjoint(spans)
