"""Character references in HTML and Markdown msgids are shown as characters; the copy spells
every character as its source did, and catalogs written with the raw references keep their
reviewed translations through ``update``."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from localize.errors import LocalizeError
from localize.formats import get_format
from localize.formats.base import regenerate
from localize.source import read_article

from conftest import msgfmt_check, run_cli

HTML = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n'
    "<title>UN chief urges G20 to act &mdash; Xinhua</title></head>\n<body>\n"
    "<p>Ministers met in Paris&nbsp;on Monday &#8212; and again on Tuesday.</p>\n"
    "<p>Coal &amp; gas fell; 3 &lt; 4 &quot;as planned&quot; &eacute;t&eacute;.</p>\n"
    '<p>Type <code>&lt;b&gt; &amp;mdash;</code> to see <a href="/a?x=1&amp;y=2" '
    'title="Coal &amp; gas &mdash; notes">the notes</a>.</p>\n'
    "<p>Keep &amp;mdash; written out, and AT&amp;T as it is.</p>\n"
    "</body></html>\n"
)
MARKDOWN = (
    "# Paris &mdash; Rome\n\n"
    "Ministers met on Monday&nbsp;morning &#8212; &ldquo;as planned&rdquo;.\n\n"
    "Stars &#42;stay&#42; escaped, `code &amp; mdash` stays raw, and R&amp;D is text.\n"
)


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "story.html",
            HTML,
            [
                "UN chief urges G20 to act — Xinhua",
                "Ministers met in Paris\u00a0on Monday — and again on Tuesday.",
                'Coal & gas fell; 3 < 4 "as planned" été.',
                'Type <code>&lt;b&gt; &amp;mdash;</code> to see <a href="/a?x=1&amp;y=2" '
                'title="Coal & gas — notes">the notes</a>.',
                "Keep &amp;mdash; written out, and AT&T as it is.",
            ],
        ),
        (
            "story.md",
            MARKDOWN,
            [
                "Paris — Rome",
                "Ministers met on Monday\u00a0morning — “as planned”.",
                "Stars &#42;stay&#42; escaped, `code &amp; mdash` stays raw, and R&D is text.",
            ],
        ),
    ],
)
def test_msgids_show_characters_and_the_identity_law_holds(
    tmp_path: Path, name: str, text: str, expected: list[str]
) -> None:
    article = read_article(str(write(tmp_path / name, text)))
    assert [unit.msgid for unit in article.units] == expected
    same = regenerate(article.text, article.units, lambda unit: unit.msgid, article.format.place)
    assert article.encode(same) == text.encode("utf-8")


def test_a_translation_spells_each_character_as_the_source_did(tmp_path: Path) -> None:
    article = read_article(str(write(tmp_path / "story.html", HTML)))
    translations = {
        "UN chief urges G20 to act — Xinhua": "El jefe de la ONU insta al G20 — Xinhua",
        "Ministers met in Paris\u00a0on Monday — and again on Tuesday.": (
            "Los ministros se reunieron en París\u00a0el lunes — y el martes."
        ),
        'Coal & gas fell; 3 < 4 "as planned" été.': (
            'Carbón & gas bajaron; 3 < 4 "según lo previsto" été.'
        ),
        'Type <code>&lt;b&gt; &amp;mdash;</code> to see <a href="/a?x=1&amp;y=2" '
        'title="Coal & gas — notes">the notes</a>.': "Escriba <code>&lt;b&gt; &amp;mdash;</code> "
        'para ver <a href="/a?x=1&amp;y=2" title="Carbón & gas — notas">las notas</a>.',
        "Keep &amp;mdash; written out, and AT&T as it is.": (
            "Deje &amp;mdash; escrito, y AT&T como está."
        ),
    }
    copy = regenerate(
        article.text, article.units, lambda unit: translations.get(unit.msgid), article.format.place
    )
    assert "<title>El jefe de la ONU insta al G20 &mdash; Xinhua</title>" in copy
    assert "París&nbsp;el lunes &#8212; y el martes." in copy
    assert (
        "Carbón &amp; gas bajaron; 3 &lt; 4 &quot;según lo previsto&quot; &eacute;t&eacute;."
        in copy
    )
    assert (
        'Escriba <code>&lt;b&gt; &amp;mdash;</code> para ver <a href="/a?x=1&amp;y=2" '
        'title="Carbón &amp; gas &mdash; notas">las notas</a>.' in copy
    )
    assert "Deje &amp;mdash; escrito, y AT&amp;T como está." in copy
    assert "—" not in copy and "\u00a0" not in copy


def test_markdown_translation_keeps_references_and_escapes(tmp_path: Path) -> None:
    article = read_article(str(write(tmp_path / "story.md", MARKDOWN)))
    translations = {
        "Paris — Rome": "París — Roma",
        "Ministers met on Monday\u00a0morning — “as planned”.": (
            "Los ministros se reunieron el lunes\u00a0por la mañana — “según lo previsto”."
        ),
    }
    copy = regenerate(
        article.text, article.units, lambda unit: translations.get(unit.msgid), article.format.place
    )
    assert copy.startswith("# París &mdash; Roma\n\n")
    assert (
        "Los ministros se reunieron el lunes&nbsp;por la mañana &#8212; "
        "&ldquo;según lo previsto&rdquo;.\n" in copy
    )


def test_a_reviewed_catalog_with_raw_references_keeps_its_translations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalog written before msgids were decoded: its entries are exact matches of the new
    msgids, stay reviewed, and nothing goes obsolete."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "story.html", HTML)
    assert run_cli("translate", "story.html", "--to", "es", "--engine", "pseudo").exit_code == 0
    catalog = Path("locales/es/LC_MESSAGES/story.po")
    po = polib.pofile(str(catalog))
    raw = {
        "UN chief urges G20 to act — Xinhua": (
            "UN chief urges G20 to act &mdash; Xinhua",
            "El jefe de la ONU insta al G20 &mdash; Xinhua",
        ),
        'Coal & gas fell; 3 < 4 "as planned" été.': (
            "Coal &amp; gas fell; 3 &lt; 4 &quot;as planned&quot; &eacute;t&eacute;.",
            "Carbón &amp; gas bajaron; 3 &lt; 4 &quot;según lo previsto&quot; &eacute;t&eacute;.",
        ),
    }
    for entry in po:
        if entry.msgid in raw:
            entry.msgid, entry.msgstr = raw[entry.msgid]
            entry.flags = []  # reviewed
    po.save(str(catalog))

    result = run_cli("update", "story.html", "--to", "es", "--no-translate", "--format", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    assert (summary["obsolete"], summary["fuzzy_matched"]) == (0, 0)
    msgfmt_check(catalog)
    after = polib.pofile(str(catalog))
    title = after.find("UN chief urges G20 to act — Xinhua")
    assert (title.msgstr, title.fuzzy) == ("El jefe de la ONU insta al G20 — Xinhua", False)
    coal = after.find('Coal & gas fell; 3 < 4 "as planned" été.')
    assert (coal.msgstr, coal.fuzzy) == (
        'Carbón & gas bajaron; 3 < 4 "según lo previsto" été.',
        False,
    )
    assert not [e for e in after if e.obsolete]

    built = run_cli("build", "story.html", "--to", "es", "--threshold", "0", "-o", "-")
    assert built.exit_code == 0, built.stderr
    assert "<title>El jefe de la ONU insta al G20 &mdash; Xinhua</title>" in built.stdout
    assert "Carbón &amp; gas bajaron; 3 &lt; 4 &quot;según lo previsto&quot;" in built.stdout


def test_check_no_longer_sees_the_reference_names(tmp_path: Path, monkeypatch) -> None:
    """The protected-markup check asked for "&mdash;" in a translation; now the character is
    text, and a translation with "—" (or without it) is not a markup problem."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "story.html", HTML)
    assert run_cli("translate", "story.html", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile("locales/es/LC_MESSAGES/story.po")
    assert not [e for e in po if "&mdash;" in e.msgstr or "mdash" in (e.comment or "")]
    result = run_cli("check", "story.html", "--to", "es", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert not [f for f in findings if "mdash" in f["message"] or "nbsp" in f["message"]]


def _structure_changes(fmt, sources, pseudo_translations, structure) -> set[object]:
    """The sources whose pseudo-translated copy is structured differently (as the suites
    compare them)."""
    changed = set()
    for name, source in sources:
        try:
            units = fmt.parse(source, "en")
        except LocalizeError:
            continue
        if not units:
            continue
        drafts = pseudo_translations(units)
        copy = regenerate(source, units, lambda unit, drafts=drafts: drafts[unit.msgid], fmt.place)
        before, after = structure(source), structure(copy)
        if not (before.tokens == after.tokens and (after.prose or not before.prose)):
            changed.add(name)
    return changed


def test_decoding_breaks_no_commonmark_example(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CommonMark suite, pseudo-translated through the decoding format: exactly the examples
    that change structure without decoding change (none more)."""
    import test_commonmark_spec as suite

    path = suite.spec_dir() / suite.SPEC_FILE
    if not path.is_file():
        pytest.fail(f"{path} not found; fetch it with: {suite.FETCH_COMMAND}")
    examples = [(e["example"], e["markdown"]) for e in json.loads(path.read_text("utf-8"))]
    plain = _structure_changes(suite.FMT, examples, suite.pseudo_translations, suite.rendered)
    decoding = get_format("markdown")
    monkeypatch.setattr(suite, "FMT", decoding)
    assert (
        _structure_changes(decoding, examples, suite.pseudo_translations, suite.rendered) == plain
    )


def test_decoding_breaks_no_html5lib_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import test_html5lib_suite as suite

    folder = suite.suite_dir() / suite.SUITE_DIR
    files = sorted(folder.rglob("*.dat")) if folder.is_dir() else []
    if not files:
        pytest.fail(f"{folder} has no .dat files; fetch them with: {suite.FETCH_COMMAND}")
    documents = [
        (f"{path.name}#{n}", document)
        for path in files
        for n, document in enumerate(suite.documents_of(path.read_text(encoding="utf-8")), 1)
    ]
    plain = _structure_changes(suite.FMT, documents, suite.pseudo_translations, suite.structure)
    decoding = get_format("html")
    monkeypatch.setattr(suite, "FMT", decoding)
    assert (
        _structure_changes(decoding, documents, suite.pseudo_translations, suite.structure) == plain
    )
