"""Quality checks on translated catalog entries, the gate before publishing.

Each check compares one entry's msgstr with its msgid: glossary terms (inflection-aware),
forbidden renderings, numbers and dates (in any locale's digits and separators), names that
must stay as they are, balanced quotes and brackets, final punctuation, text left untranslated
in another script, leftover placeholder tokens, and protected spans (inline markup, URLs); and
the checks of translate-toolkit (pofilter) that fit news copy (``toolkit_checks``).
Errors make ``localize check`` exit 1 and ``build --check`` refuse; warnings are shown only.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from localize.entry_state import is_checked, is_stale_draft
from localize.glossary import Glossary, under_a_deputy
from localize.languages import base_language
from localize.markdown_markup_check import lost_markup, reads_markdown
from localize.placeholders import Placeholder, default_placeholder, leftover_pattern
from localize.toolkit_checks import QUOTE_MARKS, toolkit_problems
from localize.urls import URL_OR_EMAIL

ERROR = "error"
WARNING = "warning"

Protected = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    msgid: str
    check: str
    severity: str
    message: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Problem:
    check: str
    severity: str
    message: str


def check_catalog(
    po_path: Path,
    glossary: Glossary | None,
    target_lang: str,
    protected: Protected | None = None,
    placeholder: Placeholder = default_placeholder,
) -> list[Finding]:
    """Findings for every translated or fuzzy entry of the catalog at ``po_path``."""
    from localize.catalog import load_catalog

    po = load_catalog(po_path)
    shown = po_path.as_posix()
    text = po_path.read_bytes().decode(po.encoding or "utf-8", errors="replace")
    msgid_lines = _msgid_lines(text)
    findings: list[Finding] = []
    declared = po.metadata.get("Language", "").strip()
    # A region or a modifier (es_MX, ca@valencia) names a variety of the same language.
    if declared and base_language(declared) != base_language(target_lang):
        # Editors, Weblate and msgfmt's plural checks go by the header, not by the folder.
        at = next(
            (n for n, line in enumerate(text.split("\n"), 1) if line.startswith('"Language:')), 1
        )
        findings.append(
            Finding(
                shown,
                at,
                "",
                "header-language",
                ERROR,
                f"the header says Language: {declared}, but this is the {target_lang} catalog; "
                f'write "Language: {target_lang}\\n" there',
            )
        )
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if not is_checked(entry):
            continue
        if is_stale_draft(entry):
            findings.append(
                Finding(
                    shown,
                    _at_or_after(msgid_lines, entry.linenum or 0),
                    entry.msgid,
                    "stale-draft",
                    WARNING,
                    "a machine draft of the previous sentence (#| msgid), not of this one: "
                    "'localize update' with an engine redrafts it",
                )
            )
        translations = (
            [v for _, v in sorted(entry.msgstr_plural.items())]
            if entry.msgid_plural
            else [entry.msgstr]
        )
        for msgstr in translations:
            if not msgstr:
                continue
            for problem in check_entry(
                entry.msgid, msgstr, glossary, target_lang, protected, placeholder
            ):
                line = _at_or_after(msgid_lines, entry.linenum or 0)
                findings.append(
                    Finding(
                        shown, line, entry.msgid, problem.check, problem.severity, problem.message
                    )
                )
    return findings


def _msgid_lines(text: str) -> list[int]:
    """Line numbers of the msgid keywords, where editors and msgfmt point for an entry (polib
    numbers an entry from its first comment line)."""
    return [
        number for number, line in enumerate(text.split("\n"), start=1) if line.startswith("msgid ")
    ]


def _at_or_after(lines: list[int], start: int) -> int:
    from bisect import bisect_left

    index = bisect_left(lines, start)
    return lines[index] if index < len(lines) else start


def check_entry(
    msgid: str,
    msgstr: str,
    glossary: Glossary | None,
    lang: str,
    protected: Protected | None = None,
    placeholder: Placeholder = default_placeholder,
) -> list[Problem]:
    lang = base_language(lang)
    problems: list[Problem] = []
    term_spans: list[tuple[int, int]] = []
    title_spans: list[tuple[int, int]] = []  # the terms of kind title, before a person's name
    rendered: list[tuple[int, int]] = []  # where the translation has the terms' renderings
    pieces = _protected_pieces(msgid, protected)
    if glossary is not None:
        problems.extend(
            _glossary_problems(
                msgid,
                msgstr,
                glossary,
                lang,
                term_spans,
                [span for span, _ in pieces],
                rendered,
                title_spans,
            )
        )
        if lang not in NON_LATIN:
            problems.extend(_name_problems(msgid, msgstr, term_spans, title_spans))
        if glossary.article_day is not None:
            from localize.validity import out_of_date_messages

            problems.extend(
                Problem("glossary-out-of-date", WARNING, message)
                for message in out_of_date_messages(msgid, msgstr, glossary, lang)
            )
    problems.extend(_protected_problems(msgid, msgstr, pieces, protected))
    if reads_markdown(protected):
        problems.extend(
            Problem("markdown-markup", ERROR, message) for message in lost_markup(msgid, msgstr)
        )
    skip = term_spans + [span for span, _ in pieces]
    problems.extend(_number_problems(msgid, msgstr, skip))
    problems.extend(_bracket_problems(msgid, msgstr))
    problems.extend(_punctuation_problems(msgid, msgstr, lang))
    # What the glossary mandates (« la Ceinture et la Route ») and what is copied verbatim
    # (markup, URLs) is not the translator's choice: the quotation-mark check looks at the rest.
    copied = [(a, b) for text in {t for _, t in pieces} for a, b in _occurrences(msgstr, text)]
    problems.extend(
        Problem(check, severity, message)
        for check, severity, message in toolkit_problems(
            msgid, msgstr, lang, masked=(_masked(msgid, skip), _masked(msgstr, rendered + copied))
        )
    )
    if lang in NON_LATIN and msgstr.strip() == msgid.strip() and re.search(r"[A-Za-z]{2}", msgid):
        problems.append(
            Problem(
                "untranslated",
                ERROR,
                f"the translation is the English text; translate it into {lang}",
            )
        )
    leftover = _leftover(placeholder)
    source_tokens = set(t.lower() for t in leftover.findall(msgid))
    left = [t for t in leftover.findall(msgstr) if t.lower() not in source_tokens]
    if left:
        problems.append(
            Problem(
                "placeholder",
                ERROR,
                f"leftover placeholder {', '.join(left)} from machine "
                "translation; put the protected text or term back",
            )
        )
    return problems


@lru_cache(maxsize=16)
def _leftover(placeholder: Placeholder) -> re.Pattern[str]:
    # Built once per placeholder family, not twice per entry.
    return leftover_pattern(placeholder)


# -- glossary ---------------------------------------------------------------------------------


def glossary_problems(
    msgid: str,
    msgstr: str,
    glossary: Glossary,
    lang: str,
    protected: Protected | None = None,
) -> list[Problem]:
    """What ``check`` says of one translation against the glossary alone: an approved term
    missing, a forbidden rendering, a name to keep changed. translate asks it of the proposals
    it did not draft under this glossary (the memory's, a draft made under an earlier one)."""
    pieces = _protected_pieces(msgid, protected)
    return _glossary_problems(
        msgid, msgstr, glossary, base_language(lang), [], [span for span, _ in pieces], [], []
    )


def _glossary_problems(
    msgid: str,
    msgstr: str,
    glossary: Glossary,
    lang: str,
    spans: list[tuple[int, int]],
    protected: list[tuple[int, int]],
    rendered: list[tuple[int, int]],
    titles: list[tuple[int, int]],
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    forbidden_reported: list[tuple[int, int]] = []
    matches = []
    for match in glossary.match(msgid, deputies=True):
        if any(match.start < b and a < match.end for a, b in protected):
            continue  # a term inside a URL or markup is copied verbatim, not translated
        spans.append((match.start, match.end))
        if match.entry.kind == "title":
            titles.append((match.start, match.end))
        if match.entry.covers(lang) and not under_a_deputy(match, msgid):
            matches.append(match)
    needed = Counter(m.entry.id for m in glossary.required(matches, msgid))
    carried = glossary.carried(matches, lang, msgstr, msgid)
    for match in matches:
        entry = match.entry
        if entry.id in seen:
            continue
        seen.add(entry.id)
        rendered.extend(
            _with_own_quotes(msgstr, span, entry.approved(lang))
            for span in glossary.approved_spans(entry, lang, msgstr)
        )
        short = carried[entry.id] < needed[entry.id]
        times = (
            f" ({needed[entry.id]}× in the source, {carried[entry.id]}× in the translation)"
            if short and carried[entry.id]
            else ""
        )
        if lang in entry.keep:
            if short:
                problems.append(
                    Problem(
                        "name-changed",
                        ERROR,
                        f"'{match.text}' must stay as is in {lang}{times} (glossary {entry.id})",
                    )
                )
        elif short:
            options = " / ".join(entry.approved(lang))
            problems.append(
                Problem(
                    "glossary-missing",
                    ERROR,
                    f"'{match.text}' should be rendered as {options}{times} (glossary {entry.id})",
                )
            )
        for form, start, end in _one_per_occurrence(
            msgstr, glossary.forbidden_found(entry, lang, msgstr)
        ):
            if any(start < b and a < end for a, b in forbidden_reported):
                continue  # another entry's forbidden rendering, already reported here
            forbidden_reported.append((start, end))
            # The quotation marks around a forbidden rendering («Один пояс, один путь») go with
            # it: this finding names the problem, the quotation-mark check would misname it.
            rendered.append(_with_quotes_around(msgstr, (start, end)))
            problems.append(
                Problem(
                    "glossary-forbidden",
                    ERROR,
                    f"forbidden rendering '{form}' of '{match.text}'; use "
                    f"{entry.preferred(lang, match.text)} (glossary {entry.id})",
                )
            )
    return problems


def _one_per_occurrence(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """One forbidden form per place of ``text``: the variants of a forbidden rendering
    («Один пояс, один путь», «Один пояс — один путь») are matched through any punctuation, so
    each finds the same words. The form written as the text writes it is named, else the
    first listed."""
    chosen: list[tuple[str, int, int]] = []
    for form, start, end in found:
        at = next(
            (i for i, (_, a, b) in enumerate(chosen) if start < b and a < end),
            None,
        )
        if at is None:
            chosen.append((form, start, end))
        elif _as_written(form, text[start:end]) and not _as_written(
            chosen[at][0], text[chosen[at][1] : chosen[at][2]]
        ):
            chosen[at] = (form, start, end)
    return sorted(chosen, key=lambda found_at: found_at[1])


def _as_written(form: str, occurrence: str) -> bool:
    return form.strip(_QUOTES_AND_SPACES).casefold() == occurrence.casefold()


def _with_quotes_around(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` with the quotation marks (and spaces inside them) right around it, when they
    pair up with the marks inside it (“一带一路”战略: one before, one inside); else ``span``."""
    a, b = span
    while a > 0 and text[a - 1] in _QUOTES_AND_SPACES:
        a -= 1
    while b < len(text) and text[b] in _QUOTES_AND_SPACES:
        b += 1
    # Only marks: the spaces before or after the quotation stay the text's.
    while a < span[0] and text[a] not in QUOTE_MARKS:
        a += 1
    while b > span[1] and text[b - 1] not in QUOTE_MARKS:
        b -= 1
    marks = sum(ch in QUOTE_MARKS for ch in text[a:b])
    return (a, b) if marks % 2 == 0 else span


def _name_problems(
    msgid: str, msgstr: str, terms: list[tuple[int, int]], titles: list[tuple[int, int]]
) -> list[Problem]:
    """Names the glossary does not list, kept in a Latin-script translation as written."""
    from localize.names import changed, unlisted_names

    problems = []
    for name in unlisted_names(msgid, terms, titles):
        if not changed(name, msgstr):
            continue
        if name.person:
            problems.append(
                Problem(
                    "name-changed",
                    ERROR,
                    f"the name '{name.text}' was changed; keep it as the source writes it",
                )
            )
        else:
            problems.append(
                Problem(
                    "name-unverified",
                    WARNING,
                    f"'{name.text}' is not in the glossary and the translation changed it; "
                    "check it against the source",
                )
            )
    return problems


_QUOTES_AND_SPACES = QUOTE_MARKS + " \u00a0\u202f"


def _with_own_quotes(text: str, span: tuple[int, int], forms: tuple[str, ...]) -> tuple[int, int]:
    """The span of a rendering together with the quotation marks that are part of the approved
    form (« la Ceinture et la Route »), which term matching leaves outside the span."""
    a, b = span
    for form in forms:
        core = form.strip(_QUOTES_AND_SPACES)
        if core == form:
            continue
        before = form[: len(form) - len(form.lstrip(_QUOTES_AND_SPACES))]
        after = form[len(form.rstrip(_QUOTES_AND_SPACES)) :]
        if before and text[max(0, a - len(before)) : a] == before:
            a -= len(before)
        if after and text[b : b + len(after)] == after:
            b += len(after)
    return a, b


def _occurrences(text: str, piece: str) -> list[tuple[int, int]]:
    found, start = [], text.find(piece)
    while piece and start != -1:
        found.append((start, start + len(piece)))
        start = text.find(piece, start + len(piece))
    return found


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans blanked out (same length, so other offsets stay valid)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


# -- protected spans --------------------------------------------------------------------------


def _protected_pieces(msgid: str, protected: Protected | None) -> list[tuple[tuple[int, int], str]]:
    spans = list(protected(msgid)) if protected else []
    for match in URL_OR_EMAIL.finditer(msgid):
        if all(match.end() <= a or match.start() >= b for a, b in spans):
            spans.append(match.span())
    return [((a, b), msgid[a:b]) for a, b in sorted(spans)]


def _protected_problems(
    msgid: str, msgstr: str, pieces: list[tuple[tuple[int, int], str]], protected: Protected | None
) -> list[Problem]:
    wanted = Counter(text for _, text in pieces)
    problems = []
    for text, count in wanted.items():
        if msgstr.count(text) < count:
            problems.append(
                Problem(
                    "protected",
                    ERROR,
                    f"'{text}' must appear {count}× unchanged in the translation (markup or URL)",
                )
            )
    if protected is not None:
        extra = Counter(msgstr[a:b] for a, b in protected(msgstr)) - wanted
        for text in extra:
            problems.append(
                Problem(
                    "protected",
                    ERROR,
                    f"'{text}' is in the translation but not in the source; remove it",
                )
            )
    return problems


# -- numbers ----------------------------------------------------------------------------------

_SOURCE_NUMBER = re.compile(
    r"(?<![^\W\d_])(?<![^\W\d_]-)(?<![\d.,])"
    r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(st|nd|rd|th)?(?![^\W_])"
)
# "3 p.m." is "15 h" / "15:00" in most target languages' 24-hour clocks.
_CLOCK_SUFFIX = re.compile(r"(?::\d\d)?\s*(a|p)\.?\s?m\b\.?", re.IGNORECASE)
_TARGET_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f\u2009 '\u2019\u066b\u066c]\d+)*")
_PERCENT_SOURCE = re.compile(r"\d\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
_PERCENT_TARGET = re.compile(
    r"[%٪％]|百分之|por ciento|pour cent|процент|بالمئة|في المائة|"
    r"بالمائة|في المئة",
    re.IGNORECASE,
)


def _number_problems(msgid: str, msgstr: str, skip: list[tuple[int, int]]) -> list[Problem]:
    found = _target_values(msgstr)
    problems = []
    for match in _SOURCE_NUMBER.finditer(msgid):
        if any(a <= match.start() < b for a, b in skip):
            continue
        whole, fraction, ordinal = match.groups()
        value = float(whole.replace(",", "") + (f".{fraction}" if fraction else ""))
        accepted = {value, *_clock_hours(msgid, match.end(), value)}
        if not any(abs(a - v) < 1e-9 for a in accepted for v in found):
            severity = WARNING if ordinal else ERROR
            problems.append(
                Problem(
                    "number",
                    severity,
                    f"'{match.group(0)}' of the source is missing from the translation",
                )
            )
    if _PERCENT_SOURCE.search(msgid) and not _PERCENT_TARGET.search(msgstr):
        problems.append(
            Problem(
                "number",
                ERROR,
                "the source has a percentage; the translation has no percent sign or word",
            )
        )
    return problems


def _clock_hours(msgid: str, end: int, value: float) -> set[float]:
    """The 24-hour form of an hour written with a.m./p.m. in the source."""
    suffix = _CLOCK_SUFFIX.match(msgid, end)
    if suffix is None or not 1 <= value <= 12 or value != int(value):
        return set()
    afternoon = suffix.group(1).lower() == "p"
    return {value % 12 + (12 if afternoon else 0)}


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _target_values(text: str) -> set[float]:
    """Every value a number in ``text`` can stand for under some locale's conventions:
    1,000 / 1.000 / 1 000 / ١٬٠٠٠, decimals with a point or comma, 1万, 2021年7月14日."""
    text = unicodedata.normalize("NFKC", text)
    # Arabic-Indic, Devanagari… digits as ASCII ones; most translations have none to convert.
    text = _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group(0))), text)
    values: set[float] = set()
    for match in _TARGET_NUMBER.finditer(text):
        token = match.group(0)
        groups = re.split(r"[^\d]", token)
        separators = re.findall(r"[^\d]", token)
        scale = {"万": 1e4, "亿": 1e8}.get(text[match.end() : match.end() + 1], 1)
        values.add(float("".join(groups)) * scale)
        if separators and separators[-1] in ".,\u066b":
            values.add(float("".join(groups[:-1]) + "." + groups[-1]) * scale)
        values.update(float(g) for g in groups)
    return values


# -- brackets and punctuation -------------------------------------------------------------------

_PAIRS = [
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    ("«", "»"),
    ("“", "”"),
    ("「", "」"),
    ("『", "』"),
    ("《", "》"),
    ("（", "）"),
    ("【", "】"),
    ("‹", "›"),
]


_BRACKETS = frozenset(ch for pair in _PAIRS for ch in pair)


def _unbalanced(text: str) -> list[str]:
    present = _BRACKETS.intersection(text)
    found = [
        f"{o}{c}"
        for o, c in _PAIRS
        if (o in present or c in present) and text.count(o) != text.count(c)
    ]
    if text.count('"') % 2:
        found.append('"')
    return found


def _bracket_problems(msgid: str, msgstr: str) -> list[Problem]:
    if _unbalanced(msgid):  # a sentence cut from a longer quotation: nothing to compare
        return []
    bad = _unbalanced(msgstr)
    if not bad:
        return []
    return [Problem("brackets", ERROR, f"unbalanced {' '.join(bad)} in the translation")]


_CLOSERS = "\"'”’»」』》）)]】›"
_FINAL = {
    ".": "stop",
    "。": "stop",
    "۔": "stop",
    "?": "question",
    "？": "question",
    "؟": "question",
    "!": "exclamation",
    "！": "exclamation",
    ":": "colon",
    "：": "colon",
    ";": "semicolon",
    "；": "semicolon",
    "؛": "semicolon",
    "…": "ellipsis",
}


def _final(text: str) -> tuple[str, str]:
    core = text.rstrip().rstrip(_CLOSERS).rstrip()
    if core.endswith(("...", "…")):
        return "ellipsis", core[-1:]
    last = core[-1:]
    return _FINAL.get(last, "none"), last


def _punctuation_problems(msgid: str, msgstr: str, lang: str) -> list[Problem]:
    source_kind, _ = _final(msgid)
    target_kind, mark = _final(msgstr)
    if source_kind != target_kind:
        return [
            Problem(
                "punctuation",
                WARNING,
                f"the source ends with {source_kind}, the translation with {target_kind}",
            )
        ]
    if lang in ("zh", "ja") and source_kind == "stop" and mark == ".":
        return [Problem("punctuation", WARNING, "end a Chinese or Japanese sentence with 。")]
    return []


NON_LATIN = {
    "zh",
    "ja",
    "ko",
    "ru",
    "uk",
    "be",
    "bg",
    "sr",
    "mk",
    "kk",
    "ky",
    "tg",
    "mn",
    "ar",
    "fa",
    "ur",
    "he",
    "el",
    "hi",
    "bn",
    "th",
    "ka",
    "hy",
    "am",
}
