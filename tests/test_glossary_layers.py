"""A project glossary that extends the shipped one: override, add and remove by id, and
``glossary list`` saying where each entry comes from."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from localize.glossary import load_glossary, resolve_glossary, shipped_path

LAYER = """\
schema: 1
version: "newsroom-1"
extends: shipped
remove: [embassy]
entries:
  - id: wang-yi
    source: Wang Yi
    kind: person
    targets:
      zh: 王毅
      ru: Ван И
      ar: وانغ يي
      es: Wang Yi
    keep: [fr]
    note: 'Newsroom override.'
  - id: newsroom-term
    source: Dushanbe Tea House
    kind: place
    keep: [zh, ru, fr, es, ar]
    note: 'Newsroom addition.'
"""


def run(*args: str):
    from localize.cli import app

    return CliRunner().invoke(app, ["glossary", *args])


def write_layer(tmp_path: Path, text: str = LAYER) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_layer_overrides_adds_and_removes_by_id(tmp_path) -> None:
    shipped = load_glossary(shipped_path())
    layered = load_glossary(write_layer(tmp_path))
    ids = [e.id for e in layered.entries]
    # The shipped order is kept, the override in the shipped entry's place, additions last.
    assert ids == [e.id for e in shipped.entries if e.id != "embassy"] + ["newsroom-term"]
    wang = layered.by_id["wang-yi"]
    assert wang.note == "Newsroom override." and wang.keep == ("fr",)
    assert wang.overrides and wang.origin.endswith("glossary.yaml")
    assert layered.by_id["xi-jinping"] == shipped.by_id["xi-jinping"]
    assert layered.languages == shipped.languages
    assert layered.source_language == shipped.source_language
    assert "extends" in layered.describe() and shipped.version in layered.describe()
    # The shipped terms still match in the project's glossary.
    found = [m.entry.id for m in layered.match("the Shanghai Cooperation Organization embassy")]
    assert found == ["shanghai-cooperation-organization"]


def test_a_file_without_extends_still_stands_alone(tmp_path) -> None:
    alone = LAYER.replace("extends: shipped\nremove: [embassy]\n", "source_language: en\n")
    glossary = load_glossary(write_layer(tmp_path, alone))
    assert [e.id for e in glossary.entries] == ["wang-yi", "newsroom-term"]


def test_layer_errors_name_the_line_and_the_fix(tmp_path) -> None:
    cases = {
        LAYER.replace("extends: shipped", "extends: upstream"): ":3: extends must be 'shipped'",
        LAYER.replace("[embassy]", "[no-such-id]"): ":4: remove names no-such-id",
        LAYER.replace("extends: shipped\n", "source_language: en\n"): ":4: 'remove' drops",
        LAYER.replace("[embassy]", "[wang-yi]"): "'wang-yi' is both removed",
        LAYER.replace("      es: Wang Yi\n", ""): "has no target for es",
    }
    for text, message in cases.items():
        path = write_layer(tmp_path, text)
        result = run("validate", str(path))
        assert result.exit_code == 2, text
        assert message in result.output, result.output
        assert "Traceback" not in result.output


def test_list_says_where_each_entry_comes_from(tmp_path, monkeypatch) -> None:
    write_layer(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert resolve_glossary().base is not None  # ./glossary.yaml is found and layered
    rows = {r["id"]: r for r in json.loads(run("list", "--format", "json").stdout)}
    assert rows["xi-jinping"]["origin"] == "shipped"
    assert rows["wang-yi"]["origin"] == "glossary.yaml (overrides shipped)"
    assert rows["newsroom-term"]["origin"] == "glossary.yaml"
    assert "embassy" not in rows
    text = run("list", "--to", "zh").stdout.splitlines()
    assert text[0].split("\t") == ["id", "source", "zh", "evidence", "from"]
    lines = {line.split("\t")[0]: line.split("\t") for line in text[1:]}
    assert lines["wang-yi"][-1] == "glossary.yaml (overrides shipped)"
    assert lines["xi-jinping"][-1] == "shipped"


def test_list_json_has_every_field() -> None:
    rows = {r["id"]: r for r in json.loads(run("list", "--format", "json").stdout)}
    bri = rows["belt-and-road-initiative"]
    for key in (
        "case",
        "whole_word",
        "forms",
        "inflect",
        "inflect_override",
        "appositions",
        "grammar",
        "forbidden",
        "origin",
        "file",
        "overrides",
        "valid_from",
        "valid_until",
        "titles",
    ):
        assert key in bri, key
    shipped = load_glossary(shipped_path())
    for entry in shipped.entries:
        row = rows[entry.id]
        assert row["forms"] == {k: list(v) for k, v in entry.forms.items()}
        assert row["appositions"] == {k: list(v) for k, v in entry.appositions.items()}
        assert row["grammar"] == entry.grammar
        assert row["inflect_override"] == entry.inflect
        assert row["inflect"] == {lang: shipped.inflects(entry, lang) for lang in shipped.languages}
    assert rows["wang-yi"]["inflect"]["ru"] is False
    assert rows["wang-yi"]["titles"]["state-councilor"] == [
        {"from": "2018-03-01", "until": "2023-03-31"}
    ]
    assert any(row["forms"] for row in rows.values())
    assert any(row["appositions"] for row in rows.values())


def test_init_layered_writes_a_valid_extending_file(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "--layered").exit_code == 0
    glossary = resolve_glossary()
    assert glossary.base is not None
    assert len(glossary.entries) == len(load_glossary(shipped_path()).entries)
    assert run("validate").exit_code == 0


def test_a_project_entry_that_takes_a_shipped_source_form_is_refused_at_its_own_line(
    tmp_path: Path,
) -> None:
    """FOCAC, an abbreviation, is matched as written whatever the entry's case setting: a
    project entry with it would compete with the shipped one for every mention."""
    import pytest

    from localize.errors import LocalizeError

    taken = LAYER + (
        "  - id: my-focac\n    source: FOCAC\n    kind: organization\n"
        "    keep: [zh, ru, fr, es, ar]\n    note: 'Clash.'\n"
    )
    path = tmp_path / "glossary.yaml"
    path.write_text(taken, encoding="utf-8")
    with pytest.raises(LocalizeError) as caught:
        load_glossary(path)
    assert str(caught.value).endswith(
        "glossary.yaml:21: 'FOCAC' of entry 'my-focac' is also a source form of the shipped "
        "glossary's entry 'focac'; override 'focac' here by its id, or list it under 'remove', "
        "or drop the form from 'my-focac'"
    )
    # Removing the shipped entry, or a form matched as written in another case, is fine.
    path.write_text(taken.replace("remove: [embassy]", "remove: [embassy, focac]"), "utf-8")
    assert load_glossary(path).by_id["my-focac"]
    path.write_text(taken.replace("source: FOCAC", "source: FoCAC"), encoding="utf-8")
    assert load_glossary(path).by_id["my-focac"]
