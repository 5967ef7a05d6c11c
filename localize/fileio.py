"""Writing files so that an interrupted run never leaves half of one.

Everything localize writes (catalogs, templates, .mo files, regenerated articles, exports) goes
through ``atomic_write``: a temporary file in the same directory, flushed to disk, then renamed
over the target, so readers see the old file or the new one. Failures become one-line errors.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from localize.errors import LocalizeError


@dataclass(frozen=True)
class FileSnapshot:
    """What a file was when localize read it, to tell whether someone saved it since.

    Editors (Poedit, Lokalize) do not take localize's lock: a reviewer may save a catalog while
    a run works on it. Cheap stat fields settle most checks; the content digest settles the rest
    (a save that changed nothing, a file system with coarse times)."""

    path: Path
    identity: tuple[int, int, int, int] | None  # device, inode, size, mtime in ns; None: absent
    digest: bytes | None


class FileChanged(LocalizeError):
    """The file changed on disk since it was read: writing would throw that change away."""


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_with_snapshot(path: Path) -> tuple[bytes, FileSnapshot]:
    """The file's bytes and its snapshot, taken from the same open file."""
    with open(path, "rb") as stream:
        identity = _identity(os.fstat(stream.fileno()))
        data = stream.read()
    return data, FileSnapshot(path, identity, hashlib.sha256(data).digest())


def absent_snapshot(path: Path) -> FileSnapshot:
    """The snapshot of a file that did not exist when the run looked."""
    return FileSnapshot(path, None, None)


def changed_since(snapshot: FileSnapshot) -> bool:
    """Whether the file differs from ``snapshot`` now (created, removed, or new content)."""
    try:
        st = os.stat(snapshot.path)
    except FileNotFoundError:
        return snapshot.identity is not None
    if snapshot.identity is None:
        return True
    if _identity(st) == snapshot.identity:
        return False
    try:
        current = hashlib.sha256(Path(snapshot.path).read_bytes()).digest()
    except OSError:
        return True
    return current != snapshot.digest


def atomic_write(
    path: Path,
    data: bytes | Iterable[bytes],
    *,
    mode: int = 0o644,
    follow_symlinks: bool = True,
    unchanged_since: FileSnapshot | None = None,
) -> str:
    """Replace ``path`` with ``data`` atomically; return the SHA-256 (hex) of what was written.

    With ``unchanged_since``, a file that changed since that snapshot is not replaced:
    FileChanged is raised instead. A symlink is followed (the link stays a link) unless
    ``follow_symlinks`` is false, when the link itself is replaced by the file; a target that
    is not a regular file (a terminal, /dev/stdout, a pipe) is written to directly, since it
    cannot be replaced.
    """
    shown = path.as_posix()
    target = Path(os.path.realpath(path)) if follow_symlinks or not path.is_symlink() else path
    try:
        existing = target.stat() if follow_symlinks or not path.is_symlink() else None
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise _error(shown, error) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise LocalizeError(f"{shown}: is a directory; name a file to write")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        try:
            with open(target, "wb") as stream:
                digest = _write_all(stream, data)
        except OSError as error:
            raise _error(shown, error) from None
        return digest
    try:
        import tempfile  # with the random module it loads: a run that writes nothing needs neither

        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise _error(shown, error) from None
    try:
        with os.fdopen(handle, "wb") as temp:
            digest = _write_all(temp, data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, existing.st_mode & 0o777 if existing else mode)
        # As late as possible: what someone saved after this check and before the rename is
        # the one window left, a few system calls wide.
        if unchanged_since is not None and changed_since(unchanged_since):
            Path(temp_name).unlink(missing_ok=True)
            raise FileChanged(
                f"{shown}: changed on disk while localize was working on it (saved in an "
                "editor?); it was left as it is"
            )
        os.replace(temp_name, target)
        return digest
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise _error(shown, error) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


# atomic_write's temporary files: "." + the target's name + mkstemp's 8 characters + ".tmp".
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
STALE_AFTER_S = 600.0  # a run that is still writing one renames it within seconds


def sweep_stale_temp_files(directory: Path) -> list[Path]:
    """Remove the temporary files a killed run left below ``directory`` (a SIGKILL gives
    atomic_write no chance to clean up); only names of our own pattern, and only old ones.
    Call it while holding the directory's lock, so that no run of ours is writing there."""
    removed = []
    cutoff = time.time() - STALE_AFTER_S
    for root, _dirs, files in os.walk(directory):
        for name in files:
            if not _TEMP_NAME.fullmatch(name):
                continue
            path = Path(root) / name
            try:
                if path.lstat().st_mtime < cutoff and stat.S_ISREG(path.lstat().st_mode):
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue  # not ours to fight over: the next run tries again
    return removed


def refuse_special_file(path: Path, what: str) -> None:
    """Refuse a FIFO, socket or device in place of a file localize reads: opening a FIFO that
    nobody writes to blocks forever, and a device never ends."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # the read that follows reports a missing or unreadable file in its own words
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise LocalizeError(
            f"{path.as_posix()}: not a regular file (a pipe, socket or device); pass {what} "
            "as a file, or '-' to read standard input"
            if what == "the article"
            else f"{path.as_posix()}: not a regular file (a pipe, socket or device); put "
            f"{what} there as a file"
        )


def _write_all(stream: BinaryIO, data: bytes | Iterable[bytes]) -> str:
    """Write ``data``; return the SHA-256 (hex) of what was written."""
    digest = hashlib.sha256()
    if isinstance(data, bytes | bytearray):
        stream.write(data)
        digest.update(data)
        return digest.hexdigest()
    for chunk in data:  # a large file written piece by piece, never whole in memory
        stream.write(chunk)
        digest.update(chunk)
    return digest.hexdigest()


def _error(shown: str, error: OSError) -> LocalizeError:
    reason = error.strerror or str(error)
    where = Path(error.filename).as_posix() if error.filename else shown
    return LocalizeError(
        f"{where}: cannot write {shown} ({reason}); make the directory "
        "writable or choose another path (-o, --locales-dir)"
    )
