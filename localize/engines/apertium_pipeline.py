"""Apertium's translation pipeline kept running for a whole ``localize`` run.

The ``apertium`` command starts about fifteen processes (a shell, the format filters, the ten
programs of the mode) and loads every dictionary on each call: 0.3-0.4 s of CPU before the first
word. Glossary enforcement calls the engine up to three times per batch (the first pass, term
renderings, the masked pass), so on a long article those start-ups were a large part of what
enforcement cost (issue 19). Apertium's programs have a null-flush mode (``-z``): each finishes
what it has read at a NUL character, writes it, and waits for more (the mode
``apertium-wblank-mode -z`` writes, which apertium-apy serves translations from). Here the
programs of the mode that keep no state from one text to the next run that way, started once
per translator, and each request is one NUL-terminated text.

Not every program forgets: ``apertium-tagger -z`` carries its state over the NUL, so a text
tagged after another came out differently («Chinese» read as a noun, not an adjective) from
the same text in a fresh process. So only the programs in ``_STATELESS`` (each checked to give
byte for byte what the ``apertium`` command gives, whatever was translated before) stay
running; any other stage, the tagger among them, runs once per request as the command runs it
(it loads in a few milliseconds), and so do the txt deformatter and reformatter.

Anything unexpected (a program missing, a pipeline exiting or stalling, a NUL in the text)
makes ``translate`` return ``None``; the caller then runs the ``apertium`` command as before, so
the pipeline only ever changes the speed.
"""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import shlex
import shutil
import signal
import subprocess
import threading
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

# Programs whose output for a text does not depend on what they read before it in null-flush
# mode (tests/test_engine_apertium.py translates the same texts after others and compares).
_STATELESS = frozenset(
    {
        "lt-proc",
        "lrx-proc",
        "apertium-pretransfer",
        "apertium-transfer",
        "apertium-interchunk",
        "apertium-postchunk",
        "apertium-wblank-attach",
        "apertium-wblank-detach",
    }
)
# The apertium command's own choice (its locale_utf8): the first UTF-8 locale installed.
_UTF8_LOCALE = re.compile(r"utf[.-]*8", re.IGNORECASE)
# A request stalls when no output byte came for this long (a full 2,000-sentence batch takes
# a few seconds; a stalled pipeline is ended and the request goes to the apertium command).
_STALL_SECONDS = 120.0


@dataclass
class _Segment:
    """Consecutive stages of the mode: a running null-flush pipeline, or one process per
    request."""

    command: str
    running: bool
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)


class NullFlushPipeline:
    """The mode ``mode_file``'s programs, the stateless ones kept running; started on the
    first request."""

    def __init__(
        self, mode_file: Path, generation_option: str, search_path: str | None = None
    ) -> None:
        """``generation_option``: ``-n`` for the unmarked output of ``apertium -u``;
        ``search_path``: where the engine looks for Apertium's programs (None: ``$PATH``)."""
        self.mode_file = mode_file
        self.generation_option = generation_option
        self.search_path = search_path
        self._segments: list[_Segment] | None = None
        self._environment: dict[str, str] | None = None
        self._broken = False
        self._finalizer: weakref.finalize | None = None
        # The last request's text and what the mode's analyser gave for it (``analysis``).
        self._analysed: tuple[str, bytes] | None = None
        # ``start_soon``'s thread, and the lock that makes a request wait for the start it began.
        self._starter: threading.Thread | None = None
        self._starting = threading.Lock()

    def start_soon(self) -> None:
        """Start the running programs now, in a thread, rather than on the first request: they
        load their dictionaries while the caller goes on. The first request waits for the
        start (and starts nothing more); a start that fails leaves the pipeline broken, as it
        would have on that request."""
        with self._starting:
            if self._starter is not None or self._segments is not None or self._broken:
                return
            self._starter = threading.Thread(target=self._started, daemon=True)
        self._starter.start()

    def translate(self, text: str) -> str | None:
        """What ``apertium -u -f txt MODE`` prints for ``text``; None when the pipeline cannot
        give it (the caller then runs the command)."""
        self._analysed = None
        if self._broken or "\0" in text:
            return None
        segments = self._started()
        if segments is None or self._txt_filters is None:
            return None
        deformat, reformat = self._txt_filters
        stream = _filter([deformat], text.encode("utf-8"))
        if stream is None or b"\0" in stream:
            return None
        for number, segment in enumerate(segments):
            if segment.running:
                assert segment.process is not None
                stream = exchange(segment.process, stream)
            else:
                stream = self._once(segment.command, stream)
            if stream is None:
                self._fail()
                return None
            if number == 0 and self._analyser is not None:
                self._analysed = (text, stream)
        done = _filter([reformat], stream)
        return None if done is None else done.decode("utf-8", errors="replace")

    def analysis(self, text: str, deformatter: list[str], analyser: list[str]) -> str | None:
        """What ``DEFORMATTER | ANALYSER`` prints for ``text`` (``analyser``: lt-proc's path and
        its arguments), when the last request was ``text``, its deformatter ``deformatter``, and
        the mode's first running programs that analyser (``lt-proc -z`` with the same
        arguments, then at most ``apertium-wblank-attach``, which leaves apertium-destxt's
        stream as it is: it acts on ``[[...]]`` blanks, which apertium-destxt never writes);
        else None. The words Apertium does not know are read from it rather than by starting
        the analyser again for the same text. ``deformatter`` and ``analyser``: argument lists."""
        if self._analysed is None or self._analysed[0] != text:
            return None
        if self._txt_filters is None or [self._txt_filters[0]] != deformatter:
            return None
        if self._analyser != tuple(analyser):
            return None
        return self._analysed[1].decode("utf-8", errors="replace")

    @cached_property
    def _analyser(self) -> tuple[str, ...] | None:
        """The analyser the first running segment is (lt-proc's path, then its arguments
        without ``-z``), or None."""
        if not self._segments or not self._segments[0].running or self._environment is None:
            return None
        try:
            stages = [shlex.split(stage) for stage in self._segments[0].command.split("|")]
        except ValueError:
            return None
        first, *rest = stages
        if any(stage != ["apertium-wblank-attach"] for stage in rest) or not first:
            return None
        program = shutil.which(first[0], path=self._environment.get("PATH"))
        if program is None or Path(program).name != "lt-proc" or "-z" not in first:
            return None
        return (program, *[word for word in first[1:] if word != "-z"])

    def close(self) -> None:
        """End the running programs (closing its input ends every program of a pipe in turn)."""
        if self._starter is not None and self._starter is not threading.current_thread():
            self._starter.join()
        if self._finalizer is not None:
            self._finalizer()
        self._segments = None

    # -- the running segments --------------------------------------------------------------------
    @cached_property
    def _txt_filters(self) -> tuple[str, str] | None:
        """``apertium-destxt`` and ``apertium-retxt`` on the search path, looked up once (a
        request is one sentence: a lookup per request searched the path thousands of times)."""
        deformat = shutil.which("apertium-destxt", path=self.search_path)
        reformat = shutil.which("apertium-retxt", path=self.search_path)
        return None if deformat is None or reformat is None else (deformat, reformat)

    def _started(self) -> list[_Segment] | None:
        with self._starting:
            return self._start_once()

    def _start_once(self) -> list[_Segment] | None:
        if self._broken:
            return None
        if self._segments is not None:
            if all(s.process is None or s.process.poll() is None for s in self._segments):
                return self._segments
            self._fail()  # a program exited between requests: do not start it again
            return None
        wblank = shutil.which("apertium-wblank-mode", path=self.search_path)
        readable = wblank is not None and self.mode_file.is_file()
        # The three programs that say how to start the others run at once: one after the other,
        # each waited for, they delayed the start by tens of milliseconds while the caller's
        # thread kept the interpreter busy.
        locales, flushing, plain = _outputs(
            [
                None if os.environ.get("AP_SETVAR") else ["locale", "-a"],
                [str(wblank), "-z", str(self.mode_file)] if readable else None,
                [str(wblank), str(self.mode_file)] if readable else None,
            ]
        )
        self._environment = _environment(self.search_path, locales)
        segments = _segments(flushing, plain)
        if segments is None or self._environment is None:
            self._broken = True
            return None
        try:
            for segment in segments:
                if segment.running:
                    segment.process = self._popen(segment.command)
        except OSError:
            _end([s.process for s in segments if s.process is not None], force=True)
            self._broken = True
            return None
        self._segments = segments
        processes = [s.process for s in segments if s.process is not None]
        self._finalizer = weakref.finalize(self, _end, processes, force=False)
        return segments

    def _popen(self, command: str) -> subprocess.Popen[bytes]:
        # A session of its own, so that ending it reaches every program of the pipe. The shell
        # outlives a SIGTERM sent to the session (``_end``): it waits for its programs, so that
        # they are reaped, and their CPU time counted, by a process of this run.
        return subprocess.Popen(
            ["bash", "-c", f"trap : TERM; {command}", "bash", self.generation_option, ""],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self._environment,
            start_new_session=True,
        )

    def _once(self, command: str, stream: bytes) -> bytes | None:
        return _filter(
            ["bash", "-c", command, "bash", self.generation_option, ""], stream, self._environment
        )

    def _fail(self) -> None:
        """Stop using the pipeline. Its programs are killed first, so that a writer blocked on a
        full pipe is released before the pipe is closed."""
        self._broken = True
        if self._segments is not None:
            _end([s.process for s in self._segments if s.process is not None], force=True)
        self.close()


def exchange(process: subprocess.Popen[bytes], stream: bytes) -> bytes | None:
    """Write ``stream`` and a NUL, read up to the NUL that comes back. The writing runs in a
    thread: a large request fills the pipe buffers of every program before the first
    output is read."""
    assert process.stdin is not None and process.stdout is not None
    failed: list[OSError] = []

    def write() -> None:
        try:
            assert process.stdin is not None
            process.stdin.write(stream + b"\0")
            process.stdin.flush()
        except OSError as exc:
            failed.append(exc)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while selector.select(_STALL_SECONDS):
            chunk = os.read(process.stdout.fileno(), 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            if chunk.endswith(b"\0"):
                writer.join()
                output = b"".join(chunks)
                if failed or output.count(b"\0") != 1:
                    break
                return output[:-1]
    return None


class RunningFilter:
    """One stateless program in null-flush mode (``lt-proc -z DICTIONARY``) kept running, started
    on the first request; None from ``run`` when it cannot answer (the caller then runs the
    program once, as before)."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self._process: subprocess.Popen[bytes] | None = None
        self._broken = False
        self._finalizer: weakref.finalize | None = None

    def start(self) -> None:
        """Start the program now rather than on the first request: it loads its dictionary
        while the caller goes on."""
        if self._process is not None or self._broken:
            return
        try:
            self._process = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            self._broken = True
            return
        self._finalizer = weakref.finalize(self, _end, [self._process], force=False)

    def run(self, data: bytes) -> bytes | None:
        if self._broken or b"\0" in data:
            return None
        self.start()
        if self._process is None:
            return None
        output = exchange(self._process, data) if self._process.poll() is None else None
        if output is None:
            self._broken = True
            _end([self._process], force=True)
        return output

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()


def _end(processes: list[subprocess.Popen[bytes]], *, force: bool) -> None:
    """End each running pipe and wait for it: kill its session when ``force`` or when it does
    not exit; else, with no request under way (every answer was read), send it SIGTERM. Closing
    the input alone made each program free its dictionaries before exiting, one after the other
    down the pipe: 0.07-0.09 s and 0.05-0.1 s of CPU for a translation pipeline, paid by every
    run that starts one, the update after a one-sentence edit among them."""
    # Every pipe is told first and then waited for, so that they end at the same time rather
    # than one after the other.
    running = [process for process in processes if process.poll() is None]
    for process in running:
        if force:
            _kill(process)
        else:
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGTERM)
        try:
            if process.stdin is not None:
                process.stdin.close()
        except OSError:
            pass
    for process in running:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            _kill(process)
            process.wait()
    for process in processes:
        if process.stdout is not None:
            process.stdout.close()


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)


def _segments(flushing: bytes | None, plain: bytes | None) -> list[_Segment] | None:
    """The mode's stages as the apertium command builds them (``apertium-wblank-mode -z
    MODE`` printed ``flushing``, without ``-z`` ``plain``), the stateless ones in null-flush
    mode grouped into running pipes, the others on their own as the command runs them; None
    when the mode cannot be read that way."""
    if not flushing or not plain:
        return None
    flushing_stages = flushing.decode("utf-8", errors="replace").strip().split("|")
    plain_stages = plain.decode("utf-8", errors="replace").strip().split("|")
    if len(flushing_stages) != len(plain_stages):
        return None
    segments: list[_Segment] = []
    for flushing_stage, plain_stage in zip(flushing_stages, plain_stages, strict=True):
        try:
            words = shlex.split(plain_stage)
        except ValueError:  # a "|" inside quotes: not a stage boundary
            return None
        if not words:
            return None
        running = Path(words[0]).name in _STATELESS
        command = (flushing_stage if running else plain_stage).strip()
        if segments and segments[-1].running and running:
            segments[-1].command += f" | {command}"
        else:
            segments.append(_Segment(command, running))
    return segments


def _environment(search_path: str | None, locales: bytes | None) -> dict[str, str] | None:
    """The apertium command's environment for its programs: ``APERTIUM_PATH`` first on the
    path, then the engine's ``search_path``, and the first UTF-8 locale of ``locales`` (what
    ``locale -a`` printed) as LC_CTYPE; None without a UTF-8 locale."""
    environment = dict(os.environ)
    if environment.get("AP_SETVAR"):  # the command wraps the stream for it; leave that to it
        return None
    if locales is None:
        return None
    names = locales.decode(errors="replace").split()
    utf8 = [name for name in names if _UTF8_LOCALE.search(name)]
    if not utf8:
        return None
    environment["LC_CTYPE"] = utf8[0]
    extra = environment.get("APERTIUM_PATH", "")
    programs = f"{search_path}:" if search_path else ""
    environment["PATH"] = f"{extra}:{programs}{environment.get('PATH', '')}"
    return environment


def _outputs(commands: list[list[str] | None]) -> list[bytes | None]:
    """Each one-shot program's output, the programs started together and then waited for;
    None for one that cannot run or fails, and where there is no command."""
    started: list[subprocess.Popen[bytes] | None] = []
    for argv in commands:
        try:
            process = (
                None
                if argv is None
                else subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            )
        except OSError:
            process = None
        started.append(process)
    outputs: list[bytes | None] = []
    try:
        for process in started:
            if process is None:
                outputs.append(None)
                continue
            try:
                output, _ = process.communicate(timeout=600)
            except subprocess.SubprocessError:
                process.kill()
                process.communicate()
                output = None
            outputs.append(output if process.returncode == 0 else None)
    finally:  # interrupted (Ctrl-C): the others are not left for another process to reap
        for process in started:
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    return outputs


def _filter(
    argv: list[str], data: bytes, environment: dict[str, str] | None = None
) -> bytes | None:
    """A one-shot program's output; None when it cannot run or fails."""
    try:
        done = subprocess.run(
            argv, input=data, capture_output=True, check=False, timeout=600, env=environment
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
