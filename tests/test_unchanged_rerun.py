"""A rerun with nothing to do is replayed from the stamp of the run before (app/unchanged.py):
the same summary and the same files as a full run, and any change to what the run depends on
(a reviewer's edit to a catalog, the article, the glossary, the options) is still seen."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import polib
import pytest

from localize.app import unchanged
from localize.glossary import shipped_path
from localize.project import NO_RUN_CACHE_ENV

from conftest import REPO, msgfmt_check, run_cli

ES = Path("locales/es/LC_MESSAGES/story.po")
FR = Path("locales/fr/LC_MESSAGES/story.po")
POT = Path("locales/story.pot")
TRANSLATE = ("translate", "story.txt", "--to", "es,fr", "--engine", "pseudo", "--format", "json")

GLOSSARY = """\
schema: 1
version: "1"
source_language: en
languages: [es, fr]
entries:
  - id: sco
    source: Shanghai Cooperation Organization
    variants: [SCO]
    targets: {es: [Organización de Cooperación de Shanghái, OCS], fr: [Organisation de coopération de Shanghai, OCS]}
    note: test glossary
"""


def _files() -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in (POT, ES, FR)}


def _full_run_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any full run fail, so a passing command must have been replayed."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the run was done in full")

    monkeypatch.setattr("localize.app.translate.update_articles", refuse)


def _count_full_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the full runs from now on (a one-item list, incremented)."""
    from localize.app import translate

    real = translate.update_articles
    count = [0]

    def counted(*args: object, **kwargs: object) -> object:
        count[0] += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(translate, "update_articles", counted)
    return count


def test_a_rerun_on_unchanged_inputs_does_no_work_and_says_what_a_full_run_says(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli(*TRANSLATE).exit_code == 0
    assert (workdir / ".localize" / unchanged.STAMP_FILE).is_file()
    written = _files()
    monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
    full = run_cli(*TRANSLATE)
    full_text = run_cli(*TRANSLATE[:-2])
    assert _files() == written
    monkeypatch.delenv(NO_RUN_CACHE_ENV)
    with monkeypatch.context() as patched:
        _full_run_forbidden(patched)
        replayed = run_cli(*TRANSLATE)
        replayed_text = run_cli(*TRANSLATE[:-2])
    assert (replayed.exit_code, replayed.stdout) == (full.exit_code, full.stdout)
    assert (replayed_text.stdout, replayed_text.stderr) == (full_text.stdout, full_text.stderr)
    summary = json.loads(replayed.stdout)["locales"]["es"]
    assert summary["written"] is False and summary["machine_translated"] == 0
    assert summary["kept"] == len([e for e in polib.pofile(str(ES)) if not e.obsolete])
    assert _files() == written
    # update is stamped on its own (another command, other options).
    update = ("update", "story.txt", "--engine", "pseudo", "--format", "json")
    first_update = run_cli(*update)
    with monkeypatch.context() as patched:
        _full_run_forbidden(patched)
        assert run_cli(*update).stdout == first_update.stdout
    assert _files() == written


def test_a_reviewers_edit_to_the_catalog_is_seen_by_the_next_run(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli(*TRANSLATE).exit_code == 0
    po = polib.pofile(str(ES))
    entry = po[1]
    entry.msgstr = ""  # a reviewer emptied a draft to have it redone
    po[2].msgstr = "Revisado por una persona."
    po[2].flags.remove("fuzzy")
    po.save(str(ES))
    summary = json.loads(run_cli(*TRANSLATE).stdout)["locales"]["es"]
    assert summary["written"] is True
    assert summary["from_cache"] + summary["machine_translated"] == 1
    again = {e.msgid: e for e in polib.pofile(str(ES))}
    assert again[entry.msgid].msgstr
    assert again[po[2].msgid].msgstr == "Revisado por una persona."
    assert "fuzzy" not in again[po[2].msgid].flags
    msgfmt_check(ES)
    # The catalog this run wrote is stamped in turn: the next rerun is replayed.
    with monkeypatch.context() as patched:
        _full_run_forbidden(patched)
        assert run_cli(*TRANSLATE).exit_code == 0


def test_an_edit_saved_with_the_same_size_and_time_is_still_seen(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp compares content, not file times: a save within the same clock tick, of
    the same length, is not taken for the file localize wrote."""
    assert run_cli(*TRANSLATE).exit_code == 0
    before = ES.stat()
    text = ES.read_text(encoding="utf-8")
    first = next(
        e
        for e in polib.pofile(str(ES))
        if e.msgstr and not {'"', "\\"} & set(e.msgstr) and e.msgstr != e.msgstr[::-1]
    )
    changed = text.replace(f'msgstr "{first.msgstr}"', f'msgstr "{first.msgstr[::-1]}"', 1)
    assert changed != text and len(changed) == len(text)
    ES.write_text(changed, encoding="utf-8")
    os.utime(ES, ns=(before.st_atime_ns, before.st_mtime_ns))
    full_runs = _count_full_runs(monkeypatch)
    assert run_cli(*TRANSLATE).exit_code == 0
    assert full_runs == [1]
    # The reversed draft no longer matches its recorded digest: a person's work, kept.
    assert first.msgstr[::-1] in ES.read_text(encoding="utf-8")
    assert run_cli(*TRANSLATE).exit_code == 0
    assert full_runs == [1], "the catalog as that run left it is stamped in turn"


def test_a_changed_glossary_is_seen_even_with_the_same_version(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "story.txt").write_text(
        "The Shanghai Cooperation Organization met in Astana. The SCO adopted a statement.\n",
        encoding="utf-8",
    )
    (workdir / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    assert run_cli(*TRANSLATE).exit_code == 0
    assert "→ Organización de Cooperación de Shanghái" in ES.read_text(encoding="utf-8")
    edited = GLOSSARY.replace("Organización de Cooperación de Shanghái", "Organización de Shanghái")
    (workdir / "glossary.yaml").write_text(edited, encoding="utf-8")
    assert run_cli(*TRANSLATE).exit_code == 0
    # The reviewers' glossary notes follow the glossary; the drafts' provenance stays as made.
    notes = [
        line
        for line in ES.read_text(encoding="utf-8").splitlines()
        if line.startswith("#. glossary:")
    ]
    assert notes and all("→ Organización de Shanghái" in line for line in notes[:1])
    assert not any("Cooperación" in line for line in notes)
    msgfmt_check(ES)


def test_a_changed_article_or_option_is_a_full_run(workdir: Path) -> None:
    assert run_cli(*TRANSLATE).exit_code == 0
    story = workdir / "story.txt"
    story.write_text(story.read_text(encoding="utf-8") + "\nA sentence added later.\n")
    summary = json.loads(run_cli(*TRANSLATE).stdout)["locales"]["es"]
    assert summary["new"] == 1 and summary["machine_translated"] == 1
    # Another language set, another command line: not the stamped run.
    only_es = json.loads(run_cli(*TRANSLATE[:3], "es", *TRANSLATE[4:]).stdout)
    assert list(only_es["locales"]) == ["es"]
    # A removed catalog is created again, not taken for the stamped one.
    FR.unlink()
    summary = json.loads(run_cli(*TRANSLATE).stdout)["locales"]["fr"]
    assert summary["created"] is True and FR.is_file()


def test_a_language_left_for_translators_is_never_replayed(workdir: Path) -> None:
    """No engine here serves zh (pseudo serves every pair, so use apertium's missing pair):
    each rerun looks again, since an engine may have been installed since."""
    args = ("translate", "story.txt", "--to", "zh", "--engine", "apertium", "--format", "json")
    first = run_cli(*args)
    assert first.exit_code == 3
    assert run_cli(*args).exit_code == 3


def test_the_stamp_reads_the_shipped_glossary_the_glossary_module_loads() -> None:
    assert unchanged._shipped_glossary() == shipped_path()
    assert shipped_path().is_file()


def test_a_damaged_stamp_file_means_a_full_run(workdir: Path) -> None:
    assert run_cli(*TRANSLATE).exit_code == 0
    stamp = workdir / ".localize" / unchanged.STAMP_FILE
    stamp.write_text("{not json", encoding="utf-8")
    written = _files()
    result = run_cli(*TRANSLATE)
    assert result.exit_code == 0 and _files() == written
    assert json.loads(stamp.read_text(encoding="utf-8"))["schema"] == unchanged.SCHEMA


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    shutil.copy(REPO / "examples" / "sco-ministers-meeting.txt", tmp_path / "story.txt")
    return tmp_path


def _without_dates(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:'))
    ]


def test_catalogs_are_the_same_with_and_without_the_caches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same edits (article, glossary, a reviewer's) in two projects, one with the caches
    of .localize/ and one without: the catalogs written are the same, line for line."""
    article = (REPO / "examples" / "sco-ministers-meeting.txt").read_text(encoding="utf-8")
    for name, cached in (("cached", True), ("full", False)):
        folder = tmp_path / name
        folder.mkdir()
        monkeypatch.chdir(folder)
        if cached:
            monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
        else:
            monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
        (folder / "story.txt").write_text(article, encoding="utf-8")
        (folder / "glossary.yaml").write_text(shipped_path().read_text(encoding="utf-8"))
        assert run_cli(*TRANSLATE).exit_code == 0
        assert run_cli(*TRANSLATE).exit_code == 0
        (folder / "story.txt").write_text(article.replace("SCO", "the SCO", 1), encoding="utf-8")
        assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
        po = polib.pofile(str(ES))
        po[0].msgstr = "Revisado."
        po[0].flags = []
        po.save(str(ES))
        assert run_cli(*TRANSLATE).exit_code == 0
        glossary = (folder / "glossary.yaml").read_text(encoding="utf-8")
        (folder / "glossary.yaml").write_text(glossary.replace("OCS", "O.C.S."))
        assert run_cli("update", "story.txt", "--engine", "pseudo").exit_code == 0
        assert (folder / ".localize" / "glossary-notes.sqlite").exists() is cached
    for path in (POT, ES, FR):
        assert _without_dates(tmp_path / "cached" / path) == _without_dates(
            tmp_path / "full" / path
        )
    assert "O.C.S." in (tmp_path / "cached" / ES).read_text(encoding="utf-8")
    msgfmt_check(tmp_path / "cached" / ES)


def test_an_edited_module_of_localize_is_a_full_run(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a checkout, results of the code before an edit are never replayed."""
    assert run_cli(*TRANSLATE).exit_code == 0
    full_runs = _count_full_runs(monkeypatch)
    assert run_cli(*TRANSLATE).exit_code == 0
    assert full_runs == [0]
    monkeypatch.setattr(unchanged, "code_stamp", lambda: "the code after an edit")
    assert run_cli(*TRANSLATE).exit_code == 0
    assert full_runs == [1]
