"""The interface every article format implements (po4a's TransTractor idea).

A format parses the decoded source once into translatable units, each with its exact span in
the source. Extraction turns the units into catalog entries; regeneration writes the source back
with each unit's span replaced by its translation, and every byte outside the spans untouched.
Because both directions use the same parse, they cannot disagree.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar, Protocol, overload

from localize.errors import LocalizeError

# The runs of white space that are not already a single space; a sentence with single spaces
# only (most sentences) is left as it is.
_FOLDED = re.compile(r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+")


def fold(text: str) -> str:
    """Fold runs of white space to one space: the msgid form of every format. A no-break
    space is the author's choice ("Mr.\u00a0Smith", "5\u00a0000") and is kept."""
    if "  " not in text and text.isprintable():
        # No tab, line break or other control character, no two spaces: nothing for the
        # pattern to fold (most sentences), told in C without its per-character scan (the
        # pattern took 17 ms for a 3,100-sentence article, this 2 ms).
        return text.strip()
    return _FOLDED.sub(" ", text).strip()


def folds(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``fold`` changes white space in ``text[start:end]``."""
    return _FOLDED.search(text, start, len(text) if end is None else end) is not None


# (folded, as written) of each piece of protected markup of a unit whose white space the
# msgid folds: there the white space can mean something (an attribute value, a code span, a
# line break that keeps "[a](<b\nc>)" from being a link), so the format writes the piece back
# into a translation as the source has it.
WrittenMarkup = tuple[tuple[str, str], ...]


def written_pieces(translation: str, markup: WrittenMarkup) -> list[str]:
    """``translation`` cut around the pieces of ``markup`` it keeps: text, markup as written,
    text, ... (one text piece when it keeps none). A piece the translation changed or dropped
    stays as the translator wrote it."""
    found: list[tuple[int, int, str]] = []
    for folded, original in markup:
        at = translation.find(folded)
        while at >= 0 and any(s < at + len(folded) and at < e for s, e, _ in found):
            at = translation.find(folded, at + 1)
        if at >= 0:
            found.append((at, at + len(folded), original))
    pieces = []
    position = 0
    for start, end, original in sorted(found):
        pieces += [translation[position:start], original]
        position = end
    pieces.append(translation[position:])
    return pieces


def line_starts(text: str) -> list[int]:
    """Offsets where each ``\\n``-terminated line of ``text`` starts."""
    starts = [0]
    find = text.find
    position = find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = find("\n", position + 1)
    return starts


def line_of(starts: list[int], offset: int) -> int:
    """The 1-based line of ``offset``, given the ``line_starts`` of its text."""
    return bisect.bisect_right(starts, offset)


class Role(Enum):
    """What a unit is in its document: decides how a translation is written back into it."""

    PROSE = "prose"  # running text: paragraph, list item, block quote (may hold hard breaks)
    HEADING = "heading"
    TABLE_CELL = "table cell"
    ALT_TEXT = "alt text"
    TITLE_ATTRIBUTE = "title attribute"
    # Another attribute value a reader, a screen reader or a search engine shows as text
    # (HTML's aria-label, placeholder, a <meta> description's content).
    ATTRIBUTE_TEXT = "attribute text"
    FRONT_MATTER = "front matter"


# Slots: an article of 10 MB has about 90,000 units, held for the whole run; without a
# per-instance dict each takes half the memory.
@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable sentence of a source document.

    ``msgid`` is what translators and engines see: the source span with runs of white space
    folded to one space (a sentence may wrap across lines). ``start``/``end`` index the decoded
    source text (without a BOM). ``line`` is the 1-based line of ``start``; ``block`` numbers the
    paragraph-level blocks (paragraph, heading, list item, table cell...) from 1; ``kind`` says
    what the block is ("paragraph", "heading 2", "alt text", ...), shown to reviewers; ``role``
    is what the format's ``place`` acts on, and ``embedded_html`` marks a unit of an HTML block
    inside another format (written back by the HTML rules).
    """

    msgid: str
    start: int
    end: int
    line: int
    block: int
    kind: str = "paragraph"
    role: Role = Role.PROSE
    embedded_html: bool = False


def unit_msgids(units: Sequence[Unit]) -> Sequence[str]:
    """Every unit's msgid, in order; from ``PackedUnits``' column without making the units."""
    return units.msgid_column() if isinstance(units, PackedUnits) else [u.msgid for u in units]


def unit_place(units: Sequence[Unit], index: int) -> tuple[int, int, str]:
    """The line, block and kind of ``units[index]``; from ``PackedUnits``' columns without
    making the unit."""
    if isinstance(units, PackedUnits):
        return units.place(index)
    unit = units[index]
    return unit.line, unit.block, unit.kind


class PackedUnits(Sequence[Unit]):
    """An article's units, held as columns for the whole run and made into ``Unit`` objects
    as they are read: a unit object with its four numbers cost ~230 bytes, two to three
    times what its sentence's text costs (the msgid, shared with the catalog's entry)."""

    __slots__ = ("_msgids", "_numbers", "_labels", "_label_of")

    def __init__(self, units: Iterable[Unit]) -> None:
        self._msgids: list[str] = []
        self._numbers = array("q")  # start, end, line, block of each unit
        labels: dict[tuple[str, Role, bool], int] = {}
        self._label_of = array("I")
        for unit in units:
            self._msgids.append(unit.msgid)
            self._numbers.extend((unit.start, unit.end, unit.line, unit.block))
            label = (unit.kind, unit.role, unit.embedded_html)
            self._label_of.append(labels.setdefault(label, len(labels)))
        self._labels = list(labels)

    @classmethod
    def of_columns(
        cls, msgids: list[str], numbers: array[int], label: tuple[str, Role, bool]
    ) -> PackedUnits:
        """The units whose msgids are ``msgids`` and whose start, end, line and block are
        ``numbers`` (four a unit), all of one kind, role and ``embedded_html`` (``label``): a
        format that knows its units' columns need not make each ``Unit`` to have them packed
        (3,100 of them were a fifth of reading an article an update had segmented before)."""
        if len(numbers) != 4 * len(msgids):
            raise ValueError("four numbers a unit: start, end, line, block")
        packed = cls.__new__(cls)
        packed._msgids = msgids
        packed._numbers = numbers
        packed._labels = [label] if msgids else []
        packed._label_of = array("I", [0]) * len(msgids)
        return packed

    def __len__(self) -> int:
        return len(self._msgids)

    @overload
    def __getitem__(self, index: int) -> Unit: ...

    @overload
    def __getitem__(self, index: slice) -> list[Unit]: ...

    def __getitem__(self, index: int | slice) -> Unit | list[Unit]:
        if isinstance(index, slice):
            return [self._unit(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("unit index out of range")
        return self._unit(index)

    def __iter__(self) -> Iterator[Unit]:
        return map(self._unit, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PackedUnits({list(self)!r})"

    def msgid_column(self) -> Sequence[str]:
        """Every unit's msgid, in order, without making the units."""
        return self._msgids

    def place(self, index: int) -> tuple[int, int, str]:
        """The line, block and kind of unit ``index``, without making the unit: an update's
        template digests need these three of each of 3,100 units, and making each ``Unit``
        again was half of that work."""
        numbers = self._numbers
        return (
            numbers[4 * index + 2],
            numbers[4 * index + 3],
            self._labels[self._label_of[index]][0],
        )

    def spans(self) -> Iterator[tuple[int, int]]:
        """Every unit's start and end, in order, without making the units."""
        numbers = self._numbers
        return zip(numbers[0::4], numbers[1::4], strict=True)

    def _unit(self, index: int) -> Unit:
        start, end, line, block = self._numbers[4 * index : 4 * index + 4]
        kind, role, embedded_html = self._labels[self._label_of[index]]
        return Unit(self._msgids[index], start, end, line, block, kind, role, embedded_html)


@dataclass(frozen=True, slots=True)
class Replacement:
    """Source text outside every unit that a copy in another language writes otherwise: the
    ``start``-``end`` span (empty for an insertion) becomes ``text``. An HTML document's root
    ``lang`` and ``dir`` are the ones."""

    start: int
    end: int
    text: str


class Format(Protocol):
    """An article format: parse units out of a source text; place a translation into a span."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    def parse(self, text: str, lang: str) -> Sequence[Unit]:
        """Return the units of ``text``, sorted by ``start`` and not overlapping."""
        ...

    def place(self, unit: Unit, translation: str) -> str:
        """Return ``translation`` made safe for the unit's position (escaping, line ends)."""
        ...

    def declared_charset(self, raw: bytes) -> str | None:
        """The encoding the document declares about itself (HTML's meta charset), if any."""
        ...

    def protected(self, msgid: str) -> list[tuple[int, int]]:
        """Spans of ``msgid`` that must come through translation unchanged (inline markup,
        code, URLs). The MT pipeline masks them with the engine's placeholders and restores
        them; ``check`` reports a translation whose protected pieces differ from the source's."""
        ...

    def language_replacements(self, tag: str, right_to_left: bool) -> list[Replacement]:
        """What makes the document last parsed declare itself in the language of BCP 47
        ``tag``, written ``right_to_left`` or not (HTML's root ``lang`` and ``dir``); nothing
        where the format has no such declaration or it already says so."""
        ...

    def joinable_gap(self, gap: str, following: Unit) -> bool:
        """Whether ``gap``, the source text between two sentences of one block (the second
        ``following``), is white space
        a reader sees as one space and no more (not a line break plain text shows, not a
        Markdown hard break), so that a copy in a language written without spaces between
        sentences may leave it out."""
        ...


def check_disjoint(text: str, units: Sequence[Unit]) -> None:
    """Refuse units that are out of order or overlap: regenerating from them would write some
    source text twice (or drop it) and corrupt the copy. A format must never produce them, so
    this is a bug to report, raised as ``line N: ...`` (callers that know the file name it)."""
    position = 0
    spans = units.spans() if isinstance(units, PackedUnits) else ((u.start, u.end) for u in units)
    for index, (start, end) in enumerate(spans):
        if start < position or end < start or end > len(text):
            line = text.count("\n", 0, min(start, len(text))) + 1
            raise LocalizeError(
                f"line {line}: the translatable text '{units[index].msgid[:40]}' overlaps "
                "another unit, so a copy built from it would be corrupt; nothing was written. "
                "This is a bug in localize: please report it with the article"
            )
        position = end


def regenerate(
    text: str,
    units: Sequence[Unit],
    translation_of: Callable[[Unit], str | None],
    place: Callable[[Unit, str], str],
    replacements: Sequence[Replacement] = (),
    joinable_gap: Callable[[str, Unit], bool] | None = None,
) -> str:
    """Rebuild ``text`` with each unit replaced by its translation, and each of
    ``replacements`` (the format's ``language_replacements``) made. With ``joinable_gap`` (the
    format's, for a language written without spaces between sentences), the space between two
    sentences of one block written in that script is left out (``_gap_before``).

    A unit whose translation is missing, or equal to its msgid, keeps its exact source bytes:
    that is what makes the identity law hold even where the msgid folded white space.
    Overlapping units are refused (``check_disjoint``) before anything is built.
    """
    check_disjoint(text, units)
    if replacements:
        return _regenerate_with(text, units, translation_of, place, replacements, joinable_gap)
    pieces: list[str] = []
    position = 0
    previous: _Written | None = None
    for unit in units:
        written = _written(text, unit, translation_of, place)
        pieces.append(_gap_before(text, position, previous, written, joinable_gap))
        pieces.append(written.text)
        previous = written
        position = unit.end
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass(frozen=True, slots=True)
class _Written:
    """A unit as the copy writes it: its text, and whether that is a translation (not the
    source's own bytes)."""

    unit: Unit
    text: str
    translated: bool


def _written(
    text: str,
    unit: Unit,
    translation_of: Callable[[Unit], str | None],
    place: Callable[[Unit, str], str],
) -> _Written:
    translation = translation_of(unit)
    if translation is None or translation == unit.msgid:
        return _Written(unit, text[unit.start : unit.end], False)
    return _Written(unit, place(unit, translation), True)


# Markup a sentence may end or begin with around its text: tags, emphasis markers.
_MARKUP_AT_END = re.compile(r"(?:<[^<>]*>|[*_~])+$")
_MARKUP_AT_START = re.compile(r"^(?:<[^<>]*>|[*_~])+")
# Quotation marks and an ellipsis that close or open a Chinese or Japanese sentence as often as
# an English one: they count as the script of the character inside them.
_CLOSING_MARKS = "”’…"
_OPENING_MARKS = "“‘…"


def _is_wide(character: str) -> bool:
    """A Han, kana or full-width character or punctuation mark: what a text written without
    spaces between its sentences ends and begins them with."""
    return unicodedata.east_asian_width(character) in ("W", "F")


def _as_seen(text: str) -> str:
    """``text`` with its character references read (a copy's "。&rdquo;" ends in "。”")."""
    if "&" not in text:
        return text
    import html  # with its table of entities: only HTML and Markdown copies have references

    return html.unescape(text)


def _ends_wide(text: str) -> bool:
    text = _as_seen(_MARKUP_AT_END.sub("", text.rstrip())).rstrip(_CLOSING_MARKS)
    return bool(text) and _is_wide(text[-1])


def _ends_in_wide_punctuation(text: str) -> bool:
    """Whether ``text`` ends in a full-width mark (。！？), before any closing quotation mark:
    Chinese and Japanese set no space after one, whatever script comes next ("。G20")."""
    text = _as_seen(_MARKUP_AT_END.sub("", text.rstrip())).rstrip(_CLOSING_MARKS)
    return bool(text) and _is_wide(text[-1]) and unicodedata.category(text[-1]).startswith("P")


def _begins_wide(text: str) -> bool:
    text = _as_seen(_MARKUP_AT_START.sub("", text.lstrip())).lstrip(_OPENING_MARKS)
    return bool(text) and _is_wide(text[0])


def _gap_before(
    text: str,
    position: int,
    previous: _Written | None,
    written: _Written,
    joinable_gap: Callable[[str, Unit], bool] | None,
) -> str:
    """The source text between the previous unit and this one, or nothing where a copy in a
    language written without spaces between sentences (``joinable_gap`` given) would show a
    space between two of its sentences: two units of one block, one of them translated, the
    first ending and the next beginning in that script, with only such white space between;
    or both translated, the first ending in a full-width mark (a translation beginning in
    Latin script, "G20峰会开幕。", follows "。" at once). A sentence left in the source
    language keeps its space, and so does a copy whose sentences are all the source's own
    (the identity rule)."""
    gap = text[position : written.unit.start]
    if (
        joinable_gap is None
        or previous is None
        or not gap
        or previous.unit.block != written.unit.block
        or not (previous.translated or written.translated)
        or not joinable_gap(gap, written.unit)
    ):
        return gap
    if _ends_wide(previous.text) and _begins_wide(written.text):
        return ""
    if previous.translated and written.translated and _ends_in_wide_punctuation(previous.text):
        return ""
    return gap


def _regenerate_with(
    text: str,
    units: Sequence[Unit],
    translation_of: Callable[[Unit], str | None],
    place: Callable[[Unit, str], str],
    replacements: Sequence[Replacement],
    joinable_gap: Callable[[str, Unit], bool] | None = None,
) -> str:
    """``regenerate`` with replacements, each in its place among the units (an insertion
    before a unit that starts where it is)."""
    spans: list[tuple[int, int, int, Unit | Replacement]] = [
        (unit.start, 1, unit.end, unit) for unit in units
    ]
    spans += [(r.start, 0, r.end, r) for r in replacements]
    spans.sort(key=lambda span: span[:3])
    pieces: list[str] = []
    position = 0
    previous: _Written | None = None  # the unit written last, with nothing written since
    for start, _, end, item in spans:
        if start < position or end < start:
            line = text.count("\n", 0, min(start, len(text))) + 1
            raise LocalizeError(
                f"line {line}: the document's language declaration overlaps translatable "
                "text, so a copy built from it would be corrupt; nothing was written. This is a "
                "bug in localize: please report it with the article"
            )
        if isinstance(item, Replacement):
            pieces.append(text[position:start])
            pieces.append(item.text)
            previous = None
        else:
            written = _written(text, item, translation_of, place)
            pieces.append(_gap_before(text, position, previous, written, joinable_gap))
            pieces.append(written.text)
            previous = written
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
