"""Reading an article: bytes to text, with every way the input can be wrong reported clearly.

The decoded text is what formats parse and what offsets point into; the BOM and the encoding are
kept aside so that a regenerated copy is written back exactly as the source was.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.errors import LocalizeError
from localize.fileio import refuse_special_file
from localize.formats import format_for
from localize.formats.base import Format, PackedUnits, Unit, check_disjoint
from localize.project import catalog_name

STDIN = "-"
_LINE_PREFIX = re.compile(r"line (\d+): (.*)", re.DOTALL)
_BINARY_SNIFF = 8192


@dataclass(frozen=True)
class Article:
    """An article as read: its text decoded, how it was encoded, its language and format, and
    the units (sentences, verbatim spans) its format parsed."""

    path: Path | None  # None for standard input
    display: str  # as shown in messages and PO references
    text: str  # decoded, without BOM
    bom: bytes
    encoding: str
    lang: str
    format: Format
    units: Sequence[Unit]  # PackedUnits when read by read_article

    @property
    def name(self) -> str:
        """The catalog name: the file's stem (``stdin`` for standard input)."""
        return catalog_name(self.path)

    def encode(self, text: str) -> bytes:
        """Encode a regenerated copy the way the source was encoded. HTML can carry any
        character in a legacy charset, as a numeric character reference."""
        if self.format.name == "html":
            return self.bom + text.encode(self.encoding, errors="xmlcharrefreplace")
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError as error:
            line = text.count("\n", 0, error.start) + 1
            raise LocalizeError(
                f"{self.display}: the translation has characters {self.encoding} cannot encode "
                f"(line {line}); convert the article to UTF-8 and pass --encoding utf-8"
            ) from None


def display_path(path: Path) -> str:
    """The article path as written in PO references: relative to the current directory when
    the article lies below it, so references do not depend on where the checkout lives."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_bytes(path_arg: str) -> tuple[Path | None, str, bytes]:
    if path_arg == STDIN:
        return None, "<stdin>", sys.stdin.buffer.read()
    path = Path(path_arg)
    shown = path.as_posix()
    if not path.exists():
        raise LocalizeError(f"{shown}: no such file; check the path to the article")
    if path.is_dir():
        raise LocalizeError(f"{shown}: is a directory; pass an article file inside it")
    refuse_special_file(path, "the article")
    if any(ord(character) < 32 or ord(character) == 127 for character in path.name):
        # A "#:" reference is one line: msgfmt rejects a catalog whose name breaks it.
        raise LocalizeError(
            f"{shown!r}: the file name holds a line break or another control character, "
            "which a catalog's references cannot hold; rename the file"
        )
    try:
        return path, display_path(path), path.read_bytes()
    except PermissionError:
        raise LocalizeError(f"{shown}: permission denied; make the file readable") from None
    except OSError as error:
        raise LocalizeError(f"{shown}: cannot read it ({error.strerror})") from None


def _split_bom(raw: bytes) -> tuple[bytes, bytes, str | None]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            return bom, raw[len(bom) :], encoding
    return b"", raw, None


def _guess_legacy_encoding(raw: bytes) -> str:
    """A hint for the error message, not a decision: localize never decodes by guessing."""
    for candidate in ("windows-1252", "koi8-r", "gb18030", "windows-1256"):
        try:
            raw.decode(candidate)
        except UnicodeDecodeError:
            continue
        return candidate
    return "latin-1"


def decode(
    raw: bytes, shown: str, encoding: str | None, declared: str | None = None
) -> tuple[str, bytes, str]:
    """Return (text, bom, encoding). ``declared`` is a charset the document itself declares."""
    bom, body, bom_encoding = _split_bom(raw)
    chosen = encoding or bom_encoding or declared or "utf-8"
    if bom_encoding is None and encoding is None and b"\x00" in body[:_BINARY_SNIFF]:
        raise LocalizeError(
            f"{shown}: looks like a binary file (it contains NUL bytes); "
            "pass a text, Markdown or HTML article"
        )
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise LocalizeError(
            f"{shown}: unknown encoding '{chosen}'; pass --encoding with a "
            "Python codec name such as utf-8 or windows-1252"
        ) from None
    try:
        b"a".decode(
            chosen, "ignore"
        )  # rot13, base64, zlib_codec... are codecs, but not text encodings
    except LookupError:
        raise LocalizeError(
            f"{shown}: '{chosen}' is not a text encoding; pass --encoding with a "
            "character encoding such as utf-8 or windows-1252"
        ) from None
    try:
        text = body.decode(chosen)
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        byte = body[error.start : error.start + 1].hex().upper()
        guess = _guess_legacy_encoding(body)
        raise LocalizeError(
            f"{shown}:{line}: not valid {chosen} (byte 0x{byte}); if the file is {guess}, "
            f"re-run with --encoding {guess}, or convert it: iconv -f {guess} -t utf-8"
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        # Past the binary sniff a NUL would reach the catalogs, where msgfmt cuts the
        # string at it (or reads what follows as a bogus plural form).
        line = text.count("\n", 0, nul) + 1
        raise LocalizeError(
            f"{shown}:{line}: contains a NUL character; remove it (a text, Markdown or HTML "
            "article has none)"
        )
    if bom_encoding and not encoding:
        chosen = bom_encoding
    return text, bom, chosen


def read_article(
    path_arg: str,
    *,
    lang: str = "en",
    encoding: str | None = None,
    input_format: str | None = None,
    allow_empty: bool = False,
) -> Article:
    """Read, decode and parse an article; every problem becomes a one-line LocalizeError."""
    path, shown, raw = read_bytes(path_arg)
    fmt = format_for(path_arg if path else "", input_format)
    declared = fmt.declared_charset(raw)
    text, bom, chosen = decode(raw, shown, encoding, declared)
    if not text.strip() and not allow_empty:
        what = "empty" if not text else "only white space"
        raise LocalizeError(f"{shown}: the article is {what}; there is nothing to translate")
    try:
        units = fmt.parse(text, lang)
        check_disjoint(text, units)
    except LocalizeError as error:
        # Formats know lines, not files: "line 12: ..." becomes "story.html:12: ...".
        located = _LINE_PREFIX.match(str(error))
        message = (
            f"{shown}:{located.group(1)}: {located.group(2)}" if located else f"{shown}: {error}"
        )
        raise LocalizeError(message) from None
    if not units and not allow_empty:
        raise LocalizeError(
            f"{shown}: no translatable text found (format: {fmt.name}); check --input-format"
        )
    return Article(
        path=path,
        display=shown,
        text=text,
        bom=bom,
        encoding=chosen,
        lang=lang,
        format=fmt,
        units=units if isinstance(units, PackedUnits) else PackedUnits(units),
    )
