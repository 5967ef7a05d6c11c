"""The terminology glossary: schema, strict loading with file:line errors, and term matching.

The file is YAML (schema 1, documented in docs/glossary.md). It is read through PyYAML's
``compose()`` so that every node keeps its line, and validated by hand: a translator who
mistypes a key gets ``glossary.yaml:42: unknown key 'tragets' ...``, not a traceback.

Matching has two sides. On the source side, ``Glossary.match`` finds term occurrences in a
sentence, longest first, so "Shanghai Cooperation Organization" wins over "Shanghai". On the
target side, ``target_spans`` finds an approved rendering in a translation, tolerant of quote
style, letter case and, for inflecting languages, of word endings (so a Russian genitive or a
French plural is not reported as a missing term).
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from localize.errors import LocalizeError
from localize.languages import PIVOT_LANGUAGE, base_language, written_language
from localize.project import GLOSSARY_FILENAME

if TYPE_CHECKING:
    # Imported where a file is parsed: a glossary taken from the store (an update's) needs no
    # PyYAML, whose import costs about 20 ms.
    import yaml

    from localize.termmatch import Rendering

SCHEMA_VERSION = 1
KINDS = (
    "term",
    "person",
    "title",
    "organization",
    "initiative",
    "concept",
    "place",
    "document",
    "event",
    "media",
)
CASE_RULES = ("auto", "sensitive", "insensitive")
DEFAULT_INFLECTING: tuple[str, ...] = ("ru", "uk", "ar", "fr", "es", "pt", "it")

_TOP_KEYS = {
    "schema",
    "version",
    "source_language",
    "languages",
    "description",
    "defaults",
    "entries",
    "extends",
    "remove",
    "profile",
}
# The base a project glossary may layer on: only the shipped one, so layers cannot form cycles.
EXTENDS_SHIPPED = "shipped"
_ENTRY_KEYS = {
    "id",
    "source",
    "variants",
    "case",
    "whole_word",
    "kind",
    "targets",
    "keep",
    "forms",
    "inflect",
    "forbidden",
    "appositions",
    "grammar",
    "note",
    "valid_from",
    "valid_until",
    "titles",
    "profiles",
    "sources",
    "evidence",
}
# The evidence an entry carries when its renderings were not checked against its sources.
NOT_VERIFIED = "not verified"
_DATE_SHAPE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
GRAMMAR = ("m", "f", "m-pl", "f-pl")
_ID_SHAPE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_NULL_TAG = "tag:yaml.org,2002:null"
MAX_ALIAS_EXPANSION = 10
_EXPANSION_FLOOR = 10_000  # values; below it aliases cannot cost anything worth refusing
_LANG_SHAPE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})?$")


# How many entries left out on the article's date ``describe`` names before "and N more".
_NAMED_OUT_OF_DATE = 3


@dataclass(frozen=True)
class Validity:
    """A span of dates, each end included; None is open (since always, still valid)."""

    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def __str__(self) -> str:
        start = self.start.isoformat() if self.start else "..."
        end = self.end.isoformat() if self.end else "..."
        return f"{start} to {end}"


@dataclass(frozen=True)
class Entry:
    """One term. ``targets[lang]`` lists the approved renderings, preferred first."""

    id: str
    source: str
    variants: tuple[str, ...]
    case: str
    whole_word: bool
    kind: str
    targets: dict[str, tuple[str, ...]]
    keep: tuple[str, ...]
    forms: dict[str, tuple[str, ...]]
    inflect: dict[str, bool]
    forbidden: dict[str, tuple[str, ...]]
    note: str
    line: int
    # Accepted title orders and appositions of the press ("el presidente chino, Xi Jinping"):
    # accepted where they occur, never inserted.
    appositions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Gender and number of the renderings, where articles must agree with them (es, fr).
    grammar: dict[str, str] = field(default_factory=dict)
    # Which file the entry comes from (its absolute path), and, for a project entry that
    # replaces a shipped one of the same id, the file of the entry it replaces.
    origin: str = ""
    overrides: str = ""
    # When the term itself is current (a body renamed, an office abolished): outside it the
    # entry is not enforced and its renderings are flagged by check.
    validity: Validity | None = None
    # For a person: the title entries they held, with dates; outside them the title is out of
    # date for this person (Wang Yi as State Councilor after March 2023).
    titles: dict[str, tuple[Validity, ...]] = field(default_factory=dict)
    # Renderings of a register or house style per language ({es: {prc: [...]}}): accepted
    # always, preferred where the glossary's ``profile`` chooses that register for the language.
    profiles: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # Where the renderings come from: documents or pages, one citation each.
    sources: tuple[str, ...] = ()
    # How far the renderings were checked against those sources; "not verified ..." says they
    # were compiled without consulting the cited text (docs/glossary.md, "Sources and evidence").
    evidence: str = ""

    @property
    def unverified(self) -> bool:
        return NOT_VERIFIED in self.evidence.casefold()

    def valid_on(self, day: date | None) -> bool:
        return day is None or self.validity is None or self.validity.covers(day)

    @property
    def source_forms(self) -> tuple[str, ...]:
        return (self.source, *self.variants)

    def covers(self, lang: str) -> bool:
        column = written_language(lang)
        return column in self.targets or column in self.keep

    def approved(self, lang: str) -> tuple[str, ...]:
        """Every accepted rendering in ``lang`` (a kept term is accepted in any source form)."""
        column = written_language(lang)
        if column in self.keep:
            return self.source_forms
        return self.targets.get(column, ())

    def preferred(self, lang: str, matched: str | None = None, *, first: bool = False) -> str:
        """The rendering to insert; a kept term keeps the form the source used, and a source
        abbreviation (SCO) takes the target's abbreviation (OCS, ШОС) where there is one, or in
        Chinese and Japanese its short form (上合组织 for 上海合作组织), except at the article's
        ``first`` mention, which the press writes in full."""
        column = written_language(lang)
        if column in self.keep:
            return matched if matched is not None else self.source
        targets = self.targets[column]
        if matched is not None and _is_abbreviation(matched):
            short = [t for t in targets if _is_abbreviation(t)]
            if short:
                return short[0]
            if not first and base_language(lang) in _NO_SPACE_SCRIPTS:
                short = [t for t in targets if _is_short_form(t, targets[0])]
                if short:
                    return short[0]
        return targets[0]


@dataclass(frozen=True)
class Match:
    """One occurrence of a glossary entry's source form in a text, with its offsets."""

    entry: Entry
    start: int
    end: int
    text: str


@dataclass
class Glossary:
    """A validated glossary: its entries and settings, and the matchers made from them on
    first use (kept with the object, so every sentence of a run shares them)."""

    path: Path
    version: str
    source_language: str
    languages: tuple[str, ...]
    entries: list[Entry]
    description: str = ""
    default_inflect: tuple[str, ...] = DEFAULT_INFLECTING
    # The glossary this one extends (``extends: shipped``), None for a stand-alone file.
    base: Glossary | None = None
    removed: tuple[str, ...] = ()
    # The article's date (``as_of``): entries out of date then are set aside in ``out_of_date``.
    article_day: date | None = None
    out_of_date: tuple[Entry, ...] = ()
    # Where the date came from, as ``describe`` names it ("the article's date", "--date").
    article_day_from: str = ""
    # The register chosen per language (``profile: {es: prc}``).
    profile: dict[str, str] = field(default_factory=dict)
    # SHA-256 of the YAML text read (and of its base's): what caches of results key it by.
    content_digest: str = ""
    _patterns: list[tuple[_LazyPattern, Entry, str, tuple[str, ...] | None]] = field(
        default_factory=list, repr=False
    )
    _spans: dict[tuple[str, str, str], tuple[tuple[int, int], ...]] = field(
        default_factory=dict, repr=False
    )
    _modifier_cache: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False)
    _longer_cache: dict[tuple[str, str], tuple[tuple[Entry, str], ...]] = field(
        default_factory=dict, repr=False
    )
    # The renderings of each place and body with more than one, per language.
    _name_groups: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict, repr=False)
    # Each entry's renderings written another way (``_other_names_inside``), per language.
    _variants: dict[tuple[str, str], tuple[tuple[str, str], ...]] = field(
        default_factory=dict, repr=False
    )
    # Built with ``_patterns`` (and dropped with it): which patterns a text may match.
    _needles: _NeedleIndex | None = field(default=None, repr=False, compare=False)
    # Not copied by ``dataclasses.replace`` (init=False): a glossary made from this one with
    # other entries (``as_of``, validity's matcher of out-of-date entries) starts them afresh.
    # Each entry's renderings made ready to look for (``_renderings_of``), per language.
    _renderings: dict[
        tuple[str, str], tuple[tuple[Rendering, ...], tuple[tuple[Rendering, str], ...]]
    ] = field(default_factory=dict, init=False, repr=False, compare=False)
    # ``match``'s answers (deputies' titles too) for the last sentences matched.
    _matched: dict[str, tuple[Match, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # Open ``keeping_answers`` blocks: while any is, ``approved_spans`` forgets nothing.
    _keeping: list[int] = field(default_factory=lambda: [0], init=False, repr=False, compare=False)

    def describe(self) -> str:
        """The line every translating or checking command prints: which glossary it used."""
        layered = ""
        if self.base is not None:
            layered = f"; extends {_shown(self.base.path)} version {self.base.version}"
        return f"{_shown(self.path)} (version {self.version}, {self._entries_in_force()}{layered})"

    def _entries_in_force(self) -> str:
        """How many entries the run uses; when the article's date sets some aside, how many
        there are in all and which are left out, and why, so that the count does not change
        from one command to the next without a word."""
        if not self.out_of_date or self.article_day is None:
            return f"{len(self.entries)} entries"
        day = self.article_day
        whole = len(self.entries) + len(self.out_of_date)
        because = f", {self.article_day_from}" if self.article_day_from else ""
        not_yet = [
            e
            for e in self.out_of_date
            if e.validity and e.validity.start and day < e.validity.start
        ]
        ended = [e for e in self.out_of_date if all(e is not early for early in not_yet)]
        reasons = [
            f"{len(group)} {why} ("
            + ", ".join(f"{e.id}: {e.validity}" for e in group[:_NAMED_OUT_OF_DATE])
            + (
                f" and {len(group) - _NAMED_OUT_OF_DATE} more"
                if len(group) > _NAMED_OUT_OF_DATE
                else ""
            )
            + ")"
            for group, why in ((not_yet, "not yet valid"), (ended, "no longer valid"))
            if group
        ]
        return (
            f"{len(self.entries)} of {whole} entries in force on {day.isoformat()}{because}: "
            + "; ".join(reasons)
        )

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.entries}

    @cached_property
    def _surnames(self) -> dict[str, tuple[Entry, ...]]:
        """Person entries -> the entries of the same person by surname alone (Antonio Guterres
        -> Guterres): the person's surname is the last word of a source form."""
        by_source: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.kind == "person":
                for form in entry.source_forms:
                    if " " not in form.strip():
                        by_source.setdefault(form.strip().casefold(), []).append(entry)
        found: dict[str, tuple[Entry, ...]] = {}
        for entry in self.entries:
            if entry.kind != "person":
                continue
            last_words = {f.split()[-1].casefold() for f in entry.source_forms if " " in f.strip()}
            others = {
                o.id: o for word in last_words for o in by_source.get(word, ()) if o is not entry
            }
            if others:
                found[entry.id] = tuple(others.values())
        return found

    def as_of(self, day: date | None, day_from: str = "") -> Glossary:
        """The glossary for an article of ``day``: entries whose validity excludes it are not
        matched or enforced, and are kept in ``out_of_date`` for check to flag. ``day_from``
        says where the date came from, for ``describe``."""
        if day is None:
            return self
        everything = (*self.entries, *self.out_of_date)
        return replace(
            self,
            entries=[e for e in everything if e.valid_on(day)],
            out_of_date=tuple(e for e in everything if not e.valid_on(day)),
            article_day=day,
            article_day_from=day_from,
            _patterns=[],
            _spans={},
            _modifier_cache={},
            _longer_cache={},
            _variants={},
            _name_groups={},
        )

    def entry(self, entry_id: str) -> Entry | None:
        """The entry of ``entry_id``, current or out of date."""
        found = self.by_id.get(entry_id)
        if found is None:
            found = next((e for e in self.out_of_date if e.id == entry_id), None)
        return found

    def has_renderings(self, lang: str) -> bool:
        """Whether any entry (current or out of date) renders or keeps terms in ``lang``."""
        return any(entry.covers(lang) for entry in (*self.entries, *self.out_of_date))

    def missing_language_warning(self, lang: str) -> str | None:
        """What translating into ``lang`` with this glossary must say when it has no ``lang``
        renderings at all (a project glossary of es and fr, a run --to ru): no term is then
        placed or checked, and the run would otherwise look like it applied terminology."""
        if self.has_renderings(lang):
            return None
        # A catalog reads the column of its written language (zh_TW reads zh_Hant): that is
        # the column to name, never the other script's, whose renderings it must not get.
        column = written_language(lang)
        wanted = column if column == lang else f"{column} (the written language of {lang})"
        return (
            f"{_shown(self.path)} has no {wanted} renderings (its languages: "
            f"{', '.join(self.languages) or 'none'}): {lang} gets no terminology; add {column} "
            "to its languages and entries, or choose another glossary with --glossary"
        )

    def other_source_warning(self, source: str, langs: Sequence[str]) -> str | None:
        """What translating an article in ``source`` with this glossary must say when the
        glossary is written for another source language (a French article, the shipped
        English glossary): its terms are looked for in the article's text, so hardly any is
        found, placed or checked, and a run through an English pivot looks like it applied
        them."""
        written_for = base_language(self.source_language)
        if base_language(source) == written_for:
            return None
        pairs = ", ".join(f"{source}->{lang}" for lang in langs)
        pivot = (
            f" (an engine translating through {written_for} on the way does not change that)"
            if written_for == PIVOT_LANGUAGE
            else ""
        )
        return (
            f"{_shown(self.path)} is written for {written_for} sources (source_language: "
            f"{self.source_language}), the article is {source}: its {written_for} terms are "
            f"looked for in {source} text, so {pairs} gets little or no terminology{pivot}; "
            f"give a glossary whose source_language is {source} with --glossary"
        )

    def inflects(self, entry: Entry, lang: str) -> bool:
        # Inflection is the language's, whatever its script; an entry's own setting may still
        # be given for one written language (sr_Latn) apart from the other.
        column = written_language(lang)
        if column in entry.inflect:
            return entry.inflect[column]
        lang = base_language(lang)
        if lang in entry.inflect:
            return entry.inflect[lang]
        return lang in self.default_inflect

    def match(self, text: str, *, deputies: bool = False) -> list[Match]:
        """Non-overlapping term occurrences in ``text``, in text order.

        Candidates are taken longest first, so a longer term shadows any term inside it. A
        title named as its deputy's ("Vice Foreign Minister") is not the title's occurrence,
        and is left out unless ``deputies`` (where only the words matter: names after titles).
        """
        # Each sentence is matched twice in a run: for its reviewers' notes (deputies too) and
        # for enforcement; one answer serves both (issue 19).
        found = self._matched.get(text)
        if found is None:
            if len(self._matched) >= _MATCHES_KEPT:
                self._matched.clear()
            found = self._matched[text] = self._match(text)
        if deputies:
            return list(found)
        return [m for m in found if not under_a_deputy(m, text)]

    def _match(self, text: str) -> tuple[Match, ...]:
        """``match`` with deputies' titles."""
        if not self._patterns or self._needles is None:
            self._patterns = [
                (pattern, entry, needle, stems)
                for entry in self.entries
                for pattern, needle, stems in _source_patterns(entry)
            ]
            self._needles = _NeedleIndex([needle for _, _, needle, _ in self._patterns])
        # Every pattern's longest word must occur in the text: one pass of an automaton over
        # all of them rules out most terms before any regex runs.
        patterns = self._patterns
        candidates = [
            Match(entry, m.start(), m.end(), m.group(0))
            for index in self._needles.possible(text.casefold())
            for pattern, entry, _needle, stems in (patterns[index],)
            for m in pattern.finditer(text)
            if stems is None or _english_stems(m.group(0)) == stems
        ]
        return tuple(m for m in longest_first(candidates) if not _anothers_body(m, text))

    def lookup(self, term: str) -> list[Entry]:
        """Entries whose id, source form or target mentions ``term`` (case-insensitive)."""
        needle = term.casefold().strip()
        exact = [
            e
            for e in self.entries
            if needle == e.id or any(needle == f.casefold() for f in e.source_forms)
        ]
        if exact:
            return exact
        return [
            e
            for e in self.entries
            if any(needle in f.casefold() for f in e.source_forms)
            or any(needle in t.casefold() for ts in e.targets.values() for t in ts)
        ]

    # -- the target side -------------------------------------------------------------------

    def approved_spans(self, entry: Entry, lang: str, text: str) -> list[tuple[int, int]]:
        """Where an approved rendering of ``entry`` occurs in a ``lang`` translation."""
        # check and enforcement ask for the same entry and text several times (missing,
        # occurrences, forbidden); the answer is remembered for the last few hundred texts.
        key = (entry.id, lang, text)
        found = self._spans.get(key)
        if found is None:
            if len(self._spans) > 2048 and not self._keeping[0]:
                self._spans.clear()
            spans = self._find_approved(entry, lang, text)
            if spans:
                spans = self._outside_longer_terms(entry, lang, text, spans)
            found = self._spans[key] = tuple(spans)
        return list(found)

    @contextmanager
    def keeping_answers(self) -> Iterator[None]:
        """Remember every ``approved_spans`` answer until the block ends: one enforcement call
        asks about the same drafts in each of its stages, and the last 2,048 answers had lost a
        third of them by the time they were asked again (issue 19). Blocks may nest and overlap
        across threads."""
        with _KEEPING:
            self._keeping[0] += 1
        try:
            with _collector_paused():
                yield
        finally:
            with _KEEPING:
                self._keeping[0] -= 1
                if not self._keeping[0] and len(self._spans) > 2048:
                    self._spans.clear()

    def _outside_longer_terms(
        self, entry: Entry, lang: str, text: str, spans: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """``spans`` but those inside a longer rendering of another term that holds this one
        with words of its own: 总理 inside 副总理 is a vice premier, not a premier."""
        longer = self._longer_terms(written_language(lang), entry)
        if not longer:
            return spans
        around: list[tuple[int, int]] = []
        for other, form in longer:
            around.extend(
                target_spans(text, form, lang, inflect=False)
                if base_language(lang) in _NO_SPACE_SCRIPTS
                else self._spans_of_form(other, lang, text, form)
            )
        return [
            (start, end)
            for start, end in spans
            if not any(a <= start and end <= b and b - a > end - start for a, b in around)
        ]

    def _spans_of_form(
        self, entry: Entry, lang: str, text: str, form: str
    ) -> list[tuple[int, int]]:
        from localize.termmatch import rendering_spans

        return rendering_spans(
            text,
            form,
            lang,
            inflect=self.inflects(entry, lang),
            source_words=_excluded_words(entry, written_language(lang)),
            title=entry.kind == "title",
        )

    def _longer_terms(self, lang: str, entry: Entry) -> tuple[tuple[Entry, str], ...]:
        """The renderings of other terms in ``lang`` that hold one of ``entry``'s with words
        that make another term (termmatch.names_another_term), worked out once per glossary.
        Only titles: an office's name inside another's names another office (副总理, 大使馆),
        where a concept inside a longer one is mostly the same idea qualified (国家主权 is still
        sovereignty, 新冠肺炎疫情 still COVID-19), and a name inside a longer name still names
        itself."""
        if entry.kind != "title":
            return ()
        if (lang, "") not in self._longer_cache:
            self._longer_cache[(lang, "")] = ()
            self._longer_cache.update(self._longer_titles(lang))
        return self._longer_cache.get((lang, entry.id), ())

    def _longer_titles(self, lang: str) -> dict[tuple[str, str], tuple[tuple[Entry, str], ...]]:
        """``_longer_terms`` of every title in ``lang``, worked out in one pass: each rendering
        folded once, and a pair of renderings looked at closely only when one holds the other's
        letters."""
        from localize.termmatch import names_another_term

        names = self._names_inside(lang)
        every = [
            (other, form, form.casefold())
            for other in self.entries
            for form in (*other.targets.get(lang, ()), *other.forms.get(lang, ()))
        ]
        found: dict[tuple[str, str], tuple[tuple[Entry, str], ...]] = {}
        for entry in self.entries:
            if entry.kind != "title":
                continue
            inner = [
                (own, own.casefold())
                for own in (*entry.targets.get(lang, ()), *entry.forms.get(lang, ()))
            ]
            longer = tuple(
                (other, form)
                for other, form, folded in every
                if other.id != entry.id
                and any(
                    own_folded in folded and names_another_term(own, form, names, lang)
                    for own, own_folded in inner
                )
            )
            if longer:
                found[(lang, entry.id)] = longer
        return found

    def _find_approved(self, entry: Entry, lang: str, text: str) -> list[tuple[int, int]]:
        inflect = self.inflects(entry, lang)
        base = base_language(lang)
        column = written_language(lang)
        spans: list[tuple[int, int]] = []
        if base in _NO_SPACE_SCRIPTS:
            from localize.termmatch import interrupted_spans

            modifiers = self._modifiers(column, entry)
            for form in (*entry.approved(lang), *entry.appositions.get(column, ())):
                spans.extend(target_spans(text, form, lang, inflect=inflect))
                spans.extend(interrupted_spans(text, form, modifiers, base))
            for form in entry.forms.get(column, ()):
                spans.extend(target_spans(text, form, lang, inflect=False))
                spans.extend(interrupted_spans(text, form, modifiers, base))
            from localize.termmatch import ordinal_spans

            for form in (*entry.approved(lang), *entry.forms.get(column, ())):
                spans.extend(ordinal_spans(text, form))
            if entry.kind == "title":
                from localize.termmatch import counted_spans

                for form in (*entry.approved(lang), *entry.forms.get(column, ())):
                    spans.extend(counted_spans(text, form))
            # The Chinese press names a foreign person by title and surname (联合国秘书长古特雷斯,
            # 俄罗斯外长拉夫罗夫): the glossary's rendering of the surname alone is the person too.
            for surname in self._surnames.get(entry.id, ()):
                for form in surname.approved(lang):
                    spans.extend(target_spans(text, form, lang, inflect=False))
            return spans
        own, variants = self._renderings_of(entry, lang)
        for rendering in own:
            spans.extend(rendering.spans(text))
        # A variant is looked for only where the text has what makes it one (its other name,
        # stump or article): most texts have none.
        folded = text.casefold() if variants else ""
        for rendering, needle in variants:
            if needle in folded:
                spans.extend(rendering.spans(text))
        if base == "ru" and entry.kind == "place":
            from localize.termmatch import adjective_spans

            for form in self._own_forms(entry, lang):
                spans.extend(adjective_spans(text, form))
        return spans

    def _own_forms(self, entry: Entry, lang: str) -> tuple[str, ...]:
        column = written_language(lang)
        # Listed forms are often short forms (Устав ООН, Генеральная Ассамблея) that decline
        # like the renderings do (Уставу ООН); an irregular form inflected again stays the term.
        listed = entry.forms.get(column, ())
        return (*entry.approved(lang), *entry.appositions.get(column, ()), *listed)

    def _renderings_of(
        self, entry: Entry, lang: str
    ) -> tuple[tuple[Rendering, ...], tuple[tuple[Rendering, str], ...]]:
        """``entry``'s own renderings in ``lang`` (a script with spaces) and their variants,
        each with what a text must hold for it to be looked for, made ready once per glossary:
        every draft and substitution candidate of an article is asked about them (issue 19)."""
        key = (lang, entry.id)
        found = self._renderings.get(key)
        if found is None:
            from localize.termmatch import rendering

            base = base_language(lang)
            column = written_language(lang)
            ready = partial(
                rendering,
                lang=lang,
                inflect=self.inflects(entry, lang),
                source_words=_excluded_words(entry, column),
                # Russian may name whose it is inside a rendering (партнером ШОС по диалогу).
                names=self._names_inside(column) if base == "ru" else frozenset(),
                title=entry.kind == "title",
            )
            own = self._own_forms(entry, lang)
            variants = (*self._other_names_inside(entry, column), *_written_variants(own, base))
            found = self._renderings[key] = (
                tuple(ready(form) for form in own),
                tuple((ready(form), needle) for form, needle in variants),
            )
        return found

    def _other_names_inside(self, entry: Entry, lang: str) -> tuple[tuple[str, str], ...]:
        """``entry``'s renderings with a place or body named inside them by another of its
        renderings: the abbreviation spelled out or the reverse («... du Comité central du Parti
        communiste chinois» for «... du PCC», «Carta de la ONU» for «Carta de las Naciones
        Unidas»), the article or contraction before it in any gender and number; each with
        the start of the other name's longest word, which the text must have."""
        key = (lang, entry.id)
        found = self._variants.get(key)
        if found is None:
            variants: dict[str, str] = {}
            own = (*entry.targets.get(lang, ()), *entry.forms.get(lang, ()))
            for names in self._interchangeable_names(lang):
                for form in own:
                    for name in names:
                        # The substring test first: a regex compiled for every name of the
                        # glossary was most of a one-sentence update's enforcement (issue 19).
                        at = _whole(name).search(form) if name in form else None
                        if at is None or at.group(0) == form:
                            continue
                        before, after = form[: at.start()], form[at.end() :]
                        for other in names:
                            if other != name:
                                for head in _articles_alike(before, base_language(lang)):
                                    variants[head + other + after] = _needle(other)
            found = self._variants[key] = tuple(sorted(variants.items()))
        return found

    def _interchangeable_names(self, lang: str) -> tuple[tuple[str, ...], ...]:
        """The renderings of each place and body that has more than one in ``lang``."""
        found = self._name_groups.get(lang)
        if found is None:
            groups = (
                tuple(dict.fromkeys((*e.targets.get(lang, ()), *e.forms.get(lang, ()))))
                for e in self.entries
                if e.kind in _MODIFIER_KINDS
            )
            found = self._name_groups[lang] = tuple(g for g in groups if len(g) > 1)
        return found

    def _names_inside(self, lang: str) -> frozenset[str]:
        """The renderings of places and organisations in ``lang``: the names a genitive inside
        a rendering may be (termmatch.rendering_spans). One set per language, so that what is
        built from it is built once."""
        key = (lang, ":names inside")
        found = self._modifier_cache.get(key)
        if found is None:
            found = self._modifier_cache[key] = frozenset(
                form
                for other in self.entries
                if other.kind in _MODIFIER_KINDS
                for form in (*other.targets.get(lang, ()), *other.forms.get(lang, ()))
            )
        return found

    def _modifiers(self, lang: str, entry: Entry) -> frozenset[str]:
        """The renderings that may stand inside another rendering in ``lang`` (a script without
        spaces): the places' and organisations' (中国常驻联合国代表), not ``entry``'s own."""
        found = self._modifier_cache.get((lang, entry.id))
        if found is None:
            found = self._modifier_cache[(lang, entry.id)] = frozenset(
                form
                for other in self.entries
                if other.kind in _MODIFIER_KINDS and other.id != entry.id
                for form in (*other.targets.get(lang, ()), *other.forms.get(lang, ()))
                if 1 < len(form) <= _MAX_MODIFIER and form.isalnum()
            )
        return found

    def has_approved(self, entry: Entry, lang: str, text: str) -> bool:
        return bool(self.approved_spans(entry, lang, text))

    def required(self, matches: list[Match], source: str) -> list[Match]:
        """The occurrences a translation must render: all but an abbreviation in brackets
        right after its own full form ("Shanghai Cooperation Organization (SCO)", also after
        emphasis: "**Belt and Road Initiative** (BRI)"), which a language without the
        abbreviation does not repeat."""
        kept = []
        for before, match in zip([None, *matches], matches, strict=False):
            if (
                before is not None
                and before.entry.id == match.entry.id
                and re.fullmatch(r"[*_]*\s*[(（]\s*", source[before.end : match.start])
                and re.match(r"\s*[)）]", source[match.end :])
            ):
                continue
            kept.append(match)
        return kept

    def carried(
        self, matches: Iterable[Match], lang: str, text: str, source: str = ""
    ) -> dict[str, int]:
        """How many renderings of each matched entry ``text`` carries, to compare with its
        occurrences in the source. Overlapping spans are one rendering, and a span inside a
        longer rendering of another term of the sentence belongs to that term when that
        term's source names it too (PCCh inside «Comité Central del PCCh» does not render a
        second "CPC"), and renders both when it does not ("Council of Heads of State of the
        Shanghai Cooperation Organization" is 上海合作组织成员国元首理事会). In Chinese a
        compound of two places' one-character abbreviations (中蒙, 中阿) renders both places. A
        place the ``source`` names as half of a compound ("China-Africa cooperation") is
        rendered by the language's compound (中非, китайско-африканское, sino-africaine)."""
        matches = list(matches)
        entries = {m.entry.id: m.entry for m in matches}
        spans = {eid: sorted(set(self.approved_spans(e, lang, text))) for eid, e in entries.items()}
        if base_language(lang) in _NO_SPACE_SCRIPTS:
            for eid, found in _compounds(entries, lang, text, spans).items():
                spans[eid] = sorted({*spans[eid], *found})
        if source:
            for eid, found in _compound_half_spans(matches, lang, text, source).items():
                spans[eid] = sorted({*spans[eid], *found})
        counts: dict[str, int] = {}
        for eid, own in spans.items():
            others = [
                span
                for other, found in spans.items()
                if found
                and other != eid
                and _source_holds(entries[other].source_forms, entries[eid].source_forms)
                for span in found
            ]
            count, reach = 0, -1
            for start, end in own:
                if any(a <= start and end <= b and b - a > end - start for a, b in others):
                    continue
                if start >= reach:
                    count += 1
                reach = max(reach, end)
            counts[eid] = count
        return counts

    def forbidden_found(self, entry: Entry, lang: str, text: str) -> list[tuple[str, int, int]]:
        """Forbidden renderings of ``entry`` in ``text`` that are not part of a longer approved
        one (一带一路 inside “一带一路”倡议); one that covers an approved rendering is reported
        (Рахмонов is not a case of Рахмон, «Conseil de sécurité nationale» is another body)."""
        column = written_language(lang)
        forms = entry.forbidden.get(column, ())
        if not forms:
            return []
        allowed = self.approved_spans(entry, lang, text)
        found = []
        for form in forms:
            if base_language(lang) in _NO_SPACE_SCRIPTS:
                spans = target_spans(text, form, lang, inflect=False)
            else:
                from localize.termmatch import forbidden_spans

                inflected = self.inflects(entry, lang)
                spans = forbidden_spans(
                    text,
                    form,
                    lang if inflected else "",
                    (
                        *entry.targets.get(column, ()),
                        *entry.forms.get(column, ()),
                    ),
                )
            for start, end in spans:
                if not any(a <= start and end <= b and (a, b) != (start, end) for a, b in allowed):
                    found.append((form, start, end))
        return found


@lru_cache(maxsize=4096)
def _source_holds(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """Whether one of the source forms ``outer`` contains one of ``inner`` ("CPC Central
    Committee" contains "CPC")."""
    return any(
        re.search(rf"(?<!\w){re.escape(small.casefold())}(?!\w)", big.casefold())
        for big in outer
        for small in inner
    )


def _compounds(
    entries: dict[str, Entry],
    lang: str,
    text: str,
    spans: dict[str, list[tuple[int, int]]],
) -> dict[str, list[tuple[int, int]]]:
    """Where ``text`` names two of the places ``entries`` by one character each, as the Chinese
    press writes a pair of countries (中蒙双方, 中阿命运共同体: 中国 + 蒙古国, 中国 + 阿拉伯国家):
    the first character of each place's preferred rendering, side by side, not inside a
    rendering found in ``text`` (俄罗斯 is not 俄 + 罗)."""
    lang = written_language(lang)
    first_characters = {
        eid: entry.targets[lang][0][0]
        for eid, entry in entries.items()
        if entry.kind == "place" and entry.targets.get(lang)
    }
    if len(first_characters) < 2:
        return {}
    taken = [span for found in spans.values() for span in found]
    compounds: dict[str, list[tuple[int, int]]] = {}
    for first, a in first_characters.items():
        for second, b in first_characters.items():
            if a == b:
                continue
            at = text.find(a + b)
            while at >= 0:
                if not any(x < at + 2 and at < y for x, y in taken):
                    compounds.setdefault(first, []).append((at, at + 2))
                    compounds.setdefault(second, []).append((at, at + 2))
                at = text.find(a + b, at + 1)
    return compounds


def _compound_half_spans(
    matches: list[Match], lang: str, text: str, source: str
) -> dict[str, list[tuple[int, int]]]:
    """Where ``text`` writes a place that ``source`` names as half of a compound as the
    language writes such a half (termmatch.compound_spans)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for match in matches:
        if match.entry.kind != "place":
            continue
        from localize.termmatch import compound_spans, source_partner

        partner = source_partner(source, match.start, match.end)
        if partner is None:
            continue
        spans = compound_spans(text, match.entry.source, match.entry.approved(lang), partner, lang)
        if spans:
            found.setdefault(match.entry.id, []).extend(spans)
    return found


def _words(forms: Iterable[str]) -> set[str]:
    return {word.casefold() for form in forms for word in re.findall(r"\w+", form)}


_EXCLUDED: dict[tuple[int, str], tuple[Entry, frozenset[str]]] = {}


def _excluded_words(entry: Entry, lang: str) -> frozenset[str]:
    """Words that never count as an inflected form of a rendering: the English source words
    (English "President" is not «presidente») and the words of forbidden renderings (Рахмонов is
    not a case of Рахмон), unless the approved rendering itself uses them."""
    cached = _EXCLUDED.get((id(entry), lang))
    if cached is not None and cached[0] is entry:
        return cached[1]
    words: frozenset[str] = frozenset()
    if lang not in entry.keep:
        approved = _words(
            (
                *entry.targets.get(lang, ()),
                *entry.forms.get(lang, ()),
                *entry.appositions.get(lang, ()),
            )
        )
        excluded = _words(entry.source_forms) | _words(entry.forbidden.get(lang, ()))
        words = frozenset(excluded - approved)
    _EXCLUDED[(id(entry), lang)] = (entry, words)
    return words


# -- loading ----------------------------------------------------------------------------------


def shipped_path() -> Path:
    # Beside this module rather than through importlib.resources (3 ms of imports an update
    # paid for, tempfile and random among them): localize is installed as files, never run
    # from a zip (app/unchanged.py finds the file the same way).
    return Path(__file__).parent / "data" / GLOSSARY_FILENAME


def resolve_glossary(path: Path | str | None = None, cwd: Path | None = None) -> Glossary:
    """``--glossary PATH`` if given; else ./glossary.yaml; else the shipped diplomatic glossary."""
    if path is not None:
        chosen = Path(path)
        if chosen.is_dir():
            raise LocalizeError(
                f"{_shown(chosen)}: is a directory; --glossary names a glossary file "
                f"(e.g. {_shown(chosen / GLOSSARY_FILENAME)})"
            )
        if not chosen.is_file():
            raise LocalizeError(
                f"{_shown(chosen)}: no such glossary file; check --glossary, or "
                "run 'localize glossary init' to create one"
            )
        return load_glossary(chosen)
    local = (cwd or Path.cwd()) / GLOSSARY_FILENAME
    if local.is_file():
        return load_glossary(local)
    return load_glossary(shipped_path())


def load_glossary(path: Path) -> Glossary:
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LocalizeError(f"{shown}: no such glossary file") from None
    except UnicodeDecodeError as error:
        raise LocalizeError(f"{shown}: not UTF-8 (byte {error.start}); save it as UTF-8") from None
    except OSError as error:
        raise LocalizeError(f"{shown}: cannot read it ({error.strerror})") from None
    return parse_glossary(text, path)


def parse_glossary(text: str, path: Path) -> Glossary:
    return _cached_parse(text, str(path))


@lru_cache(maxsize=8)
def _cached_parse(text: str, path_text: str) -> Glossary:
    # Validated before by this code (the store of the project's .localize/), or parsed now.
    from localize.glossary_store import stored_or_parsed

    return stored_or_parsed(text, Path(path_text), _parse)


def _parse(text: str, path: Path) -> Glossary:
    import yaml

    shown = _shown(path)
    try:
        # libyaml's composer when present: the pure-Python one takes 0.5 s on the shipped file.
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark else shown
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise LocalizeError(
            f"{where}: YAML syntax error: {problem}; fix the indentation or quoting there"
        ) from None
    reader = _Reader(shown)
    if root is None:
        raise LocalizeError(
            f"{shown}:1: the glossary is empty; start from 'localize glossary init'"
        )
    top = reader.mapping(root, "the glossary", _TOP_KEYS)
    schema = reader.integer(reader.required(top, root, "schema"))
    if schema != SCHEMA_VERSION:
        raise LocalizeError(
            f"{shown}:{_line(top['schema'][0])}: schema {schema} is not supported; "
            f"this localize reads schema {SCHEMA_VERSION}"
        )
    version = reader.string(reader.required(top, root, "version"))
    base = _base_of(reader, top, path)
    if base is not None and "source_language" not in top:
        source_language = base.source_language
    else:
        source_language = reader.language(reader.required(top, root, "source_language"))
        if base is not None and source_language != base.source_language:
            raise reader.fail(
                top["source_language"][1],
                f"source_language {source_language} differs from the shipped glossary's "
                f"{base.source_language}; a layered glossary keeps its base's source language",
            )
    languages: tuple[str, ...] = base.languages if base is not None else ()
    if "languages" in top:
        languages = tuple(reader.language(n) for n in reader.sequence(top["languages"][1]))
    description = reader.string(top["description"][1]) if "description" in top else ""
    default_inflect = base.default_inflect if base is not None else DEFAULT_INFLECTING
    if "defaults" in top:
        defaults = reader.mapping(top["defaults"][1], "defaults", {"inflect"})
        if "inflect" in defaults:
            default_inflect = tuple(
                reader.language(n) for n in reader.sequence(defaults["inflect"][1])
            )
    removed: tuple[str, ...] = ()
    if "remove" in top:
        if base is None:
            raise reader.fail(
                top["remove"][0],
                "'remove' drops entries of a base glossary; add 'extends: shipped'",
            )
        removed = reader.strings(top["remove"][1])
        unknown = [entry_id for entry_id in removed if entry_id not in base.by_id]
        if unknown:
            raise reader.fail(
                top["remove"][1],
                f"remove names {', '.join(unknown)}, which the shipped glossary does not have; "
                "check the ids with 'localize glossary list'",
            )
    # A layered file may leave 'entries' out: it then only removes, or only pins a version.
    entries_node = top["entries"][1] if "entries" in top else root
    if base is None:
        entries_node = reader.required(top, root, "entries")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    origin = str(path.absolute())
    for node in reader.sequence(entries_node) if entries_node is not root else ():
        entry = replace(reader.entry(node, languages), origin=origin)
        if entry.id in seen:
            raise LocalizeError(
                f"{shown}:{entry.line}: duplicate id '{entry.id}' (first on line "
                f"{seen[entry.id]}); give each entry its own id"
            )
        if entry.id in removed:
            raise LocalizeError(
                f"{shown}:{entry.line}: '{entry.id}' is both removed and defined; keep one"
            )
        seen[entry.id] = entry.line
        _check_forbidden_not_approved(shown, entry, node, path, languages, default_inflect)
        entries.append(entry)
    if not entries and base is None:
        raise LocalizeError(
            f"{shown}:{_line(entries_node)}: 'entries' is empty; add at least one term"
        )
    if base is not None:
        entries = _layer(base, entries, removed)
    profile = dict(base.profile) if base is not None else {}
    if "profile" in top:
        profile = {
            lang: values[0]
            for lang, values in reader.per_language(top["profile"][1], "profile").items()
        }
        offered = {
            (lang, name) for e in entries for lang, names in e.profiles.items() for name in names
        }
        unknown = [
            f"{lang}: {name}" for lang, name in profile.items() if (lang, name) not in offered
        ]
        if unknown:
            raise reader.fail(
                top["profile"][1],
                f"no entry has renderings for profile {', '.join(unknown)}; use a profile "
                "named under some entry's 'profiles'",
            )
    if profile:
        entries = [_preferring(entry, profile) for entry in entries]
    _check_titles(shown, entries)
    _check_shared_sources(shown, entries, origin)
    if not languages:
        languages = tuple(sorted({lang for e in entries for lang in (*e.targets, *e.keep)}))
    return Glossary(
        path=path,
        version=version,
        source_language=source_language,
        languages=languages,
        entries=entries,
        description=description,
        default_inflect=default_inflect,
        base=base,
        removed=removed,
        profile=profile,
        content_digest=hashlib.sha256(
            f"{base.content_digest if base is not None else ''}\n{text}".encode()
        ).hexdigest(),
    )


def _preferring(entry: Entry, profile: dict[str, str]) -> Entry:
    """``entry`` with the chosen profile's renderings first in each language's targets."""
    targets = dict(entry.targets)
    for lang, name in profile.items():
        chosen = entry.profiles.get(lang, {}).get(name)
        if chosen and lang in targets:
            # A full name goes first; an abbreviation (OSC) goes before the other abbreviations
            # only, so that the full name stays the rendering of the full source name.
            names = [r for r in chosen if not _is_abbreviation(r)]
            short = [r for r in chosen if _is_abbreviation(r)]
            rest = [r for r in targets[lang] if r not in chosen]
            at = next((i for i, r in enumerate(rest) if _is_abbreviation(r)), len(rest))
            targets[lang] = (*names, *rest[:at], *short, *rest[at:])
    return replace(entry, targets=targets) if targets != entry.targets else entry


def _check_forbidden_not_approved(
    shown: str,
    entry: Entry,
    node: yaml.Node,
    path: Path,
    languages: tuple[str, ...],
    default_inflect: tuple[str, ...],
) -> None:
    """Refuse an entry that forbids one of its own approved renderings: every draft that places
    the rendering would be flagged (translate says it "could not be placed", check reports the
    approved copy as forbidden). They are compared as matching compares them: letter case,
    quotation marks and punctuation aside, and where the language inflects, a forbidden form
    that is an inflected form of an approved one («Declaraciones Conjuntas» for «declaración
    conjunta»), which correct copy in the plural would be flagged for."""
    if not entry.forbidden:
        return
    alone = Glossary(
        path=path,
        version="",
        source_language="",
        languages=languages,
        entries=[entry],
        default_inflect=default_inflect,
    )
    for lang, forbidden in entry.forbidden.items():
        inflect = alone.inflects(entry, lang)
        approved = (
            *entry.approved(lang),
            *entry.forms.get(lang, ()),
            *entry.appositions.get(lang, ()),
        )
        for rendering in approved:
            # The approved copy itself is found forbidden, as forbidden matching finds forms:
            # through any punctuation («la Franja, y la Ruta»), and in Chinese inside the
            # rendering's own quotation marks («“一带一路”», which _is_form_of misses)...
            found = [
                form
                for form, start, end in alone.forbidden_found(entry, lang, rendering)
                if (start, end) in alone.approved_spans(entry, lang, rendering)
            ]
            # ... or a forbidden form is one of the approved rendering's forms.
            found += [
                form for form in forbidden if _is_form_of(form, rendering, lang, inflect=inflect)
            ]
            if found:
                form = found[0]
                line = _forbidden_line(node, lang, form) or entry.line
                ignored = (
                    "punctuation, quotation marks and word endings"
                    if inflect
                    else "punctuation and quotation marks"
                )
                raise LocalizeError(
                    f"{shown}:{line}: entry '{entry.id}' forbids '{form}' in {lang}, which "
                    f"matching reads as its approved rendering '{rendering}' (letter case, "
                    f"{ignored} aside); remove it from forbidden, or change the "
                    "approved rendering"
                )


def _is_form_of(text: str, rendering: str, lang: str, *, inflect: bool) -> bool:
    """Whether the whole of ``text`` is ``rendering`` as matching finds it."""
    words = list(re.finditer(r"\w+", text))
    if not words:
        return False
    whole = (words[0].start(), words[-1].end())
    if base_language(lang) in _NO_SPACE_SCRIPTS:
        spans = target_spans(text, rendering, lang, inflect=False)
        whole = (0, len(text))
    else:
        from localize.termmatch import rendering_spans

        spans = rendering_spans(text, rendering, lang, inflect=inflect)
    return whole in spans


def _forbidden_line(node: yaml.Node, lang: str, form: str) -> int | None:
    """The line of ``form`` under the entry's ``forbidden: {lang: ...}``."""
    import yaml

    for key, value in node.value:
        if key.value != "forbidden" or not isinstance(value, yaml.MappingNode):
            continue
        for lang_node, forms in value.value:
            if str(lang_node.value).strip() != lang:
                continue
            items = forms.value if isinstance(forms, yaml.SequenceNode) else [forms]
            for item in items:
                if isinstance(item, yaml.ScalarNode) and str(item.value).strip() == form:
                    return _line(item)
    return None


def _check_titles(shown: str, entries: list[Entry]) -> None:
    kinds = {entry.id: entry.kind for entry in entries}
    for entry in entries:
        for title in entry.titles:
            if kinds.get(title) != "title":
                what = "no entry" if title not in kinds else f"of kind {kinds[title]}"
                raise LocalizeError(
                    f"{shown}:{entry.line}: titles of entry '{entry.id}' names '{title}', "
                    f"which is {what}; name the id of an entry of kind title"
                )


def _check_shared_sources(shown: str, entries: list[Entry], origin: str) -> None:
    """One source form names one entry at a time: two entries valid on the same day that both
    match "minister" leave enforcement to follow whichever it meets first, and one may forbid
    what the other approves. Two forms are the same when matching could take one for the
    other: folded, unless both are matched exactly (case-sensitive, or an abbreviation) and
    differ. ``origin``: the file being read, whose entry the error names when the other one is
    the shipped glossary's."""
    owners: dict[str, list[tuple[Entry, str, bool]]] = {}
    for entry in entries:
        for form in dict.fromkeys((entry.source, *entry.variants)):
            exact = _matched_as_written(form, entry.case)
            for other, other_form, other_exact in owners.get(form.casefold(), []):
                if other.id == entry.id or not _may_overlap(other.validity, entry.validity):
                    continue
                if exact and other_exact and form != other_form:
                    continue  # "SCO" and "sco", each matched as written, never the same text
                raise _shared_form_error(shown, form, entry, other, origin)
            owners.setdefault(form.casefold(), []).append((entry, form, exact))


def _shared_form_error(
    shown: str, form: str, entry: Entry, other: Entry, origin: str
) -> LocalizeError:
    if other.origin == entry.origin:
        return LocalizeError(
            f"{shown}:{entry.line}: '{form}' of entry '{entry.id}' is also a source form of "
            f"entry '{other.id}' (line {other.line}); merge the two entries, or drop the form "
            "from one (or give them validity dates that do not overlap)"
        )
    own, shipped = (entry, other) if entry.origin == origin else (other, entry)
    return LocalizeError(
        f"{shown}:{own.line}: '{form}' of entry '{own.id}' is also a source form of the "
        f"shipped glossary's entry '{shipped.id}'; override '{shipped.id}' here by its id, or "
        f"list it under 'remove', or drop the form from '{own.id}'"
    )


def _may_overlap(one: Validity | None, other: Validity | None) -> bool:
    """Whether two validity spans (None: always) share a day."""
    if one is None or other is None:
        return True
    starts_after = one.start is not None and other.end is not None and one.start > other.end
    ends_before = one.end is not None and other.start is not None and one.end < other.start
    return not (starts_after or ends_before)


def _base_of(
    reader: _Reader, top: dict[str, tuple[yaml.Node, yaml.Node]], path: Path
) -> Glossary | None:
    """The shipped glossary when the file says ``extends: shipped``."""
    if "extends" not in top:
        return None
    node = top["extends"][1]
    value = reader.string(node)
    if value != EXTENDS_SHIPPED:
        raise reader.fail(node, f"extends must be '{EXTENDS_SHIPPED}' (found '{value}')")
    shipped = shipped_path()
    if path.resolve() == shipped.resolve():
        raise reader.fail(node, "the shipped glossary cannot extend itself; remove 'extends'")
    return load_glossary(shipped)


def _layer(base: Glossary, own: list[Entry], removed: tuple[str, ...]) -> list[Entry]:
    """The base's entries in their order, each replaced whole by the project's entry of the same
    id, without the removed ones; the project's new entries follow."""
    by_id = {entry.id: entry for entry in own}
    shipped = str(base.path.absolute())
    layered = [
        replace(by_id[entry.id], overrides=shipped)
        if entry.id in by_id
        else replace(entry, origin=entry.origin or shipped)
        for entry in base.entries
        if entry.id not in removed
    ]
    return layered + [entry for entry in own if entry.id not in base.by_id]


class _Reader:
    """Turns composed YAML nodes into values, raising ``file:line`` errors on the way."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.values_read = 0
        self.distinct_values: set[int] = set()  # ids of the scalar nodes the file holds

    def fail(self, node: yaml.Node, message: str) -> LocalizeError:
        return LocalizeError(f"{self.shown}:{_line(node)}: {message}")

    def mapping(
        self, node: yaml.Node, what: str, allowed: set[str]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of 'key: value' lines")
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = self.string(key_node)
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                raise self.fail(
                    key_node, f"unknown key '{key}' in {what}; expected one of: {expected}"
                )
            if key in result:
                raise self.fail(key_node, f"key '{key}' appears twice in {what}; keep one")
            result[key] = (key_node, value_node)
        return result

    def required(
        self, mapping: dict[str, tuple[yaml.Node, yaml.Node]], owner: yaml.Node, key: str
    ) -> yaml.Node:
        if key not in mapping:
            raise self.fail(owner, f"missing required key '{key}'")
        return mapping[key][1]

    def sequence(self, node: yaml.Node) -> list[yaml.Node]:
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, "expected a list ('- item' lines or [a, b])")
        return list(node.value)

    def string(self, node: yaml.Node) -> str:
        import yaml

        if not isinstance(node, yaml.ScalarNode) or node.value is None:
            raise self.fail(node, "expected a text value")
        self._count_expansion(node)
        if node.tag == _NULL_TAG:
            # YAML reads null, ~ and nothing at all as "no value": str() would make it "null".
            raise self.fail(
                node,
                "no value (YAML reads null, ~ or nothing as none); write the text, in "
                "quotes if it is the word null",
            )
        value = str(node.value).strip()
        if not value:
            raise self.fail(node, "empty text; write the value or remove the key")
        return value

    def _count_expansion(self, node: yaml.Node) -> None:
        """YAML aliases let a small file stand for a huge glossary (2,000 entries aliasing one
        2,000-item list: 4 million variants from 176 KB, minutes of matching per sentence).
        A few reuses are fine; values read more than ``MAX_ALIAS_EXPANSION`` times the values
        the file holds are refused, so the matcher's work stays bounded by the file's size."""
        self.values_read += 1
        self.distinct_values.add(id(node))
        if self.values_read > _EXPANSION_FLOOR and self.values_read > MAX_ALIAS_EXPANSION * len(
            self.distinct_values
        ):
            raise self.fail(
                node,
                f"YAML aliases (*name) expand the glossary over {MAX_ALIAS_EXPANSION}-fold; "
                "write the values out instead of repeating an alias",
            )

    def strings(self, node: yaml.Node) -> tuple[str, ...]:
        import yaml

        if isinstance(node, yaml.ScalarNode):
            return (self.string(node),)
        values = tuple(self.string(n) for n in self.sequence(node))
        if not values:
            raise self.fail(node, "empty list; write at least one value or remove the key")
        return values

    def integer(self, node: yaml.Node) -> int:
        text = self.string(node)
        if not text.isdigit():
            raise self.fail(node, f"expected a whole number, found '{text}'")
        return int(text)

    def boolean(self, node: yaml.Node) -> bool:
        text = self.string(node).lower()
        if text in ("true", "yes"):
            return True
        if text in ("false", "no"):
            return False
        raise self.fail(node, f"expected true or false, found '{text}'")

    def day(self, node: yaml.Node, last: bool) -> date:
        """YYYY-MM-DD, YYYY-MM or YYYY; a month or a year stands for its first day, or its last
        with ``last`` (``valid_until: 2023-03`` includes 31 March)."""
        text = self.string(node)
        shape = _DATE_SHAPE.match(text)
        try:
            if shape is None:
                raise ValueError(text)
            year, month, day = shape.groups()
            if month is None:
                return date(int(year), 12, 31) if last else date(int(year), 1, 1)
            if day is None:
                first = date(int(year), int(month), 1)
                if not last:
                    return first
                following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
                return date.fromordinal(following.toordinal() - 1)
            return date(int(year), int(month), int(day))
        except ValueError:
            raise self.fail(
                node, f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"
            ) from None

    def validity(self, start: yaml.Node | None, end: yaml.Node | None) -> Validity:
        span = Validity(
            self.day(start, last=False) if start is not None else None,
            self.day(end, last=True) if end is not None else None,
        )
        if end is not None and span.start and span.end and span.end < span.start:
            raise self.fail(end, f"the span ends ({span.end}) before it starts")
        return span

    def titles(self, node: yaml.Node, where: str) -> dict[str, tuple[Validity, ...]]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(
                node, f"titles of {where} must map title ids to {{from: ..., until: ...}}"
            )
        result: dict[str, tuple[Validity, ...]] = {}
        for key_node, value_node in node.value:
            title = self.string(key_node)
            spans = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            held = []
            for span in spans:
                dates = self.mapping(span, f"a span of title '{title}'", {"from", "until"})
                held.append(
                    self.validity(
                        dates["from"][1] if "from" in dates else None,
                        dates["until"][1] if "until" in dates else None,
                    )
                )
            result[title] = tuple(held)
        return result

    def per_language_names(self, node: yaml.Node, what: str) -> dict[str, tuple[str, ...]]:
        """``{profile-name: renderings}``; names use the id shape (prc, un, latin-america)."""
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must map profile names to renderings (e.g. prc: ...)")
        result: dict[str, tuple[str, ...]] = {}
        for key_node, value_node in node.value:
            name = self.string(key_node)
            if not _ID_SHAPE.match(name):
                raise self.fail(key_node, f"profile name '{name}' must be like prc or un-style")
            result[name] = self.strings(value_node)
        return result

    def language(self, node: yaml.Node) -> str:
        text = self.string(node)
        if not _LANG_SHAPE.match(text):
            raise self.fail(
                node,
                f"'{text}' is not a language code; use ISO 639 codes such as zh, ru, fr, es, ar",
            )
        return text

    def per_language(self, node: yaml.Node, what: str) -> dict[str, tuple[str, ...]]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must map language codes to text (e.g. 'zh: 王毅')")
        result: dict[str, tuple[str, ...]] = {}
        for key_node, value_node in node.value:
            lang = self.language(key_node)
            if lang in result:
                raise self.fail(key_node, f"language '{lang}' appears twice in {what}")
            result[lang] = self.strings(value_node)
        return result

    def entry(self, node: yaml.Node, languages: tuple[str, ...]) -> Entry:
        import yaml

        fields = self.mapping(node, "an entry", _ENTRY_KEYS)
        entry_id = self.string(self.required(fields, node, "id"))
        if not _ID_SHAPE.match(entry_id):
            raise self.fail(
                fields["id"][1],
                f"id '{entry_id}' must use lowercase letters, digits "
                "and hyphens (e.g. belt-and-road-initiative)",
            )
        where = f"entry '{entry_id}'"
        source = self.string(self.required(fields, node, "source"))
        variants = self.strings(fields["variants"][1]) if "variants" in fields else ()
        case = "auto"
        if "case" in fields:
            case = self.string(fields["case"][1])
            if case not in CASE_RULES:
                raise self.fail(fields["case"][1], f"case must be one of {', '.join(CASE_RULES)}")
        whole_word = self.boolean(fields["whole_word"][1]) if "whole_word" in fields else True
        kind = "term"
        if "kind" in fields:
            kind = self.string(fields["kind"][1])
            if kind not in KINDS:
                raise self.fail(fields["kind"][1], f"kind must be one of {', '.join(KINDS)}")
        targets = (
            self.per_language(fields["targets"][1], f"targets of {where}")
            if "targets" in fields
            else {}
        )
        keep: tuple[str, ...] = ()
        if "keep" in fields:
            keep = tuple(self.language(n) for n in self.sequence(fields["keep"][1]))
            both = sorted(set(keep) & set(targets))
            if both:
                raise self.fail(
                    fields["keep"][1],
                    f"{where} both keeps and translates "
                    f"{', '.join(both)}; remove it from keep or from targets",
                )
        forms = (
            self.per_language(fields["forms"][1], f"forms of {where}") if "forms" in fields else {}
        )
        inflect: dict[str, bool] = {}
        if "inflect" in fields:
            inflect_node = fields["inflect"][1]
            if not isinstance(inflect_node, yaml.MappingNode):
                raise self.fail(inflect_node, "inflect must map languages to true/false")
            inflect = {self.language(k): self.boolean(v) for k, v in inflect_node.value}
        forbidden = (
            self.per_language(fields["forbidden"][1], f"forbidden of {where}")
            if "forbidden" in fields
            else {}
        )
        appositions = (
            self.per_language(fields["appositions"][1], f"appositions of {where}")
            if "appositions" in fields
            else {}
        )
        grammar: dict[str, str] = {}
        if "grammar" in fields:
            for lang, values in self.per_language(
                fields["grammar"][1], f"grammar of {where}"
            ).items():
                if len(values) != 1 or values[0] not in GRAMMAR:
                    raise self.fail(
                        fields["grammar"][1],
                        f"grammar of {where} for {lang} must be one of {', '.join(GRAMMAR)}",
                    )
                grammar[lang] = values[0]
        note = self.string(self.required(fields, node, "note"))
        sources = self.strings(fields["sources"][1]) if "sources" in fields else ()
        evidence = self.string(fields["evidence"][1]) if "evidence" in fields else ""
        validity = None
        if "valid_from" in fields or "valid_until" in fields:
            validity = self.validity(
                fields["valid_from"][1] if "valid_from" in fields else None,
                fields["valid_until"][1] if "valid_until" in fields else None,
            )
        titles = self.titles(fields["titles"][1], where) if "titles" in fields else {}
        profiles: dict[str, dict[str, tuple[str, ...]]] = {}
        if "profiles" in fields:
            node_ = fields["profiles"][1]
            if not isinstance(node_, yaml.MappingNode):
                raise self.fail(node_, f"profiles of {where} must map languages to profiles")
            for lang_node, names_node in node_.value:
                lang = self.language(lang_node)
                if lang not in targets:
                    raise self.fail(
                        lang_node,
                        f"profiles of {where} for {lang}: the entry has no {lang} targets",
                    )
                profiles[lang] = self.per_language_names(names_node, f"profiles of {where}")
                # Every register's renderings are accepted, whichever one a project prefers.
                extra = [r for names in profiles[lang].values() for r in names]
                targets[lang] = tuple(dict.fromkeys((*targets[lang], *extra)))
        if not targets and not keep:
            raise self.fail(
                node,
                f"{where} has neither targets nor keep; give the approved rendering per language",
            )
        missing = [lang for lang in languages if lang not in targets and lang not in keep]
        if missing:
            raise self.fail(
                node,
                f"{where} has no target for {', '.join(missing)}; add one, or "
                "list the language under keep if the term stays as is",
            )
        undeclared = [lang for lang in (*targets, *keep) if languages and lang not in languages]
        if undeclared:
            raise self.fail(
                node,
                f"{where} uses {', '.join(undeclared)}, which is not in the "
                "glossary's languages list",
            )
        return Entry(
            id=entry_id,
            source=source,
            variants=variants,
            case=case,
            whole_word=whole_word,
            kind=kind,
            targets=targets,
            keep=keep,
            forms=forms,
            inflect=inflect,
            forbidden=forbidden,
            note=note,
            line=_line(node),
            appositions=appositions,
            grammar=grammar,
            validity=validity,
            titles=titles,
            profiles=profiles,
            sources=sources,
            evidence=evidence,
        )


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def shown_path(path: Path) -> str:
    """``path`` as messages show it: relative to the working directory when close to it."""
    return _shown(path)


def _shown(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path.as_posix()
    return Path(relative).as_posix() if not relative.startswith("../..") else path.as_posix()


# -- patterns -----------------------------------------------------------------------------------

_SEPARATOR = r"[\s\-\u2010\u2011\u2013]+"


def _matched_as_written(form: str, case: str) -> bool:
    """Whether a source form is matched only in its own letter case: an entry's case is
    sensitive, or it is an abbreviation under ``auto``."""
    return case == "sensitive" or (case == "auto" and _is_abbreviation(form))


def _is_abbreviation(form: str) -> bool:
    return " " not in form and sum(ch.isupper() for ch in form) >= 2


def _is_short_form(form: str, full: str) -> bool:
    """Whether ``form`` is a Chinese short form (简称) of ``full``: fewer characters, taken from
    it in order (上合组织 of 上海合作组织, 全国人大 of 全国人民代表大会).
    Quotation marks do not count: 一带一路倡议 is “一带一路”倡议 without them, not a short form."""
    letters = [ch for ch in form if ch.isalnum()]
    rest = iter(ch for ch in full if ch.isalnum())
    return 0 < len(letters) < sum(ch.isalnum() for ch in full) and all(ch in rest for ch in letters)


# Kinds whose English source words inflect ("joint statements", "core interest"); names do not.
_INFLECTING_KINDS = ("term", "title", "concept", "document", "event", "initiative")


def _source_patterns(
    entry: Entry,
) -> Iterable[tuple[_LazyPattern, str, tuple[str, ...] | None]]:
    """Each source form's pattern, with a word that any match must contain (casefolded) and,
    for a form whose words may inflect, the Snowball stems a match's words must have."""
    for form in entry.source_forms:
        source, flags, needle, stems = _cached_form_pattern(_form_key(form, entry))
        yield _LazyPattern(source, flags), needle, stems


# What makes a source form's pattern: the form, and its entry's case, kind and whole-word
# setting (``_make_form_pattern``'s arguments).
FormKey = tuple[str, str, str, bool]
# The pattern's regex source and flags, the word any match must contain, the stems (or None).
FormPattern = tuple[str, int, str, tuple[str, ...] | None]

# The patterns made or remembered in this process, by their key: the glossary store keeps them
# with the glossary (``form_pattern_rows``), so that an update's one sentence is matched
# without making the patterns of the glossary's 380-odd forms again (20 ms; issue 19).
_FORM_PATTERNS: dict[FormKey, FormPattern] = {}


def _form_key(form: str, entry: Entry) -> FormKey:
    return form, entry.case, entry.kind, entry.whole_word


def _cached_form_pattern(key: FormKey) -> FormPattern:
    made = _FORM_PATTERNS.get(key)
    if made is None:
        made = _FORM_PATTERNS[key] = _make_form_pattern(*key)
    return made


def _make_form_pattern(form: str, case: str, kind: str, whole_word: bool) -> FormPattern:
    """The regex source and flags of one source form of an entry of this case, kind and
    whole-word setting, its needle and its stems (``_source_patterns``)."""
    sensitive = _matched_as_written(form, case)
    raw_words = [word for word in re.split(r"[\s\-]+", form) if word]
    inflects = (
        kind in _INFLECTING_KINDS
        and not sensitive
        and whole_word
        and all(re.fullmatch(r"[A-Za-z]+", w) for w in raw_words)
    )
    stems: tuple[str, ...] | None = None
    if inflects:
        from localize.morphology import english_stem

        stems = _english_stems(form)
        words = [
            re.escape(os.path.commonprefix([w.casefold(), english_stem(w)])) + r"\w*"
            for w in raw_words
        ]
    else:
        words = [_apostrophes(re.escape(word)) for word in raw_words]
    body = _SEPARATOR.join(words)
    if whole_word:
        body = _after_no_word(body) + r"(?!\w)"
    pieces = [piece for word in raw_words for piece in re.split("['\u2019]", word)]
    needle = max(pieces, key=len).casefold()
    if inflects:
        needle = os.path.commonprefix([needle, _english_stems(needle)[0]])
    return body, 0 if sensitive else int(re.IGNORECASE), needle, stems


def form_pattern_rows(entries: Iterable[Entry]) -> list[list[Any]]:
    """Each source form's key and pattern, as rows of plain values (JSON) for the glossary
    store, which gives them back to ``remember_form_patterns``."""
    rows = []
    for entry in entries:
        for form in entry.source_forms:
            key = _form_key(form, entry)
            rows.append([*key, *_cached_form_pattern(key)])
    return rows


def remember_form_patterns(rows: Iterable[Sequence[Any]]) -> None:
    """Use the patterns of ``form_pattern_rows``' rows (made by this code: the store's key
    names it) instead of making them again. Every row is checked before any is used: a
    damaged row raises ValueError and leaves the process's patterns as they were."""
    checked: dict[FormKey, FormPattern] = {}
    for row in rows:
        if len(row) != 8:
            raise ValueError("a form pattern row of other fields")
        form, case, kind, whole_word, source, flags, needle, stems = row
        texts = (form, case, kind, source, needle, *(stems or ()))
        if (
            not all(isinstance(text, str) for text in texts)
            or not isinstance(whole_word, bool)
            or type(flags) is not int
            or not (stems is None or isinstance(stems, list))
        ):
            raise ValueError("a form pattern row of other types")
        checked[(form, case, kind, whole_word)] = (
            source,
            flags,
            needle,
            None if stems is None else tuple(stems),
        )
    _FORM_PATTERNS.update(checked)


def _after_no_word(body: str) -> str:
    r"""``body`` where no word character comes before it. When ``body`` opens with a letter or
    digit, the look back is made after that character (``(?<!\w.)``, the same condition): a
    pattern that opens with a letter lets the regex engine skip to where that letter is, where
    one that opens with the look back is tried at every position of the text (issue 19)."""
    if body[:1].isalnum():
        return body[0] + r"(?<!\w.)" + body[1:]
    return rf"(?<!\w){body}"


class _LazyPattern:
    """A term's regex, compiled the first time a text holds its needle: an update that sees one
    new sentence compiles the few patterns it needs, not the whole glossary's."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled.finditer(text)


class _NeedleIndex:
    """Which of a list of needles occur in a text, found in one pass (Aho-Corasick) instead of
    one substring search per needle; overlapping occurrences count, as ``in`` would find them."""

    def __init__(self, needles: list[str]) -> None:
        import ahocorasick

        self._always = [i for i, needle in enumerate(needles) if not needle]
        by_needle: dict[str, list[int]] = {}
        for index, needle in enumerate(needles):
            if needle:
                by_needle.setdefault(needle, []).append(index)
        self._automaton = ahocorasick.Automaton()
        for needle, indexes in by_needle.items():
            self._automaton.add_word(needle, tuple(indexes))
        if by_needle:
            self._automaton.make_automaton()
        self._empty = not by_needle

    def possible(self, folded: str) -> list[int]:
        """Indexes of the needles found in ``folded``, in list order."""
        found = set(self._always)
        if not self._empty:
            for _end, indexes in self._automaton.iter(folded):
                found.update(indexes)
        return sorted(found)


def longest_first(candidates: list[Match]) -> list[Match]:
    """The matches that do not overlap, a longer one winning over a shorter one it overlaps
    (then the earlier), in text order."""
    candidates = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start))
    chosen: list[Match] = []
    for candidate in candidates:
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


# Russian writes a title's adjective and noun as one stump compound (генсек, постпред,
# спецпосланник): the adjective's stump, then the noun or its own stump.
_RU_ADJECTIVE_STUMPS = {"генеральный": "ген", "специальный": "спец", "постоянный": "пост"}
_RU_NOUN_STUMPS = {"секретарь": "сек", "представитель": "пред"}
# French and Spanish may name a rendering's complement with its article or without (chef d'État,
# chef de l'État; jefe de Estado, jefe del Estado): a bare «de»/«d'» before a word.
_BARE_DE = re.compile(r"(?<=\w) (?:de (?!(?:el|la|los|las|les|l['\u2019])\b)|d['\u2019])(?=\w)")


def _needle(words: str) -> str:
    """The start of the longest word of ``words``, folded: what a text must hold to hold them."""
    return max(re.findall(r"\w+", words) or [words], key=len).casefold()[:5]


@lru_cache(maxsize=4096)
def _written_variants(forms: tuple[str, ...], lang: str) -> tuple[tuple[str, str], ...]:
    """Other ways grammar writes ``forms``: Russian stump compounds of a title («генсек ШОС» for
    «Генеральный секретарь ШОС»), a French or Spanish complement with its article («chef de
    l'État» for «chef d'État»). One change at a time; each with what the text must hold."""
    found: dict[str, str] = {}
    for form in forms:
        if lang == "ru":
            words = form.split()
            if len(words) >= 2 and words[0].casefold() in _RU_ADJECTIVE_STUMPS:
                stump = _RU_ADJECTIVE_STUMPS[words[0].casefold()]
                noun = words[1].casefold()
                rest = " ".join(words[2:])
                for head in (noun, _RU_NOUN_STUMPS.get(noun, noun)):
                    compound = stump + head
                    found[" ".join(filter(None, (compound, rest)))] = compound[:5]
        if lang in _ARTICLE_GROUPS:
            _definite, with_de = _ARTICLE_GROUPS[lang]
            for at in _BARE_DE.finditer(form):
                for article in with_de:
                    if article != "de ":
                        variant = f"{form[: at.start()]} {article}{form[at.end() :]}"
                        found[variant] = article.strip().casefold()
    return tuple(found.items())


@lru_cache(maxsize=4096)
def _whole(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


# The articles and contractions of de/a with them, which change with the gender and number of
# the name they stand before (de las Naciones Unidas, de la ONU).
_ARTICLE_GROUPS = {
    "es": (("el ", "la ", "los ", "las ", ""), ("del ", "de la ", "de los ", "de las ", "de ")),
    "fr": (
        ("le ", "la ", "les ", "l'", "l\u2019", ""),
        ("du ", "de la ", "des ", "de l'", "de l\u2019", "de "),
    ),
}


def _articles_alike(before: str, lang: str) -> list[str]:
    """``before`` (the words of a rendering before a name) ending in each article of the group
    its last article is in; ``before`` alone when it ends in none."""
    articles = [(a, g) for g in _ARTICLE_GROUPS.get(lang, ()) for a in g if a]
    for article, group in sorted(articles, key=lambda found: -len(found[0])):
        if before.casefold().endswith(article) and (
            len(before) == len(article) or not before[-len(article) - 1].isalnum()
        ):
            stem = before[: len(before) - len(article)]
            return [stem + other for other in group]
    return [before]


# "Vice Foreign Minister", "deputy permanent representative", "Assistant Minister": another
# office, whose holder is not the title's. Such a title is the glossary's only when it has an
# entry of its own (then the longer match already covers the prefix).
_DEPUTY_PREFIX = re.compile(r"\b(?:vice|deputy|assistant)[\s\u00a0-]+\Z", re.IGNORECASE)


# The nouns a body's name qualifies when it is another's possession ("China's Security Council
# seat" is China's seat on the UN's council).
_BODY_AS_MODIFIER = re.compile(
    r"\s+(?:presidency|chairmanship|seat|membership|member|members|resolutions?|reform|vote|"
    r"mandate|sanctions|debate|session|meeting|statement|bid|candidacy|term)\b"
)
# "Russia's Security Council": a possessive right before a body's name.
_POSSESSIVE = re.compile(r"(?<![\w.])([A-Z][\w.-]*(?: [A-Z][\w.-]*)*)['\u2019]s\s+\Z")


def _anothers_body(match: Match, text: str) -> bool:
    """Whether ``match`` is the short name of a body whose full name says whose it is ("UN
    Security Council" as "Security Council") but the source gives it another owner ("Russia's
    Security Council"): a body of the same name, not the glossary's."""
    if match.entry.kind != "organization":
        return False
    owner = _POSSESSIVE.search(text, max(0, match.start - 60), match.start)
    if owner is None:
        return False
    if _BODY_AS_MODIFIER.match(text, match.end):
        return False  # "China's Security Council presidency": the owner is the presidency's
    short = match.text.casefold()
    full = [f.casefold() for f in match.entry.source_forms if f.casefold().endswith(" " + short)]
    owners = set(owner.group(1).casefold().split())
    return bool(full) and not any(owners & set(f.split()) for f in full)


def under_a_deputy(match: Match, text: str) -> bool:
    """Whether ``match`` is a title named as its deputy's (the word right before it is
    "Vice", "Deputy" or "Assistant")."""
    return match.entry.kind == "title" and bool(
        _DEPUTY_PREFIX.search(text, max(0, match.start - 12), match.start)
    )


# A matched term's text recurs from sentence to sentence ("Council", "member states").
@lru_cache(maxsize=4096)
def _english_stems(text: str) -> tuple[str, ...]:
    from localize.morphology import english_stem

    return tuple(english_stem(word) for word in re.findall(r"\w+", text))


def _apostrophes(escaped: str) -> str:
    return re.sub("['\u2019]", lambda _: "['\u2019]", escaped)


# Quotation marks and title brackets that style guides put around names ("Belt and Road",
# «Пояс и путь», 《联合国宪章》): the match ignores them, the apostrophe is kept (d'État).
_QUOTES = '"«»“”„‟‹›「」『』《》〈〉‘'
_QUOTE_CLASS = "[" + re.escape(_QUOTES) + "]"
_NO_SPACE_SCRIPTS = ("zh", "ja", "ko", "th")
# A long article's sentences, matched for their notes and then for enforcement (~300 bytes each).
_MATCHES_KEPT = 4096
# Guards the count of open ``Glossary.keeping_answers`` blocks.
_KEEPING = threading.Lock()


class _Collector:
    """Open ``_collector_paused`` blocks, and whether the collector ran before the first."""

    lock = threading.Lock()
    depth = 0
    was_enabled = False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off until the outermost block ends. An enforcement
    call makes hundreds of thousands of small tuples and lists (each draft's tokens, word
    index and answers) and keeps many, and the collector walked them and the whole glossary
    again and again: a third of the call's CPU on a 3,100-sentence article (issue 19). What
    they hold has no cycles; the collector runs again when the block ends."""
    with _Collector.lock:
        if not _Collector.depth:
            _Collector.was_enabled = gc.isenabled()
            gc.disable()
        _Collector.depth += 1
    try:
        yield
    finally:
        with _Collector.lock:
            _Collector.depth -= 1
            if not _Collector.depth and _Collector.was_enabled:
                gc.enable()


# Whose renderings may interrupt another rendering in those scripts, and how long one may be
# (termmatch.interrupted_spans).
_MODIFIER_KINDS = ("place", "organization")
# The longest name that may stand inside a title in a script without spaces: 联合国日内瓦办事处 (9).
_MAX_MODIFIER = 10
_ROMANCE = ("fr", "es", "pt", "it", "ca")


@lru_cache(maxsize=4096)
def target_pattern(form: str, lang: str, inflect: bool) -> re.Pattern[str]:
    """A pattern that finds ``form`` in a ``lang`` translation (see the module docstring)."""
    lang = base_language(lang)
    cleaned = "".join(" " if ch in _QUOTES else ch for ch in form)
    if lang in _NO_SPACE_SCRIPTS:
        # Any dash joins two names alike: 中国—中亚峰会, 中国－中亚峰会, 中国-中亚峰会.
        chars = [
            _DASH_CLASS if ch in DASHES else re.escape(ch) for ch in re.sub(r"\s+", "", cleaned)
        ]
        body = f"{_QUOTE_CLASS}*\\s*".join(chars)
        return re.compile(body, re.IGNORECASE)
    words = [w for w in re.split(r"\s+", cleaned) if w]
    parts = [_word_pattern(w, lang, inflect) for w in words]
    body = rf"(?:\s|{_QUOTE_CLASS})+".join(parts)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


# Every dash a compound or a forbidden form may be written with.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\uff0d"
_DASH_CLASS = f"[{re.escape(DASHES)}]"
_AR_PREFIX = r"(?:[وف]?[بلك]?(?:ال|ل)?)"
_AR_ARTICLE = re.compile(r"^(?:[وف]?(?:ال))")
_AR_SUFFIXES = ("ات", "ين", "ون", "ان", "ية", "ة", "ي")


def _word_pattern(word: str, lang: str, inflect: bool) -> str:
    letters = sum(ch.isalpha() for ch in word)
    if not inflect or letters < 4 or not word.isalpha():
        return _letters(_apostrophes(re.escape(word)), lang)
    if lang == "ar":
        core = _AR_ARTICLE.sub("", word) or word
        for suffix in _AR_SUFFIXES:
            if core.endswith(suffix) and len(core) - len(suffix) >= 3:
                core = core[: -len(suffix)]
                break
        return _AR_PREFIX + re.escape(core) + r"\w{0,3}"
    if lang in _ROMANCE:
        # Plural and gender only: -s/-es/-x, -e/-a/-o, -al/-aux; a name never matches a
        # different name this way (Dushanbé does not accept DUSHANBE).
        if word.endswith(("al", "aux")):
            return (
                re.escape(word[:-2] if word.endswith("al") else word[:-3]) + "(?:al|aux|ale|ales)"
            )
        stem = re.sub("(?:es|s|x|e|a|o)$", "", word) or word
        return _apostrophes(re.escape(stem)) + "(?:e|es|s|x|a|as|o|os)?"
    # Slavic case endings live in the last letters.
    cut = 2 if letters >= 5 else 1
    return _letters(re.escape(word[:-cut]), lang) + r"\w{0,3}"


def _letters(escaped: str, lang: str) -> str:
    if lang in ("ru", "uk"):
        return escaped.replace("е", "[её]").replace("Е", "[ЕЁ]")
    return escaped


def target_spans(text: str, form: str, lang: str, *, inflect: bool) -> list[tuple[int, int]]:
    return [m.span() for m in target_pattern(form, lang, inflect).finditer(text)]
