"""``localize glossary init|list|validate|lookup|suggest|export|import``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from localize.commands.group import ErrorReportingGroup
from localize.commands.options import ExportFormat, GlossaryOpt, OutputFormat, OutputFormatOpt
from localize.commands.output import echo_json, info, is_quiet, print_table
from localize.errors import LocalizeError

if TYPE_CHECKING:  # the CLI imports this module at start-up: YAML loads only when used
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
    layered: Annotated[
        bool,
        typer.Option(
            "--layered",
            help="Write a project glossary that extends the shipped one instead of a copy.",
        ),
    ] = False,
    path: Annotated[Path, typer.Argument(help="Where to write it.")] = Path("glossary.yaml"),
) -> None:
    """Copy the shipped diplomatic glossary to ./glossary.yaml for editing (or, with --layered,
    start a project glossary that extends it)."""
    from localize.app.glossary import write_editable_copy

    write_editable_copy(path, force, layered)
    what = "extending the shipped glossary" if layered else "from the shipped glossary"
    info(f"wrote {path} ({what}; validate edits with 'localize glossary validate')")


@app.command("list", epilog="Example: localize glossary list --to zh,ru --format json")
def list_(
    glossary: GlossaryOpt = None,
    output_format: OutputFormatOpt = "text",
    to: Annotated[str | None, typer.Option("--to", help="Languages to show.")] = None,
) -> None:
    """Every entry with its approved renderings, how they were evidenced ("not verified ..."
    where nobody checked them against their sources) and the file it comes from."""
    loaded = _load(glossary)
    from localize.app.glossary import select_languages

    langs = select_languages(to, loaded)
    from localize.app.glossary import entry_record, origin_label

    if OutputFormat.parse(output_format, "--format") is OutputFormat.JSON:
        echo_json([entry_record(loaded, e, langs) for e in loaded.entries], indent=2)
        return
    table = []
    for e in loaded.entries:
        source = e.source + (f" ({', '.join(e.variants)})" if e.variants else "")
        cells = [e.preferred(lang) if e.covers(lang) else "" for lang in langs]
        table.append([e.id, source, *cells, e.evidence, origin_label(e)])
    print_table(["id", "source", *langs, "evidence", "from"], table, title=loaded.describe())


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
    from localize.app.glossary import select_languages

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
        if e.sources:
            typer.echo(f"  sources: {'; '.join(e.sources)}")
        if e.evidence:
            typer.echo(f"  evidence: {e.evidence}")


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
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="tbx (TBX-Basic v2), tbx3 (v3), tbx-weblate, csv, or pofilter "
            "(the acronyms the glossary translates, for pofilter --musttranslatefile).",
        ),
    ] = "tbx",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write (default: standard output)."),
    ] = None,
    glossary: GlossaryOpt = None,
) -> None:
    """Write the glossary as TBX-Basic or CSV for Lokalize, OmegaT, Weblate."""
    loaded = _load(glossary)
    from localize.app.glossary import select_languages

    langs = select_languages(to, loaded)
    chosen = ExportFormat.parse(output_format, "--format")
    from localize.app.glossary import export_text

    text = export_text(loaded, langs, chosen.value)
    if output is None:
        typer.echo(text, nl=False)
        return
    from localize.fileio import atomic_write

    atomic_write(output, text.encode("utf-8"))
    if not is_quiet():
        typer.echo(f"wrote {output} ({loaded.describe()})", err=True)


@app.command("import", epilog="Example: localize glossary import terms.tbx -o glossary.yaml")
def import_(
    source: Annotated[Path, typer.Argument(help="A TBX (v2 or v3) or CSV file.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The YAML to write.")] = Path(
        "glossary.yaml"
    ),
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="The target language: a CSV file's, or the one to import from a TBX file "
            "whose concepts cover different languages.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT.")] = False,
) -> None:
    """Convert TBX or CSV terminology into glossary YAML, reporting what mapped and what not."""
    from localize.app.glossary import import_glossary

    for line in import_glossary(source, output, lang, force):
        typer.echo(line)
