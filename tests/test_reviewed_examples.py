"""The reviewed example catalogs in locales/ are a person's work: no command may change them.

They translate examples/sco-ministers-meeting.txt into Spanish and French, every entry reviewed
(no fuzzy flag). The tests run every command on copies and compare with the committed files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from conftest import EXAMPLES, REPO, msgfmt_check, run_cli

ARTICLE = EXAMPLES / "sco-ministers-meeting.txt"
NAME = ARTICLE.stem
LOCALES = REPO / "locales"
LANGS = ("es", "fr")


def committed(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{NAME}.po"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the article and of the reviewed catalogs, as the current directory."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    shutil.copytree(LOCALES, tmp_path / "locales")
    return tmp_path


def worded(msgid: str) -> bool:
    """A sentence with a lowercase word: one that a translation must change (names, datelines
    and photo credits may stay as they are)."""
    return re.search(r"\b[a-z]{3,}\b", msgid) is not None


def copy_of(lang: str) -> Path:
    return Path("locales") / lang / "LC_MESSAGES" / f"{NAME}.po"


@pytest.mark.parametrize("lang", LANGS)
def test_committed_catalogs_are_complete_reviewed_and_valid(lang: str) -> None:
    msgfmt_check(committed(lang))
    po = polib.pofile(str(committed(lang)))
    assert len(po) >= 18
    assert all(entry.msgstr and not entry.fuzzy for entry in po)
    assert all(entry.msgstr != entry.msgid for entry in po if worded(entry.msgid))


def test_committed_catalogs_pass_check_and_build_a_translated_copy(project: Path) -> None:
    checked = run_cli("check", ARTICLE.name)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    for lang in LANGS:
        built = run_cli("build", ARTICLE.name, "--to", lang, "--threshold", "100", "-o", "-")
        assert built.exit_code == 0, built.stderr
        for entry in polib.pofile(str(committed(lang))):
            assert entry.msgstr in built.stdout
            if worded(entry.msgid):
                assert entry.msgid not in built.stdout


def test_every_command_leaves_the_reviewed_catalogs_byte_identical(project: Path) -> None:
    for args in (
        ("extract", ARTICLE.name),
        ("update", ARTICLE.name, "--no-translate"),
        ("translate", ARTICLE.name, "--to", "es,fr", "--engine", "pseudo"),
        ("translate", ARTICLE.name, "--to", "es,fr", "--engine", "pseudo", "--retranslate-fuzzy"),
        ("compile",),
        ("check", ARTICLE.name),
        ("build", ARTICLE.name, "--to", "fr"),
    ):
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        for lang in LANGS:
            assert copy_of(lang).read_bytes() == committed(lang).read_bytes(), (args, lang)
        assert (Path("locales") / f"{NAME}.pot").read_bytes() == (
            LOCALES / f"{NAME}.pot"
        ).read_bytes(), args


def test_a_corrected_article_keeps_every_reviewed_translation(project: Path) -> None:
    article = Path(ARTICLE.name)
    text = article.read_text(encoding="utf-8")
    edited = "grew by 7.5 percent"
    assert edited in text
    article.write_text(
        text.replace(edited, "grew by 7.8 percent") + "\nThe next meeting is set for 2022.\n",
        encoding="utf-8",
    )
    result = run_cli("translate", ARTICLE.name, "--to", "es,fr", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    for lang in LANGS:
        before = {e.msgid: e for e in polib.pofile(str(committed(lang)))}
        after = {e.msgid: e for e in polib.pofile(str(copy_of(lang))) if not e.obsolete}
        msgfmt_check(copy_of(lang))
        for msgid, reviewed in before.items():
            if edited in msgid:
                continue
            kept = after[msgid]
            assert (kept.msgstr, kept.flags, kept.tcomment) == (
                reviewed.msgstr,
                reviewed.flags,
                reviewed.tcomment,
            )
        [old_msgid] = [m for m in before if edited in m]
        [changed] = [e for e in after.values() if "grew by 7.8 percent" in e.msgid]
        # The person's translation of the old sentence is carried over for review, not lost.
        assert changed.fuzzy and changed.previous_msgid == old_msgid
        assert changed.msgstr == before[old_msgid].msgstr
        [new] = [e for e in after.values() if e.msgid == "The next meeting is set for 2022."]
        assert new.fuzzy and new.msgstr
