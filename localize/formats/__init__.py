"""Article formats, chosen by file extension or by ``--input-format``."""

from __future__ import annotations

from importlib import import_module
from pathlib import PurePath
from typing import cast

from localize.errors import LocalizeError
from localize.formats.base import Format

_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("localize.formats.text:TextFormat", ()),
    "markdown": ("localize.formats.markdown:MarkdownFormat", (".md", ".markdown")),
    "html": ("localize.formats.html:HtmlFormat", (".html", ".htm", ".xhtml")),
}


def format_names() -> list[str]:
    return list(_FORMATS)


def get_format(name: str) -> Format:
    try:
        target, _ = _FORMATS[name]
    except KeyError:
        raise LocalizeError(
            f"unknown input format '{name}'; choose one of: {', '.join(_FORMATS)}"
        ) from None
    module_name, class_name = target.split(":")
    fmt: Format = getattr(import_module(module_name), class_name)()
    if name in ("html", "markdown"):
        # Reviewers and engines see "—", not "&mdash;"; the copy spells it as the source did.
        from localize.formats.entities import EntityDecoding

        return cast(Format, EntityDecoding(fmt, html_markup=name == "html"))
    return fmt


def format_for(path: str, override: str | None = None) -> Format:
    """The format named by ``override``, else the one the extension implies, else text."""
    if override:
        return get_format(override)
    suffix = PurePath(path).suffix.lower()
    for name, (_, extensions) in _FORMATS.items():
        if suffix in extensions:
            return get_format(name)
    return get_format("text")
