"""``localize glossary init|list|validate|lookup|export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from localize.app.glossary import export_text, select_languages
from localize.commands.group import ErrorReportingGroup
from localize.commands.options import ExportFormat, GlossaryOpt, OutputFormat, OutputFormatOpt
from localize.commands.output import echo_json, print_table
from localize.errors import LocalizeError
from localize.glossary import Glossary

app = typer.Typer(
    cls=ErrorReportingGroup,
    help="The terminology glossary: create, inspect, validate and export it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _load(path: Path | None) -> Glossary:
    from localize.glossary import resolve_glossary

    return resolve_glossary(path)


@app.command(epilog="Example: localize glossary init")
def init(
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    path: Annotated[Path, typer.Argument(help="Where to write it.")] = Path("glossary.yaml"),
) -> None:
    """Copy the shipped diplomatic glossary to ./glossary.yaml for editing."""
    from localize.app.glossary import write_editable_copy

    write_editable_copy(path, force)
    typer.echo(
        f"wrote {path} (from the shipped glossary; validate edits with "
        "'localize glossary validate')"
    )


@app.command("list", epilog="Example: localize glossary list --to zh,ru --format json")
def list_(
    glossary: GlossaryOpt = None,
    output_format: OutputFormatOpt = "text",
    to: Annotated[str | None, typer.Option("--to", help="Languages to show.")] = None,
) -> None:
    """Every entry with its approved renderings."""
    loaded = _load(glossary)
    langs = select_languages(to, loaded)
    if OutputFormat.parse(output_format, "--format") is OutputFormat.JSON:
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
        echo_json(rows, indent=2)
        return
    table = []
    for e in loaded.entries:
        source = e.source + (f" ({', '.join(e.variants)})" if e.variants else "")
        cells = [e.preferred(lang) if e.covers(lang) else "" for lang in langs]
        table.append([e.id, source, *cells])
    print_table(["id", "source", *langs], table, title=loaded.describe())


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
    langs = select_languages(to, loaded)
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
    loaded = _load(glossary)
    langs = select_languages(to, loaded)
    as_csv = ExportFormat.parse(output_format, "--format") is ExportFormat.CSV
    text = export_text(loaded, langs, as_csv)
    if output is None:
        typer.echo(text, nl=False)
        return
    from localize.fileio import atomic_write

    atomic_write(output, text.encode("utf-8"))
    typer.echo(f"wrote {output} ({loaded.describe()})", err=True)
