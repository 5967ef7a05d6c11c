"""A glossary entry that forbids its own approved rendering (a user's report): every draft that
places the rendering was flagged, and `glossary validate` said ok. Such an entry is refused at
the forbidden rendering's line, naming both, compared as matching compares them."""

from __future__ import annotations

from pathlib import Path

import pytest

from localize.errors import LocalizeError
from localize.glossary import parse_glossary, shipped_path

from conftest import run_cli, story_in


def _glossary(forbidden: str, *, extra: str = "") -> str:
    return (
        "schema: 1\n"
        'version: "t1"\n'
        "source_language: en\n"
        "languages: [es, zh]\n"
        "entries:\n"
        "  - id: joint-statement\n"
        "    source: joint statement\n"
        "    kind: document\n"
        "    targets:\n"
        '      es: "declaración conjunta"\n'
        "      zh: 联合声明\n"
        f"{extra}"
        "    forbidden:\n"
        f"      es: [{forbidden}]\n"
        "    note: A test entry.\n"
    )


@pytest.mark.parametrize(
    "forbidden",
    [
        '"Declaración Conjunta"',  # the user's: another letter case
        '"declaración conjunta"',  # the identical string
        '"«Declaración Conjunta»"',  # quotation marks aside
        '"declaración-conjunta"',  # punctuation aside
        '"Declaraciones Conjuntas"',  # Spanish inflects: the plural is a form of it
    ],
)
def test_an_entry_forbidding_its_own_rendering_is_refused_at_the_forbidden_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forbidden: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary.yaml").write_text(_glossary(forbidden), encoding="utf-8")
    result = run_cli("glossary", "validate")
    assert result.exit_code == 2
    output = result.stdout + result.stderr
    assert "glossary.yaml:13: entry 'joint-statement' forbids " in output
    assert forbidden.strip('"') in output and "'declaración conjunta'" in output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1


def test_translate_with_such_a_glossary_stops_with_the_same_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = story_in(tmp_path, monkeypatch, "The joint statement was signed.\n")
    (tmp_path / "glossary.yaml").write_text(_glossary('"Declaración Conjunta"'), encoding="utf-8")
    result = run_cli("translate", story, "--to", "es")
    assert result.exit_code == 2
    assert "glossary.yaml:13: entry 'joint-statement' forbids 'Declaración Conjunta'" in (
        result.stderr
    )
    assert not (tmp_path / "locales").exists()


def test_a_plural_is_another_rendering_where_the_entry_does_not_inflect(tmp_path: Path) -> None:
    text = _glossary('"Declaraciones Conjuntas"', extra="    inflect: {es: false}\n")
    glossary = parse_glossary(text, tmp_path / "glossary.yaml")
    assert glossary.by_id["joint-statement"].forbidden["es"] == ("Declaraciones Conjuntas",)


def test_a_forbidden_longer_phrase_around_the_rendering_stays_allowed(tmp_path: Path) -> None:
    # «Conseil de sécurité nationale» is another body than «Conseil de sécurité»: it holds the
    # approved rendering and more, as the shipped glossary's entries do.
    parse_glossary(_glossary('"declaración conjunta final"'), tmp_path / "glossary.yaml")
    parse_glossary(shipped_path().read_text(encoding="utf-8"), shipped_path())


def test_a_project_entry_overriding_a_shipped_one_is_checked_too(tmp_path: Path) -> None:
    text = (
        "schema: 1\n"
        'version: "p1"\n'
        "extends: shipped\n"
        "entries:\n"
        "  - id: belt-and-road-initiative\n"
        "    source: Belt and Road Initiative\n"
        "    kind: initiative\n"
        "    targets:\n"
        "      zh: “一带一路”倡议\n"
        "      ru: инициатива «Пояс и путь»\n"
        "      fr: Initiative « la Ceinture et la Route »\n"
        "      es: Iniciativa de la Franja y la Ruta\n"
        "      ar: مبادرة الحزام والطريق\n"
        "    forbidden:\n"
        "      es:\n"
        "        - Nueva Ruta de la Seda\n"
        "        - iniciativa de la franja y la ruta\n"
        "    note: A project's override.\n"
    )
    with pytest.raises(LocalizeError) as refused:
        parse_glossary(text, tmp_path / "glossary.yaml")
    assert (
        "/glossary.yaml:17: entry 'belt-and-road-initiative' forbids "
        "'iniciativa de la franja y la ruta' in es, which matching reads as its approved "
        "rendering 'Iniciativa de la Franja y la Ruta'"
    ) in str(refused.value)


@pytest.mark.parametrize(
    ("lang", "approved", "forbidden"),
    [
        # the identical Chinese rendering in its quotation marks: matching finds the forbidden
        # form in the approved copy, though the quoted form is not the whole of its own text
        ("zh", "“一带一路”", "“一带一路”"),
        # a comma, which forbidden matching passes over as it passes over any punctuation
        ("es", "la Franja y la Ruta", "la Franja, y la Ruta"),
    ],
)
def test_a_forbidden_form_found_in_the_approved_copy_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, approved: str, forbidden: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary.yaml").write_text(
        "schema: 1\n"
        'version: "t1"\n'
        "source_language: en\n"
        f"languages: [{lang}]\n"
        "entries:\n"
        "  - id: belt-and-road\n"
        "    source: Belt and Road\n"
        "    kind: initiative\n"
        "    targets:\n"
        f"      {lang}: '{approved}'\n"
        "    forbidden:\n"
        f"      {lang}: ['{forbidden}']\n"
        "    note: A test entry.\n",
        encoding="utf-8",
    )
    result = run_cli("glossary", "validate")
    output = result.stdout + result.stderr
    assert result.exit_code == 2, output
    assert f"glossary.yaml:12: entry 'belt-and-road' forbids '{forbidden}'" in output
    assert "Traceback" not in output and len(output.strip().splitlines()) == 1
