"""Timing shared by the benches: CPU time of this process and of its children, one step's wall
and CPU time, paired rounds in alternating order, median-and-spread summaries, the load line.

CPU time is what the load of a shared machine inflates far less than the wall time: the
benches print it beside the wall time, and their ratios on both.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def own_cpu() -> float:
    """CPU seconds (user + system) of this process, all its threads (CTranslate2's workers)."""
    return time.process_time()


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished children this process waited for (a whole
    ``localize`` process and its own children, an engine's programs)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children."""
    return own_cpu() + children_cpu()


def timed(
    step: Callable[[], T], cpu: Callable[[], float] = cpu_seconds, gc_off: bool = False
) -> tuple[float, float, T]:
    """Wall seconds and CPU seconds (as ``cpu`` counts them) of one call of ``step``, and its
    result. ``gc_off``: the cyclic garbage collector is emptied first and off while timing, as
    timeit does, so that the objects one path leaves are not charged, at random, to another."""
    if gc_off:
        gc.collect()
        gc.disable()
    try:
        spent, began = cpu(), time.perf_counter()
        result = step()
        return time.perf_counter() - began, cpu() - spent, result
    finally:
        if gc_off:
            gc.enable()


def paired(
    name: str, rounds: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(first, second) wall seconds and CPU seconds (this process's and its children's) per
    round, each round printed; the order alternates between rounds."""
    walls, cpus = [], []
    for r in range(rounds):
        if r % 2:
            b, b_cpu, _ = timed(second)
            a, a_cpu, _ = timed(first)
        else:
            a, a_cpu, _ = timed(first)
            b, b_cpu, _ = timed(second)
        walls.append((a, b))
        cpus.append((a_cpu, b_cpu))
        print(
            f"  {name} round {r + 1}: {a:.2f} s / {b:.2f} s = {b / a:.3f}x; CPU (with the "
            f"engine's programs) {a_cpu:.2f} s / {b_cpu:.2f} s = {b_cpu / a_cpu:.3f}x",
            flush=True,
        )
    return walls, cpus


def rotated(items: list[T], round_index: int) -> list[T]:
    """``items`` in the order of round ``round_index``: over the rounds each goes first in turn."""
    start = round_index % len(items)
    return items[start:] + items[:start]


def rotating_rounds(
    rounds: int, layouts: list[str], run: Callable[[str], R], line: Callable[[str, R], str]
) -> dict[str, list[R]]:
    """What ``run`` gives for each layout in each round, the layouts in rotating order, each
    printed as its round's ``line``."""
    results: dict[str, list[R]] = {layout: [] for layout in layouts}
    for r in range(rounds):
        for layout in rotated(layouts, r):
            result = run(layout)
            results[layout].append(result)
            print(f"  round {r + 1} {line(layout, result)}", flush=True)
    return results


def spread(values: list[float], unit: str = " s", digits: int = 3) -> str:
    """ "median 0.123 s (0.100-0.150)": the median and the range of ``values``."""
    return (
        f"median {statistics.median(values):.{digits}f}{unit} "
        f"({min(values):.{digits}f}-{max(values):.{digits}f})"
    )


def summary(ratios: list[float]) -> str:
    """ "median 1.050x (spread 1.010-1.090, 3 rounds)": the ratios of paired rounds."""
    return (
        f"median {statistics.median(ratios):.3f}x (spread {min(ratios):.3f}-{max(ratios):.3f}, "
        f"{len(ratios)} rounds)"
    )


def load_change(before: tuple[float, float, float], after: tuple[float, float, float]) -> str:
    """The one-minute load average before and after the rounds (``os.getloadavg()`` taken
    then)."""
    return f"load average {before[0]:.1f} before, {after[0]:.1f} after ({os.cpu_count()} cores)"


def load() -> str:
    """The machine's load average, to print before and after the rounds."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"
