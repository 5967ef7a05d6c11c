"""``localize translate`` and ``localize update``: the catalogs brought up to date with the
article, new sentences machine-translated into fuzzy drafts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from localize.commands.options import (
    ApiKeyOpt,
    BatchOpt,
    DateOpt,
    Device,
    DeviceOpt,
    EncodingOpt,
    EngineChoice,
    EngineOpt,
    GlossaryOpt,
    InputFormatOpt,
    LangOpt,
    ModelsDirOpt,
    OutputFormat,
    ServerUrlOpt,
    SummaryFormatOpt,
    Utf8Opt,
)
from localize.commands.output import echo_json, info, is_quiet
from localize.commands.projectopts import (
    ArticlesArg,
    ProjectLocalesOpt,
    ProjectToOpt,
    require_articles,
    require_languages,
    resolve,
)
from localize.errors import EXIT_LEFT_FOR_TRANSLATORS, LocalizeError
from localize.project import Project, catalog_name

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from localize.app.results import MachineTranslation, ProjectRun
    from localize.app.started_early import StartedEarly
    from localize.app.unchanged import RunInputs
    from localize.commands.projectopts import Settings
    from localize.source import Article


def translate(
    articles: ArticlesArg = None,
    to: ProjectToOpt = None,
    engine: EngineOpt = None,
    device: DeviceOpt = "cpu",
    batch_size: BatchOpt = None,
    models_dir: ModelsDirOpt = None,
    url: ServerUrlOpt = None,
    api_key: ApiKeyOpt = None,
    retranslate_fuzzy: Annotated[
        bool,
        typer.Option(
            "--retranslate-fuzzy", help="Redo the fuzzy drafts too (never reviewed ones)."
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Retranslate reviewed entries too, after a backup of each "
            "catalog (<name>.po.<time>.bak).",
        ),
    ] = False,
    glossary: GlossaryOpt = None,
    article_date: DateOpt = None,
    summary_format: SummaryFormatOpt = "text",
    to_utf8: Utf8Opt = False,
    locales_dir: ProjectLocalesOpt = None,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Machine-translate every untranslated sentence into fuzzy drafts for review.

    Creates missing catalogs, updates existing ones like 'localize update', and never
    changes a reviewed (non-fuzzy) translation.
    """
    settings = resolve(
        articles, to=to, locales_dir=locales_dir, glossary=glossary, lang=lang, engine=engine
    )
    paths = require_articles(settings, "translate")
    langs = require_languages(settings)
    project = Project(settings.locales_dir)
    mt = _machine_translation(settings.engine, device, batch_size, models_dir, url, api_key)
    inputs = _inputs(
        "translate",
        paths,
        langs,
        settings,
        mt=mt,
        options=[article_date, to_utf8, encoding, input_format],
        replayable=not (force or retranslate_fuzzy),
    )
    if _replayed(project, inputs, summary_format):
        return
    with _remembered_sentences(project):
        docs = _read_articles(paths, settings, encoding, input_format)
        _run(
            summary_format,
            settings.glossary,
            article_date,
            inputs,
            articles=docs,
            project=project,
            langs=langs,
            mt=mt,
            create_missing=True,
            retranslate_fuzzy=retranslate_fuzzy,
            force=force,
            to_utf8=to_utf8,
        )


def update(
    articles: ArticlesArg = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="Only these languages (default: every catalog of the article)."),
    ] = None,
    no_translate: Annotated[
        bool, typer.Option("--no-translate", help="Merge only; leave new sentences untranslated.")
    ] = False,
    purge_obsolete: Annotated[
        bool,
        typer.Option(
            "--purge-obsolete",
            help="Drop obsolete (#~) entries; reviewed ones stay in the translation memory.",
        ),
    ] = False,
    engine: EngineOpt = None,
    device: DeviceOpt = "cpu",
    batch_size: BatchOpt = None,
    models_dir: ModelsDirOpt = None,
    url: ServerUrlOpt = None,
    api_key: ApiKeyOpt = None,
    glossary: GlossaryOpt = None,
    article_date: DateOpt = None,
    summary_format: SummaryFormatOpt = "text",
    to_utf8: Utf8Opt = False,
    locales_dir: ProjectLocalesOpt = None,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Bring catalogs up to date with an edited article (GNU msgmerge semantics).

    Unchanged sentences keep their translations; edited ones keep the old translation as
    fuzzy with the previous source (#|); removed ones become obsolete (#~); new ones get
    machine-translated drafts unless --no-translate.
    """
    from localize.app.found_catalogs import found_languages

    settings = resolve(
        articles, to=to, locales_dir=locales_dir, glossary=glossary, lang=lang, engine=engine
    )
    paths = require_articles(settings, "update")
    project = Project(settings.locales_dir)
    # Without --to: the project file's languages and every language the articles have a
    # catalog in, so that a catalog made by another tool (Weblate's "add new translation",
    # msginit) is brought up to date too: status would call it out of date for ever. Those
    # found are updated as best as can be: only folders named by a language code (the rule
    # status, check, compile and report share), and a catalog someone left unreadable is
    # skipped with a warning (``update_articles``).
    # With --to nothing is taken best effort: the folders are not even read (a name such as
    # pt_BR is checked with Babel, which a replayed rerun must not load).
    found = (
        []
        if to
        else [
            code
            for path in paths
            for code in found_languages(project, catalog_name(path))
            if code not in settings.languages
        ]
    )
    best_effort = frozenset() if to else frozenset(found)
    langs = settings.languages if to else list(dict.fromkeys([*settings.languages, *found]))
    mt = None
    if not no_translate:
        mt = _machine_translation(settings.engine, device, batch_size, models_dir, url, api_key)
    inputs = _inputs(
        "update",
        paths,
        langs,
        settings,
        mt=mt,
        options=[article_date, to_utf8, encoding, input_format, purge_obsolete],
        replayable=bool(langs),
    )
    if _replayed(project, inputs, summary_format):
        return
    with (
        _started_early(mt, settings.lang, settings.glossary, langs) as started,
        _remembered_sentences(project),
    ):
        docs = _read_articles(paths, settings, encoding, input_format)
        left: list[str] = []
        if docs[0].lang in langs and docs[0].lang not in settings.languages:
            # Catalogs found in the article's own language (translate --to en wrote them before
            # it was refused): nothing to translate there, and no reason to stop the others.
            langs = [code for code in langs if code != docs[0].lang]
            left.append(
                f"{project.locales_dir / docs[0].lang}: catalogs in the article's own "
                "language, left as they are; delete that folder"
            )
        if not langs:
            project.check_locales_dir()  # a file there is why no catalog was found
            doc = docs[0]
            raise LocalizeError(
                f"{settings.locales_dir}: no catalogs for {doc.name}; create them with "
                f"'localize translate {doc.display} --to LANG'"
            )
        _run(
            summary_format,
            settings.glossary,
            article_date,
            inputs,
            left,
            articles=docs,
            project=project,
            langs=langs,
            mt=mt,
            create_missing=False,
            purge=purge_obsolete,
            to_utf8=to_utf8,
            started=started,
            best_effort=best_effort,
        )


def _started_early(
    mt: MachineTranslation | None, lang: str | None, glossary: Path | None, langs: list[str]
) -> AbstractContextManager[StartedEarly | None]:
    """An update's engines chosen and started while the article is read
    (``app.started_early.StartedEarly``); a --lang that is refused is refused by the read, as
    before."""
    from localize.app.inputs import source_language_unread
    from localize.app.started_early import started_early

    try:
        source = source_language_unread(lang, glossary)
    except LocalizeError:
        source = None
    return started_early(mt, source, langs)


@contextmanager
def _remembered_sentences(project: Project) -> Iterator[None]:
    """Articles read within are segmented with the spans remembered from earlier runs of the
    project, words read by Apertium's analysers with their answers of earlier runs, and the
    glossary validated by an earlier run taken as it was; what is computed afresh is
    remembered when the block ends."""
    from localize.analysis_cache import remembered_analyses
    from localize.glossary_store import kept_in
    from localize.project import work_dir
    from localize.sentence_cache import remembered_sentences

    directory = work_dir(project.locales_dir)
    with remembered_sentences(directory), remembered_analyses(directory), kept_in(directory):
        yield


def _read_articles(
    paths: list[str], settings: Settings, encoding: str | None, input_format: str | None
) -> list[Article]:
    # Imported here: a replayed rerun reads no article and needs no format parser.
    from localize.app.inputs import read_input

    return [
        read_input(path, settings.lang, encoding, input_format, settings.glossary) for path in paths
    ]


def _machine_translation(
    engine: str,
    device: str,
    batch_size: int | None,
    models_dir: Path | None,
    url: str | None = None,
    api_key: str | None = None,
) -> MachineTranslation:
    from localize.app.results import MachineTranslation
    from localize.engines.base import EngineOptions

    chosen = EngineChoice.parse(engine, "--engine")
    on = Device.parse(device, "--device")
    if on is Device.CUDA and chosen is not EngineChoice.AUTO:
        # A run that asked for a GPU should not believe it got one; auto's pick for each pair is
        # checked by the same flag once it is made (app.engine_choice).
        from localize.engines.registry import engine_class, gpu_engines

        if not engine_class(chosen.value).runs_on_gpu:
            raise LocalizeError(
                f"--device cuda: the {chosen.value} engine does not run on a GPU; use --engine "
                f"{' or '.join(gpu_engines())}, or leave --device out"
            )
    if url is not None:
        # Checked before the project's files are opened; the server is asked only when used.
        from localize.engines.libretranslate import checked_url

        checked_url(url)
    return MachineTranslation(
        chosen.value,
        EngineOptions(
            models_dir=models_dir, device=on.value, batch_size=batch_size, url=url, api_key=api_key
        ),
    )


def _inputs(
    command: str,
    paths: list[str],
    langs: list[str],
    settings: Settings,
    *,
    mt: MachineTranslation | None,
    options: list[object],
    replayable: bool,
) -> RunInputs:
    """What the run's result depends on, for the stamp of an unchanged rerun."""
    from localize.app.unchanged import RunInputs

    if not replayable:
        return RunInputs(None)
    engine = None
    if mt is not None:
        o = mt.options
        # The API key only as a digest: the stamp is a file on disk.
        key = hashlib.sha256(o.api_key.encode()).hexdigest() if o.api_key else None
        engine = [mt.engine, o.models_dir, o.device, o.batch_size, o.url, key]
    described = [str(settings.locales_dir.resolve()), settings.lang, engine, *options]
    return RunInputs.of(command, paths, langs, {"run": described}, settings.glossary)


def _replayed(project: Project, inputs: RunInputs, summary_format: str) -> bool:
    """Print the summary of an earlier run on the same inputs, when it left nothing to do."""
    from localize.app.unchanged import replay

    fmt = OutputFormat.parse(summary_format, "--format")
    run = replay(project, inputs)
    if run is None:
        return False
    _print_run(run, fmt)
    return True


def _run(
    summary_format: str,
    glossary_path: Path | None,
    article_date: str | None,
    inputs: RunInputs,
    warnings: Sequence[str] = (),
    **kwargs: Any,
) -> None:
    """``warnings``: what the command found before the run, printed with the run's own (and,
    like them, keeping the run from being replayed as settled)."""
    from localize.app.glossary import dated_glossary
    from localize.app.translate import update_articles
    from localize.app.unchanged import record
    from localize.progress import rich_progress

    fmt = OutputFormat.parse(summary_format, "--format")
    # The dates of the first article decide (an article's dateline); --date sets one for all.
    glossary = dated_glossary(glossary_path, article_date, kwargs["articles"][0].text)
    with rich_progress(enabled=fmt is OutputFormat.TEXT and not is_quiet()) as progress:
        run = update_articles(glossary=glossary, progress=progress, **kwargs)
    run.warnings[:0] = warnings
    record(kwargs["project"], inputs, run)
    _print_run(run, fmt)


def _print_run(run: ProjectRun, fmt: OutputFormat) -> None:
    left = list(dict.fromkeys(r.lang for r in run.left_for_translators))
    if fmt is OutputFormat.JSON:
        echo_json(_as_json(run, left))
    else:
        _print_summary(run)
    if left:
        raise typer.Exit(EXIT_LEFT_FOR_TRANSLATORS)


def _as_json(run: ProjectRun, left: list[str]) -> dict[str, object]:
    """One article: its template and locales at the top, as before many articles were
    possible; several: the same per article under ``articles``, keyed by the article's path."""
    if len(run.runs) == 1:
        result = run.runs[0]
        return {
            "glossary": run.glossary,
            "template": str(result.template),
            "warnings": [*run.input_warnings, *run.warnings],
            "locales": {r.lang: r.as_json() for r in result.locales},
            "left_for_translators": left,
        }
    return {
        "glossary": run.glossary,
        "warnings": [*run.input_warnings, *run.warnings],
        "articles": {
            str(result.template): {
                "template": str(result.template),
                "locales": {r.lang: r.as_json() for r in result.locales},
            }
            for result in run.runs
        },
        "sent_to_engine": run.sent_to_engine,
        "left_for_translators": left,
    }


def _print_summary(run: ProjectRun) -> None:
    for warning in [*run.input_warnings, *run.warnings]:
        typer.echo(f"warning: {warning}", err=True)
    info(f"glossary: {run.glossary}")
    for result in run.runs:
        info(f"{'wrote' if result.template_written else 'unchanged'} {result.template}")
        for r in result.locales:
            if r.backup:
                info(f"backup of reviewed work: {r.backup}")
            engine = f" [{r.engine}]" if r.engine else ""
            info(
                f"{'wrote' if r.written else 'unchanged'} {r.path}{engine}: kept {r.kept}, "
                f"edited->fuzzy {r.fuzzy_matched}, new {r.new}, obsolete {r.obsolete}, revived "
                f"{r.revived}, from memory {r.from_memory}, similar in memory {r.from_similar}, "
                f"from cache {r.from_cache}, machine-translated {r.machine_translated}, "
                f"flagged {r.flagged}, untranslated {r.untranslated}"
            )
            if r.notes_restored:
                info(
                    f"{r.lang}: provenance of {r.notes_restored} machine drafts restored from "
                    "the memory (a merge tool had dropped their notes)"
                )
            redrafted = r.glossary_stale - r.glossary_stale_left
            if redrafted:
                info(
                    f"{r.lang}: {redrafted} machine draft(s) made under an earlier glossary had a "
                    "missing or forbidden term: redrafted"
                )
    if len(run.runs) > 1:
        for lang, count in run.sent_to_engine.items():
            # Only the articles with a catalog in the language: update leaves one found for
            # some articles (another tool's) uncreated for the others.
            articles = sum(any(r.lang == lang for r in one.locales) for one in run.runs)
            info(
                f"{lang}: {count} distinct sentences of {articles} "
                f"article{'' if articles == 1 else 's'} sent to the engine"
            )
    for r in run.left_for_translators:
        typer.echo(
            f"{r.lang}: {r.left_for_translators} entries left for translators in {r.path} "
            f"({r.no_engine})"
            if len(run.runs) > 1
            else f"{r.lang}: {r.left_for_translators} entries left for translators ({r.no_engine})",
            err=True,
        )
