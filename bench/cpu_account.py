"""One whole ``localize`` process with its CPU accounted for (``bench_enforce.py --only
account``): this process's own CPU, each program it starts (user + system seconds from
``os.wait4``, the shells' children included), and what each Apertium request carried.

Usage: python bench/cpu_account.py OUT.json LOCALIZE-ARGUMENTS...

Only for benchmarks: it replaces ``os.waitpid`` and wraps ``subprocess.Popen`` and a few of the
engine's functions of this process to count; the translation itself is unchanged.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

_started: dict[int, dict[str, Any]] = {}  # pid -> what was started, by which thread
_reaped: dict[int, float] = {}  # pid -> user + system seconds, its reaped children included
_requests: list[dict[str, Any]] = []
_readings: list[dict[str, Any]] = []
# (what, thread, start, end), seconds since the process started counting: the engine's requests
# and enforcement's calls, to see which of them the end of the run waited for.
_spans: list[tuple[str, str, float, float]] = []
_began = time.perf_counter()
_waitpid = os.waitpid


def _counting_waitpid(pid: int, options: int) -> tuple[int, int]:
    if pid <= 0:
        return _waitpid(pid, options)
    found, status, usage = os.wait4(pid, options)
    if found:
        _reaped[found] = usage.ru_utime + usage.ru_stime
    return found, status


def _counting(out: Path) -> None:
    os.waitpid = _counting_waitpid
    # poll() took os.waitpid as a default argument when subprocess was imported.
    subprocess.Popen._internal_poll = functools.partialmethod(  # type: ignore[method-assign]
        subprocess.Popen._internal_poll,  # type: ignore[attr-defined]
        _waitpid=_counting_waitpid,
    )
    popen_init = subprocess.Popen.__init__

    def init(self: subprocess.Popen[Any], args: Any, *more: Any, **named: Any) -> None:
        popen_init(self, args, *more, **named)
        argv = [args] if isinstance(args, str) else [str(a) for a in args]
        _started[self.pid] = {"argv": argv, "thread": threading.current_thread().name}

    subprocess.Popen.__init__ = init  # type: ignore[method-assign]

    from localize import morphology
    from localize.engines import apertium_pipeline

    pipeline = apertium_pipeline.NullFlushPipeline
    pipeline_popen, pipeline_translate = pipeline._popen, pipeline.translate

    def popen(self: Any, command: str) -> subprocess.Popen[bytes]:
        process = pipeline_popen(self, command)
        _started[process.pid]["pipeline"] = id(self)
        return process

    def translate(self: Any, text: str) -> str | None:
        thread, began = threading.current_thread().name, time.perf_counter() - _began
        try:
            return pipeline_translate(self, text)
        finally:
            _requests.append(
                {
                    "pipeline": id(self),
                    "thread": thread,
                    "sentences": text.count("\n\n") + 1,
                    "characters": len(text),
                    "began": began,
                    "ended": time.perf_counter() - _began,
                }
            )

    pipeline._popen, pipeline.translate = popen, translate  # type: ignore[method-assign]
    run_lt_proc = morphology._run_lt_proc

    def lt_proc(program: str, flags: list[str], path: str, lines: list[str]) -> list[str]:
        _readings.append({"dictionary": Path(path).name, "lines": len(lines)})
        return run_lt_proc(program, flags, path, lines)

    morphology._run_lt_proc = lt_proc
    from localize import enforce
    from localize.engines.apertium import ApertiumTranslator

    _timing(enforce, "_finish", "enforcement of a call (after its first pass is asked)")
    _timing(ApertiumTranslator, "source_notes", "unknown words of a call")
    atexit.register(_write, out)


def _timing(owner: Any, name: str, what: str) -> None:
    real = getattr(owner, name)

    @functools.wraps(real)
    def timed(*args: Any, **named: Any) -> Any:
        began = time.perf_counter() - _began
        try:
            return real(*args, **named)
        finally:
            thread = threading.current_thread().name
            _spans.append((what, thread, began, time.perf_counter() - _began))

    setattr(owner, name, timed)


def _write(out: Path) -> None:
    own = resource.getrusage(resource.RUSAGE_SELF)
    pipelines: dict[int, int] = {}  # in the order they were started
    for started in _started.values():
        if "pipeline" in started:
            pipelines.setdefault(started["pipeline"], len(pipelines) + 1)
    processes = [
        {
            **started,
            "pipeline": pipelines.get(started.get("pipeline", 0)),
            "cpu": _reaped.get(pid),
        }
        for pid, started in _started.items()
    ]
    requests = [{**r, "pipeline": pipelines.get(r["pipeline"])} for r in _requests]
    account = {
        "own": own.ru_utime + own.ru_stime,
        "processes": processes,
        "requests": requests,
        "readings": _readings,
        "spans": _spans,
        "ended": time.perf_counter() - _began,
    }
    out.write_text(json.dumps(account), encoding="utf-8")


def main() -> None:
    out = Path(sys.argv[1])
    sys.argv = ["localize", *sys.argv[2:]]
    _counting(out)
    from localize.cli import main as localize_main

    localize_main()


if __name__ == "__main__":
    main()
