"""translate / update: merge the article into each locale's catalog, then fill what is empty
from reviewed memory, the machine-translation cache, and finally the engine.

Every MT draft is fuzzy. A reviewed (non-fuzzy) msgstr is never touched, except under
``--force``, which first writes a backup. All catalogs are read and validated before any is
written, each is written atomically, and the engine's results are stored in the memory batch by
batch, so an interrupted run leaves catalogs old or new and the rerun resumes where it stopped.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from localize.app.delta_update import NewTemplate, find_plan, reduced_run, with_memory
from localize.app.delta_update import stamp as delta_stamp
from localize.app.delta_update import write as write_from_old
from localize.app.engine_choice import engines_for
from localize.app.results import (
    LocaleResult,
    MachineTranslation,
    Progress,
    ProjectRun,
    RunResult,
)
from localize.app.template import (
    article_entries,
    check_same_article,
    rebuild_template,
    refuse_shared_catalog_names,
    write_template,
)
from localize.app.unchanged import templates_written_by_localize
from localize.catalog import (
    catalog_digest,
    catalog_from_template,
    complete_headers,
    load_catalog,
    read_layout,
    read_renders,
    read_snapshot,
    save_catalog,
)
from localize.catalog_cache import REMEMBERED_AS_WRITTEN, CatalogCache
from localize.catalog_delta import (
    DeltaIndex,
    Plan,
    TemplateBlocks,
    carried_as_is,
    template_digest,
    written_index,
)
from localize.comments import (
    GLOSSARY_PREFIX,
    PROVENANCE_PREFIXES,
    annotate_glossary,
    glossary_lines,
    logical_lines,
    machine_note,
    provenance,
    recorded_draft_digest,
    set_glossary_lines,
    similar_memory_note,
    with_draft_tcomment,
    with_glossary_mark,
    with_provenance,
)
from localize.draftspill import DraftSpill
from localize.engines.base import Engine, Translator
from localize.entry_state import (
    FUZZY,
    has_translation,
    is_fuzzy,
    is_glossary_stale_draft,
    is_machine_draft,
    is_persons_work,
    is_reviewed,
    is_reviewed_work,
    lost_machine_note,
    needs_translation,
    singular,
)
from localize.errors import LocalizeError
from localize.fileio import FileChanged
from localize.formats.entities import with_decoded_msgids
from localize.glossary import Glossary
from localize.languages import base_language, refuse_source_as_target
from localize.lock import locked
from localize.merge import merge, purge_obsolete
from localize.polayout import WrittenShape
from localize.project import Project
from localize.source import Article

if TYPE_CHECKING:
    from localize.app.started_early import StartedEarly
    from localize.checks import Protected
    from localize.enforce import Draft
    from localize.glossary_notes import GlossaryNotes
    from localize.memory import MachineKey, Memory

# Times a locale is redone when its catalog is saved by someone during the run.
EDIT_RETRIES = 3
# A reviewed translation of a sentence at least this similar is a better start than MT: the
# threshold CAT tools (OmegaT, Trados) and Weblate's memory commonly use.
SIMILAR_MEMORY_THRESHOLD = 75.0


def _no_progress(_label: str, _total: int) -> Progress:
    return Progress()


def update_articles(
    articles: list[Article],
    project: Project,
    langs: list[str],
    *,
    glossary: Glossary,
    mt: MachineTranslation | None,
    create_missing: bool,
    retranslate_fuzzy: bool = False,
    purge: bool = False,
    force: bool = False,
    to_utf8: bool = False,
    progress: Callable[[str, int], Progress] = _no_progress,
    started: StartedEarly | None = None,
    best_effort: frozenset[str] = frozenset(),
) -> ProjectRun:
    """Every article's catalogs in ``langs`` brought up to date in one run: one lock, one
    memory, one translator per language, and each distinct sentence of all the articles sent
    to the engine once. Every catalog is read and validated before anything is written.
    ``started``: the engines chosen and translators opened while the articles were read
    (``StartedEarly``), taken when chosen for this run's source and languages.
    ``best_effort``: languages nobody asked for (a catalog found in the locales directory):
    one of their catalogs that cannot be read is skipped with a warning instead of stopping
    the run, and an article without a catalog in one of them is left without one."""
    project.check_locales_dir()
    refuse_shared_catalog_names(articles)
    source = articles[0].lang
    refuse_source_as_target(source, langs)
    with (
        locked(project.locales_dir),
        _catalog_cache(project) as parsed,
        _delta_index(project, not (force or retranslate_fuzzy or purge)) as deltas,
        _collector() as settle,
        ExitStack() as translators_ahead,
    ):
        memory_states = _reviewed_states(project, source, langs) if deltas.enabled else {}
        catalogs: dict[tuple[int, str], tuple[Path, polib.POFile | None]] = {}
        plans: dict[tuple[int, str], tuple[Plan, NewTemplate]] = {}
        new_templates: list[NewTemplate] = []
        unreadable: list[tuple[str, LocalizeError]] = []  # best-effort catalogs not read
        for index, article in enumerate(articles):
            new_template = NewTemplate(article)
            new_templates.append(new_template)
            for lang in langs:
                path = project.catalog_path(lang, article.name)
                found = (
                    find_plan(
                        deltas,
                        path,
                        with_memory(delta_stamp(glossary, article, lang), memory_states.get(lang)),
                        new_template,
                    )
                    if deltas.enabled and path.exists()
                    else None
                )
                if found is not None:
                    # A catalog localize wrote, read as bytes: only what changed is parsed.
                    plans[index, lang] = (found, new_template)
                    catalogs[index, lang] = (path, None)
                elif path.exists():
                    try:
                        existing = _utf8(load_catalog(path, parsed), path, to_utf8)
                        check_same_article(article, existing, path)
                        if lang in best_effort:
                            _check_header_language(existing, path, lang)
                    except LocalizeError as error:
                        if lang not in best_effort:
                            raise
                        unreadable.append((lang, error))
                        continue
                    catalogs[index, lang] = (path, existing)
                elif lang in best_effort:
                    continue  # found for another article: this one was never translated to it
                elif create_missing:
                    catalogs[index, lang] = (path, None)
                else:
                    raise LocalizeError(
                        f"{path}: no catalog for {lang}; create it with "
                        f"'localize translate {article.display} --to {lang}'"
                    )
        settle()
        if best_effort:
            langs = [
                lang
                for lang in langs
                if lang not in best_effort
                or any((i, lang) in catalogs or (i, lang) in plans for i in range(len(articles)))
            ]
            if not langs and unreadable:
                # Nothing else to update: the unreadable catalog is the answer, as an error.
                raise unreadable[0][1]
        skipped = [
            f"{error}; skipped it: {lang} is not among the languages asked for (--to or the "
            "project file's languages), so the other catalogs were updated"
            for lang, error in unreadable
        ]
        # Engines are chosen before anything is written, so that a language no engine serves
        # is known up front; its catalog is still created or updated, for translators.
        chosen = started.engines(mt, source, langs) if started is not None and mt else None
        if chosen is None:
            chosen = engines_for(mt, source, langs) if mt is not None else ({}, {})
        engines, no_engine = chosen
        problems = _engine_problems(mt) if mt is not None else []
        uncovered = [
            warning for lang in langs if (warning := glossary.missing_language_warning(lang))
        ]
        if langs and (other_source := glossary.other_source_warning(source, langs)):
            uncovered.insert(0, other_source)
        ahead = _opened_ahead(engines, plans, source, translators_ahead, started)
        runs = []
        # Only the headers of each template are kept: its entries are built again from the
        # article when a catalog is merged, so that they are not held while translating.
        templates = []
        written_by = templates_written_by_localize(project)
        blocks = TemplateBlocks(deltas) if deltas.enabled else None
        # What write_template says of a template it could not parse, and so wrote anew.
        template_warnings: list[str] = []
        for article, new_template in zip(articles, new_templates, strict=True):
            template, template_written = write_template(
                article,
                project,
                written_by_localize=written_by,
                entries=new_template.made(),
                blocks=blocks,
                digests=new_template.known_digests(),
                warnings=template_warnings,
            )
            templates.append(template)
            runs.append(
                RunResult(
                    project.template_path(article.name),
                    template_written,
                    glossary.describe(),
                    [],
                    template_digest=catalog_digest(template),
                    article=article.display,
                )
            )
        run = ProjectRun(
            glossary.describe(),
            runs,
            [*skipped, *problems, *template_warnings],
            input_warnings=uncovered,
        )
        with (
            _memory(project) as memory,
            _glossary_notes(project) as notes,
            closing(DraftSpill()) as drafts,
        ):
            # With an engine or without: the memory proposes reviewed work either way.
            names = {article.name for article in articles}
            run.warnings += _learn_from_other_catalogs(
                project, names, source, langs, memory, parsed
            )
            settings = _Settings(
                glossary,
                memory,
                force,
                purge,
                retranslate_fuzzy,
                progress,
                notes,
                drafts,
                parsed,
                deltas,
            )
            for lang in langs:
                engine = engines.get(lang)
                # With an engine whose translators leave this Python free, the notes of the
                # entries it may fill are made once its first request is out, while its programs
                # or workers translate (issue 19); with another, holding entries without their
                # notes and taking them back would gain nothing.
                held_notes = (
                    _HeldNotes(settings, lang)
                    if engine is not None and engine.translates_outside_python()
                    else None
                )
                prepared = [
                    _prepare_planned(
                        article, templates[i], lang, *plans[i, lang], settings, held_notes
                    )
                    if (i, lang) in plans
                    else _prepare_one(
                        article,
                        templates[i],
                        lang,
                        *catalogs[i, lang],
                        settings,
                        held_notes=held_notes,
                    )
                    for i, article in enumerate(articles)
                    if (i, lang) in catalogs
                ]
                todo = [(one.article, e, one.result) for one in prepared for e in one.todo]
                if engine is not None and todo:
                    run.sent_to_engine[lang] = _translate_entries(
                        todo,
                        source,
                        lang,
                        glossary,
                        engine,
                        memory,
                        progress,
                        drafts,
                        opened=ahead.pop(lang, None),
                        meanwhile=held_notes.make_notes if held_notes is not None else None,
                    )
                elif todo:
                    _propose_without_engine(todo, source, lang, settings)
                if held_notes is not None:
                    held_notes.make_notes()  # when the engine was not asked
                for i, one in enumerate(prepared):
                    finished = _finish_with_retries(
                        one,
                        templates[i],
                        engine,
                        no_engine.get(lang),
                        settings,
                        to_utf8,
                        run.warnings,
                    )
                    runs[i].locales.append(finished)
                    # A language no engine serves has them among its entries left for
                    # translators, with the way to get an engine.
                    if finished.glossary_stale_left and finished.no_engine is None:
                        run.warnings.append(
                            f"{finished.path}: {finished.glossary_stale_left} machine draft(s) "
                            "made under an earlier glossary have a missing or forbidden term; "
                            f"'localize translate {one.article.display} --to {lang}' redrafts "
                            "them"
                        )
    return run


def _opened_ahead(
    engines: dict[str, Engine],
    plans: dict[tuple[int, str], tuple[Plan, NewTemplate]],
    source: str,
    closer: ExitStack,
    started: StartedEarly | None,
) -> dict[str, Translator]:
    """The translators of the languages whose delta plans redo a sentence the engine may get
    (the memory or the cache may still answer it), opened before the templates are written so
    that an engine's start-up (Apertium's programs loading their dictionaries) goes on
    meanwhile (``Engine.open_ahead``), and those ``started`` before the articles were read, for
    the pair of the engine chosen now; ``closer`` closes the ones not used. One that cannot be
    opened here is opened when needed, as without this, and fails there."""
    opened: dict[str, Translator] = {}

    def close_unused() -> None:
        # The caller pops the ones it uses; _translate_entries closes those.
        for translator in opened.values():
            translator.close()

    # Registered first: an unexpected error opening one must not leave those taken running.
    closer.callback(close_unused)
    for lang in sorted(engines):
        taken = started.take(lang, engines[lang]) if started is not None else None
        if taken is not None:
            opened[lang] = taken
    wanted = {lang for (_, lang), (plan, _) in plans.items() if plan.redone_new}
    for lang in sorted(wanted & engines.keys() - opened.keys()):
        try:
            translator = engines[lang].open_ahead(base_language(source), base_language(lang))
        except LocalizeError:
            continue
        if translator is not None:
            opened[lang] = translator
    return opened


def _reviewed_states(project: Project, source: str, langs: list[str]) -> dict[str, str | None]:
    """The memory's reviewed translations of each pair as they are before the run (read under
    the lock): the delta path carries reviewed entries over without recording them in the
    memory again, so it is taken only with the memory as it was when the catalog was written."""
    from localize.memory import reviewed_states

    return reviewed_states(project.memory_path(), source, langs)


@dataclass(frozen=True)
class _Settings:
    """What every catalog of a run is updated with."""

    glossary: Glossary
    memory: Memory
    force: bool
    purge: bool
    retranslate_fuzzy: bool
    progress: Callable[[str, int], Progress]
    notes: GlossaryNotes | None = None
    drafts: DraftSpill | None = None
    parsed: CatalogCache = field(default_factory=CatalogCache.disabled)
    deltas: DeltaIndex | None = None


@dataclass
class _Prepared:
    """One catalog merged, annotated and with its entries to translate selected, not saved."""

    article: Article
    path: Path
    old: polib.POFile | None
    po: polib.POFile
    todo: list[polib.POEntry]
    result: LocaleResult
    # For the delta path's index of the file written (``catalog_delta``): the digests of the
    # template entries the live entries were made from, and the settings they depend on.
    templates: list[str] | None = None
    stamp: str | None = None
    delta: Plan | None = None  # made by the delta path: written from the old file's bytes


def _finish_with_retries(
    one: _Prepared,
    template: polib.POFile,  # its headers only (template_headers)
    engine: Engine | None,
    no_engine: str | None,
    settings: _Settings,
    to_utf8: bool,
    warnings: list[str],
) -> LocaleResult:
    for attempt in range(1, EDIT_RETRIES + 1):
        try:
            # Taken now, when every catalog of the run has recorded its reviewed entries.
            memory_state = (
                settings.memory.reviewed_state(one.article.lang, one.result.lang)
                if settings.deltas is not None and settings.deltas.enabled
                else None
            )
            return _finish_one(
                one,
                engine,
                no_engine,
                settings.drafts,
                settings.parsed,
                settings.deltas,
                with_memory(one.stamp, memory_state),
            )
        except FileChanged as changed:
            # Someone saved the catalog meanwhile (editors do not take our lock): redo this
            # catalog from what they saved. The memory has every draft made so far, so the
            # redo sends nothing to the engine again.
            if attempt == EDIT_RETRIES:
                raise LocalizeError(
                    f"{changed}; it kept changing over {EDIT_RETRIES} attempts, so "
                    "nothing was written to it: run again when the editor is done"
                ) from None
            path = one.path
            if settings.drafts is not None:
                settings.drafts.forget(path)
            old = (
                _utf8(load_catalog(path, settings.parsed), path, to_utf8) if path.exists() else None
            )
            if old is not None:
                check_same_article(one.article, old, path)
            warnings.append(
                f"{path}: saved by someone else during this run; redone from their version"
            )
            one = _prepare_one(
                one.article,
                template,
                one.result.lang,
                path,
                old,
                settings,
            )
            if engine is not None and one.todo:
                _translate_entries(
                    [(one.article, e, one.result) for e in one.todo],
                    one.article.lang,
                    one.result.lang,
                    settings.glossary,
                    engine,
                    settings.memory,
                    settings.progress,
                    settings.drafts,
                )
            elif one.todo:
                _propose_without_engine(
                    [(one.article, e, one.result) for e in one.todo],
                    one.article.lang,
                    one.result.lang,
                    settings,
                )
    raise AssertionError("unreachable")  # pragma: no cover


def _learn_from_other_catalogs(
    project: Project,
    names: set[str],
    source: str,
    langs: list[str],
    memory: Memory,
    parsed: CatalogCache,
) -> list[str]:
    """Record the reviewed translations of the project's other articles, so that a sentence a
    person already translated elsewhere is proposed before it goes to the engine."""
    warnings = []
    for lang, path in project.catalogs(None, langs):
        if path.stem in names:
            continue
        try:
            po = load_catalog(path, parsed)
        except LocalizeError as error:
            warnings.append(f"{error} (its reviewed translations were not used)")
            continue
        memory.record_reviewed(source, lang, [(e.msgid, singular(e)) for e in po if is_reviewed(e)])
    return warnings


@contextmanager
def _memory(project: Project) -> Iterator[Memory]:
    """The project's memory, made when missing. Opened by every run: its reviewed translations
    (the project's other articles' among them) are proposed with an engine or without one
    (update --no-translate); a purge gives it the obsolete reviewed work first; drafts whose
    notes a merge tool dropped are found in it."""
    from localize.memory import Memory

    memory = Memory.open(project.memory_path())
    try:
        yield memory
    finally:
        memory.close()


@contextmanager
def _collector() -> Iterator[Callable[[], None]]:
    """Within the block, ``settle()`` takes every object alive (the catalogs read, the modules
    imported) out of the cyclic garbage collector's sight until the block ends: they live for
    the whole run, and scanning them again and again while the merged catalogs are built was
    about 0.1 s of an update of 3,100 sentences (``gc.callbacks``). Objects are still freed
    when their last reference goes."""
    import gc

    settled = False

    def settle() -> None:
        nonlocal settled
        gc.freeze()
        settled = True

    try:
        yield settle
    finally:
        if settled:
            gc.unfreeze()


def _catalog_cache(project: Project) -> closing[CatalogCache]:
    from localize.project import work_dir

    return closing(CatalogCache.open(work_dir(project.locales_dir)))


def _delta_index(project: Project, allowed: bool) -> closing[DeltaIndex]:
    from localize.project import work_dir

    if not allowed:
        return closing(DeltaIndex(None))
    return closing(DeltaIndex.open(work_dir(project.locales_dir)))


def _glossary_notes(project: Project) -> closing[GlossaryNotes]:
    from localize.glossary_notes import open_notes
    from localize.project import work_dir

    return closing(open_notes(work_dir(project.locales_dir)))


@dataclass
class _Merged:
    """The catalog after the merge, with what the later steps need to know about it."""

    po: polib.POFile
    # Sentences whose entry the merge carried over as it was (kept or revived).
    unchanged: set[str] = field(default_factory=set)


def _prepare_one(
    article: Article,
    template: polib.POFile,
    lang: str,
    path: Path,
    old: polib.POFile | None,
    settings: _Settings,
    rebuilt: polib.POFile | None = None,
    *,
    held_notes: _HeldNotes | None = None,
) -> _Prepared:
    """One catalog up to the engine: merge, remember reviewed work, purge, annotate, select,
    back up; each step below. ``template`` holds the template's headers (``write_template``):
    its entries are made again from the article's units, whole for a merge, and one slice at a
    time for a new catalog, which takes them. With ``held_notes``, the glossary notes of the
    entries selected to translate are left to it."""
    result = LocaleResult(lang=lang, path=path, created=old is None)
    indexed = settings.deltas is not None and settings.deltas.enabled and rebuilt is None
    templates: list[str] | None = [] if indexed else None
    if rebuilt is not None:
        template = rebuilt  # the delta path's entries to redo
    elif old is not None:
        template = rebuild_template(article, template)
        if templates is not None:
            templates += map(template_digest, template)
    # A catalog from before character references were decoded has the same sentences.
    previous = old and with_decoded_msgids(old, {e.msgid for e in template}, article.format)
    merged = _merge(previous, template, lang, result)
    po = merged.po
    _remember_reviewed(settings.memory, article.lang, lang, old, po)
    if settings.purge:
        result.purged = purge_obsolete(po)
    todo: list[polib.POEntry] = []
    persons_work = False
    earlier = _EarlierNotes(previous)
    # A slice at a time, and each entry to translate then held on disk until it is written:
    # the notes of every entry of a large catalog in memory at once were a peak of their own.
    pieces = _slices(po) if previous is not None else _made_in_slices(po, article, templates)
    for piece in pieces:
        if held_notes is None:
            annotate_glossary(piece, settings.glossary, lang, settings.notes)
        # Restoring a draft's notes and setting the glossary's keep each other's lines.
        result.notes_restored += _restore_machine_notes(
            piece, settings.memory, article.lang, lang, settings.glossary, article.format.protected
        )
        chosen = _entries_to_translate(
            piece, merged, retranslate_fuzzy=settings.retranslate_fuzzy, force=settings.force
        )
        selected = {id(e) for e in chosen}
        others = [e for e in piece if id(e) not in selected]
        if held_notes is not None:
            annotate_glossary(others, settings.glossary, lang, settings.notes)
        # Judged once their notes are the glossary's in use: the drafts it marks are redrafted.
        chosen += _judge_under_the_glossary_in_use(
            others, earlier, settings.glossary, lang, article.format.protected
        )
        result.glossary_stale += sum(map(is_glossary_stale_draft, chosen))
        if held_notes is not None:
            held_notes.add(path, chosen)
        result.kept += _count_kept(piece, merged, chosen)
        persons_work = persons_work or any(is_persons_work(e) for e in chosen)
        todo += chosen
        if settings.drafts is not None:
            for entry in chosen:
                settings.drafts.hold(path, entry)
    if previous is None:
        result.new = len(po)
    if settings.force and old is not None and persons_work:
        result.backup = _backup(path)
    stamp = delta_stamp(settings.glossary, article, lang)
    return _Prepared(article, path, old, po, todo, result, templates, stamp)


class _EarlierNotes:
    """The ``glossary:`` notes of each entry of the catalog as it was read: those of the
    glossary the run that wrote it used (every run refreshes them), to tell the drafts made
    under another glossary than the one in use."""

    def __init__(self, old: polib.POFile | None) -> None:
        self._old = old
        self._by_key: dict[tuple[str | None, str], polib.POEntry] | None = None

    def __bool__(self) -> bool:
        """Whether there was a catalog to compare with (a new one has none)."""
        return self._old is not None

    def of(self, entry: polib.POEntry) -> list[str] | None:
        """The notes the entry's sentence had; None when the catalog did not have it, or had
        it without localize's notes (a merge tool dropped them): nothing to compare with."""
        if self._old is None:
            return None
        if self._by_key is None:
            self._by_key = {(e.msgctxt, e.msgid): e for e in self._old if not e.obsolete}
        before = self._by_key.get((entry.msgctxt, entry.msgid))
        if before is None or not provenance(before):
            return None
        return [line for line in logical_lines(before.comment) if line.startswith(GLOSSARY_PREFIX)]


def _judge_under_the_glossary_in_use(
    entries: list[polib.POEntry],
    earlier: _EarlierNotes,
    glossary: Glossary,
    lang: str,
    protected: Protected,
) -> list[polib.POEntry]:
    """Of ``entries`` (given the glossary notes of the glossary in use), those whose notes in
    the catalog as read were other ones (the glossary changed since the catalog was written;
    with an unchanged one no entry changes): an untouched machine draft the glossary in use
    finds wrong (an approved term missing, a forbidden rendering) is marked, so that this
    run's engine, or the next run with one, redrafts it (``entry_state.is_glossary_stale_draft``);
    a person's work (reviewed, or fuzzy and theirs) keeps its translation, flags and translator
    comments, and loses only the ``glossary placed`` notes of its draft that name a rendering
    the glossary no longer approves. Returns the drafts marked."""
    if not earlier:
        return []
    marked = []
    for entry in entries:
        if entry.obsolete or entry.msgid_plural or not has_translation(entry):
            continue
        draft = is_machine_draft(entry)
        lines = logical_lines(entry.comment)
        if not draft and not (is_persons_work(entry) and any(map(_is_placed, lines))):
            continue
        before = earlier.of(entry)
        if before is None or before == [line for line in lines if line.startswith(GLOSSARY_PREFIX)]:
            continue
        if not draft:
            _drop_placed_notes_of_an_earlier_glossary(entry, glossary, lang)
        elif _mark_draft_of_an_earlier_glossary(entry, glossary, lang, protected):
            marked.append(entry)
    return marked


def _mark_draft_of_an_earlier_glossary(
    entry: polib.POEntry, glossary: Glossary, lang: str, protected: Protected
) -> bool:
    """Mark the draft when the glossary in use finds it wrong; whether it did."""
    flags, findings = _glossary_flags(glossary, entry.msgid, entry.msgstr, lang, protected)
    digest = recorded_draft_digest(entry)
    if not flags or digest is None:
        return False
    entry.tcomment = with_glossary_mark(entry.tcomment, digest)
    # Until it is redrafted (by this run's engine, or the next run with one), the draft says
    # what the glossary in use finds wrong, in place of how the earlier glossary's terms were
    # placed.
    entry.flags = [*entry.flags, *(f for f in flags if f not in entry.flags)]
    kept = [
        line for line in logical_lines(entry.comment) if not line.startswith(_GLOSSARY_VERDICTS)
    ]
    entry.comment = "\n".join([*kept, *findings])
    return True


def _drop_placed_notes_of_an_earlier_glossary(
    entry: polib.POEntry, glossary: Glossary, lang: str
) -> None:
    """A ``glossary placed: TERM → RENDERING (how)`` note is kept while RENDERING is still a
    rendering the glossary approves for TERM; one naming a rendering forbidden or replaced
    since, or a term the glossary no longer has, told a reviewer the opposite of the glossary's
    notes above it."""
    current = {
        f"{_PLACED_PREFIX} {match.text} → {rendering} ("
        for match in glossary.match(entry.msgid)
        if match.entry.covers(lang)
        for rendering in (
            *match.entry.approved(lang),
            match.entry.preferred(lang, match.text),
            match.entry.preferred(lang, match.text, first=True),
        )
    }
    lines = logical_lines(entry.comment)
    kept = [
        line
        for line in lines
        if not _is_placed(line) or any(line.startswith(start) for start in current)
    ]
    if len(kept) != len(lines):
        entry.comment = "\n".join(kept)


_PLACED_PREFIX = "glossary placed:"


def _is_placed(line: str) -> bool:
    return line.startswith(_PLACED_PREFIX)


# The notes of a draft that say how the glossary's terms stand in it (``enforce``,
# ``_glossary_flags``), made again when another glossary judges the draft.
_GLOSSARY_VERDICTS = (_PLACED_PREFIX, "glossary-missing:", "glossary-forbidden:")


def _prepare_planned(
    article: Article,
    template: polib.POFile,
    lang: str,
    found: Plan,
    new_template: NewTemplate,
    settings: _Settings,
    held_notes: _HeldNotes | None = None,
) -> _Prepared:
    """The delta path (``app/delta_update``): ``_prepare_one`` on the entries that changed
    only."""
    old, rebuilt = reduced_run(found, template, new_template)
    one = _prepare_one(
        article,
        template,
        lang,
        found.snapshot.path,
        old,
        settings,
        rebuilt,
        held_notes=held_notes,
    )
    one.delta = found
    one.result.kept += found.carried
    return one


_SLICE = 2048


class _HeldNotes:
    """The glossary notes of the entries selected for the engine, made later than the other
    entries' (``make_notes``): once the engine's first request is out, the notes (matching every
    sentence's terms: most of what the run did before that request with a large glossary) are
    made while the engine translates. A held entry (draftspill) is taken back for its notes and
    held again; a draft set on it meanwhile keeps its own lines (``set_glossary_lines``)."""

    def __init__(self, settings: _Settings, lang: str) -> None:
        self._settings = settings
        self._lang = lang
        self._waiting: list[tuple[Path, list[polib.POEntry]]] = []

    def add(self, path: Path, entries: list[polib.POEntry]) -> None:
        if entries:
            self._waiting.append((path, entries))

    def make_notes(self) -> None:
        """The notes of every entry added since the last call."""
        waiting, self._waiting = self._waiting, []
        settings, drafts = self._settings, self._settings.drafts
        for path, entries in waiting:
            # A slice at a time, as the other entries: a long article's notes at once were a
            # peak of their own.
            for start in range(0, len(entries), _SLICE):
                piece = entries[start : start + _SLICE]
                known = glossary_lines(
                    settings.glossary, self._lang, [e.msgid for e in piece], settings.notes
                )
                for entry in piece:
                    if drafts is not None:
                        drafts.restore(path, entry)
                    set_glossary_lines(entry, known[entry.msgid])
                    if drafts is not None:
                        drafts.hold(path, entry)


def _slices(po: polib.POFile) -> Iterator[polib.POFile]:
    for start in range(0, len(po), _SLICE):
        piece = polib.POFile()
        piece.extend(po[start : start + _SLICE])
        yield piece


def _made_in_slices(
    po: polib.POFile, article: Article, templates: list[str] | None = None
) -> Iterator[polib.POFile]:
    """A new catalog's entries made from the article's units a slice at a time, each slice
    added to ``po`` as it is yielded: a whole template of a long article, made first and then
    annotated and held on disk, was the peak of translating it. ``templates`` receives each
    template entry's digest (``catalog_delta``)."""
    piece = polib.POFile()
    for entry in article_entries(article):
        if templates is not None:
            templates.append(template_digest(entry))
        piece.append(entry)
        if len(piece) == _SLICE:
            po.extend(piece)
            yield piece
            piece = polib.POFile()
    if piece:
        po.extend(piece)
        yield piece


def _finish_one(
    one: _Prepared,
    engine: Engine | None,
    no_engine: str | None,
    drafts: DraftSpill | None,
    parsed: CatalogCache,
    deltas: DeltaIndex | None = None,
    stamp: str | None = None,
) -> LocaleResult:
    """After the engine: count what is left and save when the content changed. ``no_engine``
    says why no engine serves the language: its entries are left for translators. The drafts
    ``drafts`` holds come back entry by entry for each pass."""
    result, po, old = one.result, one.po, one.old
    # The memory's proposals (``_propose_without_engine``) are not left for translators.
    left = len(one.todo) - result.from_memory - result.from_similar
    if engine is None and no_engine is not None and left:
        result.no_engine = no_engine
        result.left_for_translators = left

    def entries(_po: polib.POFile = po) -> Iterator[polib.POEntry]:
        return drafts.restored(one.path, _po) if drafts is not None else iter(_po)

    live = untranslated = unsettled = 0
    result.glossary_stale_left = 0
    carried: list[bool] = []  # for the delta path's index: each live entry, in order
    for entry in entries():
        if entry.obsolete:
            continue
        live += 1
        untranslated += not has_translation(entry)
        unsettled += needs_translation(entry, retranslate_fuzzy=False, force=False)
        result.glossary_stale_left += is_glossary_stale_draft(entry)
        carried.append(carried_as_is(entry))
    # A draft made under an earlier glossary that no engine redrafted (update --no-translate)
    # stays as it was, flagged with what the glossary in use finds wrong: counted among the
    # kept and the flagged entries, or the summary's counts would leave it out. (For a language
    # no engine serves, it is among the entries left for translators.)
    if result.no_engine is None:
        result.kept += result.glossary_stale_left
        result.flagged += result.glossary_stale_left
    if one.delta is not None:
        live += one.delta.carried  # translated and settled (``carried_as_is``)
    result.untranslated = untranslated
    result.translated_after = live - untranslated
    # An entry left empty waits for a rerun too, with machine translation asked for or not
    # (update --no-translate): the memory may have a person's translation of it by then (a TMX
    # imported, the sentence reviewed in another article), which the replay of a stamped run
    # (``app/unchanged``) would never propose. A draft made under an earlier glossary waiting
    # for an engine is said on every run, so such a run is not replayed either.
    result.settled = not unsettled and not result.glossary_stale_left
    result.without_engine = engine is None and no_engine is None
    # On the delta path ``old`` holds the redone entries read from the file (never None).
    if one.delta is not None and old is not None and _changed(old, po, entries()):
        result.digest = write_from_old(one.delta, po, one.path, entries, carried, deltas, stamp)
        result.written = True
    elif one.delta is not None:
        result.digest = catalog_digest(old)
    elif old is None or _changed(old, po, entries()):
        # A catalog longer than the bound is not remembered as written (the next read does):
        # its first entries' text, gathered only to be dropped, was the peak of writing it.
        shape = (
            WrittenShape(most=REMEMBERED_AS_WRITTEN) if len(po) <= REMEMBERED_AS_WRITTEN else None
        )
        result.digest = save_catalog(
            po,
            one.path,
            unchanged_since=read_snapshot(old, one.path),
            layout=read_layout(old),
            entries=entries,
            shape=shape,
            renders=read_renders(old),
        )
        if shape is not None:
            parsed.put_written(result.digest, po, shape, entries)
            _index_written(one, result.digest, shape, carried, deltas, stamp)
        result.written = True
    else:
        result.digest = catalog_digest(old)
    return result


def _index_written(
    one: _Prepared,
    digest: str,
    shape: WrittenShape,
    carried: list[bool],
    deltas: DeltaIndex | None,
    stamp: str | None,
) -> None:
    """Keep the index of a file written in localize's own style, for the next update's delta
    path (``catalog_delta``)."""
    if deltas is None or stamp is None or one.templates is None or shape.layout.header is None:
        return
    content, text = shape.layout.header
    contents = shape.contents
    if not shape.own_style or content != text or len(contents) != len(one.po):
        return
    if len(one.templates) != len(carried):
        return
    index = written_index(
        text, contents[: len(carried)], contents[len(carried) :], carried, one.templates
    )
    deltas.put(bytes.fromhex(digest), stamp, index)


def _merge(
    old: polib.POFile | None, template: polib.POFile, lang: str, result: LocaleResult
) -> _Merged:
    """A new catalog from the template, or the old one merged with it (msgmerge); counts what
    the merge did into ``result``."""
    if old is None:
        # ``template`` holds headers only: _prepare_one makes the entries (``_made_in_slices``)
        # and counts them.
        return _Merged(catalog_from_template(template, lang))
    po, report = merge(old, template)
    complete_headers(po, template, lang)
    result.fuzzy_matched = len(report.fuzzy)
    result.new, result.obsolete = len(report.new), len(report.obsolete)
    result.revived = len(report.revived)
    # An old machine draft of a different sentence is no base for review: the merge flags it
    # stale, and ``needs_translation`` selects it for a new draft.
    return _Merged(po, unchanged=set(report.kept) | set(report.revived))


def _remember_reviewed(
    memory: Memory, source: str, target: str, old: polib.POFile | None, po: polib.POFile
) -> None:
    """Record every reviewed translation before anything can drop it (a purge) or before the
    engine is asked. From the old catalog too: a reviewed sentence that was edited is fuzzy
    after the merge, but its reviewed translation of the old sentence is still a person's
    work."""
    everything = [*(old or []), *po]
    reviewed = [(e.msgid, singular(e)) for e in everything if is_reviewed_work(e)]
    memory.record_reviewed(source, target, reviewed)


def _check_header_language(po: polib.POFile, path: Path, lang: str) -> None:
    """A catalog nobody named, in a folder named like a language, whose Language header names
    another (a copy of es/ left as pt/): taken as that folder's, it would be merged and drafted
    as the wrong language; it is skipped instead, with this error as the warning."""
    from localize.checks import header_line
    from localize.languages import header_names_another_language

    declared = po.metadata.get("Language", "").strip()
    if header_names_another_language(declared, lang):
        at = header_line(path.read_text(encoding="utf-8", errors="replace"), "Language")
        raise LocalizeError(
            f"{path}:{at}: its Language header says {declared}, not {lang}: a copy of another "
            "language's catalog? Correct the header, or move the file out of locales/"
        )


def _restore_machine_notes(
    po: polib.POFile,
    memory: Memory | None,
    source: str,
    lang: str,
    glossary: Glossary,
    protected: Protected | None = None,
) -> int:
    """Give back the provenance of machine drafts a merge tool stripped of their notes, so that
    reviewers see where they came from: engine and model from the memory that stored the draft;
    without the memory, the draft digest the translator comment kept (the engine is unknown)."""
    # Only a draft without provenance notes can have lost them: the drafts that kept theirs
    # (every one localize wrote) are not looked up in the memory, which was most of this step.
    candidates = [
        e for e in po if not e.obsolete and is_fuzzy(e) and has_translation(e) and not provenance(e)
    ]
    if not candidates:
        return 0
    stored = memory.machine_output(source, lang, [e.msgid for e in candidates]) if memory else {}
    restored = 0
    for entry in candidates:
        if lost_machine_note(entry, stored):
            draft = stored[(entry.msgid, entry.msgstr)]
            origin = f"{draft.engine} {draft.model} {draft.version}"
        elif is_machine_draft(entry):
            origin = "engine not recorded (a merge tool dropped the notes)"
        else:
            continue
        _flags, notes = _glossary_flags(glossary, entry.msgid, entry.msgstr, lang, protected)
        entry.comment = with_provenance(entry.comment, [machine_note(origin, entry.msgstr), *notes])
        restored += 1
    return restored


def _entries_to_translate(
    po: polib.POFile, merged: _Merged, *, retranslate_fuzzy: bool, force: bool
) -> list[polib.POEntry]:
    return [
        e
        for e in po
        if not e.obsolete and needs_translation(e, retranslate_fuzzy=retranslate_fuzzy, force=force)
    ]


def _count_kept(po: polib.POFile, merged: _Merged, todo: list[polib.POEntry]) -> int:
    """Translations the merge carried over unchanged and this run leaves as they are."""
    redo = {id(e) for e in todo}
    return sum(
        1
        for e in po
        if not e.obsolete
        and e.msgid in merged.unchanged
        and has_translation(e)
        and id(e) not in redo
    )


def _utf8(po: polib.POFile, path: Path, convert: bool) -> polib.POFile:
    """localize writes UTF-8 only; converting a catalog is the user's decision."""
    if (po.encoding or "utf-8").lower().replace("_", "-") in ("utf-8", "utf8"):
        return po
    if not convert:
        raise LocalizeError(
            f"{path}: the catalog is in {po.encoding}; localize writes UTF-8 "
            "only: pass --to-utf8 to convert it (or msgconv -t UTF-8)"
        )
    po.encoding = "utf-8"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    return po


def _changed(old: polib.POFile, new: polib.POFile, entries: Iterable[polib.POEntry]) -> bool:
    """Whether the content differs; a reviewer's editor may have wrapped lines differently,
    and rewriting a file only to rewrap it would bury real changes in version control."""
    # Entry by entry: the content of two large catalogs built whole was a peak of its own.
    if old.metadata != new.metadata or len(old) != len(new):
        return True
    return any(_content(a) != _content(b) for a, b in zip(old, entries, strict=True))


def _content(e: polib.POEntry) -> tuple[object, ...]:
    return (
        e.msgctxt,
        e.msgid,
        e.msgid_plural,
        e.msgstr,
        e.msgstr_plural,
        sorted(e.flags),
        logical_lines(e.comment),
        e.tcomment,
        e.occurrences,
        e.previous_msgid,
        e.obsolete,
    )


def _backup(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    backup = path.with_name(f"{path.name}.{stamp}.bak")
    shutil.copy2(path, backup)
    return backup


def _set_draft(
    entry: polib.POEntry, text: str, notes: list[str], flags: list[str], *, machine: bool
) -> None:
    """Put a fuzzy proposal in the entry with its notes; a machine draft also gets its digest
    as a translator comment, which survives the merge tools that drop the notes."""
    entry.msgstr = text
    entry.tcomment = with_draft_tcomment(entry.tcomment, text if machine else None)
    entry.previous_msgid = None
    keep = [f for f in entry.flags if f not in ("glossary-missing", "markup-missing")]
    entry.flags = keep + [f for f in [FUZZY, *flags] if f not in keep]
    lines = [
        line for line in logical_lines(entry.comment) if not line.startswith(PROVENANCE_PREFIXES)
    ]
    entry.comment = with_provenance("\n".join(lines), notes)


_Item = tuple[Article, polib.POEntry, LocaleResult]


def _translate_entries(
    items: list[_Item],
    source: str,
    lang: str,
    glossary: Glossary,
    engine: Engine,
    memory: Memory,
    progress: Callable[[str, int], Progress],
    drafts: DraftSpill | None = None,
    *,
    opened: Translator | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> int:
    """Fill the entries of ``items`` (of one or several articles) with fuzzy drafts: a
    person's translation of the same sentence from the memory first, then a person's
    translation of a similar sentence, then the machine-translation cache, then the engine,
    which gets each distinct sentence once. Each filled entry's draft goes to ``drafts``
    until its catalog is written. Returns how many sentences went to the engine. ``opened``:
    the pair's translator when opened already (``_opened_ahead``), closed here when used.
    ``meanwhile``: work done once the engine has its first request (``_enforced``)."""
    pending = _propose_from_memory(items, source, lang, memory, drafts, glossary)
    if not pending:
        return 0
    translator = (
        opened if opened is not None else engine.open(base_language(source), base_language(lang))
    )
    try:
        for _, _, result in pending:
            result.engine = translator.describe()
        key = _cache_key(translator, glossary, lang)
        fresh = _fill_from_cache(pending, key, translator, glossary, lang, memory, drafts)
        groups = _by_sentence(fresh)
        del fresh
        bar = progress(f"{lang}: machine translation ({translator.describe()})", len(groups))
        chunks = [
            [group if isinstance(group, list) else [group] for group in groups[call]]
            for call in engine.calls(len(groups))
        ]
        # The engine may translate the next chunk while this one's drafts are written.
        enforced = _enforced(chunks, translator, engine, glossary, lang, meanwhile)
        with closing(enforced):
            for chunk, chunk_drafts in zip(chunks, enforced, strict=True):
                made = _machine_translate(chunk, chunk_drafts, translator, drafts)
                memory.store_machine(key, made)
                bar.advance(len(chunk))
        return len(groups)
    finally:
        translator.close()


def _propose_from_memory(
    items: list[_Item],
    source: str,
    lang: str,
    memory: Memory,
    drafts: DraftSpill | None,
    glossary: Glossary,
    *,
    keep_persons_work: bool = False,
) -> list[_Item]:
    """A person's translation of the same sentence from the memory, else of a similar one;
    returns the items still empty. ``keep_persons_work``: a person's fuzzy entry selected by
    --force is left as it is (reviewed entries always are)."""
    pending = _fill_from_reviewed_memory(
        items, source, lang, memory, drafts, glossary, keep_persons_work=keep_persons_work
    )
    return _fill_from_similar_reviewed(
        pending, source, lang, memory, drafts, glossary, keep_persons_work=keep_persons_work
    )


def _propose_without_engine(
    items: list[_Item], source: str, lang: str, settings: _Settings
) -> None:
    """Without an engine (update --no-translate, or a language no engine serves) the memory's
    reviewed translations are still proposed, as a run with one proposes them before MT, so that
    translators start from a person's work (msgmerge --compendium does the same); the rest is
    left for them. No engine replaces a person's work here, so --force replaces none either."""
    _propose_from_memory(
        items,
        source,
        lang,
        settings.memory,
        settings.drafts,
        settings.glossary,
        keep_persons_work=True,
    )


def _by_sentence(items: list[_Item]) -> list[_Item | list[_Item]]:
    """The items of each distinct sentence, in order of first appearance: the item itself for
    a sentence of one entry (most of them), a list for one several entries share. A list per
    sentence, and the dict that gathered them, held while a long article was translated, cost
    ~120 bytes a sentence."""
    first: dict[str, int] = {}
    groups: list[_Item | list[_Item]] = []
    for item in items:
        at = first.setdefault(item[1].msgid, len(groups))
        if at == len(groups):
            groups.append(item)
        else:
            group = groups[at]
            if isinstance(group, list):
                group.append(item)
            else:
                groups[at] = [group, item]
    return groups


@contextmanager
def _taken(drafts: DraftSpill | None, item: _Item) -> Iterator[None]:
    """The item's entry whole while it is looked at or filled, held on disk again after."""
    if drafts is None:
        yield
        return
    drafts.restore(item[2].path, item[1])
    try:
        yield
    finally:
        drafts.hold(item[2].path, item[1])


def _left_to_its_translator(entry: polib.POEntry, keep_persons_work: bool) -> bool:
    """Whether the memory's proposal must not replace what the entry holds: a reviewed
    translation never, and a person's unreviewed work when ``keep_persons_work`` (no engine
    replaces it then, so the memory does not either)."""
    return is_reviewed(entry) or (keep_persons_work and is_persons_work(entry))


def _fill_from_reviewed_memory(
    items: list[_Item],
    source: str,
    lang: str,
    memory: Memory,
    drafts: DraftSpill | None,
    glossary: Glossary,
    *,
    keep_persons_work: bool = False,
) -> list[_Item]:
    """Propose reviewed translations of the same sentence; return the items still empty. A
    person reviewed it under the glossary of the time: one the glossary in use finds wrong
    (a rendering forbidden since) is flagged as a machine draft would be."""
    remembered = memory.lookup_reviewed(source, lang, list({e.msgid: None for _, e, _ in items}))
    pending = []
    for item in items:
        _, entry, result = item
        if entry.msgid not in remembered:
            pending.append(item)
            continue
        with _taken(drafts, item):
            if _left_to_its_translator(entry, keep_persons_work):
                pending.append(item)
                continue
            text = remembered[entry.msgid]
            flags, notes = _glossary_flags(
                glossary, entry.msgid, text, lang, item[0].format.protected
            )
            _set_draft(
                entry,
                text,
                ["from memory: a reviewed translation of the same sentence", *notes],
                flags,
                machine=False,
            )
            result.from_memory += 1
            result.flagged += bool(flags)
    return pending


def _fill_from_similar_reviewed(
    items: list[_Item],
    source: str,
    lang: str,
    memory: Memory,
    drafts: DraftSpill | None,
    glossary: Glossary,
    *,
    keep_persons_work: bool = False,
) -> list[_Item]:
    """Propose the reviewed translation of a similar sentence, fuzzy, with that sentence as the
    previous msgid (as msgmerge does for an edited one, so editors show the difference); a
    person's work, never retranslated by --retranslate-fuzzy, flagged where the glossary in use
    finds it wrong. Returns the items still empty."""
    msgids = list({e.msgid: None for _, e, _ in items})
    similar = memory.similar_reviewed(source, lang, msgids, SIMILAR_MEMORY_THRESHOLD)
    rest = []
    for item in items:
        _, entry, result = item
        match = similar.get(entry.msgid)
        if match is None:
            rest.append(item)
            continue
        with _taken(drafts, item):
            if _left_to_its_translator(entry, keep_persons_work):
                rest.append(item)
                continue
            note = similar_memory_note(match.score, match.source, entry.msgid)
            flags, notes = _glossary_flags(
                glossary, entry.msgid, match.translation, lang, item[0].format.protected
            )
            _set_draft(entry, match.translation, [note, *notes], flags, machine=False)
            entry.previous_msgid = match.source
            result.from_similar += 1
            result.flagged += bool(flags)
    return rest


def _fill_from_cache(
    pending: list[_Item],
    key: MachineKey,
    translator: Translator,
    glossary: Glossary,
    lang: str,
    memory: Memory,
    drafts: DraftSpill | None,
) -> list[_Item]:
    """Reuse drafts the same engine, model and glossary produced before; return the rest."""
    cached = memory.lookup_machine(key, list({e.msgid: None for _, e, _ in pending}))
    fresh = []
    for item in pending:
        _, entry, result = item
        if entry.msgid in cached:
            text = cached[entry.msgid]
            flags, notes = _glossary_flags(
                glossary, entry.msgid, text, lang, item[0].format.protected
            )
            with _taken(drafts, item):
                _set_draft(
                    entry,
                    text,
                    [machine_note(translator.describe(), text, cached=True), *notes],
                    flags,
                    machine=True,
                )
            result.from_cache += 1
            result.flagged += bool(flags)
        else:
            fresh.append(item)
    return fresh


def _enforced(
    chunks: list[list[list[_Item]]],
    translator: Translator,
    engine: Engine,
    glossary: Glossary,
    lang: str,
    meanwhile: Callable[[], None] | None = None,
) -> Generator[list[Draft], None, None]:
    """Each chunk's drafts from the engine, glossary enforced (``enforce_batches``).
    ``meanwhile`` runs once the first chunk has been read: by an engine translating outside
    this process's Python, once its first pass has been asked (``enforce_batches`` reads the
    next chunk only then), so that the engine works during it; by another, before any
    request."""
    from localize.enforce import enforce_batches

    def batches() -> Iterator[tuple[list[str], list[list[tuple[int, int]]]]]:
        for number, chunk in enumerate(chunks):
            sources = [group[0][1].msgid for group in chunk]
            # A sentence shared by articles in different formats is protected as the first one
            # reads it.
            formats = [group[0][0].format for group in chunk]
            protected = [fmt.protected(s) for fmt, s in zip(formats, sources, strict=True)]
            yield sources, protected
            if number == 0 and meanwhile is not None:
                meanwhile()

    return enforce_batches(translator, engine.placeholder, batches(), glossary, lang)


def _machine_translate(
    chunk: list[list[_Item]],
    drafts: list[Draft],
    translator: Translator,
    held: DraftSpill | None,
) -> list[tuple[str, str]]:
    """Every entry of each distinct sentence of ``chunk`` gets its sentence's draft from the
    engine. Returns (msgid, draft) pairs for the cache."""
    sources = [group[0][1].msgid for group in chunk]
    source_notes = translator.source_notes(sources)
    for group, draft, extra in zip(chunk, drafts, source_notes, strict=True):
        notes = [machine_note(translator.describe(), draft.text), *draft.comments, *extra]
        for item in group:
            _, entry, result = item
            with _taken(held, item):
                _set_draft(entry, draft.text, notes, list(draft.flags), machine=True)
            result.flagged += bool(draft.flags)
            result.machine_translated += 1
    return [(source, draft.text) for source, draft in zip(sources, drafts, strict=True)]


def _engine_problems(mt: MachineTranslation) -> list[str]:
    """What the engines that could serve this run had to skip: a damaged Argos package would
    otherwise make --engine auto fall back to Apertium without a word."""
    from localize.engines.auto import PREFERENCE
    from localize.engines.registry import get_engine

    names = PREFERENCE if mt.engine == "auto" else (mt.engine,)
    return [
        f"{problem} (skipped)"
        for name in names
        for problem in get_engine(name, mt.options).problems()
    ]


def _cache_key(translator: Translator, glossary: Glossary, lang: str) -> MachineKey:
    from localize.languages import written_language
    from localize.memory import MachineKey

    pair = translator.pair
    glossary_key = _glossary_cache_key(glossary)
    # One engine drafts both scripts (zh_TW and zh_CN from the zh model), but the cached draft
    # holds the glossary renderings of its catalog's written language: a draft with zh_Hant's
    # 峰會 is not a zh_CN draft. Only such a script is named, so other keys stay as they were.
    written = written_language(lang)
    if written != base_language(lang):
        glossary_key += f" for {written}"
    return MachineKey(
        pair.engine,
        pair.model,
        pair.version,
        pair.source,
        pair.target,
        glossary_key,
    )


def _glossary_cache_key(glossary: Glossary) -> str:
    """What the machine-translation cache keys a glossary by: its content (the YAML text, and
    its base's), not only its ``version``, which terminologists rarely bump when they edit a
    rendering, so that a draft made under other renderings is never reused; and the entries
    set aside as out of date on the article's date, which are not enforced."""
    if not glossary.content_digest:  # not read from a file: nothing else to key it by
        return f"{glossary.path.name}@{glossary.version}"
    import hashlib

    parts = [glossary.content_digest, *sorted(entry.id for entry in glossary.out_of_date)]
    content = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{glossary.path.name}@{glossary.version} {content}"


def _glossary_flags(
    glossary: Glossary, msgid: str, text: str, lang: str, protected: Protected | None = None
) -> tuple[list[str], list[str]]:
    """For a translation this run did not enforce the glossary on (a cached draft, a person's
    translation proposed from the memory, a draft whose notes are restored): what the glossary
    in use finds wrong in it, judged as ``check`` judges it (an approved term missing, a
    forbidden rendering, a name to keep changed): the ``glossary-missing`` flag every draft
    breaking the glossary carries, and a note per finding."""
    from localize.checks import glossary_problems

    problems = glossary_problems(msgid, text, glossary, lang, protected)
    if not problems:
        return [], []
    notes = [
        f"{'glossary-forbidden' if p.check == 'glossary-forbidden' else 'glossary-missing'}: "
        f"{p.message}"
        for p in problems
    ]
    return ["glossary-missing"], notes
