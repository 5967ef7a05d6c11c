"""The click group every localize command (and sub-app) runs under."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

# Exceptions the command line machinery uses for its own control flow (exit codes, usage
# errors): they must pass through untouched.
try:  # typer vendors click in recent versions
    from typer._click.core import Context as _Context
    from typer._click.exceptions import ClickException as _ClickException
except ImportError:  # pragma: no cover
    from click.core import Context as _Context  # type: ignore[assignment]
    from click.exceptions import ClickException as _ClickException  # type: ignore[assignment]

from localize.errors import LocalizeError

_CONTROL_FLOW = (typer.Exit, typer.Abort, _ClickException)
# The app's flags that take no value (``cli._options``): what follows them is the command.
QUIET_FLAGS = ("-q", "--quiet")


class ErrorReportingGroup(TyperGroup):
    """Turns a user's mistake into one line on stderr and exit status 2 — the file, the line and
    the fix, never a traceback — also when a sub-app runs on its own."""

    def parse_args(self, ctx: _Context, args: list[str]) -> list[str]:
        # `localize translate story.txt -q`: the app's flag, written after the command as most
        # tools allow, is read as if it came first (never after a "--").
        if any(param.name == "quiet" for param in self.params):
            end = args.index("--") if "--" in args else len(args)
            flags = [arg for arg in args[:end] if arg in QUIET_FLAGS]
            if flags:
                rest = [arg for arg in args[:end] if arg not in QUIET_FLAGS]
                args = [*flags[:1], *rest, *args[end:]]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: _Context) -> Any:
        try:
            return super().invoke(ctx)
        except LocalizeError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            # `localize status | head`: the reader has what it wanted; say nothing, as a command
            # killed by SIGPIPE would, and keep Python from complaining when it flushes stdout.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(141) from None
        except OSError as error:
            # A safety net: the file operations that users can make fail are reported where
            # they happen; anything else the system refuses still gets one clear line.
            where = f"{error.filename}: " if error.filename else ""
            typer.echo(
                f"error: {where}{error.strerror or error}; check the path and its permissions",
                err=True,
            )
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            typer.echo(
                "interrupted: every catalog is as it was before the run or fully written", err=True
            )
            raise typer.Exit(130) from None
        except _CONTROL_FLOW:
            raise
        except Exception as error:
            # A bug, not a user's mistake: still one line (files are written atomically, so
            # nothing is half-written), and the traceback on request for the report.
            if os.environ.get("LOCALIZE_DEBUG"):
                raise
            typer.echo(
                f"internal error: {type(error).__name__}: {error}; please report it "
                "(LOCALIZE_DEBUG=1 shows the traceback)",
                err=True,
            )
            raise typer.Exit(70) from None
