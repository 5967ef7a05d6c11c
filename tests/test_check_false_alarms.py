"""Correct typography and numbers that ``check`` reported as errors (a tester's round 4), on real
catalogs: ``localize init`` writes them, the translation is set with polib as a reviewer would,
and ``localize check`` reads them. Each correct translation has no finding; next to it, the
same sentence translated wrongly is still reported."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from conftest import run_cli

QUOTED = "He said \"we back the 'five principles' fully\" on Monday."
TONNES = "Trade reached 1.2 million tonnes."
DEBT = "The debt rose to 1.5 billion dollars."
FUND = "The fund holds 100 billion yuan."
TRADE_HEADING = "Bilateral trade (billion U.S. dollars)"
STORY = "\n\n".join([QUOTED, TONNES, DEBT, FUND, TRADE_HEADING, 'He called it "a new era".', ""])

TABLE = """<html><body>
<p>Research spending rose.</p>
<p>R&amp;D spending rose.</p>
<table><tr><td>79.6 <sup>[1]</sup></td><td>2019 <sup>a</sup></td></tr></table>
<p>Trade <b>rose</b> sharply</p>
</body></html>
"""


def findings(tmp_path: Path, article: str, text: str, lang: str, msgstr: dict[str, str]) -> list:
    """The findings of ``localize check`` on ``article`` once ``msgstr`` is set in its catalog,
    each as (msgid, check, severity, message)."""
    (tmp_path / article).write_text(text, encoding="utf-8")
    assert run_cli("init", article, "--to", lang).exit_code == 0
    catalog = Path("locales", lang, "LC_MESSAGES", Path(article).stem + ".po")
    po = polib.pofile(str(catalog))
    for msgid, translation in msgstr.items():
        entry = po.find(msgid)
        assert entry is not None, msgid
        entry.msgstr = translation
    po.save(str(catalog))
    result = run_cli("check", article, "--to", lang, "--format", "json")
    found = json.loads(result.stdout)["findings"]
    return [(f["msgid"], f["check"], f["severity"], f["message"]) for f in found]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- 1. quotations inside quotations ---------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "msgstr"),
    [
        ("ru", "В понедельник он сказал: «Мы полностью поддерживаем „пять принципов“»."),
        ("fr", "Il a dit lundi : « nous soutenons pleinement les “cinq principes” »."),
        ("es", "Dijo el lunes: «apoyamos plenamente los “cinco principios”»."),
        ("de", "Er sagte am Montag: „Wir unterstützen die ‚fünf Prinzipien‘ voll“."),
        ("zh", "他周一说：“我们完全支持‘五项原则’。”"),
    ],
)
def test_each_language_s_nested_quotation_marks_are_right(
    here: Path, lang: str, msgstr: str
) -> None:
    assert findings(here, "story.txt", STORY, lang, {QUOTED: msgstr}) == []


def test_low_opening_quotation_marks_are_balanced(here: Path) -> None:
    msgid = 'He called it "a new era".'
    assert findings(here, "story.txt", STORY, "ru", {msgid: "Он назвал это „новой эрой“."}) == []


@pytest.mark.parametrize(
    ("msgstr", "check", "advice"),
    [
        # A quotation left open is still unbalanced, with „ as with “.
        (
            "В понедельник он сказал: «Мы полностью поддерживаем „пять принципов».",
            "quotes",
            "opened and not closed",
        ),
        ("В понедельник он сказал: «Мы полностью поддерживаем „пять принципов».", "brackets", "„“"),
        # Marks doubled around the one quotation.
        (
            'В понедельник он сказал: "«Мы полностью поддерживаем „пять принципов“»".',
            "quotes",
            "nested or doubled",
        ),
        # The inner quotation dropped: counted on both sides, so missing.
        (
            "В понедельник он сказал: «Мы полностью поддерживаем пять принципов».",
            "quotes",
            "not marked in the translation",
        ),
    ],
)
def test_wrong_quotation_marks_are_still_reported(
    here: Path, msgstr: str, check: str, advice: str
) -> None:
    found = findings(here, "story.txt", STORY, "ru", {QUOTED: msgstr})
    assert any(c == check and s == "error" and advice in m for _, c, s, m in found), found


# -- 2. numbers with scale words -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "msgid", "msgstr"),
    [
        ("zh", TONNES, "贸易额达到120万吨。"),
        ("zh", FUND, "该基金持有1000亿元人民币。"),
        ("zh", DEBT, "债务增至15亿美元。"),
        ("ja", DEBT, "債務は15億ドルに増えた。"),
        ("es", DEBT, "La deuda aumentó a 1500 millones de dólares."),
        ("es", DEBT, "La deuda aumentó a 1.500 millones de dólares."),
        ("es", DEBT, "La deuda aumentó a 1,5 mil millones de dólares."),
        ("fr", DEBT, "La dette est passée à 1,5 milliard de dollars."),
        ("ru", DEBT, "Долг вырос до 1,5 млрд долларов."),
        ("ru", TONNES, "Товарооборот достиг 1,2 млн тонн."),
        ("ar", DEBT, "ارتفع الدين إلى 1.5 مليار دولار."),
    ],
)
def test_a_quantity_written_with_the_target_s_scale_is_the_source_s(
    here: Path, lang: str, msgid: str, msgstr: str
) -> None:
    assert findings(here, "story.txt", STORY, lang, {msgid: msgstr}) == []


@pytest.mark.parametrize(
    ("lang", "msgid", "msgstr"),
    [
        ("zh", TONNES, "贸易额达到130万吨。"),
        ("zh", TONNES, "贸易额达到1.2亿吨。"),  # the right digits, the wrong scale
        ("zh", DEBT, "债务增至15万美元。"),
        ("es", DEBT, "La deuda aumentó a 15 millones de dólares."),
        ("es", DEBT, "La deuda aumentó a 1,5 billones de dólares."),  # a billón is 10^12
        ("fr", DEBT, "La dette est passée à 1,5 billion de dollars."),
    ],
)
def test_a_wrong_quantity_is_still_reported(here: Path, lang: str, msgid: str, msgstr: str) -> None:
    found = findings(here, "story.txt", STORY, lang, {msgid: msgstr})
    assert [(c, s) for _, c, s, _ in found] == [("number", "error")]
    assert "is missing from the translation" in found[0][3]


# -- 3. a number and its footnote mark -------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "ar"])
def test_a_number_with_markup_needs_no_translation(here: Path, lang: str) -> None:
    cells = {"79.6 <sup>[1]</sup>": "79.6 <sup>[1]</sup>", "2019 <sup>a</sup>": "2019 <sup>a</sup>"}
    assert findings(here, "table.html", TABLE, lang, cells) == []


def test_english_words_around_markup_are_still_untranslated(here: Path) -> None:
    msgid = "Trade <b>rose</b> sharply"
    found = findings(here, "table.html", TABLE, "zh", {msgid: msgid})
    assert [(c, s) for _, c, s, _ in found] == [("untranslated", "error")]


# -- 4. an ampersand in HTML text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "msgid", "msgstr"),
    [
        ("zh", "Research spending rose.", "R&D支出上升。"),
        ("es", "Research spending rose.", "El gasto en I&D aumentó."),
        ("zh", "R&D spending rose.", "研发支出上升。"),
        ("es", "R&D spending rose.", "El gasto en I+D aumentó."),
    ],
)
def test_an_ampersand_that_starts_no_reference_is_text(
    here: Path, lang: str, msgid: str, msgstr: str
) -> None:
    assert findings(here, "table.html", TABLE, lang, {msgid: msgstr}) == []


def test_a_character_reference_the_source_lacks_is_still_reported(here: Path) -> None:
    msgid = "Research spending rose."
    found = findings(here, "table.html", TABLE, "es", {msgid: "El gasto en I&D; aumentó."})
    assert [(c, s, m) for _, c, s, m in found] == [
        (
            "protected",
            "error",
            "'&D;' is in the translation but not in the source; remove it",
        )
    ]


# -- 5. an abbreviation's period -------------------------------------------------------------


def test_an_abbreviation_s_period_ends_no_sentence(here: Path) -> None:
    msgstr = "Comercio bilateral (miles de millones de dólares de EE.UU.)"
    assert findings(here, "story.txt", STORY, "es", {TRADE_HEADING: msgstr}) == []


def test_a_stop_the_source_does_not_have_is_still_reported(here: Path) -> None:
    msgstr = "Comercio bilateral (miles de millones de dólares)."
    found = findings(here, "story.txt", STORY, "es", {TRADE_HEADING: msgstr})
    assert [(c, m) for _, c, _, m in found] == [
        ("punctuation", "the source ends with none, the translation with stop")
    ]
