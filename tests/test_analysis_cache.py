"""lt-proc's answers remembered in .localize/analyses.sqlite (analysis_cache.py): a run whose
words were all read before starts no lt-proc and writes what a run with lt-proc writes; the
store holds exactly what lt-proc printed; a damaged store is made again, a locked one is gone
without; the store keeps at most KEPT_ANSWERS answers."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from localize import analysis_cache, morphology
from localize.analysis_cache import FILE_NAME, AnswerMemo, remembered_analyses, tool_identity
from localize.project import NO_RUN_CACHE_ENV

from conftest import WIRE_ARTICLE, run_cli

CATALOG = Path("locales/es/LC_MESSAGES/story.po")
TRANSLATE = ("translate", "story.txt", "--to", "es", "--engine", "pseudo")
UPDATE = ("update", "story.txt", "--engine", "pseudo")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("localize.catalog._now", lambda: "2026-11-28 12:00+0000")
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    shutil.copy(WIRE_ARTICLE, tmp_path / "story.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _as_a_new_process(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Forget the words read in this process; return the list of the lines each lt-proc run
    is then given."""
    monkeypatch.setattr(morphology, "_READINGS", {})
    monkeypatch.setattr(morphology, "_TRANSLATIONS", {})
    asked: list[list[str]] = []
    real = morphology._run_lt_proc

    def counted(lt_proc: str, flags: list[str], path: str, lines: list[str]) -> list[str]:
        asked.append(list(lines))
        return real(lt_proc, flags, path, lines)

    monkeypatch.setattr(morphology, "_run_lt_proc", counted)
    return asked


def _run(*args: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr


def _edit(old: str, new: str) -> None:
    story = Path("story.txt")
    text = story.read_text(encoding="utf-8")
    assert old in text
    story.write_text(text.replace(old, new, 1), encoding="utf-8")


def _new_project(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root.mkdir()
    shutil.copy(WIRE_ARTICLE, root / "story.txt")
    monkeypatch.chdir(root)
    return root


def test_a_run_whose_words_were_read_before_starts_no_lt_proc(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _as_a_new_process(monkeypatch)
    _run(*TRANSLATE)
    assert asked, "the glossary's Spanish placement read no word: is Apertium installed?"
    store = project / ".localize" / FILE_NAME
    assert store.is_file()

    # Another project with only this store: every sentence translated and checked again (no
    # translation memory), every word already read.
    again = _new_project(project / "again", monkeypatch)
    (again / ".localize").mkdir()
    shutil.copy(store, again / ".localize" / FILE_NAME)
    asked = _as_a_new_process(monkeypatch)
    _run(*TRANSLATE)
    assert asked == []
    remembered = CATALOG.read_bytes()

    # The same run with lt-proc and without the store writes the same bytes.
    _new_project(project / "without", monkeypatch)
    monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
    asked = _as_a_new_process(monkeypatch)
    _run(*TRANSLATE)
    assert asked
    assert CATALOG.read_bytes() == remembered
    assert not Path(".localize", FILE_NAME).exists()

    # A new word is read by lt-proc, and only it (in each dictionary it reaches).
    monkeypatch.delenv(NO_RUN_CACHE_ENV)
    monkeypatch.chdir(again)
    asked = _as_a_new_process(monkeypatch)
    _edit(" said ", " underlined ")
    _run(*UPDATE)
    assert asked and all(len(lines) <= 3 for lines in asked), asked
    assert ["underlined"] in asked


def test_the_store_holds_what_lt_proc_printed(project: Path) -> None:
    _run(*TRANSLATE)
    program = morphology._engine().program("lt-proc")
    assert program is not None
    with sqlite3.connect(project / ".localize" / FILE_NAME) as db:
        rows = db.execute("SELECT tool, line, answer FROM answers").fetchall()
    db.close()
    by_tool: dict[str, list[tuple[str, str]]] = {}
    for tool, line, answer in rows:
        by_tool.setdefault(tool, []).append((line, answer))
    files = {
        name: morphology._apertium_file(name)
        for name in ("eng-spa.automorf.bin", "spa-eng.automorf.bin", "eng-spa.autobil.bin")
    }
    tools = {
        tool_identity(program, ["-b"] if name.endswith("autobil.bin") else [], str(path)): path
        for name, path in files.items()
    }
    assert set(by_tool) == set(tools)
    for tool, pairs in by_tool.items():
        flags = ["-b"] if str(tools[tool]).endswith("autobil.bin") else []
        lines = [line for line, _answer in pairs]
        fresh = morphology._run_lt_proc(program, flags, str(tools[tool]), lines)
        assert fresh == [answer for _line, answer in pairs]


def test_a_damaged_store_is_made_again_and_a_locked_one_gone_without(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(*TRANSLATE)
    expected = CATALOG.read_bytes()

    damaged = _new_project(project / "damaged", monkeypatch)
    store = damaged / ".localize" / FILE_NAME
    store.parent.mkdir()
    store.write_bytes(b"not a database" * 100)
    asked = _as_a_new_process(monkeypatch)
    _run(*TRANSLATE)
    assert asked  # read again by lt-proc
    assert CATALOG.read_bytes() == expected
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] > 0
    db.close()

    locked = _new_project(project / "locked", monkeypatch)
    (locked / ".localize").mkdir()
    shutil.copy(store, locked / ".localize" / FILE_NAME)
    monkeypatch.setattr("localize.cache_file.BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(locked / ".localize" / FILE_NAME)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        asked = _as_a_new_process(monkeypatch)
        _run(*TRANSLATE)
        assert asked  # the store cannot be read: lt-proc reads every word
        assert CATALOG.read_bytes() == expected
    finally:
        holder.rollback()
        holder.close()


def test_the_store_keeps_the_answers_used_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter(range(1, 100))
    monkeypatch.setattr(analysis_cache.time, "time", lambda: float(next(clock)))
    tool = "lt-proc\0dictionary"
    first = AnswerMemo(tmp_path)
    first.remember(tool, {f"w{i}": f"^w{i}/*w{i}$" for i in range(5)})
    first.close()
    monkeypatch.setattr(analysis_cache, "KEPT_ANSWERS", 3)
    second = AnswerMemo(tmp_path)
    assert second.answers(tool, ["w0", "w4"]) == {"w0": "^w0/*w0$", "w4": "^w4/*w4$"}
    second.remember(tool, {"w5": "^w5/*w5$"})
    second.close()
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        kept = {line for (line,) in db.execute("SELECT line FROM answers")}
    db.close()
    assert len(kept) == 3
    assert {"w0", "w4", "w5"} == kept  # w5 written now, w0 and w4 read now


def test_no_store_without_the_run_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
    with remembered_analyses(tmp_path):
        assert not morphology._REMEMBERED
    assert not (tmp_path / FILE_NAME).exists()


def test_answers_are_stored_in_a_folder_made_during_the_run(tmp_path: Path) -> None:
    folder = tmp_path / ".localize"
    memo = AnswerMemo(folder)
    assert memo.answers("tool", ["summit"]) == {}  # no folder yet: nothing to read
    folder.mkdir()
    memo.remember("tool", {"summit": "^summit/summit<n><sg>$"})
    memo.close()
    assert AnswerMemo(folder).answers("tool", ["summit"]) == {"summit": "^summit/summit<n><sg>$"}
