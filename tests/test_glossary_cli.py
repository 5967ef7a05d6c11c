"""``localize glossary`` commands and the TBX/CSV exports."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from typer.testing import CliRunner

from localize.glossary import load_glossary, shipped_path

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def run(*args: str):
    from localize.cli import app

    return CliRunner().invoke(app, ["glossary", *args])


def test_tbx_export_is_well_formed_and_holds_every_entry(tmp_path) -> None:
    out = tmp_path / "g.tbx"
    result = run("export", "--to", "zh", "--format", "tbx", "-o", str(out))
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    shipped = load_glossary(shipped_path())
    entries = root.findall("./text/body/termEntry")
    assert [e.get("id") for e in entries] == [e.id for e in shipped.entries]
    bri = next(e for e in entries if e.get("id") == "belt-and-road-initiative")
    zh = next(s for s in bri.findall("langSet") if s.get(XML_LANG) == "zh")
    statuses = {
        t.findtext("term"): t.findtext("termNote[@type='administrativeStatus']")
        for t in zh.findall("tig")
    }
    assert statuses["“一带一路”倡议"] == "preferredTerm-admn-sts"
    assert statuses["一带一路战略"] == "deprecatedTerm-admn-sts"


def test_csv_export_has_a_row_per_source_form() -> None:
    result = run("export", "--to", "ru", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    row = next(r for r in rows if r["source"] == "SCO")
    assert row["target"] == "ШОС"  # an abbreviation is exported with the target abbreviation
    assert row["context"] == "shanghai-cooperation-organization"
    assert "Sources: " in row["developer_comments"]
    assert run("export", "--to", "zh,ru", "--format", "csv").exit_code == 2


def test_list_json_lookup_validate_and_init(tmp_path, monkeypatch) -> None:
    result = run("list", "--format", "json")
    rows = json.loads(result.stdout)
    wang = next(r for r in rows if r["id"] == "wang-yi")
    assert wang["targets"]["zh"] == "王毅" and wang["targets"]["fr"] == "Wang Yi"
    bri = next(r for r in rows if r["id"] == "belt-and-road-initiative")
    assert "BRI" in bri["variants"]
    assert "Один пояс, один путь" in bri["forbidden"]["ru"]
    lookup = run("lookup", "SCO", "--to", "ru")
    assert lookup.exit_code == 0 and "ШОС" in lookup.stdout
    assert run("lookup", "no such term at all").exit_code == 2
    assert "ok:" in run("validate", str(shipped_path())).stdout
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    assert (tmp_path / "glossary.yaml").read_bytes() == shipped_path().read_bytes()
    assert run("init").exit_code == 2  # never overwritten without --force
    (tmp_path / "glossary.yaml").write_text(
        "schema: 1\nversion: x\nsource_language: en\nentries:\n  - id: a\n    sourc: b\n"
    )
    broken = run("validate")
    assert broken.exit_code == 2
    assert "glossary.yaml:6: unknown key 'sourc'" in broken.output
