"""Names the glossary does not cover: listed to the reviewer, compared in Latin-script
translations, and offered to the terminologist by `localize glossary suggest`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localize import names
from localize.checks import check_entry
from localize.enforce import glossary_comments
from localize.glossary import load_glossary, shipped_path
from localize.names import unlisted_names
from localize.segment import is_abbreviation
from localize.suggest import suggest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def shipped():
    return load_glossary(shipped_path())


def _names(sentence: str, glossary) -> list[tuple[str, bool]]:
    covered = [(m.start, m.end) for m in glossary.match(sentence, deputies=True)]
    return [(n.text, n.person) for n in unlisted_names(sentence, covered)]


def test_names_outside_glossary_terms_are_found(shipped) -> None:
    assert _names("(Xinhua/Wang Fang)", shipped) == [("Wang Fang", True)]
    assert _names("Dr. A. K. Rahimov attended.", shipped) == [("A. K. Rahimov", True)]
    assert _names("Talks with Deputy Foreign Minister Roman Vassilenko began.", shipped) == [
        ("Roman Vassilenko", False)
    ]
    # Covered by the glossary, or only capitalised because the sentence starts there.
    assert _names("Foreign Minister Wang Yi met the UN Security Council.", shipped) == []
    assert _names("The talks ended.", shipped) == []


@pytest.mark.parametrize(
    ("source", "target", "lang", "check", "severity"),
    [
        ("(Xinhua/Wang Fang)", "(Xinhua/Wang Colmillo)", "es", "name-changed", "error"),
        ("Dr. A. K. Rahimov spoke.", "El Dr. Un. K. Rahimov habló.", "es", "name-changed", "error"),
        ("He visited New Orleans.", "Visitó Nueva Orleans.", "es", "name-unverified", "warning"),
    ],
)
def test_changed_names_in_latin_script_targets(shipped, source, target, lang, check, severity):
    found = [(p.check, p.severity) for p in check_entry(source, target, shipped, lang)]
    assert (check, severity) in found


def test_kept_names_and_non_latin_targets_are_not_reported(shipped) -> None:
    for source, target, lang in [
        ("(Xinhua/Wang Fang)", "(Xinhua/Wang Fang)", "es"),
        ("Dr. A. K. Rahimov spoke.", "Le Dr A. K. Rahimov a parlé.", "fr"),
        ("(Xinhua/Wang Fang)", "（新华社/王芳）", "zh"),
    ]:
        checks = {p.check for p in check_entry(source, target, shipped, lang)}
        assert not checks & {"name-changed", "name-unverified"}, (target, checks)


def test_unverified_names_are_listed_in_the_entry_comments(shipped) -> None:
    comments = glossary_comments(shipped, "Wang Yi met Roman Vassilenko in Astana.", "ru")
    assert comments[-1].startswith("glossary: unverified names: Roman Vassilenko — ")
    assert not any("Wang Yi" in c for c in comments if "unverified" in c)


def test_suggest_lists_names_and_recurring_terms_the_glossary_lacks(shipped) -> None:
    sentences = [
        "On Monday, Kazakh Prime Minister Askar Mamin opened the logistics hub.",
        "The logistics hub links Khorgos with the Belt and Road.",
        "Mamin said the logistics hub would grow.",
    ]
    found = {(c.kind, c.text): c.count for c in suggest(sentences, shipped)}
    # A title written in capitals stays in the run: the terminologist sees it with the name.
    assert found[("name", "Kazakh Prime Minister Askar Mamin")] == 1
    assert found[("name", "Khorgos")] == 1
    assert found[("term", "logistics hub")] == 3
    assert ("name", "Monday") not in found
    assert not any("Belt" in text for _, text in found)


def test_suggest_does_not_take_an_abbreviation_for_a_name(shipped) -> None:
    sentences = [
        "DUSHANBE, Sept. 12 (Xinhua) -- Gen. Li met the No. 2 official on Jan. 5.",
        "They met Ivan Petrov.",
    ]
    found = {c.text for c in suggest(sentences, shipped) if c.kind == "name"}
    assert found == {"Li", "Ivan Petrov"}


def _suggested_names(tmp_path: Path, text: str) -> dict[str, int]:
    """``glossary suggest`` on an article of ``text``: each name listed and its count."""
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "localize", "glossary", "suggest", str(article)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    return {row[1]: int(row[2].rstrip("x")) for row in rows if row[0] == "name"}


def test_suggest_lists_a_name_spelled_like_an_abbreviation_at_a_sentence_end(
    tmp_path: Path,
) -> None:
    """Ed ends a sentence, though "ed" is a listed abbreviation: a name, for the article also
    writes it as one (in the run "Ed Barker"); Sun is listed from "Sun said", but its
    sentence-final "Sun." is not counted, for Sun is also Babel's abbreviated Sunday. Sept.,
    No. and Jan. before a number, Gen. before a name and Co. before a comma stay
    abbreviations."""
    names = _suggested_names(
        tmp_path,
        "Talks in Beijing\n\n"
        "BEIJING, Sept. 12 (Xinhua) -- Foreign Minister Wang Yi held talks here with Sun.\n\n"
        "Gen. Li met the No. 2 official of Huawei Co., Ltd. on Jan. 5 and later thanked Ed.\n\n"
        "At the dinner, Sun said Ed Barker had arranged the visit.\n",
    )
    assert names["Ed"] == 1 and names["Sun"] == 1 and "Li" in names
    assert not names.keys() & {"Sept", "No", "Jan", "Gen", "Co"}


def test_suggest_does_not_list_an_abbreviation_that_ends_a_sentence(tmp_path: Path) -> None:
    """Wed., Thurs. and Dept. end their sentences as abbreviations: the article writes them
    nowhere as names. Jan. is Babel's abbreviated January, so "since Jan." is the month, even
    in an article that names a Jan."""
    names = _suggested_names(
        tmp_path,
        "Vote count\n\n"
        "The vote is on Wed. Results come on Thurs. The count was checked by officials of the "
        "Dept.\n\n"
        "The observer Jan Novak has been in the city since Jan.\n",
    )
    assert names == {"Jan Novak": 1}


@pytest.mark.parametrize(
    ("word", "after", "used_as_abbreviation"),
    [
        ("Gen", " Li met the official.", True),  # a title before a name
        ("Ed", " Then he left.", False),  # a name ending its sentence before the next one
        ("Sun", "", False),
        ("Sept", " 12 (Xinhua)", True),
        ("Co", ", Ltd.", True),
    ],
)
def test_an_abbreviation_before_a_capital_is_one_only_as_a_title(
    word: str, after: str, used_as_abbreviation: bool
) -> None:
    assert is_abbreviation(word, after, "en") == used_as_abbreviation


def test_suggest_command_on_an_example_article() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "localize",
            "glossary",
            "suggest",
            "examples/sco-foreign-ministers.md",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{len(lines) - 1} candidate(s) not in ")
    assert "name\tKhorgos\t1x\tfirst in sentence 28" in lines
    # Names the glossary has (Mukhtar Tileuberdi, Nur-Sultan) are not candidates.
    assert not any("Tileuberdi" in line or "Nur-Sultan" in line for line in lines)
    assert not any("https" in line for line in lines)


def _runs_with_letter_classes() -> re.Pattern[str]:
    """The name pattern written with the Latin letters of each case as classes (as it was
    before names.py matched the letters' cases): the reference the case-shape matching must
    agree with."""
    upper, lower = names._latin_letters(upper=True), names._latin_letters(upper=False)
    token = rf"(?:[{upper}]\.|[{upper}][{lower}]+(?:['\u2019-][{upper}]?[{lower}]+)*)"
    return re.compile(rf"(?<![\w.]){token}(?: {token})+(?!\w)")


_NAME_PIECES = st.sampled_from(
    [
        "Martín",
        "Zoé",
        "Đorđe",
        "Łukasz",
        "ŁUKASZ",
        "Ǆemal",
        "ǅ",
        "Ōno",
        "K.",
        "Ā.",
        "A.",
        "a.",
        "Wang",
        "Fang",
        "O'Neil",
        "O\u2019Brien",
        "Jean-Luc",
        "Ström",
        "Иван",
        "Петров",
        "Ωmega",
        "ßa",
        "Ẽlan",
        "ẽ",
        "Xinhua/Wang",
        "Dr.",
        "2021",
        "_Ab",
        "Ab_",
        "ab",
        "é",
        "-",
        "’",
        " ",
        "  ",
        ".",
        ",",
        "(",
        "《",
        "中国",
        "x",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=14).map(" ".join), st.integers(0, 3))
def test_names_are_the_runs_the_letter_classes_find(sentence: str, skip: int) -> None:
    reference = _runs_with_letter_classes()
    start = min(skip, len(sentence))
    expected = [m.span() for m in reference.finditer(sentence, start)]
    shapes = sentence.translate(names._CASE_OF)
    assert [m.span() for m in names._RUN.finditer(shapes, start)] == expected
    for word in sentence.split():
        assert names._initial(word) == (
            re.fullmatch(rf"[{names._latin_letters(upper=True)}]\.", word) is not None
        )
