"""The ``localize`` command line: the Typer app assembled from the commands in
``localize.commands``, and the entry point."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated

# First: its exit function must be registered before any other, to be the last to run.
from localize import quick_exit  # isort: skip

import typer

from localize.commands.group import QUIET_FLAGS, ErrorReportingGroup
from localize.errors import LocalizeError


def _version() -> str:
    # The package's own attribute, which pyproject.toml takes the distribution's version from:
    # importlib.metadata would cost 20-25 ms of imports and a scan of site-packages to say
    # the same.
    from localize import __version__

    return __version__


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"localize {_version()}")
        raise typer.Exit()


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


def _new_app() -> typer.Typer:
    """An app with the global options and no command yet."""
    new = typer.Typer(
        cls=ErrorReportingGroup,
        help="Offline translation of news articles through reviewed gettext catalogs.\n\n"
        "Typical cycle: localize translate story.txt --to es,fr  (MT drafts, all fuzzy) -> "
        "review the catalogs in locales/<lang>/LC_MESSAGES/ with Poedit, Lokalize or Weblate "
        "-> localize build story.txt --to es",
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    new.callback()(_options)
    return new


# Every command in the order --help lists it: name -> (its module in localize.commands, the
# function or sub-app there, the example of its help). A module is imported only when its
# command is added, so a run that names one command loads no other command's code.
_EXAMPLE = "Example: localize "
_COMMANDS: dict[str, tuple[str, str, str | None]] = {
    "segment": ("segment", "segment", "segment examples/sco-ministers-meeting.txt --format json"),
    "extract": ("extract", "extract", "extract examples/sco-ministers-meeting.txt"),
    "init": ("init", "init", "init examples/sco-ministers-meeting.txt --to es,fr,zh"),
    "build": ("build", "build", "build examples/sco-ministers-meeting.txt --to es --include-fuzzy"),
    "status": ("status", "status", "status examples/sco-ministers-meeting.txt"),
    "compile": ("compile", "compile_", "compile --to es"),
    "translate": (
        "translate",
        "translate",
        "translate examples/sco-ministers-meeting.txt --to es,fr",
    ),
    "update": ("translate", "update", "update examples/sco-ministers-meeting.txt --no-translate"),
    "check": ("check", "check", "check examples/sco-ministers-meeting.txt --to es --format json"),
    "engines": ("engines", "engines", "engines --format json"),
    "models": ("models", "app", None),
    "glossary": ("glossary", "app", None),
    "memory": ("memory", "app", None),
    "report": ("report", "report", None),  # its module holds the example
}


def _add(target: typer.Typer, name: str) -> None:
    module_name, attribute, example = _COMMANDS[name]
    module = importlib.import_module(f"localize.commands.{module_name}")
    found = getattr(module, attribute)
    if isinstance(found, typer.Typer):
        target.add_typer(found, name=name)
    else:
        epilog = _EXAMPLE + example if example is not None else module.EXAMPLE
        target.command(name=name, epilog=epilog)(found)


_whole_app: typer.Typer | None = None


def whole_app() -> typer.Typer:
    """The app with every command (built once)."""
    global _whole_app
    if _whole_app is None:
        _whole_app = _new_app()
        for name in _COMMANDS:
            _add(_whole_app, name)
    return _whole_app


def __getattr__(name: str) -> typer.Typer:
    # ``localize.cli.app``: the whole app, built on first use rather than at import.
    if name == "app":
        return whole_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Global options that take no value: what follows them is still the command's name.
_FLAGS = set(QUIET_FLAGS)
# The version option is eager: it prints and exits before any command is looked up.
_VERSION_FLAGS = {"--version", "-V"}


def app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command ``argv`` names, when it names one (after any ``-q``):
    Typer builds every registered command's parameters on each start (about 85 ms for all of
    them), and importing every command's module costs more, which a command that is not run
    does not need. ``--version`` first gets the app without commands. Help, completion and
    unknown names get the whole app, so what they print is unchanged."""
    if "_LOCALIZE_COMPLETE" in os.environ:
        return whole_app()
    at = 0
    while at < len(argv) and argv[at] in _FLAGS:
        at += 1
    if at < len(argv) and argv[at] in _VERSION_FLAGS:
        return _new_app()
    if at == len(argv) or argv[at] not in _COMMANDS:
        return whole_app()
    narrowed = _new_app()
    _add(narrowed, argv[at])
    return narrowed


def run() -> None:
    """The ``localize`` command (and ``python -m localize``): ``main``, and once its command has
    finished, the process ends without the interpreter's teardown (``quick_exit``). An
    exception that escapes ``main`` keeps the teardown, with its traceback."""
    try:
        main()
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            quick_exit.finished(done.code or 0)
        raise
    quick_exit.finished(0)


def main() -> None:
    try:
        app_for(sys.argv[1:])()
    except LocalizeError as error:  # raised outside a command, e.g. while parsing
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted before any catalog was written", err=True)
        sys.exit(130)
