"""Character references (``&mdash;``, ``&nbsp;``, ``&#8212;``, ``&amp;``) shown as the
characters they stand for, in the msgids of HTML and Markdown articles.

A reviewer should read "—", not "&mdash;", and an engine should not be asked to translate
"mdash". Each unit remembers how its source spelled each character it decoded, and a
translation is written back with the same spelling (``&mdash;`` where the source had it),
so the identity law holds and a translated copy reads like its source. Only references that
are text are decoded: not inside code, markup or an address, nor one whose character would
change the markup (a ``*`` or ``"`` in Markdown, a ``<`` that would open a tag, an ``&`` that
would start another reference), nor white space at either end of a unit.

``EntityDecoding`` wraps a format (HTML, Markdown) with this; ``decoded_msgid`` gives a
catalog written before (with the references as written) the msgids it now has, so a merge
matches them exactly.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from localize.formats.base import Format, Replacement, Role, Unit

if TYPE_CHECKING:
    import polib

_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# What makes an "&" or a "<" markup rather than text, right after it.
_STARTS_REFERENCE = re.compile(r"#?[A-Za-z0-9]+;")
_STARTS_TAG = re.compile(r"[A-Za-z/!?]")

Spellings = dict[str, str]


def decode(
    text: str, protected: list[tuple[int, int]], *, html_markup: bool
) -> tuple[str, Spellings]:
    """``text`` with its decodable references replaced by their characters, and how each
    decoded character was spelled. ``protected``: the spans the format copies verbatim (each
    reference is one, alone); ``html_markup``: a decoded ``<`` is escaped again on the way out
    (HTML), which Markdown does not do."""
    import html  # with its table of entities (~2 ms): only HTML and Markdown articles decode

    spellings: Spellings = {}
    pieces: list[str] = []
    position = 0
    for match in _REFERENCE.finditer(text):
        a, b = match.span()
        character = html.unescape(match.group())
        if not _decodable(text, a, b, character, protected, html_markup):
            continue
        pieces.append(text[position:a])
        pieces.append(character)
        spellings.setdefault(character, match.group())
        position = b
    if not spellings:
        return text, spellings
    pieces.append(text[position:])
    return "".join(pieces), spellings


def _decodable(
    text: str,
    a: int,
    b: int,
    character: str,
    protected: list[tuple[int, int]],
    html_markup: bool,
) -> bool:
    if len(character) != 1 or character == "\ufffd" or character == text[a:b]:
        return False
    if any(p <= a and b <= q and (p, q) != (a, b) for p, q in protected):
        return False  # inside code, a tag or an address: copied as written
    following = text[b:]
    if character == "&":
        return not _STARTS_REFERENCE.match(following)
    if character == "<":
        return html_markup and not _STARTS_TAG.match(following)
    if character in "\"'":
        # Text in running HTML; in Markdown a quotation mark can delimit a link title.
        return html_markup
    if ord(character) < 0x80:
        return False  # other ASCII punctuation can be markup (*, #, `, [) once a character
    if character.isspace() or not character.isprintable():
        # A no-break space at either end would be lost to stripping; a control character is
        # no text to review.
        return a > 0 and b < len(text) and character.isspace()
    return True


def respell(translation: str, spellings: Spellings, protected: list[tuple[int, int]]) -> str:
    """``translation`` with each character the source spelled as a reference spelled that way
    again, outside the spans copied verbatim; an ``&`` or ``<`` only where it is text."""
    if not spellings:
        return translation
    inside = [False] * len(translation)
    for p, q in protected:
        inside[p:q] = [True] * (q - p)
    pieces = []
    for index, character in enumerate(translation):
        spelled = spellings.get(character)
        if spelled is None or inside[index] or _is_markup(translation, index):
            pieces.append(character)
        else:
            pieces.append(spelled)
    return "".join(pieces)


def _is_markup(text: str, index: int) -> bool:
    """An ``&`` that starts a reference or a ``<`` that starts a tag."""
    if text[index] == "&":
        return _STARTS_REFERENCE.match(text, index + 1) is not None
    if text[index] == "<":
        return _STARTS_TAG.match(text, index + 1) is not None
    return False


class EntityDecoding:
    """A format whose units' msgids show characters instead of references (see the module)."""

    def __init__(self, inner: Format, *, html_markup: bool) -> None:
        self.inner = inner
        self.name = inner.name
        self.extensions = inner.extensions
        self.html_markup = html_markup
        # The units of the article last parsed as the wrapped format made them, and how their
        # sources spelled what was decoded, by span.
        self._source_units: dict[tuple[int, int], tuple[Unit, Spellings]] = {}

    def parse(self, text: str, lang: str) -> list[Unit]:
        self._source_units = {}
        units = []
        for unit in self.inner.parse(text, lang):
            msgid, spellings = self._decoded(unit)
            if spellings:
                self._source_units[(unit.start, unit.end)] = (unit, spellings)
                unit = replace(unit, msgid=msgid)
            units.append(unit)
        return units

    def _decoded(self, unit: Unit) -> tuple[str, Spellings]:
        if unit.role is Role.FRONT_MATTER or "&" not in unit.msgid:
            return unit.msgid, {}
        return decode(unit.msgid, self.inner.protected(unit.msgid), html_markup=self.html_markup)

    def decoded_msgid(self, msgid: str) -> str:
        """The msgid a catalog written with the references as written now has."""
        if "&" not in msgid:
            return msgid
        return decode(msgid, self.inner.protected(msgid), html_markup=self.html_markup)[0]

    def place(self, unit: Unit, translation: str) -> str:
        found = self._source_units.get((unit.start, unit.end))
        if found is None:
            return self.inner.place(unit, translation)
        source_unit, spellings = found
        translation = respell(translation, spellings, self.inner.protected(translation))
        return self.inner.place(source_unit, translation)

    def declared_charset(self, raw: bytes) -> str | None:
        return self.inner.declared_charset(raw)

    def language_replacements(self, tag: str, right_to_left: bool) -> list[Replacement]:
        return self.inner.language_replacements(tag, right_to_left)

    def protected(self, msgid: str) -> list[tuple[int, int]]:
        return self.inner.protected(msgid)

    def joinable_gap(self, gap: str, following: Unit) -> bool:
        return self.inner.joinable_gap(gap, following)


def with_decoded_msgids(po: polib.POFile, current: set[str], fmt: Format) -> polib.POFile:
    """A catalog written before references were decoded, with the msgids the article has now
    ("Paris &mdash; Rome" -> "Paris — Rome") and its translations decoded alike, so that the
    merge finds them as exact matches and reviewed work stays reviewed. A copy when anything
    changes (the catalog as read is what the file is compared with); else ``po`` itself."""
    decoded_msgid = getattr(fmt, "decoded_msgid", None)
    if decoded_msgid is None:
        return po
    renames = {}
    taken = {(entry.msgctxt, entry.msgid) for entry in po}
    for index, entry in enumerate(po):
        if entry.msgid in current or "&" not in entry.msgid:
            continue
        msgid = decoded_msgid(entry.msgid)
        if msgid != entry.msgid and msgid in current and (entry.msgctxt, msgid) not in taken:
            taken.add((entry.msgctxt, msgid))
            renames[index] = msgid
    if not renames:
        return po
    import copy

    adopted = copy.deepcopy(po)
    for index, msgid in renames.items():
        entry = adopted[index]
        entry.msgid = msgid
        entry.msgstr = decoded_msgid(entry.msgstr)
        entry.msgstr_plural = {n: decoded_msgid(text) for n, text in entry.msgstr_plural.items()}
        if entry.previous_msgid:
            entry.previous_msgid = decoded_msgid(entry.previous_msgid)
    return adopted
