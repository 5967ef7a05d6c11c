"""``localize translate`` and ``localize update``: the catalogs brought up to date with the
article, new sentences machine-translated into fuzzy drafts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from localize.app.inputs import read_input
from localize.commands.options import (
    DEFAULT_LOCALES,
    ApiKeyOpt,
    ArticleArg,
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
    LocalesOpt,
    ModelsDirOpt,
    OutputFormat,
    ServerUrlOpt,
    SummaryFormatOpt,
    ToOpt,
    Utf8Opt,
)
from localize.commands.output import echo_json, info, is_quiet
from localize.errors import EXIT_LEFT_FOR_TRANSLATORS, LocalizeError
from localize.project import Project

if TYPE_CHECKING:
    from localize.app.translate import MachineTranslation, RunResult


def translate(
    article: ArticleArg,
    to: ToOpt,
    engine: EngineOpt = "auto",
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
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Machine-translate every untranslated sentence into fuzzy drafts for review.

    Creates missing catalogs, updates existing ones like 'localize update', and never
    changes a reviewed (non-fuzzy) translation.
    """
    from localize.languages import parse_language_list

    langs = parse_language_list(to)
    doc = read_input(article, lang, encoding, input_format)
    _run(
        summary_format,
        glossary,
        article_date,
        article=doc,
        project=Project(locales_dir),
        langs=langs,
        mt=_machine_translation(engine, device, batch_size, models_dir, url, api_key),
        create_missing=True,
        retranslate_fuzzy=retranslate_fuzzy,
        force=force,
        to_utf8=to_utf8,
    )


def update(
    article: ArticleArg,
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
    engine: EngineOpt = "auto",
    device: DeviceOpt = "cpu",
    batch_size: BatchOpt = None,
    models_dir: ModelsDirOpt = None,
    url: ServerUrlOpt = None,
    api_key: ApiKeyOpt = None,
    glossary: GlossaryOpt = None,
    article_date: DateOpt = None,
    summary_format: SummaryFormatOpt = "text",
    to_utf8: Utf8Opt = False,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: InputFormatOpt = None,
) -> None:
    """Bring catalogs up to date with an edited article (GNU msgmerge semantics).

    Unchanged sentences keep their translations; edited ones keep the old translation as
    fuzzy with the previous source (#|); removed ones become obsolete (#~); new ones get
    machine-translated drafts unless --no-translate.
    """
    from localize.languages import parse_language_list

    doc = read_input(article, lang, encoding, input_format)
    project = Project(locales_dir)
    langs = parse_language_list(to) if to else project.languages(doc.name)
    if not langs:
        raise LocalizeError(
            f"{locales_dir}: no catalogs for {doc.name}; create them with "
            f"'localize translate {doc.display} --to LANG'"
        )
    mt = None
    if not no_translate:
        mt = _machine_translation(engine, device, batch_size, models_dir, url, api_key)
    _run(
        summary_format,
        glossary,
        article_date,
        article=doc,
        project=project,
        langs=langs,
        mt=mt,
        create_missing=False,
        purge=purge_obsolete,
        to_utf8=to_utf8,
    )


def _machine_translation(
    engine: str,
    device: str,
    batch_size: int | None,
    models_dir: Path | None,
    url: str | None = None,
    api_key: str | None = None,
) -> MachineTranslation:
    from localize.app.translate import MachineTranslation
    from localize.engines.base import EngineOptions

    chosen = EngineChoice.parse(engine, "--engine")
    on = Device.parse(device, "--device")
    return MachineTranslation(
        chosen.value,
        EngineOptions(
            models_dir=models_dir, device=on.value, batch_size=batch_size, url=url, api_key=api_key
        ),
    )


def _run(
    summary_format: str, glossary_path: Path | None, article_date: str | None, **kwargs: Any
) -> None:
    from localize.app.glossary import dated_glossary
    from localize.app.translate import update_catalogs
    from localize.progress import rich_progress

    fmt = OutputFormat.parse(summary_format, "--format")
    glossary = dated_glossary(glossary_path, article_date, kwargs["article"].text)
    with rich_progress(enabled=fmt is OutputFormat.TEXT and not is_quiet()) as progress:
        result = update_catalogs(glossary=glossary, progress=progress, **kwargs)
    left = result.left_for_translators
    if fmt is OutputFormat.JSON:
        echo_json(
            {
                "glossary": result.glossary,
                "template": str(result.template),
                "warnings": result.warnings,
                "locales": {r.lang: r.as_json() for r in result.locales},
                "left_for_translators": [r.lang for r in left],
            }
        )
    else:
        _print_summary(result)
    if left:
        raise typer.Exit(EXIT_LEFT_FOR_TRANSLATORS)


def _print_summary(result: RunResult) -> None:
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    info(f"glossary: {result.glossary}")
    info(f"{'wrote' if result.template_written else 'unchanged'} {result.template}")
    for r in result.locales:
        if r.backup:
            info(f"backup of reviewed work: {r.backup}")
        engine = f" [{r.engine}]" if r.engine else ""
        info(
            f"{'wrote' if r.written else 'unchanged'} {r.path}{engine}: kept {r.kept}, "
            f"edited->fuzzy {r.fuzzy_matched}, new {r.new}, obsolete {r.obsolete}, revived "
            f"{r.revived}, from memory {r.from_memory}, similar in memory {r.from_similar}, "
            f"from cache {r.from_cache}, "
            f"machine-translated {r.machine_translated}, flagged {r.flagged}, "
            f"untranslated {r.untranslated}"
        )
        if r.notes_restored:
            info(
                f"{r.lang}: provenance of {r.notes_restored} machine drafts restored from the "
                "memory (a merge tool had dropped their notes)"
            )
    for r in result.left_for_translators:
        typer.echo(
            f"{r.lang}: {r.left_for_translators} entries left for translators ({r.no_engine})",
            err=True,
        )
