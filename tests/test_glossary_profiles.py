"""Registers per language: a project chooses a profile (es: prc, the Chinese foreign ministry's
Spanish; fr: prc for OSC), whose renderings become preferred while the others stay accepted."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from localize.checks import check_entry
from localize.glossary import load_glossary, shipped_path

PROJECT = """\
schema: 1
version: "house-style"
extends: shipped
profile: {es: prc, fr: prc}
"""

MINISTRY = "The Ministry of Foreign Affairs said on Monday."


def test_a_chosen_profile_prefers_its_renderings_and_keeps_the_others(tmp_path) -> None:
    shipped = load_glossary(shipped_path())
    path = tmp_path / "glossary.yaml"
    path.write_text(PROJECT, encoding="utf-8")
    house = load_glossary(path)
    ministry = "ministry-of-foreign-affairs"
    assert shipped.by_id[ministry].preferred("es") == "Ministerio de Asuntos Exteriores"
    assert house.by_id[ministry].preferred("es") == "Ministerio de Relaciones Exteriores"
    assert set(house.by_id[ministry].approved("es")) == set(shipped.by_id[ministry].approved("es"))
    sco = "shanghai-cooperation-organization"
    assert shipped.by_id[sco].preferred("fr", "SCO") == "OCS"
    assert house.by_id[sco].preferred("fr", "SCO") == "OSC"
    assert house.by_id[sco].preferred("fr") == "Organisation de coopération de Shanghai"
    # Both registers pass check under either choice.
    for glossary in (shipped, house):
        for spanish in (
            "El Ministerio de Asuntos Exteriores dijo el lunes.",
            "El Ministerio de Relaciones Exteriores dijo el lunes.",
        ):
            problems = check_entry(MINISTRY, spanish, glossary, "es")
            assert not [p for p in problems if p.check.startswith("glossary")], problems
    # A language without a chosen profile keeps the shipped order.
    assert house.by_id[ministry].targets["zh"] == shipped.by_id[ministry].targets["zh"]


def test_unknown_profile_and_misplaced_profiles_are_line_errors(tmp_path) -> None:
    from localize.cli import app

    path = tmp_path / "glossary.yaml"
    cases = {
        PROJECT.replace(
            "es: prc", "es: mexico"
        ): ":4: no entry has renderings for profile es: mexico",
        PROJECT
        + "entries:\n  - id: x\n    source: X\n    keep: [zh, ru, fr, es, ar]\n"
        + "    profiles: {es: {prc: Equis}}\n    note: n\n": "the entry has no es targets",
    }
    for text, message in cases.items():
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["glossary", "validate", str(path)])
        assert result.exit_code == 2 and message in result.output, result.output


def test_list_json_shows_profiles(tmp_path, monkeypatch) -> None:
    from localize.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary.yaml").write_text(PROJECT, encoding="utf-8")
    out = CliRunner().invoke(app, ["glossary", "list", "--format", "json"]).stdout
    rows = {r["id"]: r for r in json.loads(out)}
    ministry = rows["ministry-of-foreign-affairs"]
    assert ministry["profiles"]["es"]["prc"] == ["Ministerio de Relaciones Exteriores"]
    assert ministry["targets"]["es"] == "Ministerio de Relaciones Exteriores"
