"""A strict syntax check of PO files before polib reads them.

polib is lenient where a hand-edited file is most likely broken: it reads an unterminated
string as a truncated one and keeps duplicate entries. Translations would be silently lost, so
every catalog is checked line by line first, and the first problem is reported as file:line.
"""

from __future__ import annotations

import re
from typing import NoReturn

from localize.errors import CatalogSyntaxError

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(.*)$")
_STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
_ESCAPES = set("ntr\"\\abfv?'0123456789x")


def _string_body(rest: str) -> str | None:
    match = _STRING.match(rest)
    if not match:
        return None
    body = match.group(1)
    for escape in re.finditer(r"\\(.)", body):
        if escape.group(1) not in _ESCAPES:
            return None
    return body


def check_po_syntax(text: str, shown: str) -> None:
    """Raise CatalogSyntaxError naming ``shown:line`` for the first syntax problem in ``text``."""
    expected_fix = "fix it by hand (msgfmt --check shows every error) or restore it from a backup"
    seen: dict[tuple[bool, str | None, str], int] = {}
    keyword: str | None = None  # last keyword of the entry being read
    entry: dict[str, str] = {}
    entry_line = 0
    obsolete_entry = False

    def fail(line_number: int, problem: str) -> NoReturn:
        raise CatalogSyntaxError(f"{shown}:{line_number}: {problem}; {expected_fix}")

    def finish(line_number: int) -> None:
        nonlocal entry, keyword
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
        key = (obsolete_entry, entry.get("msgctxt"), entry["msgid"])
        if key in seen:
            fail(entry_line, f"duplicate entry (first defined at line {seen[key]})")
        seen[key] = entry_line
        entry, keyword = {}, None

    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        obsolete = False
        if line.startswith("#~"):
            line = line[2:].strip()
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
                fail(number, f"'{word}' must be followed by one quoted string with valid escapes")
            entry[word] = body or ""
            keyword = word
            continue
        body = _string_body(line)
        if body is not None:
            if keyword is None:
                fail(number, "a string outside any entry")
            entry[keyword] = entry.get(keyword, "") + body
            continue
        if line.startswith('"'):
            fail(number, "unterminated string or text after the closing quote")
        fail(number, f"unknown keyword '{line.split()[0]}'")
    finish(len(text.splitlines()) + 1)
