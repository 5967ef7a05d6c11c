"""Markdown extraction + regeneration against the plain-text path on the same prose.

Builds a ~1 MB Markdown document from the example article, and the same prose without markup
(the text of each block's inline content and of each HTML block, blocks separated by blank
lines). Times, in this process: Markdown parse + regenerate, and the text path (``TextFormat``
parse + regenerate). Prints both and the ratio; the Markdown path may cost at most 3x the text path.

Run: .venv/bin/python bench/bench_markdown.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from localize.formats.base import regenerate  # noqa: E402
from localize.formats.markdown import MarkdownFormat, _events  # noqa: E402
from localize.formats.text import TextFormat  # noqa: E402

SIZE = 1_000_000
TAG = re.compile(r"<[^>]*>")
ROUNDS = 3


def documents() -> tuple[str, str]:
    article = (ROOT / "examples" / "sco-foreign-ministers.md").read_text(encoding="utf-8")
    body = article.split("---\n", 2)[2]
    markdown = body * (SIZE // len(body) + 1)
    # The prose: the text of each block's inline content (line breaks as spaces, code kept),
    # and of HTML blocks without their tags, as both are extracted from the Markdown.
    blocks: list[str] = []
    words: list[str] = []
    code = False
    for event, _ in _events(markdown):
        if isinstance(event, str):
            if event == "SoftBreak" or event == "HardBreak":
                words.append(" ")
            continue
        key, value = next(iter(event.items()))
        if key in ("Start", "End"):
            tag = value if isinstance(value, str) else next(iter(value))
            code = tag == "CodeBlock" and key == "Start"
            if tag in ("Paragraph", "Heading", "TableCell", "Item", "HtmlBlock"):
                prose = " ".join(TAG.sub("", "".join(words)).split())
                if prose:
                    blocks.append(prose)
                words = []
        elif key in ("Text", "Code", "Html") and not code:
            words.append(value)
    return markdown, "\n\n".join(blocks) + "\n"


def markdown_path(text: str) -> int:
    fmt = MarkdownFormat()
    units = fmt.parse(text, "en")
    assert regenerate(text, units, lambda unit: unit.msgid, fmt.place) == text
    return len(units)


def text_path(text: str) -> int:
    fmt = TextFormat()
    units = fmt.parse(text, "en")
    assert regenerate(text, units, lambda unit: unit.msgid, fmt.place) == text
    return len(units)


def best_of_rounds(markdown: str, plain: str) -> tuple[float, int, float, int]:
    """Best time of each path over ROUNDS rounds, the two paths alternating, so that load
    from other processes on the machine falls on both alike."""
    markdown_times, text_times = [], []
    markdown_units = text_units = 0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        text_units = text_path(plain)
        text_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        markdown_units = markdown_path(markdown)
        markdown_times.append(time.perf_counter() - start)
    return min(markdown_times), markdown_units, min(text_times), text_units


def main() -> None:
    markdown, plain = documents()
    markdown_path(markdown[:10_000])  # warm caches (parser construction, segmenter rules)
    text_path(plain[:10_000])
    markdown_seconds, markdown_units, text_seconds, text_units = best_of_rounds(markdown, plain)
    ratio = markdown_seconds / text_seconds
    print(
        f"text path:     {len(plain) / 1e6:.2f} MB prose, {text_units} units, {text_seconds:.3f} s"
    )
    print(
        f"markdown path: {len(markdown) / 1e6:.2f} MB Markdown, {markdown_units} units, "
        f"{markdown_seconds:.3f} s"
    )
    print(f"ratio markdown/text: {ratio:.2f}x (budget 3x) {'OK' if ratio <= 3 else 'OVER'}")


if __name__ == "__main__":
    main()
