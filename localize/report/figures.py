"""The figures of the review report, gathered from the catalogs, the checks, the glossary and
the translation memory into plain dataclasses that the HTML and JSON renderings share."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

from localize.app.found_catalogs import language_catalogs, read_best_effort
from localize.catalog import catalog_stats, load_catalog
from localize.checks import ERROR, Finding, check_catalog
from localize.entry_state import FUZZY, is_reviewed
from localize.errors import LocalizeError
from localize.glossary import Glossary
from localize.memory import Memory, StoredDraft
from localize.project import Project
from localize.report.diff import Segment, word_diff
from localize.report.postedit import SentenceScore, corpus_scores, sentence_scores

REVIEWED, FUZZY_STATUS, UNTRANSLATED = "reviewed", "fuzzy", "untranslated"
# Checks whose message names the glossary entry they are about, as "(glossary <id>)".
GLOSSARY_CHECKS = ("glossary-missing", "glossary-forbidden", "name-changed")
_GLOSSARY_ID = re.compile(r"\(glossary ([^()]+)\)\s*$")


@dataclass(frozen=True)
class Progress:
    reviewed: int
    fuzzy: int
    untranslated: int
    obsolete: int

    @property
    def total(self) -> int:
        return self.reviewed + self.fuzzy + self.untranslated

    def share(self, count: int) -> float:
        """``count`` as a percentage of the live entries (0 for an empty catalog)."""
        return 100.0 * count / self.total if self.total else 0.0


@dataclass(frozen=True)
class FindingRef:
    anchor: str  # id of the entry's row in the page; "" for the catalog as a whole (its header)
    line: int  # line of the msgid in the catalog
    msgid: str
    severity: str
    message: str


@dataclass(frozen=True)
class FindingGroup:
    check: str
    severity: str  # the worst severity in the group
    findings: list[FindingRef]


@dataclass(frozen=True)
class TermUse:
    id: str
    source: str
    rendering: str  # the preferred approved rendering in this language
    entries: int  # catalog entries whose source contains the term
    flagged: list[str]  # anchors of the entries a check flagged for this term


@dataclass(frozen=True)
class DraftView:
    engine: str
    text: str
    chrf: float | None  # sentence scores against the reviewed msgstr (reviewed entries only)
    ter: float | None


@dataclass(frozen=True)
class EntryView:
    anchor: str
    line: int  # of the msgid in the catalog, as check reports it
    msgid: str
    msgstr: str
    status: str  # reviewed, fuzzy or untranslated
    draft: DraftView | None  # the latest machine draft the memory holds for the sentence
    diff: list[Segment]  # draft -> msgstr, word by word; empty without a draft or a msgstr
    findings: int
    errors: int  # the error-level ones among the findings


@dataclass(frozen=True)
class CatalogReport:
    article: str
    lang: str
    path: str
    progress: Progress
    findings: list[FindingGroup]
    terms: list[TermUse]
    entries: list[EntryView]

    @property
    def errors(self) -> int:
        return sum(1 for group in self.findings for f in group.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(len(group.findings) for group in self.findings) - self.errors


@dataclass(frozen=True)
class PostEdit:
    """How much reviewers changed one engine's drafts in one language (all articles)."""

    engine: str
    lang: str
    sentences: int
    unchanged: int  # drafts the reviewer accepted as they were
    chrf: float  # corpus chrF of the drafts against the reviewed translations (100 = same)
    ter: float  # corpus TER in percent: edits per 100 reference words (0 = same)
    sentence_ter: list[float]


@dataclass(frozen=True)
class Report:
    generated: str
    glossary: str
    memory: str  # path of the translation memory, or a sentence saying there is none
    catalogs: list[CatalogReport]
    post_edit: list[PostEdit]
    no_draft: dict[str, int] = field(default_factory=dict)  # lang -> reviewed without a draft
    source_lang: str = "en"  # the articles' language: the page marks their sentences with it
    # Catalogs found broken and left out, each a warning at its file and line.
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        for catalog, shown in zip(self.catalogs, data["catalogs"], strict=True):
            shown["progress"]["total"] = catalog.progress.total
            shown["errors"], shown["warnings"] = catalog.errors, catalog.warnings
        return data


def article_names(project: Project, articles: Sequence[str]) -> list[str]:
    """The articles named on the command line, else every article with a template."""
    if articles:
        return list(dict.fromkeys(Path(article).stem for article in articles))
    if not project.locales_dir.is_dir():
        return []
    return sorted(path.stem for path in project.locales_dir.glob("*.pot"))


def gather(
    project: Project,
    names: Sequence[str],
    glossary: Glossary,
    langs: Sequence[str] | None = None,
    source_lang: str = "en",
) -> Report:
    """Every figure of the report for the catalogs of ``names`` (and ``langs``)."""
    located = [
        (name, lang, path)
        for name in names
        for lang, path in language_catalogs(project, name, langs)
    ]
    if not located:
        what = ", ".join(names) if names else "any article"
        raise LocalizeError(
            f"{project.locales_dir}: no catalogs for {what}; create them with "
            "'localize translate ARTICLE --to LANG'"
        )
    skipped: list[str] = []
    names_of = {path: name for name, _, path in located}
    loaded = [
        (names_of[path], lang, path, po)
        for lang, path, po in read_best_effort(
            [(lang, path) for _, lang, path in located],
            lambda _, path: load_catalog(path),
            skipped,
            named=bool(langs),
        )
    ]
    memory_path = project.memory_path()
    drafts = _drafts(memory_path, loaded, source_lang)
    catalogs = [
        _catalog_report(name, lang, path, po, glossary, drafts.get(lang, {}))
        for name, lang, path, po in loaded
    ]
    post_edit, no_draft = _post_edit(loaded, drafts)
    return Report(
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        glossary=glossary.describe(),
        memory=_shown(memory_path) if memory_path.is_file() else f"none ({_shown(memory_path)})",
        catalogs=catalogs,
        post_edit=post_edit,
        no_draft=no_draft,
        source_lang=source_lang,
        skipped=skipped,
    )


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# -- the translation memory ----------------------------------------------------------------------

Drafts = dict[str, dict[str, list[StoredDraft]]]  # lang -> source -> drafts, oldest first


def _drafts(memory_path: Path, loaded: list, source_lang: str) -> Drafts:
    """The machine drafts the memory keeps for the catalogs' sentences. A missing memory is no
    error (nothing was machine translated here): every entry then has no draft recorded."""
    if not memory_path.is_file():
        return {}
    sources: dict[str, set[str]] = defaultdict(set)
    for _, lang, _, po in loaded:
        sources[lang].update(entry.msgid for entry in po if not entry.obsolete)
    found: Drafts = {}
    with Memory.open(memory_path) as memory:
        for lang, msgids in sources.items():
            by_source: dict[str, list[StoredDraft]] = defaultdict(list)
            for draft in memory.machine_drafts(source_lang, lang, sorted(msgids)):
                by_source[draft.source].append(draft)
            found[lang] = dict(by_source)
    return found


def engine_label(draft: StoredDraft) -> str:
    """The engine as a reader names it: "apertium eng-spa", "argos translate-en_es", "pseudo"."""
    return draft.engine if draft.model == draft.engine else f"{draft.engine} {draft.model}"


def _latest_per_engine(drafts: list[StoredDraft]) -> dict[str, StoredDraft]:
    latest: dict[str, StoredDraft] = {}
    for draft in drafts:  # oldest first: a later run of the same engine replaces the earlier
        latest[engine_label(draft)] = draft
    return latest


# -- one catalog ---------------------------------------------------------------------------------


def _status(entry: polib.POEntry) -> str:
    if is_reviewed(entry):
        return REVIEWED
    return FUZZY_STATUS if entry.msgstr and FUZZY in entry.flags else UNTRANSLATED


def _anchor(name: str, lang: str, index: int) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{name}-{lang}").strip("-") or "catalog"
    return f"e-{safe}-{index}"


def _catalog_report(
    name: str,
    lang: str,
    path: Path,
    po: polib.POFile,
    glossary: Glossary,
    drafts: dict[str, list[StoredDraft]],
) -> CatalogReport:
    from localize.formats import format_for

    stats = catalog_stats(po)
    progress = Progress(stats.translated, stats.fuzzy, stats.untranslated, stats.obsolete)
    live = [entry for entry in po if not entry.obsolete and entry.msgid]
    anchors = {entry.msgid: _anchor(name, lang, index) for index, entry in enumerate(live, 1)}
    references = [file for entry in live for file, _ in entry.occurrences]
    protected = format_for(references[0] if references else "").protected
    findings = check_catalog(path, glossary, lang, protected)
    per_entry: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        per_entry[finding.msgid].append(finding)
    msgid_lines = _msgid_lines(path, po)
    entries = [
        _entry_view(
            entry,
            anchors[entry.msgid],
            drafts.get(entry.msgid, []),
            per_entry[entry.msgid],
            _at_or_after(msgid_lines, entry.linenum or 0),
        )
        for entry in live
    ]
    return CatalogReport(
        article=name,
        lang=lang,
        path=_shown(path),
        progress=progress,
        findings=_grouped(findings, anchors),
        terms=_terms(live, glossary, lang, findings, anchors),
        entries=entries,
    )


def _msgid_lines(path: Path, po: polib.POFile) -> list[int]:
    """Line numbers of the msgid keywords: where check's findings and editors point (polib
    numbers an entry from its first comment line)."""
    text = path.read_bytes().decode(po.encoding or "utf-8", errors="replace")
    return [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("msgid ")]


def _at_or_after(lines: list[int], start: int) -> int:
    index = bisect_left(lines, start)
    return lines[index] if index < len(lines) else start


def _entry_view(
    entry: polib.POEntry,
    anchor: str,
    drafts: list[StoredDraft],
    findings: list[Finding],
    line: int,
) -> EntryView:
    status = _status(entry)
    draft_view, diff = None, []
    if drafts:
        latest = drafts[-1]
        chrf = ter = None
        if status == REVIEWED:
            score = sentence_scores([latest.translation], [entry.msgstr])[0]
            chrf, ter = score.chrf, score.ter
        draft_view = DraftView(engine_label(latest), latest.translation, chrf, ter)
        if entry.msgstr:  # an emptied entry is no edit of the draft
            diff = word_diff(latest.translation, entry.msgstr)
    return EntryView(
        anchor=anchor,
        line=line,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        status=status,
        draft=draft_view,
        diff=diff,
        findings=len(findings),
        errors=sum(f.severity == ERROR for f in findings),
    )


def _grouped(findings: list[Finding], anchors: dict[str, str]) -> list[FindingGroup]:
    groups: dict[str, list[FindingRef]] = defaultdict(list)
    for f in findings:
        # A catalog-level finding (its header's Language) has no entry, hence no anchor: the
        # page shows it at the catalog.
        anchor = anchors.get(f.msgid, "")
        groups[f.check].append(FindingRef(anchor, f.line, f.msgid, f.severity, f.message))
    result = [
        FindingGroup(
            check,
            ERROR if any(ref.severity == ERROR for ref in refs) else refs[0].severity,
            refs,
        )
        for check, refs in groups.items()
    ]
    # Errors first (they block publishing), then the biggest groups.
    return sorted(result, key=lambda g: (g.severity != ERROR, -len(g.findings), g.check))


def _terms(
    live: list[polib.POEntry],
    glossary: Glossary,
    lang: str,
    findings: list[Finding],
    anchors: dict[str, str],
) -> list[TermUse]:
    flagged: dict[str, list[str]] = defaultdict(list)
    for f in findings:
        found = _GLOSSARY_ID.search(f.message) if f.check in GLOSSARY_CHECKS else None
        if found and f.msgid in anchors and anchors[f.msgid] not in flagged[found.group(1)]:
            flagged[found.group(1)].append(anchors[f.msgid])
    counts: dict[str, int] = defaultdict(int)
    for entry in live:
        for term_id in dict.fromkeys(
            m.entry.id for m in glossary.match(entry.msgid) if m.entry.covers(lang)
        ):
            counts[term_id] += 1
    terms = glossary.by_id
    return sorted(
        (
            TermUse(
                term_id,
                terms[term_id].source,
                terms[term_id].preferred(lang),
                count,
                flagged.get(term_id, []),
            )
            for term_id, count in counts.items()
        ),
        key=lambda t: (not t.flagged, -t.entries, t.source.casefold()),
    )


# -- post-edit distance ----------------------------------------------------------------------------


def _post_edit(loaded: list, drafts: Drafts) -> tuple[list[PostEdit], dict[str, int]]:
    """Per engine and language: the reviewed msgstr against that engine's latest draft of the
    same sentence. A sentence reviewed in two articles counts once."""
    pairs: dict[tuple[str, str], dict[str, tuple[str, str]]] = defaultdict(dict)
    no_draft: dict[str, set[str]] = defaultdict(set)
    for _, lang, _, po in loaded:
        for entry in po:
            if not is_reviewed(entry) or not entry.msgid:
                continue
            stored = drafts.get(lang, {}).get(entry.msgid, [])
            if not stored:
                no_draft[lang].add(entry.msgid)
            for engine, draft in _latest_per_engine(stored).items():
                pairs[(engine, lang)][entry.msgid] = (draft.translation, entry.msgstr)
    result = []
    for (engine, lang), by_source in sorted(pairs.items()):
        hypotheses = [draft for draft, _ in by_source.values()]
        references = [reviewed for _, reviewed in by_source.values()]
        corpus = corpus_scores(hypotheses, references)
        per_sentence: list[SentenceScore] = sentence_scores(hypotheses, references)
        result.append(
            PostEdit(
                engine=engine,
                lang=lang,
                sentences=len(by_source),
                unchanged=sum(h == r for h, r in zip(hypotheses, references, strict=True)),
                chrf=corpus.chrf,
                ter=corpus.ter,
                sentence_ter=[score.ter for score in per_sentence],
            )
        )
    return result, {lang: len(msgids) for lang, msgids in sorted(no_draft.items())}
