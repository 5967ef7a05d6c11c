"""Errors a user can cause and fix; the CLI prints them as one line and exits with 2."""

from __future__ import annotations

# translate/update wrote every catalog, but some languages had sentences no engine here could
# draft: a script can tell "all drafted" (0) from "some left for people" (3) from an error (2).
EXIT_LEFT_FOR_TRANSLATORS = 3


class LocalizeError(Exception):
    """A problem with the user's input or environment, explained in one line.

    The message should name the file (and line, where there is one) and say how to fix it.
    """

    exit_code = 2


class CatalogSyntaxError(LocalizeError):
    """A PO file that cannot be parsed; nothing is written while one exists, but for the
    article's own template, which is made from the article and is written anew."""


class EngineUnavailable(LocalizeError):
    """The requested engine, language pair or device cannot be used here."""
