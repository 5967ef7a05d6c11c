"""The command line itself: help texts, segment output, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from localize.cli import app

from conftest import msgfmt_check, run_cli

COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)


GROUP_COMMANDS = [
    (group.name, command.name or command.callback.__name__)
    for group in app.registered_groups
    for command in group.typer_instance.registered_commands
]


@pytest.mark.parametrize("command", COMMANDS + [" ".join(pair) for pair in GROUP_COMMANDS])
def test_every_command_explains_itself_with_an_example(command: str) -> None:
    result = run_cli(*command.split(), "--help")
    assert result.exit_code == 0
    assert "Example: localize" in result.stdout


def test_segment_json_offsets_map_back(workdir: Path) -> None:
    text = Path("story.txt").read_text(encoding="utf-8")
    result = run_cli("segment", "story.txt", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) > 10
    for row in rows:
        assert set(row) == {"text", "start", "end", "paragraph"}
        assert text[row["start"] : row["end"]] == row["text"]
    assert [r["paragraph"] for r in rows] == sorted(r["paragraph"] for r in rows)


def test_segment_reads_stdin() -> None:
    result = run_cli("segment", "-", input="Wang arrived. He left.\n\nNew paragraph.")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["Wang arrived.", "He left.", "New paragraph."]


def test_check_of_standard_input_checks_the_catalogs_translate_wrote_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article piped in has its catalogs named stdin; check - finds them there."""
    monkeypatch.chdir(tmp_path)
    article = "The SCO met.\n\nThey agreed.\n"
    made = run_cli("translate", "-", "--to", "es", "--engine", "pseudo", input=article)
    assert made.exit_code == 0, made.stderr
    result = run_cli("check", "-", input=article)
    assert result.exit_code == 0, result.stderr
    assert "in 1 catalog(s)" in result.stdout + result.stderr


def test_status_table(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es,fr")
    result = run_cli("status", "story.txt")
    assert result.exit_code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert [(row[1], row[-1]) for row in rows] == [("es", "ok"), ("fr", "ok")]


HEAVY = [
    "ctranslate2",
    "argostranslate.translate",
    "stanza",
    "spacy",
    "torch",
    "localize.engines.libretranslate",
]


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["segment", "{story}"],
        ["extract", "{story}"],
        ["init", "{story}", "--to", "es"],
        ["status"],
        ["build", "{story}", "--to", "es", "--threshold", "0"],
    ],
)
def test_non_translating_commands_stay_light(workdir: Path, argv: list[str]) -> None:
    """Commands that do not translate must not pay for the MT stack (seconds, 750 MB)."""
    run_cli("init", "story.txt", "--to", "es")
    args = [a.replace("{story}", "story.txt") for a in argv]
    probe = (
        "import sys, runpy; sys.argv=['localize', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('localize', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print('HEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    assert "HEAVY=\n" in done.stdout, done.stdout[-500:] + done.stderr[-500:]


def test_source_language_comes_from_the_local_glossary(workdir: Path) -> None:
    from localize.glossary import shipped_path

    text = shipped_path().read_text(encoding="utf-8")
    assert "source_language: en" in text
    Path("glossary.yaml").write_text(
        text.replace("source_language: en", "source_language: zh"), encoding="utf-8"
    )
    Path("zh.txt").write_text("中方愿同塔方合作。双方将加强交流！\n", encoding="utf-8")
    result = run_cli("segment", "zh.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["中方愿同塔方合作。", "双方将加强交流！"]


def test_source_language_comes_from_the_glossary_the_run_names(workdir: Path) -> None:
    """--glossary is the run's glossary: its source language segments the article, and a
    broken ./glossary.yaml the run does not use is not read (it stopped the run before)."""
    from localize.glossary import shipped_path

    text = shipped_path().read_text(encoding="utf-8")
    Path("chinese.yaml").write_text(
        text.replace("source_language: en", "source_language: zh"), encoding="utf-8"
    )
    Path("glossary.yaml").write_text("version: [\n", encoding="utf-8")
    Path("zh.txt").write_text("中方愿同塔方合作。双方将加强交流！\n", encoding="utf-8")
    result = run_cli("init", "zh.txt", "--to", "es", "--glossary", "chinese.yaml")
    assert result.exit_code == 0, result.stderr
    template = polib.pofile("locales/zh.pot")
    assert [entry.msgid for entry in template] == ["中方愿同塔方合作。", "双方将加强交流！"]
    msgfmt_check(Path("locales/zh.pot"))
