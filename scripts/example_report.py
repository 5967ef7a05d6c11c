"""Regenerates docs/example-report.html and docs/example-report.png from the reviewed example
catalogs in locales/.

The translation memory that the post-edit figures need is made here, in a temporary copy of the
project: the article is machine translated with Apertium (Spanish; no French engine is installed
on these machines, so French shows "no draft recorded"), then the committed reviewed catalogs
replace the drafts and `localize report` compares the two. The screenshot is the first screen of
the page at desktop width, taken with Debian's Chromium through playwright.

Usage: .venv/bin/python scripts/example_report.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "examples" / "sco-ministers-meeting.txt"
HTML = REPO / "docs" / "example-report.html"
PNG = REPO / "docs" / "example-report.png"
LOCALIZE = [sys.executable, "-m", "localize"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def run(args: list[str], cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 1300) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=shutil.which("chromium") or "chromium",
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": width, "height": height},
        )
        view = context.new_page()
        view.goto(page.resolve().as_uri(), wait_until="load")
        view.screenshot(path=str(png))
        context.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        shutil.copy(ARTICLE, work / ARTICLE.name)
        shutil.copy(REPO / "glossary.yaml", work / "glossary.yaml")
        run([*LOCALIZE, "translate", ARTICLE.name, "--to", "es", "--engine", "apertium"], work)
        shutil.rmtree(work / "locales")
        shutil.copytree(REPO / "locales", work / "locales")
        run([*LOCALIZE, "report", ARTICLE.name, "-o", "report.html"], work)
        shutil.copy(work / "report.html", HTML)
    screenshot(HTML, PNG)
    print(
        f"wrote {HTML.relative_to(REPO)} and {PNG.relative_to(REPO)} ({PNG.stat().st_size} bytes)"
    )


if __name__ == "__main__":
    main()
