"""glossary import of termbases as tools write them: regional language tags, untranslated
concepts, incomplete or unapproved CSV rows, and errors told at the input's own line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

# Lines numbered as the tests name them: termEntry c1 on line 5, c2 on 9, c3 on 12.
REGIONAL_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en-US">
<text><body>
<termEntry id="c1">
  <langSet xml:lang="en-US"><tig><term>machine translation</term></tig></langSet>
  <langSet xml:lang="es-ES"><tig><term>traducción automática</term></tig></langSet>
</termEntry>
<termEntry id="c2">
  <langSet xml:lang="en-GB"><tig><term>colour</term></tig></langSet>
</termEntry>
<termEntry id="c3">{note}
  <langSet xml:lang="en-GB"><tig><term>glossary</term></tig></langSet>
  <langSet xml:lang="es-ES"><tig><term>glosario</term></tig></langSet>
  <langSet xml:lang="es-MX"><tig><term>vocabulario</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def run(*args: str):
    from localize.cli import app

    return CliRunner().invoke(app, ["glossary", *args])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def written(path: str) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def test_regional_tags_are_read_as_their_language(folder: Path) -> None:
    (folder / "mt.tbx").write_text(REGIONAL_TBX.format(note=""), encoding="utf-8")
    result = run("import", "mt.tbx", "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    document = written("out.yaml")
    assert document["source_language"] == "en" and document["languages"] == ["es"]
    by_id = {entry["id"]: entry for entry in document["entries"]}
    # en-GB is the source language en-US is; es-ES and es-MX both give es renderings.
    assert by_id["c3"]["source"] == "glossary"
    assert by_id["c3"]["targets"] == {"es": ["glosario", "vocabulario"]}
    assert "read language es-MX as es" in result.output
    assert run("validate", "out.yaml").exit_code == 0


def test_an_untranslated_concept_is_skipped_and_reported(folder: Path) -> None:
    (folder / "mt.tbx").write_text(REGIONAL_TBX.format(note=""), encoding="utf-8")
    result = run("import", "mt.tbx", "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    assert [entry["id"] for entry in written("out.yaml")["entries"]] == ["c1", "c3"]
    assert "mt.tbx:9: concept c2: untranslated" in result.output
    assert "mapped 2 concept(s), 5 term(s)" in result.output


def test_csv_rows_without_source_or_target_or_approval_are_skipped(folder: Path) -> None:
    (folder / "terms.csv").write_text(
        "source,target,context,fuzzy\n"
        "hello,hola,,False\n"
        ",Sin fuente,,False\n"
        "world,mundo,,True\n"
        "thing,,,False\n"
        '"two\nlines",dos líneas,,False\n'
        ",Otra sin fuente,,False\n",
        encoding="utf-8",
    )
    result = run("import", "terms.csv", "--lang", "es-ES", "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    document = written("out.yaml")
    assert document["languages"] == ["es"]
    assert {e["source"]: e["targets"]["es"] for e in document["entries"]} == {
        "hello": ["hola"],
        "two\nlines": ["dos líneas"],
    }
    for skipped in (
        "terms.csv:3: row with an empty source",
        "terms.csv:4: row 'world' is fuzzy (not approved)",
        "terms.csv:5: row 'thing' is untranslated",
        "terms.csv:8: row with an empty source",  # after a row of two lines
    ):
        assert skipped in result.output


def test_csv_keys_in_other_scripts_stay_separate_concepts(folder: Path) -> None:
    (folder / "zh.csv").write_text("source,target\n中国,Chine\n日本,Japon\n", encoding="utf-8")
    result = run("import", "zh.csv", "--lang", "fr", "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    entries = written("out.yaml")["entries"]
    assert [(e["id"], e["source"]) for e in entries] == [("entry", "中国"), ("entry-2", "日本")]


def test_errors_name_the_input_line_not_the_unwritten_yaml(folder: Path) -> None:
    bad_kind = '\n  <note>localize: {"kind": "bogus"}</note>'
    (folder / "kind.tbx").write_text(REGIONAL_TBX.format(note=bad_kind), encoding="utf-8")
    result = run("import", "kind.tbx", "-o", "out.yaml")
    assert result.exit_code == 2, result.output
    assert "kind.tbx:12: kind must be one of" in result.output
    assert "out.yaml" not in result.output and not (folder / "out.yaml").exists()
    broken = "\n  <note>localize: {kind</note>"
    (folder / "json.tbx").write_text(REGIONAL_TBX.format(note=broken), encoding="utf-8")
    result = run("import", "json.tbx", "-o", "out.yaml")
    assert result.exit_code == 2 and "json.tbx:12: the 'localize:' note is not valid JSON" in (
        result.output
    )
    (folder / "lang.tbx").write_text(
        REGIONAL_TBX.format(note="").replace('"es-MX"', '"../x"'), encoding="utf-8"
    )
    result = run("import", "lang.tbx", "-o", "out.yaml")
    assert result.exit_code == 2 and "lang.tbx:15: xml:lang: invalid language code" in (
        result.output
    )
    assert "--lang: invalid language code" in run("import", "lang.tbx", "--lang", "x!").output


UNEVEN_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
<text><body>
<termEntry id="c1">
  <langSet xml:lang="en"><tig><term>peace</term></tig></langSet>
  <langSet xml:lang="es"><tig><term>paz</term></tig></langSet>
  <langSet xml:lang="fr"><tig><term>paix</term></tig></langSet>
</termEntry>
<termEntry id="c2">
  <langSet xml:lang="en"><tig><term>war</term></tig></langSet>
  <langSet xml:lang="es"><tig><term>guerra</term></tig></langSet>
</termEntry>
<termEntry id="c3">
  <langSet xml:lang="en"><tig><term>treaty</term></tig></langSet>
  <langSet xml:lang="fr"><tig><term>traité</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_a_termbase_covering_its_languages_unevenly_imports_the_language_asked(
    folder: Path,
) -> None:
    (folder / "uneven.tbx").write_text(UNEVEN_TBX, encoding="utf-8")
    refused = run("import", "uneven.tbx", "-o", "out.yaml")
    assert refused.exit_code == 2 and not Path("out.yaml").exists()
    assert "no target language is in every concept (es in 2, fr in 2 of 3)" in refused.output
    assert "--lang" in refused.output
    result = run("import", "uneven.tbx", "-o", "out.yaml", "--lang", "es")
    assert result.exit_code == 0, result.output
    document = written("out.yaml")
    assert document["languages"] == ["es"]
    assert [entry["id"] for entry in document["entries"]] == ["c1", "c2"]
    assert "uneven.tbx:13: concept c3: not in es" in result.output
    assert run("validate", "out.yaml").exit_code == 0


def test_csv_keys_in_another_case_or_script_are_other_concepts(folder: Path) -> None:
    (folder / "terms.csv").write_text(
        "source,target\n中国,China\n日本,Japón\nUS,EE. UU.\n", encoding="utf-8"
    )
    result = run("import", "terms.csv", "-o", "out.yaml", "--lang", "es")
    assert result.exit_code == 0, result.output
    sources = sorted(entry["source"] for entry in written("out.yaml")["entries"])
    assert sources == sorted(["US", "中国", "日本"])
    # "us" is matched in any case, so it would compete with "US": refused at its row.
    with (folder / "terms.csv").open("a", encoding="utf-8") as csv_file:
        csv_file.write("us,nosotros\n")
    refused = run("import", "terms.csv", "-o", "out2.yaml", "--lang", "es")
    assert refused.exit_code == 2 and "terms.csv:5: 'us' of entry" in refused.output
    assert not Path("out2.yaml").exists()


# Two scripts of Chinese and of Serbian, as termbases tag them; lines as the tests name them.
SCRIPTS_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
<text><body>
<termEntry id="info">
  <langSet xml:lang="en"><tig><term>information</term></tig></langSet>
  <langSet xml:lang="zh-Hans"><tig><term>信息</term></tig></langSet>
  <langSet xml:lang="zh-Hant"><tig><term>資訊</term></tig></langSet>
  <langSet xml:lang="sr-Cyrl"><tig><term>информација</term></tig></langSet>
  <langSet xml:lang="sr-Latn"><tig><term>informacija</term></tig></langSet>
</termEntry>
<termEntry id="software">
  <langSet xml:lang="en"><tig><term>software</term></tig></langSet>
  <langSet xml:lang="zh-CN"><tig><term>软件</term></tig></langSet>
  <langSet xml:lang="zh-TW"><tig><term>軟體</term></tig></langSet>
  <langSet xml:lang="sr"><tig><term>софтвер</term></tig></langSet>
  <langSet xml:lang="sr-Latn-RS"><tig><term>softver</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_a_script_subtag_is_another_written_language(folder: Path) -> None:
    """Traditional Chinese and Latin Serbian get columns of their own (zh_Hant, sr_Latn, as
    Weblate and CLDR name them); Simplified (the project's UN zh) and Cyrillic, each language's
    usual script, are zh and sr; a region only folds (zh-TW is zh_Hant, zh-CN is zh)."""
    (folder / "scripts.tbx").write_text(SCRIPTS_TBX, encoding="utf-8")
    result = run("import", "scripts.tbx", "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    document = written("out.yaml")
    assert document["languages"] == ["sr", "sr_Latn", "zh", "zh_Hant"]
    by_id = {entry["id"]: entry["targets"] for entry in document["entries"]}
    assert by_id["info"] == {
        "zh": ["信息"],
        "zh_Hant": ["資訊"],
        "sr": ["информација"],
        "sr_Latn": ["informacija"],
    }
    assert by_id["software"] == {
        "zh": ["软件"],
        "zh_Hant": ["軟體"],
        "sr": ["софтвер"],
        "sr_Latn": ["softver"],
    }
    for read in ("zh-Hant as zh_Hant", "zh-TW as zh_Hant", "zh-Hans as zh", "sr-Latn as sr_Latn"):
        assert f"read language {read}" in result.output
    # The report says which catalogs read a script's column.
    assert "zh_Hant is a column of its own: translate and check read it for the catalogs " in (
        result.output
    )
    assert run("validate", "out.yaml").exit_code == 0
    # Export and import again: the columns stay apart.
    exported = run("export", "--glossary", "out.yaml", "--to", "zh_Hant", "--format", "tbx3")
    assert exported.exit_code == 0, exported.output
    (folder / "again.tbx").write_text(exported.stdout, encoding="utf-8")
    again = run("import", "again.tbx", "-o", "again.yaml")
    assert again.exit_code == 0, again.output
    assert [e["targets"] for e in written("again.yaml")["entries"]] == [
        {"zh_Hant": ["資訊"]},
        {"zh_Hant": ["軟體"]},
    ]


@pytest.mark.parametrize(
    ("lang", "column"),
    [
        ("zh-Hant", "zh_Hant"),
        ("zh_TW", "zh_Hant"),
        ("sr@latin", "sr_Latn"),
        ("sr@ijekavianlatin", "sr_Latn"),  # gettext's Latin ijekavian Serbian
        ("zh-Hans", "zh"),
    ],
)
def test_a_csv_of_another_script_keeps_its_column(folder: Path, lang: str, column: str) -> None:
    (folder / "terms.csv").write_text("source,target\nsoftware,軟體\n", encoding="utf-8")
    result = run("import", "terms.csv", "--lang", lang, "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    document = written("out.yaml")
    assert document["languages"] == [column]
    assert document["entries"][0]["targets"] == {column: ["軟體"]}


# A termbase with terms tagged und, mul and private use beside real languages; c1 on line 4.
NO_LANGUAGE_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="{root}">
<text><body>
<termEntry id="c1">
  <langSet xml:lang="en"><tig><term>World Health Organization</term></tig></langSet>
  <langSet xml:lang="und"><tig><term>WHO-XYZ</term></tig></langSet>
  <langSet xml:lang="mul"><tig><term>WHO</term></tig><tig><term>OMS</term></tig></langSet>
  <langSet xml:lang="x-house"><tig><term>Health Org</term></tig></langSet>
  <langSet xml:lang="es"><tig><term>Organización Mundial de la Salud</term></tig></langSet>
</termEntry>
<termEntry id="c2">
  <langSet xml:lang="und"><tig><term>peace</term></tig></langSet>
  <langSet xml:lang="es"><tig><term>paz</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


@pytest.mark.parametrize("root", ["en", "mul"])
def test_terms_in_und_mul_or_private_use_are_skipped_and_reported(folder: Path, root: str) -> None:
    """und, mul and x-... name no one language: their terms are left out, each said with its
    line, and the rest imported; und is not English, nor is a mul root the source language."""
    (folder / "mixed.tbx").write_text(NO_LANGUAGE_TBX.format(root=root), encoding="utf-8")
    result = run("import", "mixed.tbx", "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    document = written("out.yaml")
    assert document["source_language"] == "en" and document["languages"] == ["es"]
    [entry] = document["entries"]
    assert entry["source"] == "World Health Organization" and "variants" not in entry
    assert entry["targets"] == {"es": ["Organización Mundial de la Salud"]}
    for skipped in (
        "mixed.tbx:6: concept c1: 1 term(s) in xml:lang 'und' skipped: it names no one language",
        "mixed.tbx:7: concept c1: 2 term(s) in xml:lang 'mul' skipped",
        "mixed.tbx:8: concept c1: 1 term(s) in xml:lang 'x-house' skipped",
        "mixed.tbx:12: concept c2: 1 term(s) in xml:lang 'und' skipped",
        "mixed.tbx:11: concept c2: no en term",
    ):
        assert skipped in result.output
    assert "skipped 5:" in result.output
    said = "root xml:lang 'mul' (no one language; source read as en)" in result.output
    assert said == (root == "mul")
    assert "en_US" not in result.output
    assert run("validate", "out.yaml").exit_code == 0


@pytest.mark.parametrize("lang", ["und", "und-Latn", "mul"])
def test_a_lang_that_names_no_one_language_is_refused(folder: Path, lang: str) -> None:
    """--lang und was read as en_US, so the targets were imported as English renderings."""
    (folder / "terms.csv").write_text("source,target\npeace,paz\n", encoding="utf-8")
    result = run("import", "terms.csv", "--lang", lang, "-o", "out.yaml")
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert line == (
        f"error: --lang: '{lang}' names no one language (undetermined, several, none or private "
        "use): name the language the text is written in; use an ISO 639 code such as es, zh, "
        "ru, fr, ar or pt_BR"
    )
    assert not Path("out.yaml").exists()
