"""localize check covers the pofilter checks that fit news copy, and neither tool reports a
change the glossary mandates (SCO -> OCS).

pofilter runs for real (translate-toolkit's command line) on the reviewed French catalog of
examples/sco-ministers-meeting.txt, which renders SCO as OCS as the glossary requires.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from localize.checks import check_entry
from localize.glossary import load_glossary, shipped_path

from conftest import REPO, run_cli

REVIEWED_FR = REPO / "locales" / "fr" / "LC_MESSAGES" / "sco-ministers-meeting.po"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(shipped_path())


def pofilter(catalog: Path, out: Path, *options: str) -> str:
    """pofilter's notes (``# (pofilter) check: message``) on the catalog; pofilter writes only
    the entries that fail, and no file at all when none does."""
    command = BIN / "pofilter"
    if not command.exists():
        pytest.fail("pofilter is not installed (translate-toolkit)")
    done = subprocess.run(
        [str(command), "--language=fr", *options, "-i", str(catalog), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8") if out.exists() else ""


def acronym_notes(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("# (pofilter) acronyms")]


def test_pofilter_reports_no_acronym_the_glossary_translates(tmp_path: Path) -> None:
    words = tmp_path / "musttranslate-fr.txt"
    exported = run_cli("glossary", "export", "--to", "fr", "--format", "pofilter", "-o", str(words))
    assert exported.exit_code == 0, exported.stderr
    assert {"SCO", "sco"} <= set(words.read_text(encoding="utf-8").split())

    plain = pofilter(REVIEWED_FR, tmp_path / "plain.po")
    # Without the glossary's words pofilter takes the mandated OCS for a mistranslation.
    assert any("SCO" in note for note in acronym_notes(plain))

    aligned = pofilter(REVIEWED_FR, tmp_path / "aligned.po", f"--musttranslatefile={words}")
    assert not any("SCO" in note for note in acronym_notes(aligned))
    assert "musttranslatewords" not in aligned

    # ... and SCO left untranslated is then what pofilter reports.
    po = polib.pofile(str(REVIEWED_FR))
    entry = next(e for e in po if "SCO" in e.msgid)
    entry.msgstr = entry.msgstr.replace("OCS", "SCO")
    left = tmp_path / "left.po"
    po.save(str(left))
    assert "(pofilter) musttranslatewords" in pofilter(
        left, tmp_path / "left-out.po", f"--musttranslatefile={words}"
    )


def test_check_finds_nothing_pofilter_like_in_the_reviewed_catalogs(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(REPO / "examples" / "sco-ministers-meeting.txt", tmp_path)
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    result = run_cli("check", "sco-ministers-meeting.txt", "--format", "json")
    assert result.exit_code == 0, result.stdout
    findings = json.loads(result.stdout)["findings"]
    assert not [f for f in findings if "(pofilter " in f["message"]]


def test_check_reports_nested_quotes_as_pofilter_does(workdir: Path) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    catalog = Path("locales/es/LC_MESSAGES/story.po")
    po = polib.pofile(str(catalog))
    entry = next(e for e in po if '"a new chapter"' in e.msgid)
    entry.msgstr = 'El Sr. Muhriddin dijo que el documento abriría "«un nuevo capítulo»".'
    po.save(str(catalog))

    result = run_cli("check", "story.txt", "--to", "es", "--format", "json")
    quotes = [f for f in json.loads(result.stdout)["findings"] if f["check"] == "quotes"]
    assert [(f["msgid"], f["severity"]) for f in quotes] == [(entry.msgid, "error")]
    assert "nested" in quotes[0]["message"] and "pofilter doublequoting" in quotes[0]["message"]
    assert result.exit_code == 1

    # pofilter says the same of this entry.
    out = Path("pofilter.po")
    subprocess.run(
        [str(BIN / "pofilter"), "--language=es", "-t", "doublequoting", "-i", str(catalog),
         "-o", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    assert polib.pofile(str(out)).find(entry.msgid) is not None


@pytest.mark.parametrize(
    ("lang", "msgstr"),
    [
        ("es", "Wang habló de «un nuevo capítulo»."),  # Spanish marks for English ones
        ("fr", "Wang a parlé d'« un nouveau chapitre »."),
        ("es", 'Wang habló de "un nuevo capítulo".'),
    ],
)
def test_a_language_s_own_quotation_marks_are_right(glossary, lang: str, msgstr: str) -> None:
    problems = check_entry('Wang spoke of "a new chapter".', msgstr, glossary, lang)
    assert [p for p in problems if p.check == "quotes"] == []


@pytest.mark.parametrize(
    ("msgstr", "check"),
    [
        ('Wang habló de "«un nuevo capítulo»".', "quotes"),
        ('Wang habló de "un nuevo capítulo.', "quotes"),
        ("Wang habló de de «un nuevo capítulo».", "repeated-word"),
        ("Wang habló de  «un nuevo capítulo».", "spacing"),
        ("Wang habló de «un nuevo capítulo». ", "whitespace"),
    ],
)
def test_pofilter_checks_that_fit_news_copy_are_reported(glossary, msgstr: str, check: str) -> None:
    problems = check_entry('Wang spoke of "a new chapter".', msgstr, glossary, "es")
    assert check in {p.check for p in problems}


def test_quotation_marks_of_a_glossary_rendering_are_not_reported(glossary) -> None:
    """The French approved form brings its own quotation marks."""
    problems = check_entry(
        "The SCO supports the Belt and Road Initiative.",
        "L'OCS soutient l'initiative « la Ceinture et la Route ».",
        glossary,
        "fr",
    )
    assert [p for p in problems if p.check == "quotes"] == []


FORBIDDEN_IN_QUOTES = {
    "ru": "Китай продвигает инициативу «Один пояс, один путь».",
    "zh": "中国推进“一带一路”战略。",
    "fr": "La Chine promeut l'initiative « Une ceinture, une route ».",
}


def test_a_quoted_forbidden_rendering_is_one_glossary_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's report: a forbidden rendering in quotation marks also got a quotes error
    ("nested or doubled quotes"), and the Russian one was reported twice (its comma and dash
    variants both match through punctuation)."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("China promotes the Belt and Road Initiative.\n", encoding="utf-8")
    assert run_cli("init", "a.txt", "--to", "ru,zh,fr").exit_code == 0
    for lang, translation in FORBIDDEN_IN_QUOTES.items():
        path = tmp_path / "locales" / lang / "LC_MESSAGES" / "a.po"
        catalog = polib.pofile(str(path))
        for entry in catalog:
            entry.msgstr = translation
        catalog.save()
    result = run_cli("check", "a.txt", "--to", "ru,zh,fr", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    for lang in FORBIDDEN_IN_QUOTES:
        own = [f for f in findings if f"/{lang}/" in f["path"]]
        forbidden = [f["message"] for f in own if f["check"] == "glossary-forbidden"]
        assert len(forbidden) == 1, forbidden
        assert not [f for f in own if f["check"] == "quotes"], own
    ru = next(
        f["message"] for f in findings if f["check"] == "glossary-forbidden" and "/ru/" in f["path"]
    )
    assert "'Один пояс, один путь'" in ru  # the variant the translation writes


def test_each_occurrence_of_a_forbidden_rendering_is_reported_once(glossary) -> None:
    problems = check_entry(
        "China promotes the Belt and Road Initiative.",
        "Китай продвигает «Один пояс — один путь», или «Один пояс, один путь».",
        glossary,
        "ru",
    )
    forbidden = [p.message for p in problems if p.check == "glossary-forbidden"]
    assert len(forbidden) == 2
    assert "'Один пояс — один путь'" in forbidden[0] and "'Один пояс, один путь'" in forbidden[1]
    assert [p for p in problems if p.check == "quotes"] == []


def test_a_quotation_mark_left_open_by_a_forbidden_rendering_is_still_reported(glossary) -> None:
    problems = check_entry(
        "China promotes the Belt and Road Initiative.",
        "Китай продвигает инициативу «Один пояс, один путь.",
        glossary,
        "ru",
    )
    assert "quotes" in {p.check for p in problems}


def test_skipping_the_toolkit_checks_that_cannot_fire_changes_no_finding(monkeypatch) -> None:
    """check asks translate-toolkit only the checks a pair can fail (toolkit_checks._can_fire);
    on every held-out pair, every example catalog entry and pairs made to fail each check, the
    findings are those of running them all."""
    import yaml

    from localize import toolkit_checks

    pairs = []
    for path in sorted((REPO / "tests" / "glossary_cases").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs += [(c["source"], c["target"], data["language"]) for c in data["cases"]]
    for path in sorted((REPO / "locales").rglob("*.po")):
        lang = path.parts[-3]
        pairs += [(e.msgid, e.msgstr, lang) for e in polib.pofile(str(path)) if e.msgstr]
    made = [
        ('He said "yes".', "Il a dit « oui » « non ».", "fr"),
        ("The the talks ended.", "Les les pourparlers ont pris fin.", "fr"),
        ("Talks ended.", "Los  diálogos terminaron.", "es"),
        (" Talks ended.", "Talks ended.", "es"),
        ("Talks ended. ", "Los diálogos terminaron.", "es"),
        ("Talks ended.", "Los diálogos terminaron. ", "es"),
        ("Talks\nended.", "Los diálogos terminaron.", "es"),
        ("Talks\tended.", "Los diálogos terminaron.", "es"),
        ("Talks ended\\n.", "Los diálogos terminaron.", "es"),
        ("The <b>talks</b> ended.", "Los <b>los</b> diálogos terminaron.", "es"),
        ("会谈结束。", "会谈结束。 ", "zh"),
        ("Talks ended?", "Les pourparlers sont terminés ?", "fr"),
    ]
    pairs += made
    assert len(pairs) > 400
    fast = [toolkit_checks.toolkit_problems(s, t, lang) for s, t, lang in pairs]
    monkeypatch.setattr(toolkit_checks, "_can_fire", lambda s, t: list(toolkit_checks.ADOPTED))
    every = [toolkit_checks.toolkit_problems(s, t, lang) for s, t, lang in pairs]
    assert fast == every
    # The made pairs do fail: the comparison is not between two empty lists.
    assert sum(bool(found) for found in every[-len(made) :]) >= 9
