"""A catalog reads the glossary column of its written language (languages.written_language):
a zh_TW catalog the zh_Hant one, an sr@latin or sr_Latn catalog the sr_Latn one. An
independent tester found them reading their base language's column, so an sr_Latn draft got
Cyrillic самит, a zh_TW draft Simplified 峰会, and check refused a correct Traditional 峰會. A
glossary without the column gives such a catalog no terminology, with a warning, never the
other script's renderings."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from conftest import run_cli, story_in

SENTENCE = "The summit opened in Beijing."
BOTH_SCRIPTS = (
    "schema: 1\n"
    'version: "s1"\n'
    "source_language: en\n"
    "languages: [zh, zh_Hant, sr, sr_Latn]\n"
    "entries:\n"
    "  - id: summit\n"
    "    source: summit\n"
    "    kind: event\n"
    "    targets:\n"
    "      zh: 峰会\n"
    "      zh_Hant: 峰會\n"
    "      sr: самит\n"
    "      sr_Latn: samit\n"
    "    note: A meeting of leaders.\n"
    "  - id: beijing\n"
    "    source: Beijing\n"
    "    kind: place\n"
    "    targets:\n"
    "      zh: 北京\n"
    "      zh_Hant: 北京\n"
    "      sr: Пекинг\n"
    "      sr_Latn: Peking\n"
    "    note: The capital.\n"
)
SIMPLIFIED_ONLY = (
    "schema: 1\n"
    'version: "s2"\n'
    "source_language: en\n"
    "languages: [zh]\n"
    "entries:\n"
    "  - id: summit\n"
    "    source: summit\n"
    "    kind: event\n"
    "    targets:\n"
    "      zh: 峰会\n"
    "    note: A meeting of leaders.\n"
)


def _story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, glossary: str) -> Path:
    story = story_in(tmp_path, monkeypatch, SENTENCE + "\n")
    (tmp_path / "glossary.yaml").write_text(glossary, encoding="utf-8")
    return story


def _draft(folder: str) -> str:
    return polib.pofile(f"locales/{folder}/LC_MESSAGES/story.po").find(SENTENCE).msgstr


def _set_translation(folder: str, text: str) -> None:
    """What a reviewer writes into the catalog: ``text``, no longer a draft."""
    path = f"locales/{folder}/LC_MESSAGES/story.po"
    catalog = polib.pofile(path)
    entry = catalog.find(SENTENCE)
    entry.msgstr = text
    entry.flags = []
    catalog.save(path)


def test_each_script_gets_its_own_renderings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = _story(tmp_path, monkeypatch, BOTH_SCRIPTS)
    # One run drafts both scripts with the same engine pair (zh, sr): neither takes the
    # other's cached draft.
    result = run_cli("translate", story, "--to", "zh_TW,zh_CN,sr_Latn,sr", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert "峰會" in _draft("zh_Hant_TW") and "峰会" not in _draft("zh_Hant_TW")
    assert "峰会" in _draft("zh_Hans_CN") and "峰會" not in _draft("zh_Hans_CN")
    assert "samit" in _draft("sr_Latn") and "Peking" in _draft("sr_Latn")
    assert "самит" not in _draft("sr_Latn")
    assert "самит" in _draft("sr") and "Пекинг" in _draft("sr")
    assert "warning:" not in result.stderr


def test_check_accepts_a_correct_traditional_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = _story(tmp_path, monkeypatch, BOTH_SCRIPTS)
    assert run_cli("init", story, "--to", "zh_TW").exit_code == 0
    _set_translation("zh_Hant_TW", "峰會在北京開幕。")
    correct = run_cli("check", story, "--to", "zh_TW")
    assert correct.exit_code == 0, correct.stdout
    assert "glossary-missing" not in correct.stdout
    built = run_cli("build", story, "--to", "zh_TW", "--check")
    assert built.exit_code == 0, built.stderr
    assert Path("story.zh_Hant_TW.txt").read_text(encoding="utf-8") == "峰會在北京開幕。\n"
    # The Simplified rendering is not the Traditional catalog's.
    _set_translation("zh_Hant_TW", "峰会在北京開幕。")
    wrong = run_cli("check", story, "--to", "zh_TW")
    assert wrong.exit_code == 1
    assert "glossary-missing: 'summit' should be rendered as 峰會 (glossary summit)" in wrong.stdout


def test_an_sr_at_latin_catalog_reads_the_latin_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gettext's folder name for Latin Serbian (sr@latin) is written in sr_Latn."""
    story = _story(tmp_path, monkeypatch, BOTH_SCRIPTS)
    assert run_cli("translate", story, "--to", "sr_Latn", "--engine", "pseudo").exit_code == 0
    Path("locales/sr_Latn").rename("locales/sr@latin")
    path = "locales/sr@latin/LC_MESSAGES/story.po"
    catalog = polib.pofile(path)
    catalog.metadata["Language"] = "sr@latin"
    catalog.save(path)
    _set_translation("sr@latin", "Samit je otvoren u gradu Peking.")
    correct = run_cli("check", story)
    assert "glossary-" not in correct.stdout, correct.stdout
    _set_translation("sr@latin", "Самит je otvoren u gradu Peking.")
    wrong = run_cli("check", story)
    assert f"{path}:" in wrong.stdout
    assert "'summit' should be rendered as samit (glossary summit)" in wrong.stdout


def test_a_glossary_without_the_script_gives_none_of_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = _story(tmp_path, monkeypatch, SIMPLIFIED_ONLY)
    result = run_cli("translate", story, "--to", "zh_TW,zh", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert "峰会" not in _draft("zh_Hant_TW")
    assert "峰会" in _draft("zh")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: glossary.yaml has no zh_Hant (the written language of zh_Hant_TW) renderings "
        "(its languages: zh): zh_Hant_TW gets no terminology; add zh_Hant to its languages and "
        "entries, or choose another glossary with --glossary"
    ]
    # Nor does check ask a Traditional copy for the Simplified rendering.
    _set_translation("zh_Hant_TW", "峰會開幕。")
    checked = run_cli("check", story, "--to", "zh_TW")
    assert checked.exit_code == 0, checked.stdout


TRADITIONAL_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
<text><body>
<termEntry id="summit">
  <langSet xml:lang="en"><tig><term>summit</term></tig></langSet>
  <langSet xml:lang="zh-Hans"><tig><term>峰会</term></tig></langSet>
  <langSet xml:lang="zh-Hant"><tig><term>峰會</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_an_imported_traditional_column_is_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = story_in(tmp_path, monkeypatch, "The summit opened.\n")
    (tmp_path / "terms.tbx").write_text(TRADITIONAL_TBX, encoding="utf-8")
    imported = run_cli("glossary", "import", "terms.tbx", "-o", "glossary.yaml")
    assert imported.exit_code == 0, imported.stdout + imported.stderr
    result = run_cli("translate", story, "--to", "zh_TW", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    draft = polib.pofile("locales/zh_Hant_TW/LC_MESSAGES/story.po").find("The summit opened.")
    assert "峰會" in draft.msgstr and "峰会" not in draft.msgstr
