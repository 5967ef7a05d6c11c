"""Dated terminology: a person's titles and an entry's own validity, decided by the article's
date (dateline or --date), flagged by ``check`` in the source and in the translation."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import polib
import pytest
from typer.testing import CliRunner

from localize.dateline import article_date
from localize.glossary import load_glossary, shipped_path

REPO = Path(__file__).resolve().parent.parent

SENTENCE = "Chinese State Councilor and Foreign Minister Wang Yi called for closer cooperation."
SPANISH = (
    "El consejero de Estado y ministro de Asuntos Exteriores chino, Wang Yi, "
    "pidió una cooperación más estrecha."
)


def article(published: str, dateline: str) -> str:
    return (
        "SCO ministers meet\n\n"
        f"(Xinhua) 10:05, {published}\n\n"
        f"DUSHANBE, {dateline} (Xinhua) -- {SENTENCE}\n"
    )


def write_reviewed_catalog(project: Path, msgid: str, msgstr: str) -> None:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path = project / "locales" / "es" / "LC_MESSAGES" / "story.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def check_json(*args: str) -> list[dict]:
    from localize.cli import app

    result = CliRunner().invoke(app, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def out_of_date(findings: list[dict]) -> list[str]:
    return [f["message"] for f in findings if f["check"] == "glossary-out-of-date"]


def test_article_dates_come_from_the_dateline_with_the_publication_year() -> None:
    assert article_date(article("July 15, 2021", "July 14")) == date(2021, 7, 14)
    assert article_date(article("Jan. 1, 2024", "Dec. 31")) == date(2023, 12, 31)
    assert article_date("no date at all") is None
    examples = {
        "sco-ministers-meeting.txt": date(2021, 7, 14),
        "china-kazakhstan-wire.txt": date(2023, 9, 11),
        "un-climate-briefing.html": date(2021, 10, 28),
    }
    for name, expected in examples.items():
        text = (REPO / "examples" / name).read_text(encoding="utf-8")
        assert article_date(text) == expected, name


def test_state_councilor_wang_yi_is_flagged_in_2023_and_accepted_in_2021(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_reviewed_catalog(tmp_path, SENTENCE, SPANISH)
    story = tmp_path / "story.txt"
    story.write_text(article("July 15, 2021", "July 14"), encoding="utf-8")
    assert out_of_date(check_json("story.txt")) == []
    story.write_text(article("Oct. 13, 2023", "Oct. 12"), encoding="utf-8")
    flagged = out_of_date(check_json("story.txt"))
    assert len(flagged) == 1
    assert "'State Councilor' is not Wang Yi's title on 2023-10-12" in flagged[0]
    assert "the source and the translation" in flagged[0]
    # --date overrides the dateline; a translation adding the old title alone is flagged too.
    assert out_of_date(check_json("story.txt", "--date", "2021-07-14")) == []
    write_reviewed_catalog(tmp_path, "Chinese Foreign Minister Wang Yi called for talks.", SPANISH)
    flagged = out_of_date(check_json("--date", "2023-10-12"))
    assert len(flagged) == 1 and flagged[0].endswith("used in the translation")
    # A current title is accepted: Foreign Minister again from July 2023.
    write_reviewed_catalog(
        tmp_path,
        "Chinese Foreign Minister Wang Yi called for talks.",
        "El ministro de Asuntos Exteriores chino, Wang Yi, pidió conversaciones.",
    )
    assert out_of_date(check_json("--date", "2023-10-12")) == []


def test_a_bad_date_is_a_one_line_error(tmp_path, monkeypatch) -> None:
    from localize.cli import app

    monkeypatch.chdir(tmp_path)
    write_reviewed_catalog(tmp_path, SENTENCE, SPANISH)
    result = CliRunner().invoke(app, ["check", "--date", "2023-13-01"])
    assert result.exit_code == 2
    assert "--date 2023-13-01: not a date; write it as YYYY-MM-DD" in result.output


def glossary_lines(*args: str) -> list[str]:
    from localize.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return [line for line in result.output.splitlines() if line.startswith("glossary: ")]


def test_the_glossary_line_says_which_entries_the_date_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wire story of 11 September 2023 is after Nur-Sultan was renamed Astana: translate
    and check use 235 of the 236 entries glossary validate counts, and say why, once."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(REPO / "examples" / "china-kazakhstan-wire.txt", "wire.txt")
    shipped = shipped_path()
    said = (
        f"glossary: {shipped} (version {load_glossary(shipped).version}, 235 of 236 entries in "
        "force on 2023-09-11, the article's date: 1 no longer valid "
        "(nur-sultan: 2019-03-01 to 2022-09-30))"
    )
    assert glossary_lines("translate", "wire.txt", "--to", "es", "--engine", "pseudo") == [said]
    assert glossary_lines("check", "wire.txt", "--to", "es") == [said]
    [before] = glossary_lines(
        "translate", "wire.txt", "--to", "es", "--engine", "pseudo", "--date", "2018-01-01"
    )
    assert before.endswith(
        "235 of 236 entries in force on 2018-01-01, the date --date gives: 1 not yet valid "
        "(nur-sultan: 2019-03-01 to 2022-09-30))"
    )
    [in_force] = glossary_lines("check", "wire.txt", "--to", "es", "--date", "2021-06-01")
    assert in_force.endswith(", 236 entries)")


LAYER = """\
schema: 1
version: "v"
extends: shipped
entries:
  - id: old-body
    source: Old Body
    kind: organization
    valid_until: 2022-06
    keep: [zh, ru, fr, es, ar]
    note: 'Test entry.'
"""


def test_an_entry_out_of_date_is_not_enforced_and_is_flagged(tmp_path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(LAYER, encoding="utf-8")
    glossary = load_glossary(path)
    assert [m.entry.id for m in glossary.match("The Old Body met.")] == ["old-body"]
    later = glossary.as_of(date(2023, 1, 1))
    assert later.match("The Old Body met.") == []
    # The shipped glossary has dated entries of its own (nur-sultan); this file's one is set aside.
    own = str(path.absolute())
    assert [e.id for e in later.out_of_date if e.origin == own] == ["old-body"]
    from localize.validity import out_of_date_messages

    messages = out_of_date_messages("The Old Body met.", "Old Body se reunió.", later, "es")
    assert len(messages) == 1 and "out of date on 2023-01-01" in messages[0]
    assert "2022-06-30" in messages[0]  # a month stands for its last day in valid_until
    assert [e for e in glossary.as_of(date(2022, 6, 30)).out_of_date if e.origin == own] == []


def test_date_and_titles_errors_name_the_line(tmp_path) -> None:
    from localize.cli import app

    cases = {
        LAYER.replace("2022-06", "June 2022"): ":8: 'June 2022' is not a date",
        LAYER.replace("valid_until: 2022-06", "titles: {embassy: {from: 2020}}"): (
            "titles of entry 'old-body' names 'embassy', which is of kind organization"
        ),
        LAYER.replace("valid_until: 2022-06", "titles: {nobody: {from: 2020}}"): (
            "names 'nobody', which is no entry"
        ),
        LAYER.replace("valid_until: 2022-06", "valid_from: 2023\n    valid_until: 2022"): (
            "the span ends (2022-12-31) before it starts"
        ),
    }
    path = tmp_path / "glossary.yaml"
    for text, message in cases.items():
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["glossary", "validate", str(path)])
        assert result.exit_code == 2 and message in result.output, (text, result.output)


def test_shipped_wang_yi_titles_and_politburo_entry() -> None:
    shipped = load_glossary(shipped_path())
    wang = shipped.by_id["wang-yi"]
    assert set(wang.titles) == {"state-councilor", "foreign-minister", "politburo-member"}
    assert not wang.titles["state-councilor"][0].covers(date(2023, 4, 1))
    assert wang.titles["state-councilor"][0].covers(date(2023, 3, 10))
    assert shipped.by_id["politburo-member"].kind == "title"
    assert "not verified offline" in wang.note
