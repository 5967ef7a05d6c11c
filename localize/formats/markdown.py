"""Markdown articles, read with markdown-it-py (CommonMark, GFM tables and strikethrough).

markdown-it gives each block its source lines; the inline content of a block is located in
those lines exactly, so a unit's span is the source text of one sentence. Inline markup stays in
the msgid as written. markdown-it keeps no positions for inline tokens, so the inline rules are
wrapped to record where each markup token starts and ends: those spans keep sentence splits out
of emphasis, links and code, and are what ``protected`` returns. YAML front matter is read
with PyYAML's composer, which keeps the position of every value.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from localize.errors import LocalizeError
from localize.formats.base import Unit
from localize.formats.html import (
    VOID,
    HtmlFormat,
    Piece,
    bare_urls,
    disjoint,
    fold,
    sentence_spans,
    tag_pieces,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

# Front-matter keys whose values are prose; everything else (dates, slugs, tags) is left alone.
FRONT_MATTER_KEYS = frozenset({
    "title", "subtitle", "description", "summary", "excerpt", "caption", "abstract",
    "headline", "lead", "teaser"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HTML_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_BLOCK_START = re.compile(r"^(#|>|[-+*](?=\s)|=+\s*$|\d{1,9}(?=[.)](?:\s|$)))")
_CLOSING_HASHES = re.compile(r"(\s)(#+)$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_UNESCAPED_BRACKET = re.compile(r"(?<!\\)([\[\]])")
_UNESCAPED_QUOTE = re.compile(r'(?<!\\)"')
_SPACE = re.compile(r"\s+")
_RECORDED_RULES = ("escape", "backticks", "strikethrough", "emphasis", "link", "image",
                   "autolink", "html_inline", "entity")


# --- markdown-it with inline positions ------------------------------------------------------

def _recording(name: str, rule: Callable[[StateInline, bool], bool]
               ) -> Callable[[StateInline, bool], bool]:
    """Wrap an inline rule so the tokens it pushes carry ``meta["pos"]`` (offsets into the
    inline source); links and images also get their label and title spans."""

    def wrapper(state: StateInline, silent: bool) -> bool:
        if silent:
            return rule(state, silent)
        start = state.pos
        count = len(state.tokens)
        flushed = 1 if state.pending else 0  # the first push flushes pending text
        if not rule(state, silent):
            return False
        new = state.tokens[count + flushed:] if len(state.tokens) > count else []
        end = state.pos
        if not new:
            return True
        if name in ("emphasis", "strikethrough"):
            position = start
            for token in new:
                token.meta["pos"] = (position, position + len(token.content))
                position += len(token.content)
        elif name == "link":
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
            new[0].meta["pos"] = (start, start + 1)
            new[-1].meta["pos"] = (label_end, end)
            new[-1].meta["title"] = _title_span(state.src, label_end, end)
        elif name == "image":
            label_end = state.md.helpers.parseLinkLabel(state, start + 1, False)
            image = new[-1]
            image.meta["pos"] = (start, end)
            image.meta["label"] = (start + 2, label_end)
            image.meta["title"] = _title_span(state.src, label_end, end)
            _shift(image.children or [], start + 2)
        elif name == "autolink":
            new[0].meta["pos"] = (start, end)
            new[0].meta["atom"] = True
        else:
            for token in new:
                token.meta["pos"] = (start, end)
        return True

    return wrapper


def _title_span(src: str, label_end: int, end: int) -> tuple[int, int] | None:
    """Span of the quoted title of an inline link or image, quotes included."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    position = label_end + 1
    if src[position:position + 1] != "(":
        return None
    position += 1
    while position < end and src[position] in " \t\n":
        position += 1
    destination = parseLinkDestination(src, position, end)
    if destination.ok:
        position = destination.pos
    before = position
    while position < end and src[position] in " \t\n":
        position += 1
    if position == before:
        return None
    title = parseLinkTitle(src, position, end)
    return (position, title.pos) if title.ok else None


def _shift(tokens: list[Token], offset: int) -> None:
    for token in tokens:
        for key in ("pos", "label", "title"):
            span = token.meta.get(key)
            if span:
                token.meta[key] = (span[0] + offset, span[1] + offset)
        if token.type == "image":
            _shift(token.children or [], offset)


@functools.cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Keep escapes and entities as their own tokens: they are protected pieces.
    md.core.ruler.disable("text_join")
    rules = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    for name in _RECORDED_RULES:
        md.inline.ruler.at(name, _recording(name, rules[name]))
    return md


class _AnyReference(dict):  # type: ignore[type-arg]
    """References for a lone msgid: every ``[label]`` resolves, so its brackets are markup."""

    def get(self, key: object, default: object = None) -> dict[str, str]:
        return {"href": "", "title": ""}


# --- inline markup --------------------------------------------------------------------------

class _Markup:
    """Markup of one inline source: pieces for sentence splitting, ranges not to cut inside,
    protected spans, and standalone images."""

    def __init__(self, content: str, children: list[Token]) -> None:
        self.pieces: list[Piece] = []
        self.ranges: list[tuple[int, int]] = []
        self.protected: list[tuple[int, int]] = []
        self.images: list[Token] = []
        self.only_images = True
        self.content = content
        self._walk(children)
        taken = disjoint([(p.start, p.end) for p in self.pieces])
        starts = [a for a, _ in taken]
        for a, b in bare_urls(content):
            i = bisect.bisect_right(starts, a) - 1
            if (i >= 0 and taken[i][1] > a) or (i + 1 < len(taken) and taken[i + 1][0] < b):
                continue
            self.pieces.append(Piece(a, b, "atom"))
            self.ranges.append((a, b))
            self.protected.append((a, b))
        self.pieces.sort(key=lambda piece: piece.start)

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

    def _walk(self, children: list[Token]) -> None:
        stack: list[int] = []
        html_stack: list[tuple[str, int]] = []
        links: list[int] = []
        in_autolink = False
        for token in children:
            kind = token.type
            pos = token.meta.get("pos")
            if in_autolink:
                in_autolink = kind != "link_close"
                continue
            if kind == "image" and pos:
                label = token.meta["label"]
                self.images.append(token)
                self._add(pos[0], label[0], "open")
                only_images = self.only_images  # the alt text does not count as text
                self._walk(token.children or [])
                self.only_images = only_images
                self._close(label[1], pos[1], token.meta.get("title"))
                self.ranges.append(pos)
                continue
            if kind == "softbreak" or (kind == "text" and not token.content.strip()):
                continue
            if kind not in ("link_open", "link_close") or token.meta.get("atom"):
                self.only_images = False
            if pos is None:
                continue
            if kind in ("em_open", "strong_open", "s_open"):
                start = pos[0] - 1 if kind == "strong_open" else pos[0]
                self._add(start, start + len(token.markup), "open")
                stack.append(start)
            elif kind in ("em_close", "strong_close", "s_close"):
                self._add(pos[0], pos[0] + len(token.markup), "close")
                if stack:
                    self.ranges.append((stack.pop(), pos[0] + len(token.markup)))
            elif kind == "link_open" and token.meta.get("atom"):
                self._add(*pos, "atom")
                self.ranges.append(pos)
                in_autolink = True
            elif kind == "link_open":
                self._add(*pos, "open")
                stack.append(pos[0])
                links.append(len(self.protected) - 1)
            elif kind == "link_close":
                opened = links.pop() if links else -1
                if self.content[pos[0]:pos[1]] == "]" and opened >= 0:
                    # A shortcut reference "[label]" looks like plain brackets (a translator's
                    # "[sic]", an engine's "[...]"): not protected, so adding or dropping
                    # brackets in a translation is not reported as broken markup.
                    self.protected[opened] = (pos[0], pos[0])
                    self.pieces.append(Piece(*pos, "close"))
                else:
                    self._close(*pos, token.meta.get("title"))
                if stack:
                    self.ranges.append((stack.pop(), pos[1]))
            elif kind == "html_inline":
                self._html(pos, html_stack)
            elif kind in ("code_inline", "text_special", "hardbreak"):
                self._add(*pos, "atom", protect=kind != "hardbreak")
                self.ranges.append(pos)

    def _html(self, pos: tuple[int, int], html_stack: list[tuple[str, int]]) -> None:
        raw = self.content[pos[0]:pos[1]]
        name_match = _HTML_TAG_NAME.match(raw)
        name = name_match.group(1).lower() if name_match else ""
        if raw.startswith("</"):
            self._add(*pos, "close")
            for i in range(len(html_stack) - 1, -1, -1):
                if html_stack[i][0] == name:
                    self.ranges.append((html_stack[i][1], pos[1]))
                    del html_stack[i:]
                    break
            return
        if not name or raw.endswith("/>") or name in VOID:
            self.pieces.append(Piece(*pos, "atom"))
            self.ranges.append(pos)
        else:
            self.pieces.append(Piece(*pos, "open"))
            html_stack.append((name, pos[0]))
        if name:
            self.protected += tag_pieces(self.content, *pos)
        else:
            self.protected.append(pos)


# --- the document walk ----------------------------------------------------------------------

class _Lines:
    """Line starts and ends (without terminators) as markdown-it counts lines."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.ends: list[int] = []
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

    def walk(self) -> list[Unit]:
        text = self.text
        skip_lines = self.front_matter()
        source = text
        if skip_lines:
            # Blank out the front matter but keep its lines, so markdown-it's line map holds.
            source = "\n" * skip_lines + text[self.lines.starts[skip_lines]:]
        env: dict[str, Any] = {}
        self.env = env
        containers: list[str] = []
        heading = ""
        atx = False
        row: tuple[int, int] = (0, 0)
        in_cell = False
        for token in _markdown().parse(source, env):
            kind = token.type
            if kind in ("blockquote_open", "list_item_open"):
                containers.append("block quote" if kind == "blockquote_open" else "list item")
            elif kind in ("blockquote_close", "list_item_close"):
                containers.pop()
            elif kind == "heading_open":
                heading = f"heading {token.tag[1:]}"
                atx = token.markup.startswith("#")
            elif kind == "heading_close":
                heading = ""
            elif kind == "tr_open" and token.map:
                line = token.map[0]
                row = (line, self.lines.starts[line])
            elif kind in ("th_open", "td_open", "th_close", "td_close"):
                in_cell = kind.endswith("open")
            elif kind == "inline" and token.map:
                if in_cell:
                    row = self.cell(token.content, row)
                else:
                    block_kind = heading or (containers[-1] if containers else "paragraph")
                    self.inline(token, block_kind, atx and bool(heading))
            elif kind == "html_block" and token.map and not containers:
                self.html_block(token.map[0], token.map[1])
        return self.units

    # front matter ------------------------------------------------------------------------
    def front_matter(self) -> int:
        """Units of a leading YAML front matter; returns how many lines it takes (0: none)."""
        text, lines = self.text, self.lines
        if text[:lines.ends[0]].rstrip() != "---":
            return 0
        close = next((i for i in range(1, len(lines.starts))
                      if text[lines.starts[i]:lines.ends[i]].rstrip() in ("---", "...")), 0)
        if not close:
            return 0
        import yaml

        body_start = lines.starts[1]
        body = text[body_start:lines.starts[close]]
        try:
            root = yaml.compose(body, Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            problem = getattr(error, "problem", None) or "syntax error"
            raise LocalizeError(f"line {line}: the front matter is not valid YAML ({problem}); "
                                "fix it, or remove its '---' lines if it is not front matter"
                                ) from None
        if not isinstance(root, yaml.MappingNode):
            return 0  # not front matter after all: a rule and a paragraph
        for key, value in root.value:
            name = key.value.lower() if isinstance(key, yaml.ScalarNode) else ""
            if (name not in FRONT_MATTER_KEYS or not isinstance(value, yaml.ScalarNode)
                    or value.tag != "tag:yaml.org,2002:str" or not value.value.strip()):
                continue
            start = body_start + value.start_mark.index
            end = body_start + value.end_mark.index
            end = start + len(text[start:end].rstrip())
            self.block += 1
            self.units.append(Unit(fold(value.value), start, end, lines.number(start),
                                   self.block, f"front matter {name}"))
        return close + 1

    # blocks ------------------------------------------------------------------------------
    def inline(self, token: Token, kind: str, atx: bool) -> None:
        content = token.content
        first_line = token.map[0] if token.map else 0
        offsets: list[int] = []  # content offset of each line
        bases: list[int] = []  # source offset of each line's first content character
        position = 0
        for number, line in enumerate(content.split("\n")):
            index = first_line + number
            source_line = self.text[self.lines.starts[index]:self.lines.ends[index]]
            offsets.append(position)
            bases.append(self.lines.starts[index] + _locate(source_line, line, atx))
            position += len(line) + 1

        def source(offset: int) -> int:
            i = bisect.bisect_right(offsets, offset) - 1
            return bases[i] + offset - offsets[i]

        markup = _Markup(content, token.children or [])
        if markup.images and markup.only_images:
            self.image_units(content, markup.images, source)
            return
        self.sentences(content, markup, kind, source)

    def sentences(self, content: str, markup: _Markup, kind: str,
                  source: Callable[[int], int]) -> None:
        spans = sentence_spans(content, markup.pieces, markup.ranges, self.lang)
        if not spans:
            return
        self.block += 1
        for a, b in spans:
            start, end = source(a), source(b - 1) + 1
            self.units.append(Unit(fold(content[a:b]), start, end, self.lines.number(start),
                                   self.block, kind))

    def image_units(self, content: str, images: list[Token],
                    source: Callable[[int], int]) -> None:
        for image in images:
            label_start, label_end = image.meta["label"]
            alt = content[label_start:label_end]
            if alt.strip():
                a = label_start + len(alt) - len(alt.lstrip())
                b = label_start + len(alt.rstrip())
                self.add_unit(fold(alt), source(a), source(b - 1) + 1, "alt text")
            title = image.meta.get("title")
            if title and content[title[0] + 1:title[1] - 1].strip():
                self.add_unit(fold(content[title[0] + 1:title[1] - 1]), source(title[0]),
                              source(title[1] - 1) + 1, "title attribute")

    def add_unit(self, msgid: str, start: int, end: int, kind: str) -> None:
        self.block += 1
        self.units.append(Unit(msgid, start, end, self.lines.number(start), self.block, kind))

    def cell(self, content: str, row: tuple[int, int]) -> tuple[int, int]:
        """Units of one table cell. markdown-it unescapes ``\\|`` in cell content, so the cell
        is found again in the row's source line and its raw text parsed on its own."""
        line, cursor = row
        if not content:
            return row
        pattern = "".join(r"\\?\|" if ch == "|" else re.escape(ch) for ch in content)
        match = re.compile(pattern).search(self.text, cursor, self.lines.ends[line])
        if not match:
            return row
        raw = match.group()
        tokens = _markdown().parseInline(raw, self.env)
        markup = _Markup(raw, tokens[0].children or [] if tokens else [])
        base = match.start()
        self.sentences(raw, markup, "table cell", lambda offset: base + offset)
        return line, match.end()

    def html_block(self, first: int, last: int) -> None:
        start = self.lines.starts[first]
        chunk = self.text[start:self.lines.ends[last - 1]]
        units = HtmlFormat(strict=False).parse(chunk, self.lang)
        base_block = self.block
        for unit in units:
            self.units.append(Unit(unit.msgid, start + unit.start, start + unit.end,
                                   first + unit.line, base_block + unit.block,
                                   "html " + unit.kind))
            self.block = max(self.block, base_block + unit.block)


def _locate(source_line: str, content_line: str, atx: bool) -> int:
    """Where ``content_line`` (block content, container markers stripped) starts in its source
    line."""
    if atx:
        position = source_line.find("#")
        while position < len(source_line) and source_line[position] == "#":
            position += 1
        found = source_line.find(content_line, position)
        return found if found >= 0 else position
    if source_line.endswith(content_line):
        return len(source_line) - len(content_line)
    trimmed, wanted = source_line.rstrip(), content_line.rstrip()
    if trimmed.endswith(wanted):
        return len(trimmed) - len(wanted)
    # A tab partly used as indentation comes back as spaces: align on the visible text.
    visible = content_line.lstrip()
    found = source_line.rfind(visible) if visible else -1
    return found - (len(content_line) - len(visible)) if found >= 0 else 0


# --- the format -----------------------------------------------------------------------------

class MarkdownFormat:
    """CommonMark articles with GFM tables, HTML blocks and YAML front matter."""

    name: ClassVar[str] = "markdown"
    extensions: ClassVar[tuple[str, ...]] = (".md", ".markdown")

    def parse(self, text: str, lang: str) -> list[Unit]:
        return _Walker(text, lang).walk()

    def declared_charset(self, raw: bytes) -> str | None:
        return None  # Markdown has no way to declare one; UTF-8 unless --encoding says otherwise

    def place(self, unit: Unit, translation: str) -> str:
        kind = unit.kind
        if kind.startswith("html "):
            return HtmlFormat().place(replace(unit, kind=kind[5:]), translation)
        # A unit sits inside one block; a line break or leading marker would start another.
        translation = _SPACE.sub(" ", translation).strip()
        if kind.startswith("front matter"):
            return json.dumps(translation, ensure_ascii=False)
        if kind == "title attribute":
            return '"' + _UNESCAPED_QUOTE.sub(r'\\"', translation) + '"'
        if kind == "alt text":
            if "[" in unit.msgid or "]" in unit.msgid:
                return translation
            return _UNESCAPED_BRACKET.sub(r"\\\1", translation)
        if kind == "table cell":
            translation = _UNESCAPED_PIPE.sub(r"\\|", translation)
        if kind.startswith("heading"):
            translation = _CLOSING_HASHES.sub(lambda m: m.group(1) + "\\" + m.group(2),
                                              translation)
        match = _BLOCK_START.match(translation)
        if match:
            marker = match.group(1)
            if marker[0].isdigit():
                return marker + "\\" + translation[len(marker):]
            return "\\" + translation
        return translation

    def protected(self, msgid: str) -> list[tuple[int, int]]:
        tokens = _markdown().parseInline(msgid, {"references": _AnyReference()})
        children = tokens[0].children or [] if tokens else []
        return disjoint(_Markup(msgid, children).protected)
