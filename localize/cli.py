"""The ``localize`` command line: the Typer app assembled from the commands in
``localize.commands``, and the entry point."""

from __future__ import annotations

import copy
import os
import sys
from typing import Annotated

import typer

from localize.commands import (
    build,
    check,
    compile,
    engines,
    extract,
    glossary,
    init,
    memory,
    models,
    report,
    segment,
    status,
    translate,
)
from localize.commands.group import ErrorReportingGroup
from localize.errors import LocalizeError

app = typer.Typer(
    cls=ErrorReportingGroup,
    help="Offline translation of news articles through reviewed gettext catalogs.\n\n"
    "Typical cycle: localize translate story.txt --to es,fr  (MT drafts, all fuzzy) -> review the "
    "catalogs in locales/<lang>/LC_MESSAGES/ with Poedit, Lokalize or Weblate -> "
    "localize build story.txt --to es",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from localize import __version__

    try:
        return version("localize-newsroom")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return __version__


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"localize {_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Print no progress or summary lines; output, warnings and errors still print.",
        ),
    ] = False,
) -> None:
    from localize.commands.output import set_quiet

    set_quiet(quiet)


EXAMPLE = "Example: localize "
app.command(epilog=EXAMPLE + "segment examples/sco-ministers-meeting.txt --format json")(
    segment.segment
)
app.command(epilog=EXAMPLE + "extract examples/sco-ministers-meeting.txt")(extract.extract)
app.command(epilog=EXAMPLE + "init examples/sco-ministers-meeting.txt --to es,fr,zh")(init.init)
app.command(epilog=EXAMPLE + "build examples/sco-ministers-meeting.txt --to es --include-fuzzy")(
    build.build
)
app.command(epilog=EXAMPLE + "status examples/sco-ministers-meeting.txt")(status.status)
app.command(name="compile", epilog=EXAMPLE + "compile --to es")(compile.compile_)
app.command(epilog=EXAMPLE + "translate examples/sco-ministers-meeting.txt --to es,fr")(
    translate.translate
)
app.command(epilog=EXAMPLE + "update examples/sco-ministers-meeting.txt --no-translate")(
    translate.update
)
app.command(epilog=EXAMPLE + "check examples/sco-ministers-meeting.txt --to es --format json")(
    check.check
)
app.command(epilog=EXAMPLE + "engines --format json")(engines.engines)
app.add_typer(models.app, name="models")
app.add_typer(glossary.app, name="glossary")
app.add_typer(memory.app, name="memory")
app.command(epilog=report.EXAMPLE)(report.report)


def _command_name(info: typer.models.CommandInfo) -> str:
    from typer.main import get_command_name

    assert info.callback is not None
    return info.name or get_command_name(info.callback.__name__)


def app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command ``argv`` names, when it names one: Typer builds every
    registered command's parameters on each start (about 85 ms for all of them), which a command
    that is not run does not need. Help, global options first, completion and unknown names get
    the whole app, so what they print is unchanged."""
    if not argv or argv[0].startswith("-") or "_LOCALIZE_COMPLETE" in os.environ:
        return app
    commands = [info for info in app.registered_commands if _command_name(info) == argv[0]]
    groups = [info for info in app.registered_groups if info.name == argv[0]]
    if not commands and not groups:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands = commands
    narrowed.registered_groups = groups
    return narrowed


def main() -> None:
    try:
        app_for(sys.argv[1:])()
    except LocalizeError as error:  # raised outside a command, e.g. while parsing
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted before any catalog was written", err=True)
        sys.exit(130)
