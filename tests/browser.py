"""Opening a page as a reader would: Debian's Chromium, headless and offline, driven through the
DevTools protocol by playwright (which launches /usr/bin/chromium; `playwright install` is never
needed). Every console message, page error and network request is recorded."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Visit:
    text: str  # the page's rendered text (what a reader sees)
    scroll_width: int  # wider than the window means the reader must scroll sideways
    console: list[str] = field(default_factory=list)  # "type: text" of every console message
    errors: list[str] = field(default_factory=list)  # uncaught page errors
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    nav_shown: bool = True  # whether the table of contents is displayed


def chromium_path() -> str:
    found = shutil.which("chromium")
    if found is None:
        pytest.fail("Chromium is not installed: run scripts/setup.sh (apt-get install chromium)")
    return found


def visit(page_path: Path, views: dict[tuple[int, str], Path], height: int = 900) -> dict:
    """Open ``page_path`` once per (window width, media: screen or print), save a screenshot of
    the first screen at the path given for that view, and report what the reader saw. (A full-page screenshot of a
    long page costs seconds each; the layout of the whole page is judged by its width.)"""
    from playwright.sync_api import sync_playwright

    visits: dict[tuple[int, str], Visit] = {}
    with (
        tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile,
        sync_playwright() as playwright,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile,  # a fresh profile: nothing from an earlier run
            executable_path=chromium_path(),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": min(width for width, _ in views), "height": height},
        )
        try:
            for (width, media), screenshot in views.items():
                visits[width, media] = _open(context, page_path, width, height, screenshot, media)
        finally:
            context.close()
    return visits


def _open(context, page_path: Path, width: int, height: int, screenshot: Path, media: str) -> Visit:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(media=media)  # "print": the page as the print stylesheet lays it out
    seen = Visit("", 0)
    page.on("console", lambda message: seen.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("request", lambda request: seen.requests.append(request.url))
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    seen.text = page.inner_text("body")
    seen.nav_shown = page.is_visible("nav")
    seen.scroll_width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(screenshot))
    page.close()
    return seen
