"""TBX v3 and Weblate TBX export, TBX v2/v3 and CSV import with its report, lossless round
trips, and Weblate's own reader (translate-toolkit's storage.tbx) on our export."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from translate.storage.tbx import tbxfile
from typer.testing import CliRunner

from localize.glossary import Entry, load_glossary, parse_glossary, shipped_path
from localize.tbx import TBX3_NS, to_csv, to_tbx, to_tbx_v3, to_tbx_weblate
from localize.tbx_import import import_file

SENSITIVE = ("belt-and-road-initiative", "one-china-principle", "president-xi-jinping")
# Every field of an entry that is its content: where it was read (line) and which layer it
# came from (origin, overrides) are not, so a field added to Entry is compared without a list here.
FIELDS = [
    field.name
    for field in dataclasses.fields(Entry)
    if field.name not in {"line", "origin", "overrides"}
]


def run(*args: str):
    from localize.cli import app

    return CliRunner().invoke(app, ["glossary", *args])


def comparable(entry: Entry) -> tuple:
    return tuple(getattr(entry, name) for name in FIELDS)


def imported(path: Path, lang: str | None = None):
    document, report = import_file(path, lang)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    return parse_glossary(text, path.with_suffix(".yaml")), document, report


def test_tbx_v3_export_is_tbx_basic_and_holds_every_concept(tmp_path) -> None:
    shipped = load_glossary(shipped_path())
    out = tmp_path / "g.tbx"
    result = run("export", "--to", "zh,ru,fr,es,ar", "--format", "tbx3", "-o", str(out))
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    assert root.tag == f"{{{TBX3_NS}}}tbx" and root.get("type") == "TBX-Basic"
    concepts = root.findall(f".//{{{TBX3_NS}}}conceptEntry")
    assert [c.get("id") for c in concepts] == [e.id for e in shipped.entries]
    bri = next(c for c in concepts if c.get("id") == "belt-and-road-initiative")
    statuses = {
        term.findtext(f"{{{TBX3_NS}}}term"): term.findtext(f"{{{TBX3_NS}}}termNote")
        for term in bri.iter(f"{{{TBX3_NS}}}termSec")
    }
    assert statuses["Один пояс, один путь"] == "deprecatedTerm-admn-sts"
    assert statuses["“一带一路”倡议"] == "preferredTerm-admn-sts"


def test_tbx_v3_import_of_the_export_restores_the_whole_glossary(tmp_path) -> None:
    shipped = load_glossary(shipped_path())
    first = tmp_path / "first.tbx"
    first.write_text(to_tbx_v3(shipped, list(shipped.languages)), encoding="utf-8")
    glossary, document, report = imported(first)
    assert [comparable(e) for e in glossary.entries] == [comparable(e) for e in shipped.entries]
    assert report.concepts == len(shipped.entries) and not report.unmapped
    # import -> export -> import gives the same document.
    second = tmp_path / "second.tbx"
    second.write_text(to_tbx_v3(glossary, list(glossary.languages)), encoding="utf-8")
    _, again, _ = imported(second)
    assert {**again, "version": ""} == {**document, "version": ""}


def test_tbx_v2_and_csv_round_trips_are_lossless(tmp_path) -> None:
    shipped = load_glossary(shipped_path())
    v2 = tmp_path / "v2.tbx"
    v2.write_text(to_tbx(shipped, list(shipped.languages)), encoding="utf-8")
    first, document, report = imported(v2)
    assert [e.id for e in first.entries] == [e.id for e in shipped.entries]
    assert first.by_id["emomali-rahmon"].forbidden["ru"] == ("Рахмонов",)
    assert report.mapped["definition -> note"] == len(shipped.entries)
    v2_again = tmp_path / "v2-again.tbx"
    v2_again.write_text(to_tbx(first, list(first.languages)), encoding="utf-8")
    _, again, _ = imported(v2_again)
    assert {**again, "version": ""} == {**document, "version": ""}

    csv_path = tmp_path / "es.csv"
    csv_path.write_text(to_csv(shipped, "es"), encoding="utf-8")
    first, document, _ = imported(csv_path, "es")
    assert len(first.entries) == len(shipped.entries)
    ministry = first.by_id["ministry-of-foreign-affairs"]
    assert ministry.approved("es") == shipped.by_id["ministry-of-foreign-affairs"].approved("es")
    assert first.by_id["emomali-rahmon"].forbidden["es"] == ("Rajmónov",)
    csv_again = tmp_path / "es-again.csv"
    csv_again.write_text(to_csv(first, "es"), encoding="utf-8")
    _, again, _ = imported(csv_again, "es")
    assert {**again, "version": ""} == {**document, "version": ""}


def test_weblate_reader_keeps_every_concept_and_every_forbidden_form() -> None:
    shipped = load_glossary(shipped_path())
    for lang in shipped.languages:
        store = tbxfile.parsestring(to_tbx_weblate(shipped, lang).encode("utf-8"))
        store.settargetlanguage(lang)
        units = {unit.getid(): unit for unit in store.units}
        # translate-toolkit 3.16 (Weblate 5.14) reads a concept as obsolete when any of its
        # terms has a deprecated status: the Weblate export has none.
        statuses = {
            node.text.strip().lower()
            for unit in store.units
            for node in unit.xmlelement.iter()
            if node.get("type") == "administrativeStatus" and node.text
        }
        assert statuses == {"preferredterm-admn-sts", "forbidden"} or statuses == {
            "preferredterm-admn-sts"
        }
        assert not [uid for uid, unit in units.items() if unit.isobsolete()], lang
        assert all(entry.id in units for entry in shipped.entries), lang
        assert all(sensitive in units for sensitive in SENSITIVE)
        for entry in shipped.entries:
            assert units[entry.id].source == entry.source
            assert units[entry.id].target == entry.preferred(lang)
            for n, form in enumerate(entry.forbidden.get(lang, ()), start=1):
                unit = units[f"{entry.id}.forbidden.{n}"]
                (term,) = unit.get_target_terms(lang)
                assert term.text == form and term.administrative_status == "forbidden"
                assert unit.source == entry.source
        expected = len(shipped.entries) + sum(
            len(e.forbidden.get(lang, ())) for e in shipped.entries
        )
        assert len(units) == expected


def test_import_command_reports_and_refuses_bad_input(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shipped = load_glossary(shipped_path())
    source = tmp_path / "terms.tbx"
    source.write_text(
        to_tbx(shipped, ["zh"]).replace(
            "</termEntry>", "<descrip type='subjectField'>x</descrip></termEntry>", 1
        ),
        encoding="utf-8",
    )
    result = run("import", str(source), "-o", "out.yaml")
    assert result.exit_code == 0, result.output
    assert f"mapped {len(shipped.entries)} concept(s)" in result.output
    assert "not mapped <descrip type=subjectField> in a concept: 1" in result.output
    assert run("validate", "out.yaml").exit_code == 0
    assert run("import", str(source), "-o", "out.yaml").exit_code == 2  # never overwritten
    (tmp_path / "bad.tbx").write_text("<martif><text>\n<body>", encoding="utf-8")
    bad = run("import", "bad.tbx", "-o", "bad.yaml")
    assert bad.exit_code == 2 and "bad.tbx:2: not well-formed XML" in bad.output
    assert not (tmp_path / "bad.yaml").exists()
    (tmp_path / "x.csv").write_text("source,target\nA,B\n", encoding="utf-8")
    assert "pass --lang" in run("import", "x.csv", "-o", "x.yaml").output
