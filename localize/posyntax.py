"""A strict syntax check of PO files before polib reads them.

polib is lenient where a hand-edited file is most likely broken: it reads an unterminated
string as a truncated one and keeps duplicate entries. Translations would be silently lost, so
every catalog is checked line by line first, and the first problem is reported as file:line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NoReturn

import polib

from localize.errors import CatalogSyntaxError

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(.*)$")
_STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
# The escapes GNU msgfmt accepts (gettext's po-lex.c): the C letters except \' and \?, up to three
# octal digits, and \x with any number of hex digits. Octal and hex escapes stand for a byte of
# the file's charset (msgfmt keeps the low 8 bits of the value), not for a code point.
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.DOTALL)
_LETTERS = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "a": "\a"}
_LETTERS.update({"\\": "\\", '"': '"'})


# What separates tokens on a line for msgfmt; str.strip() would also eat U+2028, U+0085 and
# U+001C..U+001F, which belong to the string they end.
_BLANKS = " \t\r\f\v"


class EscapeError(ValueError):
    """An escape msgfmt rejects, or one that stands for a NUL or a byte the charset refuses."""


def unescape(body: str, encoding: str = "utf-8") -> str:
    """The text of a PO string body, decoded exactly as msgfmt decodes it."""
    if "\\" not in body:
        return body
    pieces: list[bytes] = []
    position = 0
    for match in _ESCAPE.finditer(body):
        octal, hexadecimal, letter = match.groups()
        pieces.append(body[position : match.start()].encode(encoding, "surrogateescape"))
        position = match.end()
        if letter is not None:
            if letter not in _LETTERS:
                raise EscapeError(f"invalid escape \\{letter} (msgfmt rejects it)")
            pieces.append(_LETTERS[letter].encode(encoding))
            continue
        value = int(octal, 8) if octal is not None else int(hexadecimal, 16)
        byte = value & 0xFF
        if byte == 0:
            # msgfmt would cut the string there: the rest of the translation would be lost.
            raise EscapeError(f"escape {match.group(0)} stands for a NUL byte")
        pieces.append(bytes([byte]))
    pieces.append(body[position:].encode(encoding, "surrogateescape"))
    try:
        return b"".join(pieces).decode(encoding)
    except UnicodeDecodeError:
        raise EscapeError(f"octal or hex escapes that are not valid {encoding}") from None


def _string_body(rest: str) -> str | None:
    match = _STRING.match(rest)
    return match.group(1) if match else None


def _polib_reads_as_is(body: str) -> bool:
    return all(m.group(3) is not None and m.group(3) != "a" for m in _ESCAPE.finditer(body))


class PoText(str):
    """Catalog text for polib, which splits what it is given with str.splitlines(): that also
    splits at U+2028, U+0085, U+001C..U+001E and form feeds, which msgfmt and localize's writer
    leave inside strings. Only a newline ends a line of a PO file.

    The lines are made one at a time as polib reads them (it only iterates over them): a list
    of them would be a second copy of a large catalog while polib builds its entries."""

    def splitlines(self, keepends: bool = False) -> Iterator[str]:  # type: ignore[override]
        end = len(self)
        position = 0
        while position < end:
            newline = self.find("\n", position)
            if newline < 0:
                yield self[position:end]
                return
            yield self[position : newline + 1 if keepends else newline]
            position = newline + 1


def check_po_syntax(text: str, shown: str, encoding: str = "utf-8") -> PoText:
    """Raise CatalogSyntaxError naming ``shown:line`` for the first syntax problem in ``text``.

    Return the text for polib: lines are split at newlines only, and a string with escapes
    polib does not know (octal, hex, \\a) is given to it decoded, on its first line (the lines
    it continued on are left blank, so that line numbers stay those of the file).
    """
    expected_fix = "fix it by hand (msgfmt --check shows every error) or restore it from a backup"
    seen: dict[tuple[str | None, str], int] = {}
    keyword: str | None = None  # last keyword of the entry being read
    entry: dict[str, str] = {}
    entry_line = 0
    obsolete_entry = False
    field_lines: dict[str, list[int]] = {}  # where each string of the entry was written
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    rewritten = False  # whether a line was rewritten for polib (escapes decoded)
    if text.startswith("\ufeff"):
        # GNU msgfmt (a syntax error at 1:2) and CPython's msgfmt.py refuse it too: accepting
        # it here would let a catalog through that the tools compiling it reject.
        raise CatalogSyntaxError(
            f"{shown}:1: starts with a byte-order mark (U+FEFF), which GNU msgfmt refuses too; "
            f"remove it: save as UTF-8 without BOM, or sed -i '1s/^\\xEF\\xBB\\xBF//' {shown}"
        )
    if "\x00" in text:
        nul_line = text.count("\n", 0, text.index("\x00")) + 1
        raise CatalogSyntaxError(
            f"{shown}:{nul_line}: a NUL character (msgfmt would cut the string there); "
            f"{expected_fix}"
        )

    def fail(line_number: int, problem: str) -> NoReturn:
        raise CatalogSyntaxError(f"{shown}:{line_number}: {problem}; {expected_fix}")

    def decode_fields() -> dict[str, str]:
        nonlocal rewritten
        values = {}
        for word, body in entry.items():
            try:
                values[word] = unescape(body, encoding)
            except EscapeError as error:
                fail(field_lines[word][0], f"'{word}': {error}")
            if not _polib_reads_as_is(body):
                rewritten = True
                first, *rest = field_lines[word]
                prefix = "#~ " if obsolete_entry else ""
                lines[first - 1] = f'{prefix}{word} "{polib.escape(values[word])}"'
                for number in rest:
                    lines[number - 1] = ""
        return values

    def finish(line_number: int) -> None:
        nonlocal entry, keyword, field_lines
        if not entry:
            return
        if "msgid" not in entry:
            fail(entry_line, "entry without msgid")
        if not any(k.startswith("msgstr") for k in entry):
            fail(line_number, "missing msgstr for the entry above")
        indexed = any(k.startswith("msgstr[") for k in entry)
        if "msgid_plural" in entry and not indexed:
            fail(
                entry_line,
                "an entry with msgid_plural needs msgstr[0], msgstr[1]... instead of msgstr",
            )
        if indexed and "msgid_plural" not in entry:
            fail(entry_line, "msgstr[N] needs a msgid_plural line; without one, use msgstr")
        if indexed and "msgstr" in entry:
            fail(entry_line, "an entry has either msgstr or msgstr[N], not both")
        values = decode_fields()
        # Live or obsolete, as for msgfmt and msgmerge ("duplicate message definition"):
        # polib would keep both and a merge would silently drop one of the translations.
        key = (values.get("msgctxt"), values["msgid"])
        if key in seen:
            fail(
                entry_line,
                f"duplicate entry (first defined at line {seen[key]}; an obsolete #~ copy "
                "counts too): keep one of them",
            )
        seen[key] = entry_line
        entry, keyword, field_lines = {}, None, {}

    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.strip(_BLANKS)
        obsolete = False
        if line.startswith("#~"):
            line = line[2:].strip(_BLANKS)
            if line.startswith("|"):  # previous msgid of an obsolete fuzzy entry
                continue
            obsolete = True
        elif not line or line.startswith("#"):
            if not line and entry and any(k.startswith("msgstr") for k in entry):
                finish(number)
            continue
        if not line:
            continue
        keyword_match = _KEYWORD.match(line)
        if keyword_match:
            word, rest = keyword_match.groups()
            starts_entry = word in ("msgctxt", "msgid") and (
                keyword is None
                or keyword.startswith("msgstr")
                or (word == "msgid" and keyword != "msgctxt")
            )
            if starts_entry:
                if word == "msgid" and keyword == "msgid":
                    fail(number, "missing msgstr for the entry above")
                finish(number)
                entry_line, obsolete_entry = number, obsolete
            elif word in entry:
                fail(number, f"'{word}' given twice in one entry")
            body = _string_body(rest)
            if body is None:
                fail(number, f"'{word}' must be followed by one quoted string")
            entry[word] = body or ""
            field_lines[word] = [number]
            keyword = word
            continue
        body = _string_body(line)
        if body is not None:
            if keyword is None:
                fail(number, "a string outside any entry")
            entry[keyword] = entry.get(keyword, "") + body
            field_lines[keyword].append(number)
            continue
        if line.startswith('"'):
            fail(number, "unterminated string or text after the closing quote")
        fail(number, f"unknown keyword '{line.split()[0]}'")
    finish(len(lines) + 1)
    if not rewritten:
        # The text as it is: joining the lines again would hold a large catalog twice more.
        del lines
        return PoText(text if text.endswith("\n") else text + "\n")
    return PoText("\n".join(lines) + "\n")
