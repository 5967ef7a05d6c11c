"""PO strings wrapped as GNU gettext (msgcat, msgmerge) wraps them.

A catalog an editor saved with msgcat, msgmerge or Lokalize has its long strings broken at the
places gettext chooses: after the spaces that end a word, never before punctuation that closes
a phrase, never inside a number, with the space left at the end of the line. polib wraps with
Python's ``textwrap``, which breaks elsewhere and starts lines with the space, so an entry
localize rewrote in such a file differed from every neighbour and the next save in an editor
rewrote it again. This module follows gettext's ``wrap`` (write-po.c): each ``\\n``-ended part
of a string on lines of its own, the first line left empty (``msgid ""``) when the string does
not fit on it, and within a part the Unicode line breaking algorithm (UAX #14, the rules of the
libunistring that gettext 0.21 uses: no break before a closing quote or closing punctuation,
none after an opening one, none inside numbers, none before a small kana or ー) with each
piece's width in columns (two for East Asian wide characters, none for combining marks and the
soft hyphen). The classes are worked out from Unicode's general categories and East Asian
widths plus a table of exceptions, not from UAX #14's own data, so a few rare characters still
break otherwise than in gettext (probed against libunistring over the CJK punctuation, kana
and halfwidth/fullwidth blocks): a combining mark after an opening bracket and a space, the
Hangul tone marks U+302E and U+302F and the kana repeat mark U+3035.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import polib

# Line breaking classes of UAX #14 that matter for the text of catalogs.
AL, NU, SP, OP, CL, CP, QU, IS, EX, SY = "AL", "NU", "SP", "OP", "CL", "CP", "QU", "IS", "EX", "SY"
HY, BA, BB, B2, PR, PO, IN, NS, GL, ID = "HY", "BA", "BB", "B2", "PR", "PO", "IN", "NS", "GL", "ID"
CM, ZW, WJ = "CM", "ZW", "WJ"
# An East Asian wide opening bracket (「『（): OP, but a letter or digit may end a line before
# it, where it keeps a narrow one (LB30: «Tokyo「東京」» breaks before 「, «f(x)» never).
WIDE_OP = "OP wide"
_ASCII_CLASSES = {
    " ": SP,
    "!": EX,
    '"': QU,
    "'": QU,
    "$": PR,
    "%": PO,
    "(": OP,
    ")": CP,
    "+": PR,
    ",": IS,
    "-": HY,
    ".": IS,
    "/": SY,
    ":": IS,
    ";": IS,
    "?": EX,
    "[": OP,
    "\\": PR,
    "]": CP,
    "{": OP,
    "|": BA,
    "}": CL,
}
_OTHER_CLASSES = {
    "\u00a0": GL,  # no-break space
    "\u00a1": OP,  # ¡
    "\u00bf": OP,  # ¿
    "\u00ab": QU,
    "\u00bb": QU,
    "\u00b0": PO,
    "\u00a2": PO,
    "\u00b4": BB,
    "\u00ad": BA,  # soft hyphen
    "\u2007": GL,
    "\u2010": BA,
    "\u2011": GL,  # non-breaking hyphen
    "\u2012": BA,
    "\u2013": BA,  # en dash
    "\u2014": B2,  # em dash
    "\u2018": QU,
    "\u2019": QU,
    "\u201a": OP,
    "\u201b": QU,
    "\u201c": QU,
    "\u201d": QU,
    "\u201e": OP,
    "\u201f": QU,
    "\u2024": IN,
    "\u2025": IN,
    "\u2026": IN,  # …
    "\u2030": PO,
    "\u2032": PO,
    "\u2039": QU,
    "\u203a": QU,
    "\u2044": IS,
    "\u200b": ZW,
    "\u2060": WJ,
    "\ufeff": WJ,
    "\u202f": GL,
    "\u3000": BA,  # ideographic space
    "\u3001": CL,  # 、
    "\u3002": CL,  # 。
    "\uff0c": CL,  # ，
    "\uff0e": CL,
    "\uff01": EX,
    "\uff1f": EX,
    "\uff1a": NS,
    "\uff1b": NS,
    "\u30fb": NS,
    "\uff65": NS,  # halfwidth katakana middle dot
    "\uff61": CL,  # halfwidth ideographic full stop
    "\uff64": CL,  # halfwidth ideographic comma
    "\u303c": NS,  # masu mark
    "\u303f": ID,
    "\uff05": PO,  # fullwidth percent
    "\uffe0": PO,  # fullwidth cent
    "\u203c": NS,  # ‼
    "\u2047": NS,
    "\u2048": NS,
    "\u2049": NS,
    "\u060c": IS,  # Arabic comma
    "\u061b": EX,
    "\u061f": EX,
    "\u0964": BA,  # danda
    "\u0965": BA,
}

# No line starts with a small kana, the prolonged sound mark or an iteration mark (UAX #14's CJ
# and NS, CJ taken as NS as libunistring takes it): «ちょっと», «コーヒー», «人々» stay whole.
_SMALL_KANA = frozenset(
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯ"
)
_NON_STARTERS = _SMALL_KANA | frozenset("ーｰ々〻ゝゞヽヾ゛゜゠〜ﾞﾟ")

# Pairs with no break between them even when spaces separate them (UAX #14 LB14-LB17).
_NO_BREAK_ACROSS_SPACES = {(QU, OP), (CL, NS), (CP, NS), (B2, B2)}
# Pairs with no break between them when they touch (LB23-LB30 and the pair table's digits).
_NO_BREAK_TOUCHING = {
    (AL, NU),
    (NU, AL),
    (PR, ID),
    (ID, PO),
    (PR, AL),
    (PO, AL),
    (AL, PR),
    (AL, PO),
    (CL, PO),
    (CP, PO),
    (CL, PR),
    (CP, PR),
    (NU, PO),
    (NU, PR),
    (PO, OP),
    (PO, NU),
    (PR, OP),
    (PR, NU),
    (HY, NU),
    (IS, NU),
    (NU, NU),
    (SY, NU),
    (AL, AL),
    (AL, OP),
    (NU, OP),
    (CP, AL),
    (CP, NU),
}
# Before these there is no break, spaces or not (LB13).
_CLOSING = {CL, CP, EX, IS, SY}


@lru_cache(maxsize=4096)
def line_break_class(char: str) -> str:
    """The UAX #14 line breaking class of ``char``, for the classes gettext's breaking tells
    apart in catalog text; any other letter or symbol is AL."""
    if char < "\x80":
        if char.isdigit():
            return NU
        return _ASCII_CLASSES.get(char, AL)
    known = _OTHER_CLASSES.get(char)
    if known is not None:
        return known
    if char in _NON_STARTERS:
        return NS
    category = unicodedata.category(char)
    if category in ("Mn", "Me"):
        return CM
    width_class = unicodedata.east_asian_width(char)
    wide = width_class in ("W", "F")
    if category == "Nd":
        return ID if wide else NU  # fullwidth digits are ideographs' kin: １２３
    if category == "Zs":
        return BA
    if category == "Ps":
        return WIDE_OP if wide or width_class == "H" else OP
    if category == "Pe":
        return CL
    if category in ("Pi", "Pf"):
        return QU
    if category == "Sc":
        return PR
    # Fullwidth letters and symbols (ＡＢＣ, ＋, ＠) and halfwidth katakana break as ideographs.
    if width_class == "H" and category == "Lo":
        return ID
    if wide and category in (
        "Lo",
        "Lm",
        "Lu",
        "Ll",
        "So",
        "Sm",
        "Sk",
        "Po",
        "Pc",
        "Pd",
        "Nl",
        "No",
    ):
        return ID
    return AL


@lru_cache(maxsize=4096)
def column_width(char: str) -> int:
    """Columns ``char`` takes on a terminal, as libunistring's ``uc_width`` counts them."""
    if char < "\x80":
        return 1
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0  # the soft hyphen too: it shows only where a line breaks
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _break_allowed(before: str, after: str, spaces_between: bool) -> bool:
    """Whether a line may break before a character of class ``after`` that follows one of
    class ``before`` (the last that is not a space), with or without spaces between."""
    if before == WIDE_OP:
        before = OP
    if after == WIDE_OP:
        if before in (AL, NU):
            return True
        after = OP
    if after == SP:
        return False
    if after in _CLOSING or after in (WJ, ZW) or before == WJ:
        return False
    if before == ZW:
        return True
    if before == OP or (before, after) in _NO_BREAK_ACROSS_SPACES:
        return False
    if spaces_between:
        return True
    if before in (QU, GL) or after in (QU, GL):
        return after == GL and before in (BA, HY)
    if after in (BA, HY, NS, IN, CM) or before == BB:
        return False
    return (before, after) not in _NO_BREAK_TOUCHING


_ESCAPE = re.compile(r"\\.|.", re.DOTALL)


def _units(escaped: str) -> list[str]:
    """The escaped string's characters, an escape sequence (``\\n``, ``\\"``) as one unit."""
    return _ESCAPE.findall(escaped)


def _portions(escaped: str) -> Iterator[list[str]]:
    """The parts of an escaped string that gettext puts on lines of their own: each ends with
    ``\\n``, and the last holds what follows the last one (none when the string ends there)."""
    portion: list[str] = []
    units = _units(escaped)
    if not units:
        yield []
        return
    for unit in units:
        portion.append(unit)
        if unit == "\\n":
            yield portion
            portion = []
    if portion:
        yield portion


def _breaks(portion: list[str], width: int, start_column: int) -> list[bool]:
    """Before which units of ``portion`` gettext breaks the line, the first line starting at
    ``start_column`` and every line holding at most ``width`` columns (a piece wider stays
    whole)."""
    possible = [False] * len(portion)
    before_class: str | None = None
    spaces = False
    for index, unit in enumerate(portion):
        if unit.startswith("\\") and len(unit) == 2:
            # gettext breaks before an escape sequence as before a backslash (a prefix, as
            # for a currency), never inside it; after it the escaped character's class
            # counts (\" is a quote, \\ a backslash, \n a letter).
            possible[index] = before_class is not None and _break_allowed(before_class, PR, spaces)
            unit_class = {'"': QU, "\\": PR}.get(unit[1], AL)
        else:
            unit_class = line_break_class(unit)
            if unit_class == CM and before_class is not None and not spaces:
                continue  # a combining mark belongs to the character before it
            if unit_class == CM:
                unit_class = AL
            possible[index] = before_class is not None and _break_allowed(
                before_class, unit_class, spaces
            )
        if unit_class == SP:
            spaces = before_class is not None
        else:
            before_class, spaces = unit_class, False
    # A break is never put just before the \n that ends the portion.
    if portion and portion[-1] == "\\n":
        possible[-1] = False

    chosen = [False] * len(portion)
    last_break: int | None = None
    last_column = start_column
    piece_width = 0
    for index, unit in enumerate(portion):
        if possible[index]:
            if last_break is not None and last_column + piece_width > width:
                chosen[last_break] = True
                last_column = 0
            last_break = index
            last_column += piece_width
            piece_width = 0
        piece_width += 2 if unit.startswith("\\") and len(unit) == 2 else column_width(unit)
    if last_break is not None and last_column + piece_width > width:
        chosen[last_break] = True
    return chosen


def wrap_field(prefix: str, keyword: str, escaped: str, page_width: int) -> list[str]:
    """The lines gettext writes for a string field: ``prefix`` (``#~ ``, ``#| ``), then the
    keyword (``msgid``, ``msgstr[0]``) and the string, already escaped as PO escapes it.
    ``page_width`` 0: no wrapping, as ``msgcat --no-wrap``."""
    after_break = len(prefix) + 1
    width = (10**9 if page_width <= 0 else page_width) - 1 - after_break
    lines: list[str] = []
    first_line = True
    portions = list(_portions(escaped))
    for number, portion in enumerate(portions):
        more_follow = number < len(portions) - 1
        start = len(keyword) + 1 if first_line else 0
        breaks = _breaks(portion, width, start)
        if first_line and portion and (more_follow or start > width or any(breaks)):
            lines.append(f'{prefix}{keyword} ""')
            first_line = False
            start = 0
            breaks = _breaks(portion, width, start)
        line = f'{prefix}{keyword} "' if first_line else f'{prefix}"'
        first_line = False
        for unit, breaks_before in zip(portion, breaks, strict=True):
            if breaks_before:
                lines.append(line + '"')
                line = f'{prefix}"'
            line += unit
        lines.append(line + '"')
    return lines


_FIELD_START = re.compile(
    r"^(?P<prefix>#~\| |#~ |#\| |)(?P<keyword>msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "
    r'"(?P<text>.*)"$'
)
_CONTINUATION = re.compile(r'^(?P<prefix>#~\| |#~ |#\| |)"(?P<text>.*)"$')


def wrap_strings(block: str, page_width: int) -> str:
    """``block`` (entries as polib writes them, each string on lines split only at line
    breaks) with every string field wrapped as gettext wraps it at ``page_width``; comment
    lines are left as they are."""
    out: list[str] = []
    field: tuple[str, str, list[str]] | None = None

    def flush() -> None:
        if field is not None:
            out.extend(wrap_field(field[0], field[1], "".join(field[2]), page_width))

    for line in block.split("\n"):
        start = _FIELD_START.match(line)
        if start is not None:
            flush()
            field = (start["prefix"], start["keyword"], [start["text"]])
            continue
        more = _CONTINUATION.match(line)
        if field is not None and more is not None and more["prefix"] == field[0]:
            field[2].append(more["text"])
            continue
        flush()
        field = None
        out.append(line)
    flush()
    return "\n".join(out)


def wrap_references(line: str, page_width: int) -> list[str]:
    """A ``#:`` line of references as gettext writes it: as many references as fit on each
    line of ``page_width`` columns (a longer one alone on its line)."""
    references = line[2:].split()
    if page_width <= 0 or not references:
        return [line]
    lines: list[str] = []
    current, column = "#:", 2
    for reference in references:
        size = len(reference) + 1
        if column > 2 and column + size > page_width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + reference
        column += size
    lines.append(current)
    return lines


def entry_lines(entry: polib.POEntry, page_width: int, *, wrap_comments: bool) -> str:
    """The entry as gettext would write it at ``page_width``: strings wrapped as gettext
    wraps them, references on lines of that width; the other comments as polib writes them,
    wrapped at that width too when ``wrap_comments`` (the file's comments are wrapped)."""
    unwrapped = entry.__unicode__(0)
    if wrap_comments:
        wrapped = entry.__unicode__(page_width).split("\n")
        comments = [line for line in wrapped if is_comment(line)]
    else:
        comments = []
        for line in unwrapped.split("\n"):
            if line.startswith("#: "):
                comments += wrap_references(line, page_width)
            elif is_comment(line):
                comments.append(line)
    strings = [line for line in unwrapped.split("\n") if not is_comment(line)]
    return wrap_strings("\n".join(comments + strings), page_width)


def is_comment(line: str) -> bool:
    """Whether a line of an entry is one of its comments (an obsolete entry's ``#~`` and a
    previous string's ``#|`` lines are strings)."""
    return line.startswith("#") and not line.startswith(("#~", "#|"))
