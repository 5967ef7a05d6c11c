"""What users of command-line tools expect: --version, shell completion, JSON for scripts,
-q for quiet runs, tables that stay whole when piped, and silence when the reader hangs up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import polib

from conftest import run_cli

LOCALIZE = [sys.executable, "-m", "localize"]


def test_version() -> None:
    for flag in ("--version", "-V"):
        result = run_cli(flag)
        assert result.exit_code == 0
        assert result.stdout == f"localize {version('localize-newsroom')}\n"


def test_shell_completion_is_installable_and_completes_commands() -> None:
    help_text = run_cli("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    done = subprocess.run(
        # The console script: completion keys its environment variable on the program's name.
        [str(Path(sys.executable).parent / "localize")],
        env={
            **os.environ,
            "_LOCALIZE_COMPLETE": "complete_bash",
            "COMP_WORDS": "localize tr",
            "COMP_CWORD": "1",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == ["translate"], done.stderr


def test_status_json_gives_the_catalogs_figures(workdir: Path) -> None:
    run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert run_cli("init", "story.txt", "--to", "fr").exit_code == 0
    result = run_cli("status", "story.txt", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {row["lang"]: row for row in json.loads(result.stdout)}
    entries = len(polib.pofile("locales/es/LC_MESSAGES/story.po"))
    assert rows["es"]["fuzzy"] == entries and rows["es"]["translated"] == 0
    assert rows["fr"]["untranslated"] == entries
    assert rows["es"]["out_of_date"] is False
    assert rows["es"]["path"] == "locales/es/LC_MESSAGES/story.po"


def test_quiet_keeps_output_warnings_and_errors_only(workdir: Path) -> None:
    loud = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert "wrote locales/es/LC_MESSAGES/story.po" in loud.stdout
    Path("locales/es/LC_MESSAGES/story.po").unlink()
    quiet = run_cli("-q", "translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert quiet.exit_code == 0 and quiet.stdout == ""
    assert Path("locales/es/LC_MESSAGES/story.po").is_file()
    as_json = run_cli("-q", "status", "story.txt", "--format", "json")
    assert json.loads(as_json.stdout)[0]["lang"] == "es"
    error = run_cli("-q", "build", "nothing.txt", "--to", "es")
    assert error.exit_code == 2 and error.stderr.startswith("error: ")


def test_piped_tables_keep_every_id_whole(workdir: Path) -> None:
    name = "a-rather-long-article-name-that-a-narrow-table-would-cut-short"
    Path(f"{name}.txt").write_text(Path("story.txt").read_text(encoding="utf-8"))
    assert run_cli("init", f"{name}.txt", "--to", "es").exit_code == 0
    lines = run_cli("status").stdout.splitlines()
    assert lines[0].split("\t") == [
        "catalog",
        "lang",
        "translated",
        "fuzzy",
        "untranslated",
        "%",
        "state",
    ]
    assert lines[1].split("\t")[:2] == [name, "es"]
    listed = run_cli("glossary", "list", "--to", "zh").stdout.splitlines()
    row = next(line for line in listed if line.startswith("belt-and-road-initiative\t"))
    assert row.split("\t")[1].startswith("Belt and Road Initiative (BRI, One Belt, One Road")


def _in_bash(command_line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``command_line`` run by bash (for its pipes and redirections) in ``cwd``."""
    return subprocess.run(
        command_line,
        shell=True,
        executable="/bin/bash",
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_reader_that_hangs_up_gets_silence(tmp_path: Path) -> None:
    done = _in_bash(f"{' '.join(LOCALIZE)} glossary list | head -n 1", tmp_path)
    assert done.stdout.startswith("id\tsource")
    assert done.stderr == ""


def test_segment_starts_without_the_heavy_modules(tmp_path: Path) -> None:
    """`localize segment` is the command people pipe in loops: its start-up must not pay for the
    glossary (YAML and morphology), checks, network code, engines, Babel, typer's pydantic layer or
    the other commands' modules."""
    article = tmp_path / "tiny.txt"
    article.write_text("One sentence. Another one.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from localize.cli import main\n"
        f"sys.argv = ['localize', 'segment', {str(article)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ['pydantic', 'localize.glossary', 'localize.checks', 'urllib.request',\n"
        "         'ctranslate2', 'argostranslate', 'pymorphy3', 'rapidfuzz',\n"
        "         'localize.engines.auto', 'sacrebleu', 'translate', 'lxml',\n"
        "         'localize.report', 'localize.engines.libretranslate', 'babel',\n"
        "         'localize.commands.translate', 'localize.commands.check',\n"
        "         'localize.commands.build', 'localize.commands.glossary']\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.splitlines() == ["One sentence.", "Another one."]
    assert done.stderr.strip() == "[]"


def test_a_named_command_runs_in_an_app_of_its_own_that_behaves_as_the_whole_one() -> None:
    """cli.app_for builds only the command a run names (start-up time); its help, its errors
    and the need to name the command must be those of the whole app."""
    from typer.testing import CliRunner

    from localize.cli import app, app_for

    runner = CliRunner()
    for argv in (
        ["translate", "--help"],
        ["glossary", "list", "--help"],
        ["compile", "--help"],
        ["-q", "segment"],
        ["-q", "--quiet", "status", "--help"],
        ["-q", "build", "--to", "es"],
    ):
        narrowed = app_for(argv)
        assert narrowed is not app
        assert len(narrowed.registered_commands) + len(narrowed.registered_groups) == 1
        whole = runner.invoke(app, argv)
        alone = runner.invoke(narrowed, argv)
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    # --version first: an app without commands, which prints what the whole one prints.
    for argv in (["--version"], ["-V"], ["-q", "--version"], ["--version", "translat"]):
        narrowed = app_for(argv)
        assert narrowed is not app and not narrowed.registered_commands
        whole = runner.invoke(app, argv)
        alone = runner.invoke(narrowed, argv)
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
        assert whole.output.startswith("localize ")
    for argv in ([], ["--help"], ["-q"], ["-q", "--help"], ["translat"], ["--quiet", "translat"]):
        assert app_for(argv) is app
    missing = runner.invoke(app_for(["segment"]), ["segment"])
    assert missing.exit_code == 2 and "Missing argument" in missing.output


_TEARDOWN_PROBE = (
    "import atexit, sys\n"
    "from localize import cli\n"
    "class Teardown:\n"
    "    def __del__(self):\n"
    "        print('teardown ran', file=sys.stderr)\n"
    "kept = Teardown()\n"
    "atexit.register(lambda: print('exit function ran', file=sys.stderr))\n"
    "sys.argv = ['localize', *sys.argv[1:]]\n"
    "cli.{entry}()\n"
)


def _python(code: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -c code args`` in ``cwd``, as a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def _probe(entry: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _python(_TEARDOWN_PROBE.format(entry=entry), cwd, *args)


def test_a_finished_command_ends_the_process_after_the_exit_functions_without_the_teardown(
    tmp_path: Path,
) -> None:
    """``cli.run`` (the ``localize`` command): once the command has finished, the exit
    functions run and the process ends with the command's status, without the interpreter's
    teardown (``quick_exit``); ``cli.main`` alone, as the tests call it, keeps the teardown."""
    article = tmp_path / "tiny.txt"
    article.write_text("One sentence. Another one.\n", encoding="utf-8")
    done = _probe("run", tmp_path, "segment", "tiny.txt")
    assert done.returncode == 0
    assert done.stdout.splitlines() == ["One sentence.", "Another one."]
    assert done.stderr.splitlines() == ["exit function ran"]
    refused = _probe("run", tmp_path, "segment", "missing.txt")
    assert refused.returncode == 2 and refused.stdout == ""
    error, *rest = refused.stderr.splitlines()
    assert error.startswith("error: missing.txt") and rest == ["exit function ran"]
    kept = _probe("main", tmp_path, "segment", "tiny.txt")
    assert kept.returncode == 0
    assert kept.stderr.splitlines() == ["exit function ran", "teardown ran"]


def test_an_exception_that_escapes_the_command_keeps_the_teardown_and_its_traceback(
    tmp_path: Path,
) -> None:
    probe = (
        "import sys\n"
        "from localize import cli\n"
        "def broken():\n"
        "    raise RuntimeError('a bug')\n"
        "cli.main = broken\n"
        "cli.run()\n"
    )
    done = _python(probe, tmp_path)
    assert done.returncode == 1 and "RuntimeError: a bug" in done.stderr


def test_a_command_started_with_its_output_closed_ends_without_a_traceback(
    tmp_path: Path,
) -> None:
    """Started with descriptor 1 closed (``>&-``), Python has no ``sys.stdout``: the quick exit
    must not trip over it, and a command that prints nothing finishes as usual."""
    (tmp_path / "tiny.txt").write_text("One sentence. Another one.\n", encoding="utf-8")
    command = " ".join(
        [*LOCALIZE, "-q", "translate", "tiny.txt", "--to", "es", "--engine", "pseudo"]
    )
    done = _in_bash(f"{command} >&-", tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    assert (tmp_path / "locales" / "es" / "LC_MESSAGES" / "tiny.po").is_file()


def test_quiet_silences_the_files_written_by_every_command(workdir: Path) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    report = run_cli("-q", "report")
    glossary = run_cli("-q", "glossary", "init")
    export = run_cli("-q", "glossary", "export", "--to", "es", "-o", "terms.csv")
    for result in (report, glossary, export):
        assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    assert Path("report.html").is_file() and Path("glossary.yaml").is_file()
    assert Path("terms.csv").is_file()
    loud = run_cli("glossary", "export", "--to", "es", "-o", "terms2.csv")
    assert "wrote terms2.csv" in loud.stderr


def test_quiet_may_follow_the_command(workdir: Path) -> None:
    after = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo", "-q")
    assert after.exit_code == 0 and after.stdout == "", after.stdout
    assert Path("locales/es/LC_MESSAGES/story.po").is_file()
    assert run_cli("glossary", "init", "--quiet").stdout == ""
    # After "--" it is an argument: here the name of an article that does not exist.
    named = run_cli("segment", "--", "-q")
    assert named.exit_code == 2 and "-q: no such file" in named.stderr
