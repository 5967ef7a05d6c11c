"""The shipped glossary's content (issue 13): its size, five languages, a citation and an
evidence mark on every entry, the evidence shown by `glossary list`, and the re-checked
renderings the terminologist's review contested."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from localize.glossary import NOT_VERIFIED, load_glossary, shipped_path

LANGS = ("zh", "ru", "fr", "es", "ar")
# An institution's name alone is not a citation: a document or a page is.
BARE_NAMES = {
    "UNTERM",
    "Xinhua",
    "WHO",
    "Xinhua services",
    "Xinhua language services",
    "Chinese foreign ministry language versions",
}


@pytest.fixture(scope="module")
def shipped():
    return load_glossary(shipped_path())


def glossary_cli(*args: str):
    from localize.cli import app

    result = CliRunner().invoke(app, ["glossary", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_shipped_glossary_has_220_entries_in_five_languages_each_citing_its_sources(
    shipped,
) -> None:
    assert len(shipped.entries) >= 220
    for entry in shipped.entries:
        for lang in LANGS:
            assert entry.covers(lang) and all(entry.approved(lang)), (entry.id, lang)
        assert entry.sources and all(s.strip() for s in entry.sources), entry.id
        assert not BARE_NAMES & set(entry.sources), entry.id
        assert entry.evidence.strip(), entry.id


def test_every_not_verified_mark_is_shown_by_glossary_list(shipped) -> None:
    unverified = {e.id: e.evidence for e in shipped.entries if e.unverified}
    # Most of the content was compiled without the sources at hand, and says so.
    assert len(unverified) > len(shipped.entries) // 2
    lines = glossary_cli("list", "--glossary", str(shipped_path())).splitlines()
    header = lines[0].split("\t")
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[1:]}
    column = header.index("evidence")
    shown = {
        entry_id: row[column]
        for entry_id, row in rows.items()
        if NOT_VERIFIED in row[column].casefold()
    }
    assert shown == unverified
    records = json.loads(
        glossary_cli("list", "--format", "json", "--glossary", str(shipped_path()))
    )
    assert {r["id"]: r["evidence"] for r in records if r["id"] in unverified} == unverified
    assert all(r["sources"] for r in records)


def test_lookup_shows_sources_and_evidence() -> None:
    text = glossary_cli("lookup", "Xinhua News Agency", "--to", "es")
    assert "es: Agencia de Noticias Xinhua" in text
    assert "sources: " in text and "evidence: " in text


def test_contested_renderings_were_redone(shipped) -> None:
    win_win = shipped.by_id["win-win-cooperation"]
    mutual = shipped.by_id["mutually-beneficial-cooperation"]
    for lang in LANGS:
        # Two concepts, never one rendering.
        assert not set(win_win.approved(lang)) & set(mutual.approved(lang)), lang
    assert shipped.by_id["global-development-initiative"].preferred("ru") == (
        "Инициатива по глобальному развитию"
    )
    assert shipped.by_id["global-security-initiative"].preferred("ru") == (
        "Инициатива по глобальной безопасности"
    )
    assert shipped.by_id["territorial-integrity"].preferred("ar") == "السلامة الإقليمية"
    spokesperson = shipped.by_id["foreign-ministry-spokesperson"]
    assert spokesperson.preferred("es") == "portavoz del Ministerio de Relaciones Exteriores"
    xinhua = shipped.by_id["xinhua"]
    assert "新华网" not in xinhua.approved("zh") + xinhua.forms.get("zh", ())
    assert "新华网" in xinhua.forbidden["zh"]
    assert shipped.by_id["xinhuanet"].preferred("zh") == "新华网"
    agency = shipped.by_id["xinhua-news-agency"]
    assert agency.preferred("fr") == "agence de presse Xinhua"
    assert agency.preferred("es") == "Agencia de Noticias Xinhua"
    assert "Xinhua News Agency" not in agency.approved("fr") + agency.approved("es")
    matched = shipped.match("Xinhua News Agency reported it.")
    assert [m.entry.id for m in matched] == ["xinhua-news-agency"]
    for entry_id in ("win-win-cooperation", "three-evil-forces", "xinhua"):
        assert "Changed (issue 13)" in shipped.by_id[entry_id].note


def test_a_french_draft_keeping_the_english_agency_name_is_flagged(shipped) -> None:
    from localize.checks import check_entry

    source = "Xinhua News Agency reported the talks."
    found = {p.check for p in check_entry(source, "Xinhua News Agency a rapporté.", shipped, "fr")}
    assert found & {"glossary-missing", "glossary-forbidden"}, found
    good = {
        p.check for p in check_entry(source, "L'agence de presse Xinhua a rapporté.", shipped, "fr")
    }
    assert not good & {"glossary-missing", "glossary-forbidden"}, good


@pytest.mark.parametrize("form", ["tbx", "tbx3", "tbx-weblate", "csv"])
def test_every_export_format_takes_the_whole_shipped_glossary(form: str) -> None:
    to = "es" if form in ("tbx-weblate", "csv") else ",".join(LANGS)
    text = glossary_cli("export", "--to", to, "--format", form, "--glossary", str(shipped_path()))
    assert "agence de presse Xinhua" in text or "Agencia de Noticias Xinhua" in text
