"""Every mistake a user can make gets one line on stderr, exit status 2 and no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from localize.engines.apertium import ApertiumEngine

from conftest import run_cli


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.mark.parametrize("command", [["segment"], ["extract"], ["init", "--to", "es"]])
def test_missing_file(workdir: Path, command: list[str]) -> None:
    assert_one_line_error(run_cli(command[0], "nope.txt", *command[1:]), "nope.txt", "no such file")


def test_directory(workdir: Path) -> None:
    Path("adir").mkdir()
    assert_one_line_error(run_cli("extract", "adir"), "adir", "is a directory")


def test_empty_and_whitespace_only(workdir: Path) -> None:
    Path("empty.txt").write_bytes(b"")
    Path("blank.txt").write_bytes(b" \n\t\r\n\n")
    assert_one_line_error(run_cli("extract", "empty.txt"), "empty.txt", "empty")
    assert_one_line_error(run_cli("extract", "blank.txt"), "blank.txt", "only white space")
    assert not Path("locales").exists()


def test_binary_file(workdir: Path) -> None:
    Path("photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_one_line_error(run_cli("extract", "photo.txt"), "photo.txt", "binary")


def test_non_utf8_names_the_encoding_option(workdir: Path) -> None:
    Path("latin.txt").write_bytes("First line.\nCafé au lait.\n".encode("windows-1252"))
    result = run_cli("extract", "latin.txt")
    assert_one_line_error(result, "latin.txt:2:", "--encoding windows-1252")
    assert run_cli("extract", "latin.txt", "--encoding", "windows-1252").exit_code == 0


def test_unknown_encoding(workdir: Path) -> None:
    assert_one_line_error(run_cli("extract", "story.txt", "--encoding", "klingon"), "klingon")


@pytest.mark.parametrize("code", ["../x", "zz-garbage", "es/../../etc", "e", "", "und"])
def test_invalid_language_codes(workdir: Path, code: str) -> None:
    result = run_cli("init", "story.txt", "--to", code)
    assert_one_line_error(result, "language")
    assert not Path("locales").exists()
    assert not Path("x").exists()


def test_invalid_source_language(workdir: Path) -> None:
    assert_one_line_error(run_cli("segment", "story.txt", "--lang", "../x"), "../x")


def test_build_without_catalog(workdir: Path) -> None:
    assert_one_line_error(run_cli("build", "story.txt", "--to", "es"), "localize init")


def test_status_without_catalogs(workdir: Path) -> None:
    assert_one_line_error(run_cli("status"), "no catalogs")


def test_locales_dir_is_a_file(workdir: Path) -> None:
    Path("locales").write_text("not a dir")
    assert_one_line_error(run_cli("extract", "story.txt"), "locales", "--locales-dir")
    # A rerun with nothing to do takes another road to the lock: the same error there.
    assert (
        run_cli(
            "translate", "story.txt", "--to", "es", "--engine", "pseudo", "--locales-dir", "l"
        ).exit_code
        == 0
    )
    for command in (
        ["translate", "story.txt", "--to", "es", "--engine", "pseudo"],
        ["update", "story.txt", "--no-translate"],
    ):
        for where in ("locales", "story.txt"):
            assert_one_line_error(
                run_cli(*command, "--locales-dir", where),
                f"{where}: exists but is not a directory",
                "--locales-dir",
            )
    assert Path("locales").read_text() == "not a dir"


def test_unknown_input_format(workdir: Path) -> None:
    assert_one_line_error(run_cli("extract", "story.txt", "--input-format", "docx"), "docx")


def test_console_script_prints_no_traceback(workdir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "localize", "extract", "missing.txt"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr == "error: missing.txt: no such file; check the path to the article\n"


def test_build_never_overwrites_the_article(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    before = Path("story.txt").read_bytes()
    result = run_cli("build", "story.txt", "--to", "es", "--threshold", "0", "-o", "story.txt")
    assert_one_line_error(result, "is the article itself")
    Path("link.txt").symlink_to("story.txt")
    assert_one_line_error(
        run_cli("build", "story.txt", "--to", "es", "--threshold", "0", "-o", "link.txt"),
        "is the article itself",
    )
    assert Path("story.txt").read_bytes() == before


def test_build_into_the_locales_directory_says_so(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    assert_one_line_error(
        run_cli("build", "story.txt", "--to", "es", "--threshold", "0", "-o", "locales/out.txt"),
        "locales/out.txt: is inside the locales directory locales",
    )
    assert not Path("locales/out.txt").exists()


def test_build_to_stdout(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    result = run_cli("build", "story.txt", "--to", "es", "--threshold", "0", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == Path("story.txt").read_text(encoding="utf-8")


def test_unwritable_places_are_one_line_errors(workdir: Path, tmp_path: Path) -> None:
    Path("afile").write_text("x")
    assert_one_line_error(run_cli("extract", "story.txt", "--locales-dir", "afile/sub"), "afile")
    run_cli("init", "story.txt", "--to", "es")
    assert_one_line_error(
        run_cli("build", "story.txt", "--to", "es", "--threshold", "0", "-o", "afile/out.txt"),
        "afile",
    )
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly.chmod(0o555)
    try:
        # root ignores permissions: there, a path below a plain file is what cannot be made
        target = "afile/locales" if os.access(readonly, os.W_OK) else str(readonly / "locales")
        assert_one_line_error(
            run_cli("init", "story.txt", "--to", "fr", "--locales-dir", target), "locales"
        )
    finally:
        readonly.chmod(0o755)


def test_unknown_engine_is_refused_even_with_nothing_to_translate(workdir: Path) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    assert_one_line_error(
        run_cli("translate", "story.txt", "--to", "es", "--engine", "nope"), "--engine", "pseudo"
    )


def test_a_damaged_model_package_is_reported_not_silently_skipped(workdir: Path) -> None:
    from localize.engines.argos_packages import install_file

    from argos_fixtures import TINY_MODEL

    models = Path("models")
    install_file(TINY_MODEL, models)
    metadata = next(models.glob("*/metadata.json"))
    metadata.write_text("{", encoding="utf-8")
    result = run_cli(
        "translate", "story.txt", "--to", "es", "--models-dir", "models", "--engine", "pseudo"
    )
    assert result.exit_code == 0  # pseudo does not need the model...
    result = run_cli("translate", "story.txt", "--to", "fr", "--models-dir", "models")
    assert "metadata.json" in result.stderr and "reinstall" in result.stderr
    engines = run_cli("engines", "--models-dir", "models")
    assert "skipped:" in engines.stdout and "metadata.json" in engines.stdout


def test_a_directory_given_for_a_file_is_called_one(workdir: Path) -> None:
    Path("terms").mkdir()
    Path("model.argosmodel").mkdir()
    assert_one_line_error(
        run_cli(
            "translate", "story.txt", "--to", "es", "--engine", "pseudo", "--glossary", "terms"
        ),
        "terms: is a directory",
        "glossary file",
    )
    assert_one_line_error(
        run_cli("models", "install", "model.argosmodel", "--models-dir", "models"),
        "model.argosmodel: is a directory",
        ".argosmodel file",
    )


def test_an_article_name_with_a_line_break_is_refused(workdir: Path) -> None:
    name = "two\nlines.txt"
    Path(name).write_text(Path("story.txt").read_text(encoding="utf-8"), encoding="utf-8")
    for command in (["translate", name, "--to", "es", "--engine", "pseudo"], ["extract", name]):
        assert_one_line_error(run_cli(*command), "'two\\nlines.txt'", "rename the file")
    assert not Path("locales").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["translate", "story.txt", "--to", "en"],
        ["translate", "story.txt", "--lang", "es", "--to", "fr,es", "--engine", "pseudo"],
        ["update", "story.txt", "--to", "en"],
        ["init", "story.txt", "--to", "en"],
    ],
)
def test_the_articles_own_language_as_target_is_refused_before_anything_is_written(
    workdir: Path, command: list[str]
) -> None:
    target = command[command.index("--to") + 1].split(",")[-1]
    assert_one_line_error(run_cli(*command), f"--to {target} is the article's own language")
    assert sorted(os.listdir(workdir)) == ["story.txt"]


def test_update_without_to_leaves_catalogs_in_the_articles_own_language_and_goes_on(
    workdir: Path,
) -> None:
    """Such catalogs are what translate --to en wrote before it was refused."""
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    own = Path("locales/en/LC_MESSAGES/story.po")
    own.parent.mkdir(parents=True)
    own.write_bytes(Path("locales/es/LC_MESSAGES/story.po").read_bytes())
    before = own.read_bytes()
    Path("story.txt").write_text(
        Path("story.txt").read_text(encoding="utf-8").replace(".", ", it said.", 1),
        encoding="utf-8",
    )
    result = run_cli("update", "story.txt", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert "warning: locales/en: catalogs in the article's own language" in result.stderr
    assert "wrote locales/es/LC_MESSAGES/story.po" in result.stdout
    assert own.read_bytes() == before
    # A run that warned is not replayed as settled: the next one says it again.
    again = run_cli("update", "story.txt", "--engine", "pseudo")
    assert "catalogs in the article's own language" in again.stderr


@pytest.mark.parametrize("url", ["http://[::1", "http://localhost:99999", "http://localhost:x"])
def test_a_malformed_server_address_is_a_usage_error_naming_it(workdir: Path, url: str) -> None:
    result = run_cli(
        "translate", "story.txt", "--to", "es", "--engine", "libretranslate", "--url", url
    )
    assert_one_line_error(result, f"--url '{url}' is not a valid address")
    assert sorted(os.listdir(workdir)) == ["story.txt"]


@pytest.mark.parametrize("engine", ["pseudo", "apertium", "libretranslate"])
def test_cuda_with_an_engine_that_has_no_gpu_is_refused(workdir: Path, engine: str) -> None:
    assert_one_line_error(
        run_cli("translate", "story.txt", "--to", "es", "--engine", engine, "--device", "cuda"),
        f"--device cuda: the {engine} engine does not run on a GPU",
    )
    assert sorted(os.listdir(workdir)) == ["story.txt"]


@pytest.mark.skipif(
    shutil.which("apertium") is None or ApertiumEngine().find_mode("en", "es") is None,
    reason="apertium-eng-spa not found: apt-get install apertium apertium-eng-spa",
)
def test_cuda_with_auto_choosing_an_engine_that_has_no_gpu_is_refused(workdir: Path) -> None:
    """Without an Argos model auto picks Apertium, which has no GPU: --device cuda is refused as
    with --engine apertium, naming the pick and the fixes, before any catalog is written;
    --device auto falls back to it on the CPU."""
    Path("no-models").mkdir()
    asked = ("translate", "story.txt", "--to", "es", "--models-dir", "no-models")
    assert_one_line_error(
        run_cli(*asked, "--engine", "auto", "--device", "cuda"),
        "--device cuda: --engine auto chose the apertium engine for en->es, which does not run "
        "on a GPU",
        "localize models install en es",
        "--device auto",
    )
    assert not Path("locales/story.pot").exists() and not Path("locales/es").exists()
    fallen_back = run_cli(*asked, "--engine", "auto", "--device", "auto")
    assert fallen_back.exit_code == 0, fallen_back.stderr
    assert "[apertium " in fallen_back.stdout


def test_cuda_is_refused_by_the_engines_own_flag(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether --device cuda is refused is the engine class's runs_on_gpu, not a list of
    names: an engine that says it runs on a GPU is given the run, and the refusal of one that
    does not names the engines that do."""
    from localize.engines.pseudo import PseudoEngine

    monkeypatch.setattr(PseudoEngine, "runs_on_gpu", True)
    result = run_cli(
        "translate", "story.txt", "--to", "es", "--engine", "pseudo", "--device", "cuda"
    )
    assert result.exit_code == 0, result.stderr
    assert_one_line_error(
        run_cli("translate", "story.txt", "--to", "es", "--engine", "apertium", "--device", "cuda"),
        "use --engine argos or pseudo, or leave --device out",
    )


def test_build_to_stdout_writes_the_document_alone(workdir: Path) -> None:
    """-o - with --check: the glossary line went to stdout, into the article a pipe received;
    informational lines go to stderr then, and the next command prints them on stdout again."""
    assert run_cli("init", "story.txt", "--to", "es").exit_code == 0
    article = Path("story.txt").read_text(encoding="utf-8")
    result = run_cli("build", "story.txt", "--to", "es", "--threshold", "0", "--check", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == article
    assert "glossary:" in result.stderr
    after = run_cli("init", "story.txt", "--to", "fr")
    assert "wrote locales/fr/LC_MESSAGES/story.po" in after.stdout
