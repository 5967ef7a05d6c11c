"""``localize glossary init|list|validate|lookup|suggest|export``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated

import typer

from localize.commands.group import ErrorReportingGroup
from localize.errors import LocalizeError

app = typer.Typer(
    cls=ErrorReportingGroup,
    help="The terminology glossary: create, inspect, validate and export it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

GlossaryOpt = Annotated[
    Path | None,
    typer.Option(
        "--glossary", help="Glossary file (default: ./glossary.yaml, else the shipped one)."
    ),
]


def _load(path: Path | None):  # noqa: ANN202
    from localize.glossary import resolve_glossary

    return resolve_glossary(path)


def _langs(value: str | None, glossary) -> list[str]:  # noqa: ANN001
    if not value:
        return list(glossary.languages)
    langs = [part.strip().split("_")[0].lower() for part in value.split(",") if part.strip()]
    unknown = [lang for lang in langs if lang not in glossary.languages]
    if unknown:
        raise LocalizeError(
            f"{glossary.path.name} has no renderings for {', '.join(unknown)}; "
            f"choose from {', '.join(glossary.languages)}"
        )
    return langs


@app.command(epilog="Example: localize glossary init")
def init(
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    path: Annotated[Path, typer.Argument(help="Where to write it.")] = Path("glossary.yaml"),
) -> None:
    """Copy the shipped diplomatic glossary to ./glossary.yaml for editing."""
    from localize.glossary import shipped_path

    if path.exists() and not force:
        raise LocalizeError(f"{path}: already exists; edit it, or pass --force to replace it")
    source = shipped_path()
    temp = path.with_name(f".{path.name}.tmp")
    shutil.copyfile(source, temp)
    temp.replace(path)
    typer.echo(
        f"wrote {path} (from the shipped glossary; validate edits with "
        "'localize glossary validate')"
    )


@app.command("list", epilog="Example: localize glossary list --to zh,ru --format json")
def list_(
    glossary: GlossaryOpt = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    to: Annotated[str | None, typer.Option("--to", help="Languages to show.")] = None,
) -> None:
    """Every entry with its approved renderings."""
    loaded = _load(glossary)
    langs = _langs(to, loaded)
    if output_format == "json":
        rows = [
            {
                "id": e.id,
                "source": e.source,
                "variants": list(e.variants),
                "kind": e.kind,
                "targets": {lang: e.preferred(lang) for lang in langs if e.covers(lang)},
                "accepted": {lang: list(e.approved(lang)) for lang in langs if e.covers(lang)},
                "keep": [lang for lang in e.keep if lang in langs],
                "forbidden": {
                    lang: list(e.forbidden.get(lang, ())) for lang in langs if e.forbidden.get(lang)
                },
                "note": e.note,
                "line": e.line,
            }
            for e in loaded.entries
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if output_format != "text":
        raise LocalizeError(f"unknown --format '{output_format}'; use text or json")
    from rich.console import Console
    from rich.table import Table

    table = Table(title=loaded.describe())
    table.add_column("id")
    table.add_column("source")
    for lang in langs:
        table.add_column(lang)
    for e in loaded.entries:
        source = e.source + (f" ({', '.join(e.variants)})" if e.variants else "")
        cells = [e.preferred(lang) if e.covers(lang) else "" for lang in langs]
        table.add_row(e.id, source, *cells)
    Console().print(table)


@app.command(epilog="Example: localize glossary validate glossary.yaml")
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(help="The file (default: ./glossary.yaml, else the shipped one)."),
    ] = None,
) -> None:
    """Check the schema; errors name the file and line."""
    loaded = _load(path)
    typer.echo(f"ok: {loaded.describe()}, languages {', '.join(loaded.languages)}")


@app.command(epilog='Example: localize glossary lookup "Belt and Road" --to zh')
def lookup(
    term: Annotated[str, typer.Argument(help="A source term, variant, id or rendering.")],
    glossary: GlossaryOpt = None,
    to: Annotated[str | None, typer.Option("--to", help="Languages to show.")] = None,
) -> None:
    """Show the entries for TERM."""
    loaded = _load(glossary)
    langs = _langs(to, loaded)
    found = loaded.lookup(term)
    if not found:
        raise LocalizeError(
            f"'{term}' is not in {loaded.describe()}; add an entry to the "
            "glossary, or try 'localize glossary list'"
        )
    for e in found:
        typer.echo(
            f"{e.id} ({e.kind}, line {e.line}): {e.source}"
            + (f"  [variants: {', '.join(e.variants)}]" if e.variants else "")
        )
        for lang in langs:
            if not e.covers(lang):
                continue
            line = f"  {lang}: {' / '.join(e.approved(lang))}"
            if lang in e.keep:
                line += "  (kept as is)"
            if e.forbidden.get(lang):
                line += f"  never: {'; '.join(e.forbidden[lang])}"
            typer.echo(line)
        typer.echo(f"  note: {e.note}")


@app.command(epilog="Example: localize glossary suggest story.txt")
def suggest(
    article: Annotated[str, typer.Argument(help="The article (text, Markdown or HTML).")],
    glossary: GlossaryOpt = None,
) -> None:
    """List the names and recurring terms of ARTICLE that the glossary lacks."""
    from localize.source import read_article
    from localize.suggest import suggest as candidates

    loaded = _load(glossary)
    parsed = read_article(article)
    sentences = [unit.msgid for unit in parsed.units]
    found = candidates(sentences, loaded, [parsed.format.protected(s) for s in sentences])
    typer.echo(f"{len(found)} candidate(s) not in {loaded.describe()}")
    for candidate in found:
        typer.echo(
            f"{candidate.kind}\t{candidate.text}\t{candidate.count}x\tfirst in sentence "
            f"{candidate.first}"
        )


@app.command(epilog="Example: localize glossary export --to zh --format tbx -o glossary-zh.tbx")
def export(
    to: Annotated[
        str, typer.Option("--to", help="Target language(s), e.g. zh or zh,ru.", show_default=False)
    ],
    output_format: Annotated[str, typer.Option("--format", help="tbx or csv.")] = "tbx",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write (default: standard output)."),
    ] = None,
    glossary: GlossaryOpt = None,
) -> None:
    """Write the glossary as TBX-Basic or CSV for Lokalize, OmegaT, Weblate."""
    from localize.tbx import to_csv, to_tbx

    loaded = _load(glossary)
    langs = _langs(to, loaded)
    if output_format == "tbx":
        text = to_tbx(loaded, langs)
    elif output_format == "csv":
        if len(langs) != 1:
            raise LocalizeError("CSV holds one target language; pass a single --to, e.g. --to zh")
        text = to_csv(loaded, langs[0])
    else:
        raise LocalizeError(f"unknown --format '{output_format}'; use tbx or csv")
    if output is None:
        typer.echo(text, nl=False)
        return
    from localize.fileio import atomic_write

    atomic_write(output, text.encode("utf-8"))
    typer.echo(f"wrote {output} ({loaded.describe()})", err=True)
