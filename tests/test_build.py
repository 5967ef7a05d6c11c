"""build: regeneration from catalogs, the identity law, thresholds, fuzzy handling."""

from __future__ import annotations

import string
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize.app.template import article_template
from localize.catalog import catalog_from_template, load_catalog
from localize.formats.base import regenerate
from localize.source import decode

from conftest import WIRE_ARTICLE, run_cli

ES = Path("locales/es/LC_MESSAGES/story.po")


def fill(path: Path, translate, fuzzy: bool = False) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translate(entry.msgid)
        if fuzzy:
            entry.flags.append("fuzzy")
    po.save(str(path))


def test_identity_catalog_reproduces_the_wire_article(workdir: Path) -> None:
    Path("story.txt").write_bytes(WIRE_ARTICLE.read_bytes())
    run_cli("init", "story.txt", "--to", "es")
    fill(ES, lambda msgid: msgid)
    result = run_cli("build", "story.txt", "--to", "es")
    assert result.exit_code == 0, result.stderr
    assert Path("story.es.txt").read_bytes() == WIRE_ARTICLE.read_bytes()


def test_translations_replace_sentences_and_keep_the_layout(workdir: Path) -> None:
    Path("story.txt").write_text(
        "Title line\n\n  First one. Second one.  \r\n\r\n\tThird one.\n", encoding="utf-8"
    )
    run_cli("init", "story.txt", "--to", "es")
    fill(ES, lambda msgid: msgid.upper())
    result = run_cli("build", "story.txt", "--to", "es", "-o", "out.txt")
    assert result.exit_code == 0, result.stderr
    assert Path("out.txt").read_bytes() == (
        b"TITLE LINE\n\n  FIRST ONE. SECOND ONE.  \r\n\r\n\tTHIRD ONE.\n"
    )


def test_untranslated_falls_back_and_fuzzy_needs_the_flag(workdir: Path) -> None:
    Path("story.txt").write_text("One is here. Two is here. Three is here.\n", encoding="utf-8")
    run_cli("init", "story.txt", "--to", "es")
    po = polib.pofile(str(ES))
    po[0].msgstr = "Uno."
    po[1].msgstr = "Dos."
    po[1].flags.append("fuzzy")
    po.save(str(ES))
    assert run_cli("build", "story.txt", "--to", "es", "--threshold", "0").exit_code == 0
    assert Path("story.es.txt").read_text() == "Uno. Two is here. Three is here.\n"
    assert (
        run_cli("build", "story.txt", "--to", "es", "--threshold", "0", "--include-fuzzy").exit_code
        == 0
    )
    assert Path("story.es.txt").read_text() == "Uno. Dos. Three is here.\n"


def test_threshold_refuses_and_writes_nothing(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    fill(ES, lambda msgid: msgid.upper(), fuzzy=True)
    result = run_cli("build", "story.txt", "--to", "es")
    assert result.exit_code == 2
    assert "--include-fuzzy" in result.stderr and "below --threshold 80" in result.stderr
    assert not Path("story.es.txt").exists()
    assert run_cli("build", "story.txt", "--to", "es", "--include-fuzzy").exit_code == 0
    # An article edited since: its new sentences are what is missing, update is the next step.
    Path("story.es.txt").unlink()
    story = Path("story.txt").read_text(encoding="utf-8")
    Path("story.txt").write_text(story.replace(".", ", it said.", 1), encoding="utf-8")
    result = run_cli("build", "story.txt", "--to", "es", "--include-fuzzy", "--threshold", "100")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "run 'localize update story.txt --to es' first" in result.stderr
    assert not Path("story.es.txt").exists()


def test_build_says_when_the_article_changed(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    fill(ES, lambda msgid: msgid)
    with open("story.txt", "a", encoding="utf-8") as article:
        article.write("\nA sentence added after extraction.\n")
    result = run_cli("build", "story.txt", "--to", "es")
    assert result.exit_code == 0
    assert "article changed" in result.stderr and "localize update story.txt" in result.stderr


def test_bom_and_legacy_encoding_are_written_back(workdir: Path) -> None:
    Path("bom.txt").write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 talks ended.\r\n")
    run_cli("init", "bom.txt", "--to", "es")
    fill(Path("locales/es/LC_MESSAGES/bom.po"), lambda msgid: msgid)
    assert run_cli("build", "bom.txt", "--to", "es").exit_code == 0
    assert Path("bom.es.txt").read_bytes() == Path("bom.txt").read_bytes()
    Path("latin.txt").write_bytes("Café talks ended.\n".encode("windows-1252"))
    assert run_cli("init", "latin.txt", "--to", "es", "--encoding", "windows-1252").exit_code == 0
    fill(Path("locales/es/LC_MESSAGES/latin.po"), lambda msgid: msgid)
    assert run_cli("build", "latin.txt", "--to", "es", "--encoding", "windows-1252").exit_code == 0
    assert Path("latin.es.txt").read_bytes() == Path("latin.txt").read_bytes()


# Text made of the pieces that trip up regeneration: several blank lines, CRLF, tabs,
# trailing spaces, abbreviations, quotes, non-ASCII.
_WORDS = st.sampled_from(
    [
        "Wang",
        "said",
        "the",
        "U.S.",
        "Mr.",
        "Nov. 9",
        "3.5",
        '"Yes."',
        "SCO",
        "Dushanbe",
        "合作",
        "Москва",
        "p.m.",
        "(Xinhua)",
        "--",
        "e.g.",
        "…",
    ]
)
_ENDS = st.sampled_from([".", "!", "?", "", "...", "."])
_SPACE = st.sampled_from([" ", "  ", "\t", " \n", "\r\n", "\n\n", "\r\n\r\n", "\n \n\n", " \t\n\n"])


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 25))):
        parts.append(draw(_WORDS))
        parts.append(draw(_ENDS))
        parts.append(draw(_SPACE))
    parts.append(draw(st.sampled_from(["", "\n", "\r\n", "  ", "\n\n\n"])))
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles(), bom=st.booleans(), seed=st.text(alphabet=string.ascii_letters, max_size=3))
def test_identity_law(text: str, bom: bool, seed: str) -> None:
    """Regenerating with every msgstr equal to its msgid reproduces the source byte for byte,
    through the same decode -> parse -> template -> catalog -> regenerate path as build."""
    from localize.formats.text import TextFormat
    from localize.source import Article

    raw = (b"\xef\xbb\xbf" if bom else b"") + (seed + " " + text).encode("utf-8")
    decoded, found_bom, encoding = decode(raw, "t.txt", None)
    fmt = TextFormat()
    article = Article(
        path=None,
        display="t.txt",
        text=decoded,
        bom=found_bom,
        encoding=encoding,
        lang="en",
        format=fmt,
        units=fmt.parse(decoded, "en"),
    )
    po = catalog_from_template(article_template(article), "es")
    for entry in po:
        entry.msgstr = entry.msgid
    identity = {entry.msgid: entry.msgstr for entry in po}
    rebuilt = regenerate(article.text, article.units, lambda u: identity.get(u.msgid), fmt.place)
    assert article.encode(rebuilt) == raw
    for unit in article.units:
        assert unit.msgid in identity


def test_identity_through_a_saved_catalog(workdir: Path) -> None:
    """The catalog round trip (save, strict load) keeps every msgid exactly."""
    Path("story.txt").write_text('He said: "Tabs\there and\\back." Done.\n', encoding="utf-8")
    run_cli("init", "story.txt", "--to", "es")
    fill(ES, lambda msgid: msgid)
    po = load_catalog(ES)
    assert [e.msgstr for e in po] == [e.msgid for e in po]
    assert run_cli("build", "story.txt", "--to", "es").exit_code == 0
    assert Path("story.es.txt").read_bytes() == Path("story.txt").read_bytes()


@pytest.mark.parametrize("lang", ["zh", "ar"])
def test_build_with_other_scripts(workdir: Path, lang: str) -> None:
    run_cli("init", "story.txt", "--to", lang)
    fill(
        Path(f"locales/{lang}/LC_MESSAGES/story.po"),
        lambda msgid: "中文句子。" if lang == "zh" else "جملة عربية.",
    )
    assert run_cli("build", "story.txt", "--to", lang).exit_code == 0
    assert Path(f"story.{lang}.txt").read_text(encoding="utf-8").count("\n\n") == Path(
        "story.txt"
    ).read_text(encoding="utf-8").count("\n\n")


def test_build_check_refuses_a_wrong_translation(workdir: Path) -> None:
    Path("story.txt").write_text("Trade grew by 7.5 percent in 2021.\n", encoding="utf-8")
    run_cli("init", "story.txt", "--to", "es")
    po = polib.pofile(str(ES))
    po[0].msgstr = "El comercio creció un 9,5 por ciento en 2021."  # wrong number
    po.save(str(ES))
    result = run_cli("build", "story.txt", "--to", "es", "--check")
    assert result.exit_code == 2 and "story.po:" in result.stderr, result.stderr
    assert not Path("story.es.txt").exists()
    po[0].msgstr = "El comercio creció un 7,5 por ciento en 2021."
    po.save(str(ES))
    result = run_cli("build", "story.txt", "--to", "es", "--check")
    assert result.exit_code == 0, result.stderr
    assert Path("story.es.txt").read_text(encoding="utf-8") == po[0].msgstr + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles(), insert=st.sampled_from(["\n\n", "\r\n\r\n", "\n \n", "\n"]))
def test_translations_never_change_the_paragraph_structure(text: str, insert: str) -> None:
    """place() must keep a translation inside its paragraph, even one with blank lines in it:
    the copy has the source's paragraphs, and reads back with one unit per paragraph block."""
    from localize.formats.text import TextFormat
    from localize.segment import paragraphs

    fmt = TextFormat()
    units = fmt.parse(text, "en")
    rebuilt = regenerate(text, units, lambda u: f"X{u.block}{insert}Y{u.block}", fmt.place)
    assert len(paragraphs(rebuilt)) == len(paragraphs(text))
    assert sorted({u.block for u in fmt.parse(rebuilt, "en")}) == sorted({u.block for u in units})
