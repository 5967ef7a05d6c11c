"""Markdown and HTML articles through the whole pipeline: MT with markup protection, build,
check, and update after an edit inside a list item."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from localize.source import read_article

from argos_fixtures import models_dir, tiny_model  # noqa: F401
from conftest import EXAMPLES, msgfmt_check, run_cli

ARTICLES = {
    "md": EXAMPLES / "sco-foreign-ministers.md",
    "html": EXAMPLES / "un-climate-briefing.html",
}


def protected_pieces(path: Path) -> list[str]:
    """Every inline markup piece, code span and URL of every unit, in order."""
    article = read_article(str(path))
    pieces = []
    for unit in article.units:
        pieces.extend(unit.msgid[a:b] for a, b in article.format.protected(unit.msgid))
    return sorted(pieces)


@pytest.fixture(params=sorted(ARTICLES))
def article(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.chdir(tmp_path)
    source = ARTICLES[request.param]
    shutil.copy(source, tmp_path / source.name)
    return Path(source.name)


def blocks(path: Path) -> list[tuple[int, str]]:
    """(block, kind) of each block: a translation may have more or fewer sentences than its
    source, but the document keeps its blocks."""
    return sorted({(u.block, u.kind) for u in read_article(str(path)).units})


def assert_markup_kept(source: Path, copy: Path) -> None:
    """Every protected piece of the source (markup, code, URLs) is in the copy."""
    from collections import Counter

    missing = Counter(protected_pieces(source)) - Counter(protected_pieces(copy))
    assert not missing, missing


def built(article: Path, lang: str) -> Path:
    return article.with_name(f"{article.stem}.{lang}{article.suffix}")


def test_pseudo_translation_keeps_every_piece_of_markup(article: Path) -> None:
    result = run_cli("translate", str(article), "--to", "fr", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    msgfmt_check(Path(f"locales/fr/LC_MESSAGES/{article.stem}.po"))
    po = polib.pofile(f"locales/fr/LC_MESSAGES/{article.stem}.po")
    assert not [e for e in po if "markup-missing" in e.flags]
    assert run_cli("build", str(article), "--to", "fr", "--include-fuzzy").exit_code == 0
    output = built(article, "fr")
    # The copy has the same blocks and all the markup, and no source sentence is left.
    assert blocks(output) == blocks(article)
    assert_markup_kept(article, output)
    copy_ids = {u.msgid for u in read_article(str(output)).units}
    assert not [
        u.msgid
        for u in read_article(str(article)).units
        if u.msgid in copy_ids and any(c.isalpha() for c in u.msgid)
    ]
    findings = run_cli("check", str(article), "--to", "fr", "--format", "json")
    markup = [f for f in json.loads(findings.stdout)["findings"] if f["check"] == "protected"]
    assert markup == []


def test_argos_model_translation_through_masked_markup(
    article: Path,
    models_dir: Path,  # noqa: F811
) -> None:
    result = run_cli(
        "translate",
        str(article),
        "--to",
        "es",
        "--engine",
        "argos",
        "--models-dir",
        str(models_dir),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    assert summary["machine_translated"] > 10
    po = polib.pofile(f"locales/es/LC_MESSAGES/{article.stem}.po")
    assert not [e.msgid for e in po if "markup-missing" in e.flags]
    assert run_cli("build", str(article), "--to", "es", "--include-fuzzy").exit_code == 0
    output = built(article, "es")
    assert blocks(output) == blocks(article)
    assert_markup_kept(article, output)


def test_identity_build_reproduces_markup_sources(article: Path) -> None:
    run_cli("init", str(article), "--to", "es")
    path = Path(f"locales/es/LC_MESSAGES/{article.stem}.po")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = entry.msgid
    po.save(str(path))
    assert run_cli("build", str(article), "--to", "es").exit_code == 0
    source = article.read_bytes()
    if article.suffix == ".html":
        # A copy under es says it is Spanish: that is the one difference (in the article's
        # own language it would be none, tests/test_html_copy.py).
        assert source.count(b'<html lang="en">') == 1
        source = source.replace(b'<html lang="en">', b'<html lang="es">')
    assert built(article, "es").read_bytes() == source


def test_update_after_an_edit_inside_a_list_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    story = Path("story.md")
    shutil.copy(ARTICLES["md"], story)
    assert run_cli("translate", "story.md", "--to", "es", "--engine", "pseudo").exit_code == 0
    before = {e.msgid: e.msgstr for e in polib.pofile("locales/es/LC_MESSAGES/story.po")}
    text = story.read_text(encoding="utf-8")
    assert "scholarships for 2,000 students" in text
    story.write_text(text.replace("2,000 students", "2,500 students"), encoding="utf-8")
    result = run_cli("update", "story.md", "--engine", "pseudo", "--format", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)["locales"]["es"]
    assert summary["machine_translated"] == 1 and summary["new"] == 0
    after = polib.pofile("locales/es/LC_MESSAGES/story.po")
    changed = [e for e in after if not e.obsolete and before.get(e.msgid) != e.msgstr]
    assert len(changed) == 1 and "2,500" in changed[0].msgid and "2,500" in changed[0].msgstr


def test_check_without_the_article_still_checks_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog's references tell which format's markup must survive."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLES["md"], "story.md")
    assert run_cli("translate", "story.md", "--to", "es", "--engine", "pseudo").exit_code == 0
    path = Path("locales/es/LC_MESSAGES/story.po")
    po = polib.pofile(str(path))
    entry = next(e for e in po if "**" in e.msgid)
    entry.msgstr = entry.msgstr.replace("**", "")
    po.save(str(path))
    result = run_cli("check", "--to", "es", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert any(f["check"] == "protected" and f["msgid"] == entry.msgid for f in findings)


def test_markdown_hard_line_breaks_survive_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyromark

    monkeypatch.chdir(tmp_path)
    Path("hb.md").write_text(
        "Hard break\\\nnext line. Another.\n\nTwo spaces  \nbreak here.\n\n"
        "- item with  \n  a break.\n\n> quote with\\\n> a break.\n",
        encoding="utf-8",
    )
    assert run_cli("translate", "hb.md", "--to", "fr", "--engine", "pseudo").exit_code == 0
    assert run_cli("build", "hb.md", "--to", "fr", "--include-fuzzy").exit_code == 0
    source_html = pyromark.html(Path("hb.md").read_text(encoding="utf-8"))
    copy_html = pyromark.html(Path("hb.fr.md").read_text(encoding="utf-8"))
    assert source_html.count("<br />") == 4
    assert copy_html.count("<br />") == 4
    assert blocks(Path("hb.fr.md")) == blocks(Path("hb.md"))


def test_html_in_a_legacy_charset_takes_any_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = (
        '<html><head><meta charset="windows-1252"></head><body>'
        "<p>Caf\u00e9 talks ended. Wang left.</p></body></html>\n"
    )
    Path("page.html").write_bytes(page.encode("windows-1252"))
    assert run_cli("init", "page.html", "--to", "zh").exit_code == 0
    path = Path("locales/zh/LC_MESSAGES/page.po")
    po = polib.pofile(str(path))
    po[0].msgstr, po[1].msgstr = "咖啡馆会谈结束。", "王离开了。"
    po.save(str(path))
    result = run_cli("build", "page.html", "--to", "zh")
    assert result.exit_code == 0, result.stderr
    import html

    built = Path("page.zh.html").read_bytes().decode("windows-1252")  # the declared charset
    assert "&#21654;" in built  # 咖 as a numeric character reference
    assert "咖啡馆会谈结束。" in html.unescape(built)
