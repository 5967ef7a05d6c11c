"""A catalog folder is its language: ``--to`` finds the folder another tool named (msginit's
zh_CN, zh_TW, sr@latin) in every command, and the memory's reviewed translations follow the
locale chain (es_MX is proposed es's, zh_CN zh's)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import msgfmt_check, run_cli

SENTENCE = "The talks ended."
# What a translator typed into each catalog msginit made, by folder.
BY_HAND = {"zh_CN": "会谈结束了。", "zh_TW": "會談結束了。", "sr@latin": "Razgovori su završeni."}


def _msginit_catalogs(folder: Path) -> None:
    """a.txt extracted, then msginit's catalog for each language of BY_HAND, translated by
    hand, as a team using gettext's own tools has them."""
    if shutil.which("msginit") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    (folder / "a.txt").write_text(f"{SENTENCE}\n", encoding="utf-8")
    assert run_cli("extract", "a.txt").exit_code == 0
    for lang, translation in BY_HAND.items():
        catalog = folder / "locales" / lang / "LC_MESSAGES" / "a.po"
        catalog.parent.mkdir(parents=True)
        subprocess.run(
            ["msginit", "--no-translator", "-l", lang, "-i", "locales/a.pot", "-o", str(catalog)],
            check=True,
            capture_output=True,
            cwd=folder,
        )
        po = polib.pofile(str(catalog))
        po.find(SENTENCE).msgstr = translation
        po.save()


@pytest.mark.parametrize(
    ("asked", "folder"),
    [
        ("zh_CN", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh_TW", "zh_TW"),
        ("zh-TW", "zh_TW"),
        ("zh-TW-Hant", "zh_TW"),
        ("sr@latin", "sr@latin"),
        ("sr-Latn", "sr@latin"),
    ],
)
def test_build_finds_the_folder_msginit_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, asked: str, folder: str
) -> None:
    """build looked in zh_Hans_CN for --to zh_CN, and refused sr@latin as invalid."""
    monkeypatch.chdir(tmp_path)
    _msginit_catalogs(tmp_path)
    assert run_cli("update", "a.txt", "--no-translate").exit_code == 0

    built = run_cli("build", "a.txt", "--to", asked, "-o", "-")
    assert built.exit_code == 0, built.stderr
    assert built.stdout.strip() == BY_HAND[folder]


def test_every_command_takes_the_folder_and_makes_no_second_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _msginit_catalogs(tmp_path)
    folders = sorted(path.name for path in Path("locales").iterdir() if path.is_dir())

    checked = run_cli("check", "a.txt", "--to", "zh_CN,zh-TW,sr@latin")
    assert checked.exit_code == 0, checked.stderr
    assert "in 3 catalog(s)" in checked.stdout + checked.stderr
    # init, following the old advice, finds the catalog instead of making zh_Hant_TW.
    init = run_cli("init", "a.txt", "--to", "zh-TW")
    assert "locales/zh_TW/LC_MESSAGES/a.po: exists" in init.stderr
    updated = run_cli("update", "a.txt", "--no-translate", "--to", "zh-CN,sr_Latn")
    assert updated.exit_code == 0, updated.stderr
    translated = run_cli("translate", "a.txt", "--to", "zh_TW", "--engine", "pseudo")
    assert translated.exit_code == 0, translated.stderr
    report = run_cli("report", "a.txt", "--to", "zh-CN", "-o", "report.html")
    assert report.exit_code == 0, report.stderr
    compiled = run_cli("compile", "--to", "zh-TW,sr-Latn")
    assert compiled.exit_code == 0, compiled.stderr
    for lang in ("zh_TW", "sr@latin"):
        assert Path(f"locales/{lang}/LC_MESSAGES/a.mo").is_file()
    assert not Path("locales/zh_CN/LC_MESSAGES/a.mo").exists()

    assert sorted(path.name for path in Path("locales").iterdir() if path.is_dir()) == folders
    for lang, translation in BY_HAND.items():
        catalog = Path(f"locales/{lang}/LC_MESSAGES/a.po")
        assert polib.pofile(str(catalog)).find(SENTENCE).msgstr == translation
        msgfmt_check(catalog)


def test_a_project_file_language_names_the_existing_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _msginit_catalogs(tmp_path)
    Path("localize.toml").write_text(
        'articles = ["a.txt"]\nlanguages = ["zh-CN"]\n', encoding="utf-8"
    )
    built = run_cli("build", "-o", "-")
    assert built.exit_code == 0, built.stderr
    assert BY_HAND["zh_CN"] in built.stdout
    assert not Path("locales/zh_Hans_CN").exists()


def test_a_bare_code_makes_a_bare_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--to iw (Hebrew's withdrawn code) made he_IL: a region nobody named."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(f"{SENTENCE}\n", encoding="utf-8")
    assert run_cli("init", "a.txt", "--to", "iw").exit_code == 0
    assert [path.name for path in Path("locales").iterdir() if path.is_dir()] == ["he"]


def test_an_unknown_modifier_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(f"{SENTENCE}\n", encoding="utf-8")
    result = run_cli("init", "a.txt", "--to", "sr@old")
    assert result.exit_code == 2
    assert "@old names no script or variety" in result.stderr
    assert not Path("locales").exists()


_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" datatype="plaintext" segtype="sentence"
adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body>
<tu><tuv xml:lang="en-US"><seg>The talks ended.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>会谈结束了。</seg></tuv><tuv xml:lang="zh-TW"><seg>會談結束了。</seg></tuv>
<tuv xml:lang="sr-Latn"><seg>Razgovori su završeni.</seg></tuv>
<tuv xml:lang="es-MX"><seg>Las pláticas terminaron.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>The talks ended in Astana on Friday.</seg></tuv>
<tuv xml:lang="es-MX"><seg>Las pláticas terminaron en Astaná el viernes.</seg></tuv></tu>
</body></tmx>
"""


def test_the_memory_is_looked_up_along_the_locale_chain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A TMX import stores es-MX as es and zh-TW as zh_Hant; catalogs named for a region
    (es_MX, zh_Hans_CN, zh_Hant_TW) were proposed none of it."""
    monkeypatch.chdir(tmp_path)
    Path("m.tmx").write_text(_TMX, encoding="utf-8")
    assert run_cli("memory", "import", "m.tmx").exit_code == 0
    Path("a.txt").write_text(
        f"{SENTENCE}\n\nThe talks ended in Astana on Thursday.\n", encoding="utf-8"
    )
    langs = "zh_CN,zh_TW,es_MX,sr@latin"
    assert run_cli("init", "a.txt", "--to", langs).exit_code == 0
    result = run_cli("update", "a.txt", "--no-translate", "--to", langs)
    assert result.exit_code == 0, result.stderr

    expected = {
        "zh_Hans_CN": "会谈结束了。",
        "zh_Hant_TW": "會談結束了。",
        "es_MX": "Las pláticas terminaron.",
        "sr@latin": "Razgovori su završeni.",
    }
    for folder, translation in expected.items():
        catalog = polib.pofile(f"locales/{folder}/LC_MESSAGES/a.po")
        assert catalog.find(SENTENCE).msgstr == translation, folder
    similar = polib.pofile("locales/es_MX/LC_MESSAGES/a.po").find(
        "The talks ended in Astana on Thursday."
    )
    assert similar.msgstr == "Las pláticas terminaron en Astaná el viernes."
    assert similar.fuzzy


def test_the_exact_language_comes_first_in_the_chain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewed es_MX translation is proposed to es_MX before the es one; es gets its own."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(f"{SENTENCE}\n", encoding="utf-8")
    assert run_cli("init", "a.txt", "--to", "es,es_MX").exit_code == 0
    for lang, translation in (("es", "Las conversaciones terminaron."), ("es_MX", "Ya.")):
        path = f"locales/{lang}/LC_MESSAGES/a.po"
        po = polib.pofile(path)
        po.find(SENTENCE).msgstr = translation
        po.save()
    assert run_cli("update", "a.txt", "--no-translate").exit_code == 0  # records both reviews
    Path("b.txt").write_text(f"{SENTENCE}\n", encoding="utf-8")
    assert run_cli("init", "b.txt", "--to", "es,es_MX").exit_code == 0
    assert run_cli("update", "b.txt", "--no-translate", "--to", "es,es_MX").exit_code == 0
    assert polib.pofile("locales/es_MX/LC_MESSAGES/b.po").find(SENTENCE).msgstr == "Ya."
    assert polib.pofile("locales/es/LC_MESSAGES/b.po").find(SENTENCE).msgstr == (
        "Las conversaciones terminaron."
    )


@pytest.mark.parametrize(
    ("code", "folder", "written"),
    [("sr_RS@latin", "sr_RS@latin", "sr_Latn"), ("uz_UZ@cyrillic", "uz_UZ@cyrillic", "uz_Cyrl")],
)
def test_a_script_modifier_with_a_region_keeps_its_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str, folder: str, written: str
) -> None:
    """glibc's sr_RS@latin: Babel gives sr_RS its region's Cyrillic (sr_Cyrl_RS), which the
    @latin contradicts; the folder keeps the code as glibc and msginit name it, read as Latin."""
    from localize.languages import written_language

    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("The talks ended.\n", encoding="utf-8")
    result = run_cli("init", "a.txt", "--to", code)
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in Path("locales").iterdir() if p.is_dir()] == [folder]
    assert written_language(folder) == written


def test_a_withdrawn_code_still_names_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An old iw/ catalog (Hebrew's withdrawn code) whose header says he: update without --to
    takes it (before, the folder rule left out iw, tl, in, ji, mo and the header check read
    he and iw as two languages); bak/ (Babel's Bashkir, a backup) is still left alone."""
    from localize.languages import names_language_folder

    assert all(names_language_folder(code) for code in ("iw", "tl", "in", "ji", "mo", "jw"))
    assert not any(names_language_folder(code) for code in ("bak", "src", "ina"))
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("The talks ended.\n", encoding="utf-8")
    assert run_cli("extract", "a.txt").exit_code == 0
    hebrew = Path("locales/iw/LC_MESSAGES/a.po")
    hebrew.parent.mkdir(parents=True)
    done = subprocess.run(
        ["msginit", "--no-translator", "-l", "he", "-i", "locales/a.pot", "-o", str(hebrew)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    Path("a.txt").write_text("The talks ended.\n\nThe ministers left.\n", encoding="utf-8")
    result = run_cli("update", "a.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    assert "skipped" not in result.stderr  # (the glossary's no-Hebrew warning is expected)
    assert polib.pofile(str(hebrew)).find("The ministers left.") is not None
    msgfmt_check(hebrew)


def _twin_folders(folder: Path) -> dict[Path, bytes]:
    """a.txt's catalogs under zh_Hans_CN (as --to zh_CN makes them) and a copy under zh_CN
    (as msginit names them): two folders of one language. Returns every file's bytes."""
    (folder / "a.txt").write_text(f"{SENTENCE}\n", encoding="utf-8")
    assert run_cli("init", "a.txt", "--to", "zh_CN").exit_code == 0
    shutil.copytree(folder / "locales" / "zh_Hans_CN", folder / "locales" / "zh_CN")
    return _files(folder)


def _files(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize(
    "command",
    [
        ["translate", "a.txt", "--to", "zh_CN"],
        ["update", "a.txt", "--no-translate", "--to", "zh_CN"],
        ["update", "a.txt", "--no-translate"],
        ["build", "a.txt", "--to", "zh_CN", "-o", "-"],
        ["check", "a.txt"],
        ["status", "a.txt"],
        ["compile"],
        ["compile", "--to", "zh-CN"],
    ],
)
def test_two_folders_of_one_language_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """With zh_CN/ and zh_Hans_CN/ both there, translate updated zh_Hans_CN while build
    --to zh_CN built from the stale zh_CN, and status and compile took both."""
    monkeypatch.chdir(tmp_path)
    before = _twin_folders(tmp_path)

    result = run_cli(*command)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.strip() == (
        "error: locales/zh_CN and locales/zh_Hans_CN hold catalogs of one language "
        "(zh_Hans_CN): merge them into one; keep the one your tools use"
    )
    assert _files(tmp_path) == before  # refused before anything was written


def test_a_project_file_language_is_read_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project file's zh_CN reached the folder lookup as zh_Hans_CN: with both folders
    there it named zh_Hans_CN where --to zh_CN named zh_CN. Now both are refused; with zh_CN/
    alone, the project file's zh_CN is that folder and no zh_Hans_CN is made."""
    monkeypatch.chdir(tmp_path)
    _twin_folders(tmp_path)
    Path("localize.toml").write_text(
        'articles = ["a.txt"]\nlanguages = ["zh_CN"]\n', encoding="utf-8"
    )
    refused = run_cli("update", "--no-translate")
    assert refused.exit_code == 2
    assert "merge them into one" in refused.stderr

    shutil.rmtree("locales/zh_Hans_CN")
    catalog = polib.pofile("locales/zh_CN/LC_MESSAGES/a.po")
    catalog.find(SENTENCE).msgstr = BY_HAND["zh_CN"]
    catalog.save()
    updated = run_cli("update", "--no-translate")
    assert updated.exit_code == 0, updated.stderr
    built = run_cli("build", "-o", "-")
    assert built.exit_code == 0, built.stderr
    assert built.stdout.strip() == BY_HAND["zh_CN"]
    assert not Path("locales/zh_Hans_CN").exists()


@pytest.mark.parametrize(
    ("reviewed_in", "proposed_in"), [("zh_Hans_CN", "zh_CN"), ("zh_CN", "zh_Hans_CN")]
)
def test_reviews_are_proposed_under_every_spelling_of_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reviewed_in: str, proposed_in: str
) -> None:
    """Reviews are kept under the folder's name: those made in zh_Hans_CN/ were not proposed
    to a later zh_CN/ catalog ("from cache" instead of "from memory"), nor zh_CN's to
    zh_Hans_CN/, once the catalog they were made in was gone."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(f"{SENTENCE}\n", encoding="utf-8")
    Path("locales", reviewed_in, "LC_MESSAGES").mkdir(parents=True)
    assert run_cli("init", "a.txt", "--to", "zh_CN").exit_code == 0
    catalog = polib.pofile(f"locales/{reviewed_in}/LC_MESSAGES/a.po")
    catalog.find(SENTENCE).msgstr = BY_HAND["zh_CN"]
    catalog.save()
    assert run_cli("update", "a.txt", "--no-translate").exit_code == 0  # records the review

    # The article is retired and the team's folder renamed: only the memory holds the review.
    shutil.rmtree(Path("locales", reviewed_in))
    Path("locales", proposed_in, "LC_MESSAGES").mkdir(parents=True)
    Path("b.txt").write_text(f"{SENTENCE}\n", encoding="utf-8")
    assert run_cli("init", "b.txt", "--to", "zh_CN").exit_code == 0
    result = run_cli("update", "b.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    assert "from memory 1" in result.stdout + result.stderr
    proposed = polib.pofile(f"locales/{proposed_in}/LC_MESSAGES/b.po").find(SENTENCE)
    assert proposed.msgstr == BY_HAND["zh_CN"]


@pytest.mark.parametrize("command", [("segment", "a.txt"), ("extract", "a.txt")])
def test_commands_that_read_no_catalog_are_not_stopped_by_twin_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """segment and extract read no catalog: two folders of one language are none of their
    business, and they work as before."""
    monkeypatch.chdir(tmp_path)
    _twin_folders(tmp_path)
    result = run_cli(*command)
    assert result.exit_code == 0, result.stderr
