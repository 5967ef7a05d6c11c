"""``localize models``: list, install and remove Argos Translate packages.

Registered by the main CLI with ``app.add_typer(models.app, name="models")``. Importing this
module must not load ctranslate2 or argostranslate.translate: listing and installing never run
a model (removing loads argostranslate.translate only to clear its cache of languages).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from localize.commands.group import ErrorReportingGroup
from localize.commands.options import OutputFormat, OutputFormatOpt
from localize.commands.output import echo_json, info

app = typer.Typer(
    cls=ErrorReportingGroup,
    help="List, install and remove Argos Translate model packages (.argosmodel).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

ModelsDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--models-dir",
        help="Where packages are installed (default: $LOCALIZE_MODELS_DIR, else "
        "argostranslate's packages directory).",
    ),
]
IndexOpt = Annotated[
    str | None,
    typer.Option(
        "--index-url",
        help="Argos package index (default: $LOCALIZE_ARGOS_INDEX_URL, else argostranslate's).",
    ),
]


@app.command("list", epilog="Example: localize models list --format json")
def list_models(
    models_dir: ModelsDirOpt = None,
    index_url: IndexOpt = None,
    output_format: OutputFormatOpt = "text",
    offline: Annotated[
        bool, typer.Option("--offline", help="Do not ask the package index.")
    ] = False,
) -> None:
    """Installed language pairs, and those the package index offers when it is reachable."""
    fmt = OutputFormat.parse(output_format, "--format")
    from localize.app.models import model_listing

    listing = model_listing(models_dir, index_url, offline)
    directory, installed, available = listing.models_dir, listing.installed, listing.available
    index_error, offered = listing.index_error, listing.offered
    if fmt is OutputFormat.JSON:
        echo_json(
            {
                "models_dir": str(directory),
                "installed": [
                    {
                        "source": p.source,
                        "target": p.target,
                        "package": p.name,
                        "version": p.version,
                        "path": str(p.path),
                    }
                    for p in installed
                ],
                "available": None
                if available is None
                else [
                    {"source": p.source, "target": p.target, "version": p.version} for p in offered
                ],
                "index_error": index_error or None,
            },
            indent=2,
        )
        return
    typer.echo(f"Installed in {directory}:")
    if not installed:
        typer.echo("  (none) install one with: localize models install SRC TGT | FILE.argosmodel")
    for p in installed:
        typer.echo(f"  {p.pair:<10} {p.name} {p.version}")
    if available is None:
        if not offline:
            typer.echo(f"Package index not reachable: {index_error}", err=True)
        return
    typer.echo("Available from the package index:")
    for offer in offered:
        typer.echo(
            f"  {offer.source}->{offer.target:<6} {offer.version:<8} localize models install "
            f"{offer.source} {offer.target}"
        )
    if not offered:
        typer.echo("  (nothing more)")


@app.command(
    "install",
    epilog="Example: localize models install "
    "translate-en_es-1_0.argosmodel   (or: localize models install en es)",
)
def install(
    source: Annotated[
        str, typer.Argument(help="An .argosmodel file, or the source language code.")
    ],
    target: Annotated[
        str | None, typer.Argument(help="Target language code (when downloading).")
    ] = None,
    models_dir: ModelsDirOpt = None,
    index_url: IndexOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an installed package.")] = False,
) -> None:
    """Install a package file, or download SRC->TGT from the Argos package index."""
    from localize.app.models import install_model

    package = install_model(source, target, models_dir, index_url, force)
    info(f"installed {package.pair} ({package.name} {package.version}) in {package.path}")


@app.command(
    "remove",
    epilog="Example: localize models remove en es   (or: localize models remove "
    "translate-en_es-1_0, the package name models list shows)",
)
def remove(
    source: Annotated[str, typer.Argument(help="The source language code, or the package name.")],
    target: Annotated[str | None, typer.Argument(help="Target language code.")] = None,
    models_dir: ModelsDirOpt = None,
) -> None:
    """Uninstall the package for SRC->TGT (or the package named SRC) and the term renderings
    kept for it."""
    from localize.app.models import remove_model

    package = remove_model(source, target, models_dir)
    info(f"removed {package.pair} ({package.name} {package.version}) from {package.path.parent}")
