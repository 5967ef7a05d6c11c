"""The layout a catalog file already has, kept when localize rewrites it.

Editors re-save catalogs in their own style: msgcat and Lokalize wrap strings at 79-80
columns, localize writes them unwrapped. Rewriting a whole file in another style buries the one
approval that changed in a diff of every long entry. So every entry whose content is unchanged
is written back exactly as it was read, and a changed or new entry is written in the file's
style: its strings wrapped at the width the file uses, at the places GNU msgcat breaks them
(``msgcat_wrap``: a file an editor saved stays as ``msgcat --width=W`` would write it), its
comments wrapped only if the file wraps them, its lines ended as the file ends them (Poedit on
Windows writes CRLF).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import polib

from localize.msgcat_wrap import column_width, entry_lines, is_comment, wrap_strings

UNWRAPPED = 0
NEWLINE = "\n"
CRLF = "\r\n"
# A line longer than this is not an editor's wrapping: the file is unwrapped.
WIDEST_WRAP = 100
# The widths editors wrap at: gettext's default (msgcat, msgmerge, Poedit) and Lokalize's.
# Tried first, since a file's widest line is often a column or two short of its width.
USUAL_WIDTHS = (79, 80)
# How many columns short of msgcat's width a file's widest string line may be and still tell
# it: a break falls before a word that would not fit, so the widest line is rarely shorter. It
# is not always the width: a line without a space (a URL msgcat broke after a slash) is left
# out of the measure, yet may need a column or two more to stay whole (test_wrapping).
_WIDTH_SLACK = 2
# polib's default width: a file polib wrapped whose strings do not tell their width (no line
# of a wrapped string holds a space: URLs, Chinese, Japanese) is taken to be at it.
POLIB_WIDTH = 78
# Wrapped blocks kept to tell the width by: enough to see how a few long strings were broken.
WIDTH_SAMPLES = 24
# A line holding only white space is blank: the CR of a CRLF line end counts as white space.
_BLANK_LINES = re.compile(r"\n(?:[ \t\r]*\n)+")
_STRING_LINE = re.compile(
    r'^(?:#[~|] )?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) |^(?:#[~|] )?"'
)
# A continued string line holding one word (and the space after it): a word longer than the
# width is not broken, so its line is no measure of the width (the pseudo engine's long marks).
_ONE_WORD = re.compile(r'^(?:#[~|] )?"[^ ]* ?"$')
_OPENS_WRAPPED = re.compile(r'^(?:#[~|] )?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) ""$')


@dataclass
class Layout:
    """How a catalog file was written: its wrap width, and the text of each entry as read,
    by what the entry holds.

    Entries are found by a digest of what they hold, and an entry read exactly as localize
    writes it keeps no text at all (``AS_WRITTEN``): holding what each entry holds and its
    text as read, two copies of a large catalog, was the largest part of an update's memory.
    """

    width: int = UNWRAPPED
    wrap_comments: bool = False
    # Whether the file's strings break where msgcat breaks them at ``width`` (an editor saved
    # it with gettext's tools, or Lokalize); else another tool wrapped it (polib, pybabel),
    # and polib's wrapping is the closer match.
    msgcat_breaks: bool = False
    header: tuple[str, str] | None = None  # (what the header holds, its text as read)
    entries: dict[bytes, str | None] = field(default_factory=dict)
    # How the file ends the lines localize writes in it (``line_end_of``). A text as read
    # keeps its own line ends; only the text rendered now is given these.
    line_end: str = NEWLINE

    def header_text(self, content: str) -> str:
        """The header block (header comment and metadata entry) to write."""
        if self.header is not None and self.header[0] == content:
            return self.header[1]
        if self.width != UNWRAPPED and self.msgcat_breaks:
            content = wrap_strings(content, self.width)
        return with_line_ends(content, self.line_end)

    def entry_text_and_content(
        self, entry: polib.POEntry, renders: Renders | None = None
    ) -> tuple[str, str]:
        """The entry as it was read if nothing in it changed, else in the file's style; and
        its ``content_of``, rendered once."""
        content = content_of(entry, renders)
        key = content_digest(content)
        if key in self.entries:
            kept = self.entries[key]
            return (content if kept is AS_WRITTEN else kept), content
        shown = render(
            entry, self.width, wrap_comments=self.wrap_comments, msgcat_breaks=self.msgcat_breaks
        )
        return with_line_ends(shown, self.line_end), content


AS_WRITTEN = None  # the entry's text as read is its content unwrapped
# Line breaks other than "\n" that str.splitlines (and so polib's unwrapped strings) breaks at:
# a file holding one (or a blank line inside an entry) is measured by reading it, not predicted
# (``WrittenShape``). A character class alone: with "\n\n" as an alternative, the search took
# twice as long on every entry written.
_ODD_LINE_BREAK = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass
class WrittenShape:
    """The layout ``read_layout`` will find in a file localize is writing, gathered from the
    text of each block as it is written, without reading the file back: known only when the
    file is in localize's own style (every block unwrapped, as its content renders)."""

    layout: Layout = field(default_factory=Layout)
    own_style: bool = True
    # Each entry's content, in the order written (for ``Renders`` next time), and its digest.
    contents: list[str] = field(default_factory=list)
    keys: list[bytes] = field(default_factory=list)
    # Entries gathered at most: the contents are the catalog's whole text, which a catalog of
    # a long article (tens of thousands of entries) would otherwise hold once more while it is
    # written. Past it nothing is gathered, and the next read of the file remembers it.
    most: int | None = None

    def add_header(self, content: str, text: str) -> None:
        self.own_style = self.own_style and plain_text(text) and text.endswith("\n")
        self.layout.header = (content, text)

    def add_entry(self, content: str, text: str) -> None:
        self.own_style = self.own_style and text == content and plain_text(text)
        if self.own_style and self.most is not None and len(self.contents) >= self.most:
            self.own_style = False
            self.layout.entries.clear()
            self.contents.clear()
            self.keys.clear()
        if self.own_style:
            key = content_digest(content)
            self.layout.entries[key] = AS_WRITTEN
            self.contents.append(content)
            self.keys.append(key)


def line_end_of(text: str) -> str:
    """How the catalog ``text`` ends the lines localize writes in it: as it ends its blank
    lines, which separate its entries, or, without any, most of its lines. Not simply most
    lines: msgcat run on a CRLF file keeps the CR of each comment line (as part of the
    comment) and ends every other line, blank lines too, with a newline alone."""
    if "\r" not in text:  # almost every file: one quick scan
        return NEWLINE
    crlf_blank, newline_blank = text.count("\n\r\n"), text.count("\n\n")
    if crlf_blank or newline_blank:
        return CRLF if crlf_blank > newline_blank else NEWLINE
    return CRLF if 2 * text.count(CRLF) > text.count(NEWLINE) else NEWLINE


def with_line_ends(text: str, line_end: str) -> str:
    """``text``, rendered with newlines, with each line ended by ``line_end``. A PO string
    holds its line breaks escaped (``\\n``): a newline in a rendered entry ends a line."""
    return text if line_end == NEWLINE else text.replace(NEWLINE, line_end)


def plain_text(text: str) -> bool:
    """Whether ``text`` (a header or entry as written) reads back the same when split into
    the entries of a catalog: no blank line inside it, no line break other than a newline."""
    return "\n\n" not in text and _ODD_LINE_BREAK.search(text) is None


# A few entries back: an entry written is digested for its layout and then for the written
# shape, one right after the other (``catalog_chunks``); more would hold a catalog's text here.
@lru_cache(maxsize=64)
def content_digest(content: str) -> bytes:
    # 128 bits: two different entries of one catalog never share a digest in practice.
    return hashlib.blake2b(content.encode("utf-8"), digest_size=16).digest()


# What an entry holds (``fields_of``) -> its text unwrapped (``content_of``), for entries
# rendered before: rendering every entry with polib again was most of writing a long catalog
# in which one sentence changed.
Renders = dict[tuple, str]


def fields_of(entry: polib.POEntry) -> tuple:
    """Everything polib renders of an entry, as a key (``Renders``)."""
    plural = entry.msgstr_plural
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        tuple(sorted(plural.items())) if plural else (),
        bool(entry.obsolete),
        entry.comment,
        entry.tcomment,
        tuple(map(tuple, entry.occurrences)),
        tuple(entry.flags),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
    )


def content_of(entry: polib.POEntry, renders: Renders | None = None) -> str:
    """Everything the entry holds, independent of wrapping."""
    if renders:
        known = renders.get(fields_of(entry))
        if known is not None:
            return known
    return entry.__unicode__(UNWRAPPED)


def render(
    entry: polib.POEntry, width: int, *, wrap_comments: bool, msgcat_breaks: bool = False
) -> str:
    if msgcat_breaks and width != UNWRAPPED:
        # Strings broken where msgcat breaks them (polib's textwrap breaks elsewhere and starts
        # lines with the space), so that the next save in an editor changes nothing.
        return entry_lines(entry, width, wrap_comments=wrap_comments)
    if width == UNWRAPPED or wrap_comments:
        return entry.__unicode__(width)
    # polib wraps comments and strings alike; msgcat wraps only strings.
    comments = [line for line in entry.__unicode__(UNWRAPPED).split("\n") if is_comment(line)]
    strings = [line for line in entry.__unicode__(width).split("\n") if not is_comment(line)]
    return "\n".join(comments + strings)


def read_layout(
    text: str, po: polib.POFile, header_content: str, contents: list[str] | None = None
) -> Layout | None:
    """The layout of ``text``, the file ``po`` was parsed from; None when its blocks cannot be
    matched with the entries one to one (then the file is written in localize's own style,
    with its line ends: ``plain_layout``). ``contents`` receives each entry's ``content_of``,
    in order, when the layout is found."""
    # One pass over the blocks, none of them held: a catalog of 50 MB.
    blocks = _blocks(text)
    first = next(blocks, None)
    has_header = first is not None and _is_header_block(first)
    entry_blocks = blocks if has_header or first is None else chain((first,), blocks)
    widths = _Widths()
    kept: dict[bytes, str | None] = {}
    found: list[str] = []
    entries = iter(po)
    for block in entry_blocks:
        entry = next(entries, None)
        if entry is None:
            return None  # more blocks than entries
        if entry.obsolete != any(line.startswith("#~ msgid") for line in block.split("\n")):
            return None
        widths.measure(block)
        content, as_read = content_of(entry), block + "\n"
        kept[content_digest(content)] = AS_WRITTEN if as_read == content else as_read
        if contents is not None:
            found.append(content)  # given only when the whole layout is found
    if next(entries, None) is not None:
        return None  # more entries than blocks
    width, wrap_comments, msgcat_breaks = widths.result()
    layout = Layout(
        width=width,
        wrap_comments=wrap_comments,
        msgcat_breaks=msgcat_breaks,
        entries=kept,
        line_end=line_end_of(text),
    )
    if has_header:
        assert first is not None
        layout.header = (header_content, first + "\n")
    if contents is not None:
        contents += found
    return layout


def plain_layout(text: str) -> Layout | None:
    """The layout of the file ``text`` when its blocks were not matched with its entries
    (``read_layout``): localize's own style (None), but with the file's line ends."""
    line_end = line_end_of(text)
    return None if line_end == NEWLINE else Layout(line_end=line_end)


def _blocks(text: str) -> Iterator[str]:
    """The blank-line separated blocks of ``text`` that hold something, in order."""
    # Positions, not text.strip("\n"): that would copy a catalog of tens of megabytes.
    stripped_start, stripped_end = 0, len(text)
    while stripped_start < stripped_end and text[stripped_start] == "\n":
        stripped_start += 1
    while stripped_end > stripped_start and text[stripped_end - 1] == "\n":
        stripped_end -= 1
    position = stripped_start
    for match in _BLANK_LINES.finditer(text, stripped_start, stripped_end):
        block = text[position : match.start()]
        if block.strip():
            yield block
        position = match.end()
    block = text[position:stripped_end]
    if block.strip():
        yield block


def _is_header_block(block: str) -> bool:
    lines = [line for line in block.split("\n") if not line.startswith("#")]
    return (
        bool(lines)
        and lines[0].strip() == 'msgid ""'
        and (len(lines) < 2 or lines[1].startswith("msgstr"))
    )


class _Widths:
    """The wrap width of the strings (0: unwrapped) and whether comments are wrapped too,
    measured block by block."""

    def __init__(self) -> None:
        self.widest_string = self.widest_comment = 0
        # In columns, and counting the lines of wide characters without spaces (Chinese and
        # Japanese break between them), which widest_string leaves out: msgcat's width.
        self.widest_columns = 0
        # The widest line (in columns) broken before a word that would have fit on it at a
        # usual width, or itself about as wide: where it ends tells the width. A line broken
        # before a long URL would be broken at any width, and the widest line of such a file
        # (or of its one-line strings) says nothing of its width (0: no line tells it).
        self.widest_telling = 0
        self.wrapped = False
        # The longest a comment line would be with the first word of the next comment line of
        # its kind joined on: a file's width under it means a wrapper broke the comment there.
        self.comment_broken_below = 0
        self.samples: list[str] = []  # blocks with a wrapped string, to tell the width by

    def measure(self, block: str) -> None:
        lines = block.split("\n")
        if "\r" in block:  # a CRLF line end is no part of the line's width
            lines = [line.removesuffix("\r") for line in lines]
        sampled = False
        for index, line in enumerate(lines):
            if _STRING_LINE.match(line):
                one_word = _ONE_WORD.match(line) is not None
                if not one_word:
                    self.widest_string = max(self.widest_string, len(line))
                columns = len(line) if line.isascii() else sum(map(column_width, line))
                measures = not one_word or columns > len(line)
                if measures:
                    self.widest_columns = max(self.widest_columns, columns)
                follows = lines[index + 1] if index + 1 < len(lines) else ""
                if (
                    measures
                    and columns > self.widest_telling
                    and _tells_width(line, columns, follows)
                ):
                    self.widest_telling = columns
                if _OPENS_WRAPPED.match(line) and follows.lstrip("#~| ").startswith('"'):
                    breaks_inside = not follows.rstrip().endswith('\\n"')
                    self.wrapped = self.wrapped or breaks_inside
                    # One sample per block, however many of its strings are wrapped: the
                    # same block twice was wrapped twice at every width tried.
                    if breaks_inside and not sampled and len(self.samples) < WIDTH_SAMPLES:
                        self.samples.append("\n".join(lines))
                        sampled = True
            elif line.startswith("#"):
                self.widest_comment = max(self.widest_comment, len(line))
                kind = next((k for k in ("#. ", "# ") if line.startswith(k)), None)
                above = lines[index - 1] if index else ""
                if kind is not None and above.startswith(kind):
                    first_word = line[len(kind) :].split(" ", 1)[0]
                    joined = len(above) + 1 + len(first_word)
                    self.comment_broken_below = max(self.comment_broken_below, joined)

    def result(self) -> tuple[int, bool, bool]:
        """The width, whether comments are wrapped, and whether strings break as msgcat's."""
        if not self.wrapped or self.widest_string > WIDEST_WRAP:
            return UNWRAPPED, False, False
        width = self._msgcat_width()
        if width is not None:
            # msgcat never wraps a note: comments are wrapped only where another tool that
            # wrote the file did it (a line broken before a word that would have fit on it).
            wrapped_comments = width < self.comment_broken_below and self.widest_comment <= width
            return width, wrapped_comments, True
        width = self.widest_string if self.widest_telling else POLIB_WIDTH
        return width, self.widest_comment <= width, False

    def _msgcat_width(self) -> int | None:
        """The width msgcat would have wrapped the file at to break its strings where they
        are broken: a usual width first (the widest line is often a column or two short of
        it), then, if a line tells the width, the widest line and the two widths after it;
        None when none of them explains them (another tool wrapped the file). Wider widths are
        not tried: each costs a wrap of every sample, and a file another tool wrapped tries
        them all in vain. A file whose lines tell no width (its wrapped strings are long URLs)
        is not read as its widest line: every width from it to where a URL would have fit
        breaks it alike, and the usual ones are the likelier."""
        narrowest = self.widest_columns
        candidates = [w for w in USUAL_WIDTHS if w >= narrowest]
        if self.widest_telling:
            candidates += [
                w
                for w in range(narrowest, min(narrowest + _WIDTH_SLACK, WIDEST_WRAP) + 1)
                if w not in candidates
            ]
        for width in candidates:
            if all(wrap_strings(sample, width) == sample for sample in self.samples):
                return width
        return None


def _tells_width(line: str, columns: int, follows: str) -> bool:
    """Whether ``line`` (``columns`` wide), a string line followed by ``follows``, ends where
    the width made it end: the next line continues its string and the word that starts it
    would have fit on ``line`` at a usual width (the width is narrower than that, and ``line``
    is a measure of it), or ``line`` is itself about as wide as the usual widths."""
    continued = follows.lstrip("#~| ")
    if not continued.startswith('"') or line.endswith('\\n"') or _OPENS_WRAPPED.match(line):
        # The string ends here, breaks after a newline of its own, or opens empty.
        return False
    if columns >= USUAL_WIDTHS[0] - _WIDTH_SLACK:
        return True
    text = continued[1:].removesuffix('"')
    # The word up to its space (polib starts a line with the space it broke at); a wide
    # character alone, since msgcat breaks between two of them.
    spaces = len(text) - len(text.lstrip(" "))
    word = text[spaces:].split(" ", 1)[0]
    if word and column_width(word[0]) == 2:
        word = word[0]
    return columns + spaces + sum(map(column_width, word)) <= max(USUAL_WIDTHS)
