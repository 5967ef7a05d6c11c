"""A rich progress bar on stderr for long work; silent when output is machine-read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from localize.pipeline import Progress


class _RichTask(Progress):
    def __init__(self, bar, task_id) -> None:  # noqa: ANN001
        self._bar, self._task = bar, task_id

    def advance(self, count: int) -> None:
        self._bar.advance(self._task, count)


@contextmanager
def rich_progress(enabled: bool = True) -> Iterator[Callable[[str, int], Progress]]:
    if not enabled:
        yield lambda _label, _total: Progress()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as RichProgress

    console = Console(stderr=True)
    with RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), TimeRemainingColumn(), console=console,
                      transient=not console.is_terminal) as bar:
        yield lambda label, total: _RichTask(bar, bar.add_task(label, total=total))
