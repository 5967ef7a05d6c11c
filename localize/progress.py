"""A rich progress bar on stderr for long work; silent when output is machine-read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

from localize.app.translate import Progress

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

# Work of fewer steps gets no bar: it is over before a bar is read, and importing rich and
# starting its console were 0.06-0.07 s of an update that sends one sentence to the engine.
SMALLEST_SHOWN = 32


class _RichTask(Progress):
    def __init__(self, bar: RichProgress, task_id: TaskID) -> None:
        self._bar, self._task = bar, task_id

    def advance(self, count: int) -> None:
        self._bar.advance(self._task, count)


@contextmanager
def rich_progress(enabled: bool = True) -> Iterator[Callable[[str, int], Progress]]:
    """Yield a factory of progress tasks. The bar starts with the first task, so a run that
    fails or has nothing to translate prints nothing at all."""
    if not enabled:
        yield lambda _label, _total: Progress()
        return
    with ExitStack() as stack:
        bars: list[RichProgress] = []

        def task(label: str, total: int) -> Progress:
            if total < SMALLEST_SHOWN and not bars:
                return Progress()
            if not bars:
                bars.append(stack.enter_context(_new_bar()))
            return _RichTask(bars[0], bars[0].add_task(label, total=total))

        yield task


def _new_bar() -> RichProgress:
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
    return RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=not console.is_terminal,
    )
