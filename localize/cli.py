"""The ``localize`` command line: parse arguments, call one function, print the outcome."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from localize.commands.group import ErrorReportingGroup
from localize.errors import LocalizeError

app = typer.Typer(
    cls=ErrorReportingGroup,
    help="Offline translation of news articles through reviewed gettext catalogs.\n\n"
    "Typical cycle: localize translate story.txt --to es,fr  (MT drafts, all fuzzy) -> review the "
    "catalogs in locales/<lang>/LC_MESSAGES/ with Poedit, Lokalize or Weblate -> "
    "localize build story.txt --to es",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ArticleArg = Annotated[
    str,
    typer.Argument(
        help="The article file (.txt, .md, .html); '-' reads stdin.", show_default=False
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the article (default: $LOCALIZE_SOURCE_LANG, else the source "
        "language of ./glossary.yaml, else en).",
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding", help="Encoding of the article when it is not UTF-8 (e.g. windows-1252)."
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--input-format", help="text, markdown or html (default: from the file extension)."
    ),
]
LocalesOpt = Annotated[
    Path, typer.Option("--locales-dir", envvar="LOCALIZE_LOCALES_DIR", help="Where catalogs live.")
]
ToOpt = Annotated[
    str,
    typer.Option("--to", help="Target language(s), comma separated: es,fr,zh.", show_default=False),
]

DEFAULT_LOCALES = Path("locales")

EngineOpt = Annotated[
    str,
    typer.Option(
        "--engine",
        help="auto (Argos if a model is installed, else Apertium), argos, apertium, "
        "libretranslate (a server: --url) or pseudo.",
    ),
]
ServerUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--url",
        envvar="LOCALIZE_LIBRETRANSLATE_URL",
        help="LibreTranslate server for --engine libretranslate, e.g. http://HOST:5000.",
    ),
]
ApiKeyOpt = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        envvar="LOCALIZE_LIBRETRANSLATE_API_KEY",
        help="API key for a LibreTranslate server that requires one.",
    ),
]
DeviceOpt = Annotated[str, typer.Option("--device", help="cpu, cuda or auto (cuda when usable).")]
BatchOpt = Annotated[
    int | None,
    typer.Option("--batch-size", min=1, help="Engine batch size (tokens per batch for argos)."),
]
ModelsDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--models-dir", envvar="LOCALIZE_MODELS_DIR", help="Where Argos packages are installed."
    ),
]
GlossaryOpt = Annotated[
    Path | None,
    typer.Option(
        "--glossary", help="Glossary file (default: ./glossary.yaml, else the shipped one)."
    ),
]
SummaryOpt = Annotated[str, typer.Option("--format", help="Summary as text or json.")]
Utf8Opt = Annotated[
    bool,
    typer.Option(
        "--to-utf8", help="Convert catalogs in another charset to UTF-8 when writing them."
    ),
]


def _source_language(lang: str | None) -> str:
    """--lang, else $LOCALIZE_SOURCE_LANG, else the source language of ./glossary.yaml, else en."""
    from localize.languages import normalize_language

    chosen = lang or os.environ.get("LOCALIZE_SOURCE_LANG")
    if not chosen:
        from localize.glossary import GLOSSARY_FILENAME, load_glossary

        local = Path(GLOSSARY_FILENAME)
        chosen = load_glossary(local).source_language if local.is_file() else "en"
    return normalize_language(chosen)


def _read(article: str, lang: str | None, encoding: str | None, input_format: str | None):  # noqa: ANN202
    from localize.source import read_article

    return read_article(
        article, lang=_source_language(lang), encoding=encoding, input_format=input_format
    )


def _project(locales_dir: Path):  # noqa: ANN202
    from localize.project import Project

    return Project(locales_dir)


def _report(outcome) -> None:  # noqa: ANN001
    for warning in outcome.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for path in outcome.written:
        typer.echo(f"wrote {path}")
    for note in outcome.notes:
        typer.echo(note)


@app.command(epilog="Example: localize segment examples/sco-ministers-meeting.txt --format json")
def segment(
    article: ArticleArg,
    lang: LangOpt = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    encoding: EncodingOpt = None,
    input_format: FormatOpt = None,
) -> None:
    """Print the article's sentences, one per line (json: text, start, end, paragraph)."""
    if output_format not in ("text", "json"):
        raise LocalizeError(f"unknown --format '{output_format}'; choose text or json")
    doc = _read(article, lang, encoding, input_format)
    if output_format == "json":
        rows = [
            {
                "text": doc.text[u.start : u.end],
                "start": u.start,
                "end": u.end,
                "paragraph": u.block,
            }
            for u in doc.units
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for unit in doc.units:
            typer.echo(unit.msgid)


@app.command(epilog="Example: localize extract examples/sco-ministers-meeting.txt")
def extract(
    article: ArticleArg,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: FormatOpt = None,
) -> None:
    """Write the template locales/<name>.pot: one entry per sentence."""
    from localize.workflow import extract as run

    _report(run(_read(article, lang, encoding, input_format), _project(locales_dir)))


@app.command(epilog="Example: localize init examples/sco-ministers-meeting.txt --to es,fr,zh")
def init(
    article: ArticleArg,
    to: ToOpt,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    glossary: GlossaryOpt = None,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: FormatOpt = None,
) -> None:
    """Create empty catalogs locales/<lang>/LC_MESSAGES/<name>.po (existing ones are kept).

    Entries that contain glossary terms get a comment with the approved rendering.
    """
    from localize.glossary import resolve_glossary
    from localize.languages import parse_language_list
    from localize.workflow import init as run

    langs = parse_language_list(to)
    doc = _read(article, lang, encoding, input_format)
    terms = resolve_glossary(glossary)
    typer.echo(f"glossary: {terms.describe()}")
    _report(run(doc, _project(locales_dir), langs, terms))


@app.command(
    epilog="Example: localize build examples/sco-ministers-meeting.txt --to es --include-fuzzy"
)
def build(
    article: ArticleArg,
    to: ToOpt,
    threshold: Annotated[
        float,
        typer.Option(help="Refuse below this percentage of translated sentences.", min=0, max=100),
    ] = 80,
    include_fuzzy: Annotated[
        bool, typer.Option("--include-fuzzy", help="Use fuzzy entries (unreviewed MT drafts) too.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Output file, '-' for stdout (default: <stem>.<lang><ext> by the article).",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Refuse when 'localize check' finds an error in the catalog."),
    ] = False,
    glossary: GlossaryOpt = None,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: FormatOpt = None,
) -> None:
    """Regenerate the article in a target language from its reviewed catalog."""
    from localize.glossary import resolve_glossary
    from localize.languages import parse_language_list
    from localize.workflow import build as run

    langs = parse_language_list(to)
    if output and len(langs) > 1:
        raise LocalizeError("-o names one file: pass a single language with --to")
    doc = _read(article, lang, encoding, input_format)
    terms = resolve_glossary(glossary) if check else None
    if terms:
        typer.echo(f"glossary: {terms.describe()}")
    for target in langs:
        _report(
            run(
                doc,
                _project(locales_dir),
                target,
                threshold=threshold,
                include_fuzzy=include_fuzzy,
                output=output,
                check_with=terms,
            )
        )


@app.command(epilog="Example: localize status examples/sco-ministers-meeting.txt")
def status(
    article: Annotated[
        str | None,
        typer.Argument(help="Only this article's catalogs, and whether they are up to date."),
    ] = None,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: FormatOpt = None,
) -> None:
    """Show translated / fuzzy / untranslated counts per catalog."""
    from rich.console import Console
    from rich.table import Table

    from localize.workflow import status as run

    doc = _read(article, lang, encoding, input_format) if article else None
    rows = run(_project(locales_dir), doc)
    if not rows:
        raise LocalizeError(
            f"{locales_dir}: no catalogs found; run 'localize init' or 'localize translate' first"
        )
    table = Table("catalog", "lang", "translated", "fuzzy", "untranslated", "%", "state")
    for row in rows:
        s = row.stats
        state = "out of date: run localize update" if row.stale else ("ok" if doc else "")
        table.add_row(
            row.name,
            row.lang,
            str(s.translated),
            str(s.fuzzy),
            str(s.untranslated),
            f"{s.percent:.0f}",
            state,
        )
    Console(width=max(100, Console().width)).print(table)


@app.command(name="compile", epilog="Example: localize compile --to es")
def compile_(
    to: Annotated[
        str | None, typer.Option("--to", help="Only these languages (default: all).")
    ] = None,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
) -> None:
    """Compile every catalog to a binary .mo next to it (fuzzy entries left out)."""
    from localize.languages import parse_language_list
    from localize.workflow import compile_catalogs

    langs = parse_language_list(to) if to else None
    _report(compile_catalogs(_project(locales_dir), langs))


def _machine_translation(  # noqa: ANN202
    engine: str,
    device: str,
    batch_size: int | None,
    models_dir: Path | None,
    url: str | None = None,
    api_key: str | None = None,
):
    from localize.engines.base import EngineOptions
    from localize.engines.registry import engine_names
    from localize.pipeline import MachineTranslation

    if engine not in ("auto", *engine_names()):
        raise LocalizeError(
            f"unknown --engine '{engine}'; choose auto, {', '.join(engine_names())}"
        )
    if device not in ("cpu", "cuda", "auto"):
        raise LocalizeError(f"unknown --device '{device}'; choose cpu, cuda or auto")
    options = EngineOptions(
        models_dir=models_dir, device=device, batch_size=batch_size, url=url, api_key=api_key
    )
    return MachineTranslation(engine, options)


def _run_pipeline(summary_format: str, **kwargs) -> None:  # noqa: ANN003
    from localize.glossary import resolve_glossary
    from localize.pipeline import update_catalogs
    from localize.progress import rich_progress

    if summary_format not in ("text", "json"):
        raise LocalizeError(f"unknown --format '{summary_format}'; choose text or json")
    glossary = resolve_glossary(kwargs.pop("glossary_path"))
    with rich_progress(enabled=summary_format == "text") as progress:
        result = update_catalogs(glossary=glossary, progress=progress, **kwargs)
    if summary_format == "json":
        typer.echo(
            json.dumps(
                {
                    "glossary": result.glossary,
                    "template": str(result.template),
                    "warnings": result.warnings,
                    "locales": {r.lang: r.as_json() for r in result.locales},
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"glossary: {result.glossary}")
    typer.echo(f"{'wrote' if result.template_written else 'unchanged'} {result.template}")
    for r in result.locales:
        if r.backup:
            typer.echo(f"backup of reviewed work: {r.backup}")
        engine = f" [{r.engine}]" if r.engine else ""
        typer.echo(
            f"{'wrote' if r.written else 'unchanged'} {r.path}{engine}: kept {r.kept}, "
            f"edited->fuzzy {r.fuzzy_matched}, new {r.new}, obsolete {r.obsolete}, revived "
            f"{r.revived}, from memory {r.from_memory}, machine-translated "
            f"{r.machine_translated}, flagged {r.flagged}, untranslated {r.untranslated}"
        )


@app.command(epilog="Example: localize translate examples/sco-ministers-meeting.txt --to es,fr")
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
    summary_format: SummaryOpt = "text",
    to_utf8: Utf8Opt = False,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: FormatOpt = None,
) -> None:
    """Machine-translate every untranslated sentence into fuzzy drafts for review.

    Creates missing catalogs, updates existing ones like 'localize update', and never
    changes a reviewed (non-fuzzy) translation.
    """
    from localize.languages import parse_language_list

    langs = parse_language_list(to)
    doc = _read(article, lang, encoding, input_format)
    _run_pipeline(
        summary_format,
        article=doc,
        project=_project(locales_dir),
        langs=langs,
        mt=_machine_translation(engine, device, batch_size, models_dir, url, api_key),
        create_missing=True,
        retranslate_fuzzy=retranslate_fuzzy,
        force=force,
        to_utf8=to_utf8,
        glossary_path=glossary,
    )


@app.command(epilog="Example: localize update examples/sco-ministers-meeting.txt --no-translate")
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
    summary_format: SummaryOpt = "text",
    to_utf8: Utf8Opt = False,
    locales_dir: LocalesOpt = DEFAULT_LOCALES,
    lang: LangOpt = None,
    encoding: EncodingOpt = None,
    input_format: FormatOpt = None,
) -> None:
    """Bring catalogs up to date with an edited article (GNU msgmerge semantics).

    Unchanged sentences keep their translations; edited ones keep the old translation as
    fuzzy with the previous source (#|); removed ones become obsolete (#~); new ones get
    machine-translated drafts unless --no-translate.
    """
    from localize.languages import parse_language_list

    doc = _read(article, lang, encoding, input_format)
    project = _project(locales_dir)
    langs = parse_language_list(to) if to else project.languages(doc.name)
    if not langs:
        raise LocalizeError(
            f"{locales_dir}: no catalogs for {doc.name}; create them with "
            f"'localize translate {doc.display} --to LANG'"
        )
    mt = None
    if not no_translate:
        mt = _machine_translation(engine, device, batch_size, models_dir, url, api_key)
    _run_pipeline(
        summary_format,
        article=doc,
        project=project,
        langs=langs,
        mt=mt,
        create_missing=False,
        purge=purge_obsolete,
        to_utf8=to_utf8,
        glossary_path=glossary,
    )


def _register_command_groups() -> None:
    from localize.commands import check, engines, glossary, models

    app.command(
        epilog="Example: localize check examples/sco-ministers-meeting.txt --to es --format json"
    )(check.check)
    app.command(epilog="Example: localize engines --format json")(engines.engines)
    app.add_typer(models.app, name="models")
    app.add_typer(glossary.app, name="glossary")


_register_command_groups()


def main() -> None:
    try:
        app()
    except LocalizeError as error:  # raised outside a command, e.g. while parsing
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted before any catalog was written", err=True)
        sys.exit(130)
