"""Runs that are interrupted or overlap never leave a broken or half-written catalog."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from localize.lock import locked

from conftest import EXAMPLES, msgfmt_check, run_cli

LANGS = ["es", "fr", "de", "ru"]
# The whole command in its own process: these tests kill it, interrupt it, or run two at once.
TRANSLATE = [
    sys.executable, "-m", "localize", "translate", "story.txt",
    "--to", ",".join(LANGS), "--engine", "pseudo",
]  # fmt: skip


def long_article(version: int) -> str:
    """Version 2 adds 600 distinct sentences: enough work that a kill lands mid-run."""
    base = (EXAMPLES / "sco-ministers-meeting.txt").read_text(encoding="utf-8")
    if version == 1:
        return base
    added = (
        f"Delegation {i} met counterparts from {i % 7 + 2} countries on day {i}."
        for i in range(600)
    )
    return base + "\n" + "\n\n".join(added) + "\n"


def catalogs(root: Path) -> dict[str, bytes]:
    return {lang: (root / f"locales/{lang}/LC_MESSAGES/story.po").read_bytes() for lang in LANGS}


def start(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        TRANSLATE,
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def project_v1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Catalogs of version 1 of a long article, then the article edited to version 2."""
    root = tmp_path_factory.mktemp("v1")
    (root / "story.txt").write_text(long_article(1), encoding="utf-8")
    done = subprocess.run(
        TRANSLATE,
        cwd=root,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    (root / "story.txt").write_text(long_article(2), encoding="utf-8")
    return root


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_killed_runs_leave_old_or_new_catalogs(
    project_v1: Path, tmp_path: Path, how: signal.Signals
) -> None:
    old = catalogs(project_v1)
    reference = tmp_path / "reference"
    shutil.copytree(project_v1, reference)
    began = time.monotonic()
    assert start(reference).wait() == 0
    duration = time.monotonic() - began
    new = catalogs(reference)
    assert all(new[lang] != old[lang] for lang in LANGS)

    outcomes: set[str] = set()
    # The reference run's duration is a guess under a loaded machine: when every kill came
    # after the run had finished, the same kills are tried again earlier.
    fractions = [0.4, 0.6, 0.8, 0.95]
    for attempt in range(3):
        for fraction in fractions:
            _kill_and_check(
                project_v1,
                tmp_path / f"run-{attempt}-{fraction}",
                how,
                duration * fraction,
                old,
                new,
                outcomes,
            )
        if "old" in outcomes:
            break
        fractions = [f / 2 for f in fractions]
    assert "old" in outcomes  # the kills did land while work remained


def _kill_and_check(
    project_v1: Path,
    run_dir: Path,
    how: signal.Signals,
    after: float,
    old: dict[str, bytes],
    new: dict[str, bytes],
    outcomes: set[str],
) -> None:
    """One run killed ``after`` seconds in: each catalog is the old one or the complete new one."""
    shutil.copytree(project_v1, run_dir)
    process = start(run_dir)
    time.sleep(after)
    process.send_signal(how)
    code = process.wait()
    for lang, data in catalogs(run_dir).items():
        path = run_dir / f"locales/{lang}/LC_MESSAGES/story.po"
        msgfmt_check(path)
        # Either the catalog as it was, or a complete new one (dates may differ).
        if data == old[lang]:
            outcomes.add("old")
            continue
        entries = [(e.msgid, e.msgstr) for e in polib.pofile(data.decode()) if not e.obsolete]
        expected = [(e.msgid, e.msgstr) for e in polib.pofile(new[lang].decode()) if not e.obsolete]
        assert entries == expected, (after, lang)
        outcomes.add("new")
    if how == signal.SIGINT and code != 0:
        # 130 once localize handles it; killed by the signal while Python is starting up.
        assert code in (130, -signal.SIGINT)


def test_an_interrupted_run_resumes_from_the_memory(project_v1: Path, tmp_path: Path) -> None:
    """Work the engine finished before the interrupt is not sent to it again."""
    import json
    import sqlite3

    run_dir = tmp_path / "run"
    shutil.copytree(project_v1, run_dir)
    memory = run_dir / ".localize" / "memory.sqlite"

    def german_rows() -> int:
        try:
            with sqlite3.connect(f"file:{memory}?mode=ro", uri=True) as db:
                return db.execute("SELECT count(*) FROM machine WHERE tgt_lang = 'de'").fetchone()[
                    0
                ]
        except sqlite3.Error:
            return 0  # not created yet

    before = german_rows()  # version 1's sentences
    process = start(run_dir)
    deadline = time.monotonic() + 60
    while german_rows() == before and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)  # German is under way: some of it is in the memory
    process.wait()
    stored = german_rows() - before
    assert 0 < stored < 600, "the interrupt should land while German is being translated"
    done = subprocess.run(
        [*TRANSLATE, "--format", "json"],
        cwd=run_dir,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)["locales"]
    assert summary["es"]["machine_translated"] == 0 and summary["fr"]["machine_translated"] == 0
    # The resumed run takes what the interrupted one stored from the machine-translation
    # cache, not from reviewed memory: nobody reviewed anything.
    assert summary["de"]["from_cache"] == stored and summary["de"]["from_memory"] == 0
    assert summary["de"]["machine_translated"] == 600 - stored


def test_second_run_says_who_holds_the_lock(workdir: Path) -> None:
    with locked(Path("locales")):
        result = run_cli("update", "story.txt", "--no-translate", "--to", "es")
    assert result.exit_code == 2
    assert f"pid {os.getpid()}" in result.stderr and "wait for it" in result.stderr


def test_lock_is_released_when_the_holder_dies(workdir: Path) -> None:
    Path("locales").mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import time; from pathlib import Path; from localize.lock import locked\n"
                "with locked(Path('locales')):\n    print('held', flush=True); time.sleep(60)"
            ),
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout.readline().strip() == b"held"
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 2
    holder.kill()
    holder.wait()
    result = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr


def test_force_backs_up_reviewed_work_first(workdir: Path) -> None:
    run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    path = Path("locales/es/LC_MESSAGES/story.po")
    po = polib.pofile(str(path))
    po[0].msgstr, po[0].flags = "Revisado por Ana", []
    po.save(str(path))
    reviewed = path.read_bytes()
    assert (
        run_cli(
            "translate", "story.txt", "--to", "es", "--engine", "pseudo", "--retranslate-fuzzy"
        ).exit_code
        == 0
    )
    assert polib.pofile(str(path))[0].msgstr == "Revisado por Ana"
    result = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo", "--force")
    assert result.exit_code == 0, result.stderr
    backups = list(path.parent.glob("story.po.*.bak"))
    assert len(backups) == 1
    assert polib.pofile(str(backups[0]))[0].msgstr == "Revisado por Ana"
    assert polib.pofile(str(path))[0].msgstr != "Revisado por Ana"
    assert "fuzzy" in polib.pofile(str(path))[0].flags
    assert reviewed != path.read_bytes()


def test_other_charset_needs_to_utf8(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "fr")
    path = Path("locales/fr/LC_MESSAGES/story.po")
    po = polib.pofile(str(path))
    for entry in po:
        entry.comment = ""  # the glossary notes use characters latin-1 lacks
    po[0].msgstr = "Les ministres de l'OCS s'engagent à coopérer étroitement"
    po.metadata["Content-Type"] = "text/plain; charset=ISO-8859-1"
    po.encoding = "iso-8859-1"
    po.save(str(path))
    assert "à".encode("iso-8859-1") in path.read_bytes()
    before = path.read_bytes()
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 2 and "--to-utf8" in result.stderr
    assert path.read_bytes() == before
    assert run_cli("update", "story.txt", "--no-translate", "--to-utf8").exit_code == 0
    converted = polib.pofile(str(path))
    assert converted.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert converted[0].msgstr == "Les ministres de l'OCS s'engagent à coopérer étroitement"
    msgfmt_check(path)


def test_working_files_stay_out_of_locales_and_out_of_git(workdir: Path) -> None:
    subprocess.run(["git", "init", "-q"], check=True)
    Path("locales").mkdir()
    (Path("locales") / ".localize.lock").write_text("pid 1 (an older localize)\n")
    result = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    in_locales = sorted(str(p) for p in Path("locales").rglob("*") if p.is_file())
    assert in_locales == ["locales/es/LC_MESSAGES/story.po", "locales/story.pot"]
    assert Path(".localize/locales.lock").is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert not [line for line in status if line.startswith(".localize")], status
    assert "locales/es/LC_MESSAGES/story.po" in status
