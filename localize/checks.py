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
from localize.languages import base_language, header_names_another_language, written_language
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


def header_line(text: str, field: str) -> int:
    """The line of a catalog's text where its ``field`` header is written (1 if none is)."""
    prefix = f'"{field}:'
    return next((n for n, line in enumerate(text.split("\n"), 1) if line.startswith(prefix)), 1)


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
    if header_names_another_language(declared, target_lang, unreadable=True):
        # Editors, Weblate and msgfmt's plural checks go by the header, not by the folder.
        at = header_line(text, "Language")
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
    # The glossary's column is the catalog's written language (zh_TW reads zh_Hant); the
    # checks of the language itself (scripts, punctuation, numbers) go by its base language.
    column = written_language(lang)
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
                column,
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
                for message in out_of_date_messages(msgid, msgstr, glossary, column)
            )
    problems.extend(_protected_problems(msgid, msgstr, pieces, protected))
    if reads_markdown(protected):
        problems.extend(
            Problem("markdown-markup", ERROR, message) for message in lost_markup(msgid, msgstr)
        )
    skip = term_spans + [span for span, _ in pieces]
    problems.extend(_number_problems(msgid, msgstr, skip, lang))
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
    # Only words outside markup need translating: "79.6 <sup>[1]</sup>" has none.
    if (
        lang in NON_LATIN
        and msgstr.strip() == msgid.strip()
        and re.search(r"[A-Za-z]{2}", _masked(msgid, [span for span, _ in pieces]))
    ):
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
        msgid, msgstr, glossary, written_language(lang), [], [span for span, _ in pieces], [], []
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
    spans = _references_only(msgid, protected(msgid)) if protected else []
    for match in URL_OR_EMAIL.finditer(msgid):
        if all(match.end() <= a or match.start() >= b for a, b in spans):
            spans.append(match.span())
    return [((a, b), msgid[a:b]) for a, b in sorted(spans)]


_BARE_NAME = re.compile(r"&([A-Za-z][A-Za-z0-9]*)")


def _references_only(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` without the ampersands that start no character reference: html.parser reports
    the "&D" of "R&D" as one, but it is text (the build writes it R&amp;D), which a
    translation may keep, drop or bring (I+D, 研发, R&D)."""
    from html.entities import html5

    return [
        (a, b)
        for a, b in spans
        if not ((bare := _BARE_NAME.fullmatch(text, a, b)) and bare.group(1) not in html5)
    ]


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
        extra = (
            Counter(msgstr[a:b] for a, b in _references_only(msgstr, protected(msgstr))) - wanted
        )
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


# "1.2 million": the quantity a number with a scale word stands for.
_SOURCE_SCALE = re.compile(r"[\s\u00a0]+(thousand|million|billion|trillion)s?\b", re.IGNORECASE)
_SOURCE_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _number_problems(
    msgid: str, msgstr: str, skip: list[tuple[int, int]], lang: str = ""
) -> list[Problem]:
    found, bare = _target_values(msgstr, lang)
    problems = []
    for match in _SOURCE_NUMBER.finditer(msgid):
        if any(a <= match.start() < b for a, b in skip):
            continue
        whole, fraction, ordinal = match.groups()
        value = float(whole.replace(",", "") + (f".{fraction}" if fraction else ""))
        scale = _SOURCE_SCALE.match(msgid, match.end())
        if scale and not ordinal:
            # 1.2 million is 120万, 1,2 millones or 1 200 000; "1,2" before a scale word
            # localize does not know (1,2 juta) is taken as the same quantity too.
            quantity = value * _SOURCE_SCALES[scale.group(1).lower()]
            right = _has(found, quantity) or _has(bare, value)
        else:
            right = any(_has(found, a) for a in {value, *_clock_hours(msgid, match.end(), value)})
        if not right:
            severity = WARNING if ordinal else ERROR
            shown = match.group(0) + (scale.group(0) if scale and not ordinal else "")
            problems.append(
                Problem(
                    "number",
                    severity,
                    f"'{shown.strip()}' of the source is missing from the translation",
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


def _has(values: set[float], value: float) -> bool:
    # Relative: 1.2 × 10^6 computed two ways may differ in the last bits.
    return any(abs(v - value) <= 1e-9 * max(1.0, abs(value)) for v in values)


def _clock_hours(msgid: str, end: int, value: float) -> set[float]:
    """The 24-hour form of an hour written with a.m./p.m. in the source."""
    suffix = _CLOCK_SUFFIX.match(msgid, end)
    if suffix is None or not 1 <= value <= 12 or value != int(value):
        return set()
    afternoon = suffix.group(1).lower() == "p"
    return {value % 12 + (12 if afternoon else 0)}


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
# Scale words after a number, as the target languages write them; one after another they
# multiply (mil millones, 万亿). Chinese, Japanese and Korean count by 10^4: 万 亿 兆.
_CJK_SCALES = {"万": 1e4, "萬": 1e4, "만": 1e4, "亿": 1e8, "億": 1e8, "억": 1e8, "兆": 1e12}
_CJK_SCALES |= {"조": 1e12, "千": 1e3, "천": 1e3}
_WORD_SCALES = [
    (r"thousands?|mil|mille|tausend|тыс\.?|тысяч[аи]?|ألف|آلاف", 1e3),
    (
        r"millions?|millón|millones|milhão|milhões|milione|milioni|miljoen(?:en)?|millionen|"
        r"млн\.?|миллион(?:а|ов)?|مليون|ملايين",
        1e6,
    ),
    (
        r"milliards?|milliarden?|miliardo|miliardi|miljard(?:en)?|bilhão|bilhões|"
        r"млрд\.?|миллиард(?:а|ов)?|مليار|مليارات|بليون",
        1e9,
    ),
    (r"billón|billones|bilião|biliões|bilione|bilioni|billionen", 1e12),
    (r"trillions?|трлн\.?|триллион(?:а|ов)?|تريليون", 1e12),
]
# "billion" is 10^12 where the long scale is used (French, German, Dutch…), 10^9 elsewhere.
_LONG_SCALE = frozenset({"fr", "de", "nl", "it", "sv", "da", "nb", "no", "fi", "pl", "es", "pt"})
_SCALE_WORD = re.compile(
    "(?:"
    + "|".join(f"(?P<w{i}>{words})" for i, (words, _) in enumerate(_WORD_SCALES))
    + r"|(?P<billion>billions?))(?!\w)",  # a whole word: "mil" is not "millones"
    re.IGNORECASE,
)


def _scale_after(text: str, end: int, lang: str) -> float:
    """The product of the scale words right after a number ending at ``end`` (1 if none)."""
    scale = 1.0
    position = end
    while True:
        spaced = position
        while spaced < len(text) and text[spaced] in " \u00a0\u202f":
            spaced += 1
        if text[position : position + 1] in _CJK_SCALES:
            scale *= _CJK_SCALES[text[position]]
            position += 1
            continue
        word = _SCALE_WORD.match(text, spaced)
        if not word:
            return scale
        if word.lastgroup == "billion":
            scale *= 1e12 if lang in _LONG_SCALE else 1e9
        else:
            scale *= _WORD_SCALES[int(str(word.lastgroup)[1:])][1]
        position = word.end()


def _grouped(groups: list[str]) -> bool:
    """Whether digit groups read as one whole number with group separators: every separator
    stands before exactly three digits (1.500, 1 500, 1'500, ٣٬٤٠٠) or, in India's grouping,
    before pairs then a last three (1,50,000). "1.5" or "2,5" is a decimal, never 15 or 25:
    reading it as one would let 1.5亿 pass for "15亿" and 2,5 millones for "25 million"."""
    if len(groups) == 1:
        return True
    first, *rest = groups
    if not 1 <= len(first) <= 3 or len(rest[-1]) != 3:
        return False
    middle = {len(group) for group in rest[:-1]}
    return middle <= {3} or (middle == {2} and len(first) <= 2)


def _target_values(text: str, lang: str = "") -> tuple[set[float], set[float]]:
    """Every value a number in ``text`` can stand for under some locale's conventions:
    1,000 / 1.000 / 1 000 / ١٬٠٠٠, decimals with a point or comma, 1万, 1,5 milliard,
    2021年7月14日; and apart, the values of the numbers followed by no scale word."""
    text = unicodedata.normalize("NFKC", text)
    # Arabic-Indic, Devanagari… digits as ASCII ones; most translations have none to convert.
    text = _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group(0))), text)
    values: set[float] = set()
    bare: set[float] = set()
    for match in _TARGET_NUMBER.finditer(text):
        token = match.group(0)
        groups = re.split(r"[^\d]", token)
        separators = re.findall(r"[^\d]", token)
        readings = set()
        if _grouped(groups):
            readings.add(float("".join(groups)))
        if separators and separators[-1] in ".,\u066b" and _grouped(groups[:-1]):
            readings.add(float("".join(groups[:-1]) + "." + groups[-1]))
        scale = _scale_after(text, match.end(), lang)
        if scale == 1:
            bare |= readings
        values.update(reading * scale for reading in readings)
        values.update(float(g) for g in groups)
    return values, bare


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
    if "„" in text:  # then “ may close a quotation too
        found = [pair for pair in found if pair != "“”"]
        if not _low_quotes_balanced(text):
            found.append("„“")
    if text.count('"') % 2:
        found.append('"')
    return found


def _low_quotes_balanced(text: str) -> bool:
    """Russian, German, Czech… open a quotation with „ and close it with “ (Polish, Romanian,
    Hungarian with ”): „ opens, and the marks pair up when each „ or “ has its own closer."""
    low = text.count("„")
    marks = low + text.count("“") + text.count("”")
    return marks % 2 == 0 and 2 * low <= marks


def _bracket_problems(msgid: str, msgstr: str) -> list[Problem]:
    if _unbalanced(msgid):  # a sentence cut from a longer quotation: nothing to compare
        return []
    bad = _unbalanced(msgstr)
    if not bad:
        return []
    return [Problem("brackets", ERROR, f"unbalanced {' '.join(bad)} in the translation")]


# “ and ‘ close a quotation in German, Czech, Russian… („Wir sind einverstanden.“, ‚so‘).
_CLOSERS = "\"'“”‘’»」』》）)]】›"
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


# The last word of a text ending with an abbreviation (EE.UU., U.S., a.m., etc.), whose period
# may or may not also end the sentence.
_ABBREVIATION_AT_END = re.compile(
    r"(?:(?<![^\W\d_])(?:[^\W\d_]{1,4}\.){2,}|\b(?:etc|Inc|Ltd|Co|Corp|Jr|Sr)\.)$"
)


def _ends_with_abbreviation(text: str) -> bool:
    core = text.rstrip().rstrip(_CLOSERS).rstrip()
    return _ABBREVIATION_AT_END.search(core) is not None


def _punctuation_problems(msgid: str, msgstr: str, lang: str) -> list[Problem]:
    source_kind, _ = _final(msgid)
    target_kind, mark = _final(msgstr)
    # "(billion U.S. dollars)" -> "(… de EE.UU.)": no sentence ends there. (The other way,
    # "at 5 p.m." -> "a las 17 h", the English period ends the sentence too: one is missing.)
    if (source_kind, target_kind) == ("none", "stop") and _ends_with_abbreviation(msgstr):
        return []
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
