"""The layout a catalog file already has, kept when localize rewrites it.

Editors re-save catalogs in their own style: msgcat and Lokalize wrap strings at 79-80
columns, localize writes them unwrapped. Rewriting a whole file in another style buries the one
approval that changed in a diff of every long entry. So every entry whose content is unchanged
is written back exactly as it was read, and a changed or new entry is written in the file's
style: its strings wrapped at the width the file uses, its comments wrapped only if the file
wraps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polib

UNWRAPPED = 0
# A line longer than this is not an editor's wrapping: the file is unwrapped.
WIDEST_WRAP = 100
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_STRING_LINE = re.compile(
    r'^(?:#[~|] )?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) |^(?:#[~|] )?"'
)
_OPENS_WRAPPED = re.compile(r'^(?:#[~|] )?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) ""$')


@dataclass
class Layout:
    """How a catalog file was written: its wrap width, and the text of each entry as read,
    by what the entry holds."""

    width: int = UNWRAPPED
    wrap_comments: bool = False
    header: tuple[str, str] | None = None  # (what the header holds, its text as read)
    entries: dict[str, str] = field(default_factory=dict)

    def header_text(self, content: str) -> str:
        """The header block (header comment and metadata entry) to write."""
        if self.header is not None and self.header[0] == content:
            return self.header[1]
        return content

    def entry_text(self, entry: polib.POEntry) -> str:
        """The entry as it was read if nothing in it changed, else in the file's style."""
        kept = self.entries.get(content_of(entry))
        if kept is not None:
            return kept
        return render(entry, self.width, wrap_comments=self.wrap_comments)


def content_of(entry: polib.POEntry) -> str:
    """Everything the entry holds, independent of wrapping."""
    return entry.__unicode__(UNWRAPPED)


def render(entry: polib.POEntry, width: int, *, wrap_comments: bool) -> str:
    if width == UNWRAPPED or wrap_comments:
        return entry.__unicode__(width)
    # polib wraps comments and strings alike; msgcat wraps only strings.
    comments = [line for line in entry.__unicode__(UNWRAPPED).split("\n") if _is_comment(line)]
    strings = [line for line in entry.__unicode__(width).split("\n") if not _is_comment(line)]
    return "\n".join(comments + strings)


def _is_comment(line: str) -> bool:
    return line.startswith("#") and not line.startswith(("#~", "#|"))


def read_layout(text: str, po: polib.POFile, header_content: str) -> Layout | None:
    """The layout of ``text``, the file ``po`` was parsed from; None when its blocks cannot be
    matched with the entries one to one (then the file is written in localize's own style)."""
    blocks = [block for block in _BLANK_LINES.split(text.strip("\n")) if block.strip()]
    has_header = bool(blocks) and _is_header_block(blocks[0])
    if len(blocks) != len(po) + has_header:
        return None
    entry_blocks = blocks[1:] if has_header else blocks
    for entry, block in zip(po, entry_blocks, strict=True):
        if entry.obsolete != any(line.startswith("#~ msgid") for line in block.split("\n")):
            return None
    width, wrap_comments = _widths(entry_blocks)
    layout = Layout(width=width, wrap_comments=wrap_comments)
    if has_header:
        layout.header = (header_content, blocks[0] + "\n")
    layout.entries = {content_of(e): b + "\n" for e, b in zip(po, entry_blocks, strict=True)}
    return layout


def _is_header_block(block: str) -> bool:
    lines = [line for line in block.split("\n") if not line.startswith("#")]
    return (
        bool(lines)
        and lines[0].strip() == 'msgid ""'
        and (len(lines) < 2 or lines[1].startswith("msgstr"))
    )


def _widths(blocks: list[str]) -> tuple[int, bool]:
    """The wrap width of the strings (0: unwrapped) and whether comments are wrapped too."""
    widest_string = widest_comment = 0
    wrapped = False
    for block in blocks:
        lines = block.split("\n")
        for index, line in enumerate(lines):
            if _STRING_LINE.match(line):
                widest_string = max(widest_string, len(line))
                follows = lines[index + 1] if index + 1 < len(lines) else ""
                if _OPENS_WRAPPED.match(line) and follows.lstrip("#~| ").startswith('"'):
                    wrapped = wrapped or not follows.rstrip().endswith('\\n"')
            elif line.startswith("#"):
                widest_comment = max(widest_comment, len(line))
    if not wrapped or widest_string > WIDEST_WRAP:
        return UNWRAPPED, False
    return widest_string, widest_comment <= widest_string
