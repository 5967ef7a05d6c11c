"""What a replayed rerun (app/unchanged.py) loads: start-up is nearly all of its time, so the
modules that only a full run needs must stay out of it, and the shortcuts that keep them out
must give what the modules they avoid would."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from localize.project import NO_RUN_CACHE_ENV

from conftest import EXAMPLES

# Loaded by a full translate/update run, or by other commands, and not needed to replay one.
KEPT_OUT_OF_A_REPLAY = [
    "babel",
    "polib",
    "yaml",
    "sqlite3",
    "rich",
    "importlib.resources",
    "zipfile",
    "tomllib",
    "tempfile",
    "random",
    "rapidfuzz",
    "concurrent.futures",
    "localize.engines.apertium",
    "localize.names",
    "localize.source",
    "localize.formats",
    "localize.segment",
    "localize.catalog",
    "localize.glossary",
    "localize.memory",
    "localize.app.translate",
    "localize.app.inputs",
    "localize.engines.registry",
    "localize.commands.build",
    "localize.commands.check",
    "localize.commands.segment",
    "localize.commands.glossary",
    "localize.commands.report",
]

PROBE = (
    "import sys, runpy\n"
    "sys.argv = ['localize', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('localize', run_name='__main__')\n"
    "except SystemExit as done:\n    assert not done.code, done.code\n"
    f"kept_out = {KEPT_OUT_OF_A_REPLAY!r}\n"
    "print('LOADED=' + ','.join(m for m in kept_out if m in sys.modules), file=sys.stderr)\n"
)


def _localize(folder: Path, *args: str) -> tuple[dict, str]:
    env = {k: v for k, v in os.environ.items() if k != NO_RUN_CACHE_ENV}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args, "--format", "json"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = re.search(r"^LOADED=(.*)$", done.stderr, re.MULTILINE)
    assert loaded is not None, done.stderr[-2000:]
    return json.loads(done.stdout), loaded.group(1)


def test_a_replayed_rerun_loads_none_of_what_a_full_run_needs(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "sco-ministers-meeting.txt", tmp_path / "story.txt")
    translate = ("translate", "story.txt", "--to", "es,fr", "--engine", "pseudo")
    first, loaded_by_full_run = _localize(tmp_path, *translate)
    assert first["locales"]["es"]["machine_translated"] > 0
    # The list names modules a full run does load: keeping them out of the replay is the test.
    assert {"babel", "polib", "yaml", "localize.source", "localize.catalog"} <= set(
        loaded_by_full_run.split(",")
    )
    catalogs = sorted(tmp_path.glob("locales/**/*.po*"))
    before = {path: path.read_bytes() for path in catalogs}
    update = ("update", "story.txt", "--engine", "pseudo")
    _localize(tmp_path, *update)  # another command: stamped by its own full run
    for command in (translate, update):
        rerun, loaded = _localize(tmp_path, *command)
        assert loaded == ""
        for lang in ("es", "fr"):
            locale = rerun["locales"][lang]
            assert not locale["written"] and locale["machine_translated"] == 0
            assert locale["kept"] == first["locales"][lang]["new"] > 0
    assert {path: path.read_bytes() for path in catalogs} == before


def test_a_plain_language_code_with_a_cldr_file_is_what_babel_makes_of_it() -> None:
    """normalize_language answers a bare code (es, zh, fil) from the presence of Babel's locale
    file, without importing Babel: for every such file, the answer is Locale.parse's."""
    from babel import Locale, localedata

    from localize.languages import _has_cldr_file, normalize_language

    plain = [name for name in localedata.locale_identifiers() if re.fullmatch(r"[a-z]{2,3}", name)]
    assert len(plain) > 300
    for code in plain:
        assert _has_cldr_file(code), code
        assert normalize_language(code) == str(Locale.parse(code)) == code
    # Everything else still goes through Babel: case, regions, scripts and aliases.
    assert not _has_cldr_file("iw")
    expected = {"ES": "es", "pt-BR": "pt_BR", "zh-hans": "zh_Hans"}
    for code, normalized in expected.items():
        assert normalize_language(code) == normalized == str(Locale.parse(code.replace("-", "_")))
    # A withdrawn bare code is its successor's, bare: Babel adds a region (iw is he_IL).
    assert normalize_language("iw") == "he"


def test_the_replay_digests_the_shipped_glossary_the_glossary_module_loads() -> None:
    from localize.app.unchanged import _shipped_glossary
    from localize.glossary import shipped_path

    assert _shipped_glossary() == shipped_path()
    assert _shipped_glossary().is_file()


def _translated(tmp_path: Path) -> tuple[Path, str, list[str]]:
    """The example article translated by pseudo in ``tmp_path``: its path, its text and the
    modules the run loaded."""
    story = tmp_path / "story.txt"
    shutil.copy(EXAMPLES / "sco-ministers-meeting.txt", story)
    _, loaded = _localize(tmp_path, "translate", "story.txt", "--to", "es", "--engine", "pseudo")
    return story, story.read_text(encoding="utf-8"), loaded.split(",")


def _updated(tmp_path: Path, story: Path, text: str) -> tuple[dict, list[str]]:
    """The summary of ``localize update`` (pseudo) once ``story`` holds ``text``, and the
    modules it loaded."""
    story.write_text(text, encoding="utf-8")
    update, loaded = _localize(tmp_path, "update", "story.txt", "--engine", "pseudo")
    return update, loaded.split(",")


def _edited(text: str, old: str, new: str) -> str:
    edited = text.replace(old, new, 1)
    assert edited != text
    return edited


def test_an_update_after_an_edit_loads_no_yaml(tmp_path: Path) -> None:
    """An update takes its glossary from the project's store and the segmenter's rules from
    their JSON: PyYAML (about 20 ms to import) is not loaded, though the glossary is."""
    story, text, loaded = _translated(tmp_path)
    assert "yaml" in loaded  # the first run parses the glossary
    edited = _edited(text, "with a shared future.", "with a shared future, he said.")
    update, loaded = _updated(tmp_path, story, edited)
    assert update["locales"]["es"]["machine_translated"] == 1
    assert "localize.glossary" in loaded and "localize.segment" in loaded
    assert "yaml" not in loaded


def test_an_update_after_an_edit_or_an_addition_loads_no_rapidfuzz_nor_unused_engines(
    tmp_path: Path,
) -> None:
    """rapidfuzz (about 20 ms to import) finds the old sentence an edited one was, and the
    memory's similar reviewed sentences, when there are many to compare: an update that only
    adds a sentence to a catalog of machine drafts compares none, and one that edits a
    sentence compares it with the one it lost, which localize.similarity does in Python."""
    story, text, _ = _translated(tmp_path)
    update, loaded = _updated(tmp_path, story, text + "\nThe ministers will meet again in June.\n")
    assert update["locales"]["es"]["machine_translated"] == 1
    assert update["locales"]["es"]["fuzzy_matched"] == 0
    assert "rapidfuzz" not in loaded
    edited = _edited(text, "with a shared future.", "with a shared future, he said.")
    update, loaded = _updated(tmp_path, story, edited)
    assert update["locales"]["es"]["fuzzy_matched"] == 1
    assert "rapidfuzz" not in loaded
    # Nor concurrent.futures (with logging): pseudo's first pass does not run beside enforcement;
    # nor the Apertium engine, whose install placement asks about (apertium_install) suffices.
    assert "concurrent.futures" not in loaded
    assert "localize.engines.apertium" not in loaded


def test_an_update_of_a_sentence_without_names_loads_no_names_module(tmp_path: Path) -> None:
    """The edited sentence's glossary notes list no unverified names, and enforce.may_hold_a_name
    tells so without the names module (its tables and patterns: about 3-4 ms)."""
    story, text, _ = _translated(tmp_path)
    edited = _edited(text, "international relations.", "international relations, he said.")
    update, loaded = _updated(tmp_path, story, edited)
    assert update["locales"]["es"]["machine_translated"] == 1
    assert "localize.names" not in loaded
