"""Quality checks on real PO files written with polib: each planted error is found, a clean
correct translation gives no finding, and the CLI gates with exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
import typer
from typer.testing import CliRunner

from localize.checks import ERROR, check_catalog, check_entry
from localize.glossary import load_glossary, shipped_path


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(shipped_path())


def write_po(path: Path, lang: str, pairs: list[tuple[str, str]], fuzzy: bool = False) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for msgid, msgstr in pairs:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


CLEAN_ZH = [
    (
        "Wang Yi met Emomali Rahmon in Dushanbe on July 14, 2021.",
        "2021年7月14日，王毅在杜尚别会见埃莫马利·拉赫蒙。",
    ),
    (
        "Trade rose 12.5% to 1,000 tonnes under the Belt and Road Initiative.",
        "在“一带一路”倡议框架下，贸易增长12.5%，达到1,000吨。",
    ),
    (
        "Read <b>more</b> at https://example.org/sco.",
        "在 https://example.org/sco 阅读<b>更多</b>。",
    ),
]


def protected_markup(msgid: str) -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"</?\w+>", msgid)]


def test_clean_correct_translation_has_no_finding(tmp_path, glossary) -> None:
    po = write_po(tmp_path / "zh.po", "zh", CLEAN_ZH)
    assert check_catalog(po, glossary, "zh", protected_markup) == []
    es = write_po(
        tmp_path / "es.po",
        "es",
        [
            (
                "Wang Yi said 1,000.5 people came on July 14, 2021.",
                "Wang Yi dijo que vinieron 1.000,5 personas el 14 de julio de 2021.",
            ),
            (
                "China and Tajikistan support the Belt and Road Initiative.",
                "China y Tayikistán apoyan la Iniciativa de la Franja y la Ruta.",
            ),
        ],
        fuzzy=True,
    )
    assert check_catalog(es, glossary, "es") == []
    ru = write_po(
        tmp_path / "ru.po",
        "ru",
        [
            (
                "He spoke within the Belt and Road Initiative.",
                "Он выступил в рамках инициативы «Пояс и путь».",
            ),
            (
                "Wang Yi met the SCO Secretary-General.",
                "Ван И встретился с Генеральным секретарем ШОС.",
            ),
        ],
    )
    assert check_catalog(ru, glossary, "ru") == []
    ar = write_po(
        tmp_path / "ar.po",
        "ar",
        [
            ("The talks took place on July 14, 2021.", "جرت المحادثات في ١٤ يوليو ٢٠٢١."),
        ],
    )
    assert check_catalog(ar, glossary, "ar") == []


@pytest.mark.parametrize(
    ("lang", "msgid", "msgstr", "expected"),
    [
        ("zh", "Wang Yi spoke.", "王先生发言。", "glossary-missing"),
        (
            "zh",
            "The Belt and Road Initiative grows.",
            "一带一路倡议和一带一路战略在发展。",
            "glossary-forbidden",
        ),
        ("es", "Wang Yi spoke.", "Wang Yee habló.", "name-changed"),
        ("es", "Exports rose 12% in 2021.", "Las exportaciones subieron un 21% en 2021.", "number"),
        ("fr", "It costs 1,500 dollars.", "Cela coûte 1 050 dollars.", "number"),
        ("zh", "Growth was 3 percent.", "增长为3。", "number"),
        ("es", "He said (quietly) no.", "Dijo (en voz baja no.", "brackets"),
        ("es", "Is it done?", "Está hecho.", "punctuation"),
        ("zh", "It is done.", "完成了.", "punctuation"),
        ("ru", "The meeting ended.", "The meeting ended.", "untranslated"),
        ("es", "The meeting ended.", "La reunión zq3 terminó.", "placeholder"),
        ("es", "See https://example.org/a now.", "Vea https://example.org/b ahora.", "protected"),
        ("es", "Read <b>this</b>.", "Lea esto.", "protected"),
    ],
)
def test_each_planted_error_is_found_in_a_real_po(
    tmp_path, glossary, lang, msgid, msgstr, expected
) -> None:
    po = write_po(tmp_path / f"{lang}.po", lang, [("A clean first entry.", "X."), (msgid, msgstr)])
    findings = check_catalog(po, glossary, lang, protected_markup)
    planted = [f for f in findings if f.msgid == msgid]
    assert expected in {f.check for f in planted}, findings
    line = next(f.line for f in planted if f.check == expected)
    assert polib.pofile(str(po)).find(msgid).linenum == line


def test_terms_inside_urls_are_not_glossary_checked(glossary) -> None:
    assert (
        check_entry(
            "See https://example.org/g20/x now.", "见 https://example.org/g20/x。", glossary, "zh"
        )
        == []
    )


def test_untranslated_entries_are_not_checked(tmp_path, glossary) -> None:
    po = write_po(tmp_path / "zh.po", "zh", [("Wang Yi spoke.", "")])
    assert check_catalog(po, glossary, "zh") == []


def test_numbers_inside_terms_and_ordinals(glossary) -> None:
    # COVID-19 is a term, not a number to find; an ordinal spelled out is only a warning.
    problems = check_entry(
        "The COVID-19 pandemic marks the 30th anniversary.",
        "La pandemia de COVID-19 marca el trigésimo aniversario.",
        glossary,
        "es",
    )
    assert [(p.check, p.severity) for p in problems] == [("number", "warning")]
    assert (
        check_entry("On Nov. 9, 2020 it left.", "2020年11月9日，它出发了。", glossary, "zh") == []
    )
    assert check_entry("About 10,000 people.", "约1万人。", glossary, "zh") == []


def test_clock_hours_may_be_written_on_a_24_hour_clock(glossary) -> None:
    def numbers(msgid: str, msgstr: str, lang: str = "fr") -> list[str]:
        return [
            p.message for p in check_entry(msgid, msgstr, glossary, lang) if p.check == "number"
        ]

    assert numbers("They met at 3 p.m. local time.", "Ils se sont réunis à 15 heures.") == []
    assert numbers("They met at 3:30 p.m.", "Ils se sont réunis à 15h30.") == []
    assert numbers("At 12 a.m. it ended.", "Elle a pris fin à 0 h.") == []
    assert numbers("At 9 a.m. it began.", "Elle a commencé à 9 heures.") == []
    # A wrong hour is still found, and a plain number never takes the 24-hour reading.
    assert numbers("They met at 3 p.m.", "Ils se sont réunis à 16 heures.") != []
    assert numbers("They met 3 times.", "Ils se sont réunis 15 fois.") != []


def cli_app() -> typer.Typer:
    from localize.cli import app

    return app


def test_check_command_gates_with_exit_1_and_reports_json(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_po(tmp_path / "locales" / "zh" / "LC_MESSAGES" / "story.po", "zh", CLEAN_ZH)
    runner = CliRunner()
    result = runner.invoke(cli_app(), ["check", "story.txt", "--to", "zh"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output
    write_po(
        tmp_path / "locales" / "es" / "LC_MESSAGES" / "story.po",
        "es",
        [("Wang Yi spoke on July 14.", "Wang Yi habló el 15 de julio.")],
    )
    result = runner.invoke(cli_app(), ["check", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["glossary"]["version"]
    assert [(f["check"], f["severity"]) for f in report["findings"]] == [("number", ERROR)]
    assert report["findings"][0]["path"].endswith("es/LC_MESSAGES/story.po")


def test_findings_point_at_the_msgid_line(tmp_path) -> None:
    from localize.checks import check_catalog

    path = tmp_path / "x.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: es\\n"\n\n#. type: paragraph\n#. paragraph 1\n#: a.txt:1\n'
        '#, fuzzy\nmsgid "Trade grew by 7.5 percent."\n'
        'msgstr "El comercio creció un 9 por ciento."\n',
        encoding="utf-8",
    )
    findings = check_catalog(path, None, "es")
    assert findings and {f.line for f in findings} == {10}


def test_a_header_naming_another_language_is_an_error_at_its_line(tmp_path, glossary) -> None:
    path = write_po(tmp_path / "es" / "LC_MESSAGES" / "x.po", "fr", CLEAN_ZH[:1])
    [finding] = [f for f in check_catalog(path, glossary, "es") if f.check == "header-language"]
    header = path.read_text(encoding="utf-8").split("\n")
    assert header[finding.line - 1] == '"Language: fr\\n"' and finding.severity == ERROR
    assert 'write "Language: es\\n" there' in finding.message
    # A regional variant names the same language.
    regional = write_po(tmp_path / "es_MX" / "LC_MESSAGES" / "y.po", "es-MX", CLEAN_ZH[:1])
    assert not [f for f in check_catalog(regional, glossary, "es") if f.check == "header-language"]
    # So does a variety named by a modifier, with or without a region.
    variety = write_po(tmp_path / "ca@valencia" / "LC_MESSAGES" / "z.po", "ca_ES@valencia", [])
    findings = check_catalog(variety, glossary, "ca@valencia")
    assert not [f for f in findings if f.check == "header-language"]
