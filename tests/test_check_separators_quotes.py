"""A tester's round 5 on ``check``: a figure wrong by a factor of ten passed when its decimal
mark was read as a group separator (1.5亿 as 15亿, 2,5 millones as 25 millones), and German,
Czech and Russian quotations closing with “ were told they lacked their final stop. Each case
runs on a real catalog: ``localize init`` writes it, polib sets the translation as a reviewer
would, and ``localize check`` reads it."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from conftest import run_cli

DEBT = "Trade reached 1.5 billion dollars."
LOANS = "Loans reached 3.5 billion dollars."
FARMS = "The plan covers 25 million farmers."
FUND = "The fund holds 45 billion euros."
TONNES = "The port handled 1,500 tonnes."
VILLAGES = "The program reached 3,400 villages."
HOMES = "The scheme built 150,000 homes."
AGREE = 'He said: "We agree."'
STORY = "\n\n".join([DEBT, LOANS, FARMS, FUND, TONNES, VILLAGES, HOMES, AGREE, ""])


def findings(lang: str, msgstr: dict[str, str]) -> list[tuple[str, str, str]]:
    """The findings of ``localize check`` once ``msgstr`` is set in the story's catalog, each
    as (check, severity, message)."""
    Path("story.txt").write_text(STORY, encoding="utf-8")
    assert run_cli("init", "story.txt", "--to", lang).exit_code == 0
    catalog = Path("locales", lang, "LC_MESSAGES", "story.po")
    po = polib.pofile(str(catalog))
    for msgid, translation in msgstr.items():
        entry = po.find(msgid)
        assert entry is not None, msgid
        entry.msgstr = translation
    po.save(str(catalog))
    result = run_cli("check", "story.txt", "--to", lang, "--format", "json")
    return [
        (f["check"], f["severity"], f["message"]) for f in json.loads(result.stdout)["findings"]
    ]


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- 1. a decimal mark is no group separator -------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "msgid", "msgstr"),
    [
        ("zh", DEBT, "贸易额达1.5亿美元。"),  # 150 million; 1.5 billion is 15亿
        ("zh", LOANS, "贷款达3.5亿美元。"),
        ("es", FARMS, "El plan abarca a 2,5 millones de agricultores."),
        ("es", FUND, "El fondo tiene 4.5 mil millones de euros."),
    ],
)
def test_a_figure_wrong_by_a_factor_of_ten_is_reported(lang: str, msgid: str, msgstr: str) -> None:
    found = findings(lang, {msgid: msgstr})
    assert [(c, s) for c, s, _ in found] == [("number", "error")], found
    assert "is missing from the translation" in found[0][2]


@pytest.mark.parametrize(
    ("lang", "msgid", "msgstr"),
    [
        ("zh", DEBT, "贸易额达15亿美元。"),
        ("es", DEBT, "El comercio alcanzó 1.500 millones de dólares."),
        ("es", FARMS, "El plan abarca a 25 millones de agricultores."),
        ("es", FUND, "El fondo tiene 45.000 millones de euros."),
        ("fr", TONNES, "Le port a traité 1 500 tonnes."),
        ("fr", TONNES, "Le port a traité 1\u202f500 tonnes."),
        ("zh", TONNES, "该港口处理了1,500吨。"),
        ("de", TONNES, "Der Hafen hat 1.500 Tonnen umgeschlagen."),
        ("de", TONNES, "Der Hafen hat 1'500 Tonnen umgeschlagen."),
        ("ar", VILLAGES, "وصل البرنامج إلى ٣٬٤٠٠ قرية."),
        ("hi", HOMES, "योजना ने 1,50,000 घर बनाए।"),
    ],
)
def test_every_locale_s_group_separator_is_still_read(lang: str, msgid: str, msgstr: str) -> None:
    assert [f for f in findings(lang, {msgid: msgstr}) if f[0] == "number"] == []


# -- 2. “ closes a German, Czech or Russian quotation ----------------------------------------


@pytest.mark.parametrize(
    ("lang", "msgstr"),
    [
        ("de", "Er sagte: „Wir sind einverstanden.“"),
        ("ru", "Он сказал: „Мы согласны.“"),
        ("cs", "Řekl: „Souhlasíme.“"),
    ],
)
def test_a_stop_inside_low_quotes_is_the_source_s_stop(lang: str, msgstr: str) -> None:
    assert findings(lang, {AGREE: msgstr}) == []


@pytest.mark.parametrize(
    ("lang", "msgstr"),
    [("de", "Er sagte: „Wir sind einverstanden“"), ("cs", "Řekl: „Souhlasíme“")],
)
def test_a_quotation_without_its_stop_is_still_reported(lang: str, msgstr: str) -> None:
    assert findings(lang, {AGREE: msgstr}) == [
        ("punctuation", "warning", "the source ends with stop, the translation with none")
    ]
