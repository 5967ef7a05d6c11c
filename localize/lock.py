"""One run at a time on a locales directory.

An advisory ``flock`` on ``.localize/<locales-dir-name>.lock`` beside the locales directory:
the kernel releases it when the holder exits, however it exits (even SIGKILL), so a crashed run
never leaves a stale lock behind. The holder writes who it is into the file so that a second run
can say who it is waiting for. The file lives in the working directory, not among the catalogs,
where it would show up in ``git status`` and in tools that read every file of ``locales/``.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from localize.errors import LocalizeError
from localize.fileio import sweep_stale_temp_files
from localize.project import check_locales_dir, ensure_work_dir, work_dir

# Where versions before 0.2 kept the lock: removed when found, it is no longer used.
LEGACY_LOCK_NAME = ".localize.lock"


def lock_path(locales_dir: Path) -> Path:
    return work_dir(locales_dir) / f"{locales_dir.resolve().name}.lock"


@contextmanager
def locked(locales_dir: Path) -> Iterator[None]:
    check_locales_dir(locales_dir)  # every run that writes, the no-op rerun's too, comes here
    path = lock_path(locales_dir)
    try:
        locales_dir.mkdir(parents=True, exist_ok=True)
        ensure_work_dir(locales_dir)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole block
    except OSError as error:
        raise LocalizeError(
            f"{path}: cannot create the lock file ({error.strerror}); make {path.parent} writable"
        ) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another localize run"
            raise LocalizeError(
                f"{path}: catalogs are in use by {holder}; wait for it to "
                "finish, then run this again"
            ) from None
        handle.seek(0)
        handle.truncate()
        command = " ".join(["localize", *sys.argv[1:]])[:200]
        started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        handle.write(f"pid {os.getpid()} ({command}) since {started}\n")
        handle.flush()
        (locales_dir / LEGACY_LOCK_NAME).unlink(missing_ok=True)
        sweep_stale_temp_files(locales_dir)
        yield
    finally:
        handle.close()
