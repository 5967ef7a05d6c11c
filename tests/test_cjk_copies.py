"""Chinese copies: no space between two Chinese sentences of one paragraph, and Markdown
emphasis that a Chinese translation no longer writes as emphasis reported by ``check``.

``cjk_copies/talks.md`` and ``talks.html`` are small articles with sentences in one paragraph
(one joined by a soft line break, one in a block quote), list items, a hard line break, table
cells and a <textarea>; ``talks.zh.md`` and ``talks.zh.html`` are their Chinese copies worked
out by hand from ``CHINESE``: the space (or soft line break) between two Chinese sentences of
one block is gone, everything that is structure (paragraphs, items, cells, a hard break, a
<textarea>'s line break, the space between two <li>) stays, and the sentence left in English
keeps its space. ``spacing.*`` hold ``&nbsp;``-like references at a paragraph's edge and
between sentences, ``latin.*`` Chinese sentences after 。 that begin in Latin script.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pyromark
import pytest

from localize.formats import get_format
from localize.formats.base import regenerate

from conftest import msgfmt_check, run_cli

HERE = Path(__file__).resolve().parent / "cjk_copies"

CHINESE = {
    "Talks end.": "会谈结束。",
    "Ministers leave.": "部长们离开。",
    "The talks ended.": "会谈结束了。",
    "The ministers left.": "部长们离开了。",
    "One item.": "一项。",
    "Second point.": "第二点。",
    "Third point.": "第三点。",
    "Alpha ends.": "甲方结束。",
    "<em>Alpha ends.</em>": "<em>甲方结束。</em>",
    "Beta starts.": "乙方开始。",
    "Hard one.": "硬一。",
    "Hard two.": "硬二。",
    "Cell one.": "格一。",
    "Cell two.": "格二。",
    "Other cell.": "他格。",
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def translate(name: str, lang: str, translation_of: dict[str, str]) -> Path:
    """``init`` the article's catalog for ``lang`` and give the entries in ``translation_of``
    their reviewed translation (the others stay untranslated)."""
    assert run_cli("init", name, "--to", lang).exit_code == 0
    path = Path(f"locales/{lang}/LC_MESSAGES/{Path(name).stem}.po")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translation_of.get(entry.msgid, "")
        entry.flags = []
    po.save(str(path))
    msgfmt_check(path)
    return path


@pytest.mark.parametrize("name", ["talks.md", "talks.html"])
def test_chinese_sentences_of_one_block_are_written_without_a_space(
    workdir: Path, name: str
) -> None:
    shutil.copy(HERE / name, name)
    translate(name, "zh", CHINESE)
    copy = Path(name.replace(".", ".zh."))
    result = run_cli("build", name, "--to", "zh", "--threshold", "0")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert copy.read_bytes() == (HERE / copy.name).read_bytes()


SPACING_CHINESE = {
    "The talks ended at noon.": "会谈在中午结束。",
    "The ministers left.": "部长们离开了。",
    "Talks end.": "会谈结束。",
    "Ministers leave.": "部长们离开。",
    "One item.": "一项。",
}


@pytest.mark.parametrize("name", ["spacing.md", "spacing.html"])
def test_a_blank_reference_is_spacing_outside_the_sentences(workdir: Path, name: str) -> None:
    """``&nbsp;``, ``&#160;`` or ``&#32;`` at a paragraph's edge stay outside its msgids (a
    translation need not copy them, and the copy keeps them where they were); between two
    Chinese sentences one is a space like a blank, left out with it."""
    shutil.copy(HERE / name, name)
    catalog = translate(name, "zh", SPACING_CHINESE)
    assert {entry.msgid for entry in polib.pofile(str(catalog))} <= SPACING_CHINESE.keys()
    checked = run_cli("check", name, "--to", "zh")
    assert "protected" not in checked.stdout + checked.stderr
    copy = Path(name.replace(".", ".zh."))
    result = run_cli("build", name, "--to", "zh")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert copy.read_bytes() == (HERE / copy.name).read_bytes()


LATIN_CHINESE = {
    'He said: "We agree."': "他说：“我们同意。”",
    "He said: “We agree.”": "他说：“我们同意。”",
    "The G20 summit opened.": "G20峰会开幕。",
    "Talks end.": "会谈结束。",
}


@pytest.mark.parametrize("name", ["latin.md", "latin.html"])
def test_no_space_after_a_full_width_mark_before_a_latin_start(workdir: Path, name: str) -> None:
    """After 。 (or 。” ) a translated sentence follows at once even where it begins in Latin
    script (G20); one left in English keeps its space."""
    shutil.copy(HERE / name, name)
    translate(name, "zh", LATIN_CHINESE)
    copy = Path(name.replace(".", ".zh."))
    result = run_cli("build", name, "--to", "zh", "--threshold", "0")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert copy.read_bytes() == (HERE / copy.name).read_bytes()


def test_the_markdown_copy_renders_without_a_space_between_chinese_sentences(
    workdir: Path,
) -> None:
    shutil.copy(HERE / "talks.md", "talks.md")
    translate("talks.md", "zh", CHINESE)
    assert run_cli("build", "talks.md", "--to", "zh", "--threshold", "0").exit_code == 0
    html = pyromark.html(Path("talks.zh.md").read_text(encoding="utf-8"))
    assert "<p>会谈结束了。部长们离开了。 Details were not given.</p>" in html
    assert "<p>甲方结束。乙方开始。</p>" in html
    assert "硬一。<br />\n硬二。" in html


def test_korean_keeps_the_space_between_its_sentences(workdir: Path) -> None:
    # Korean is written in a wide script too, but spaces its sentences: a headline's two
    # sentences without a final stop (Hangul on both sides of the space) keep theirs.
    shutil.copy(HERE / "talks.md", "talks.md")
    korean = {"Talks end.": "회담 종료", "Ministers leave.": "장관들 떠나"}
    translate("talks.md", "ko", korean)
    assert run_cli("build", "talks.md", "--to", "ko", "--threshold", "0").exit_code == 0
    assert Path("talks.ko.md").read_text("utf-8").startswith("# 회담 종료 장관들 떠나\n")


@pytest.mark.parametrize("format_name", ["markdown", "html", "text"])
def test_an_identity_copy_of_a_chinese_article_is_byte_for_byte(format_name: str) -> None:
    source = "会谈结束。 部长们\n离开了。\n"
    if format_name == "html":
        source = "<p>会谈结束。 部长们\n离开了。</p>\n"
    fmt = get_format(format_name)
    units = fmt.parse(source, "zh")
    assert len(units) == 2
    copy = regenerate(source, units, lambda unit: unit.msgid, fmt.place, (), fmt.joinable_gap)
    assert copy == source


def test_plain_text_keeps_a_line_break_between_chinese_sentences() -> None:
    source = "The talks ended. The ministers left.\nThey said nothing.\n"
    fmt = get_format("text")
    units = fmt.parse(source, "en")
    # A closing quotation mark after a Chinese stop ends a Chinese sentence too.
    chinese = {"The talks ended.": "他说：“会谈结束了。”", "The ministers left.": "部长们离开了。"}
    chinese["They said nothing."] = "他们什么也没说。"
    copy = regenerate(source, units, lambda u: chinese[u.msgid], fmt.place, (), fmt.joinable_gap)
    assert copy == "他说：“会谈结束了。”部长们离开了。\n他们什么也没说。\n"


# --- check: emphasis a Chinese translation no longer writes as emphasis --------------------

EMPHASIS_SOURCE = (
    "China backs the *Belt and Road* plan.\n\n"
    "They deepen the **Belt and Road Initiative** framework.\n"
)
BROKEN = {
    "China backs the *Belt and Road* plan.": "中国支持*“一带一路”*计划。",
    "They deepen the **Belt and Road Initiative** framework.": "他们深化**“一带一路”倡议**框架。",
}
MENDED = {
    "China backs the *Belt and Road* plan.": "中国支持“*一带一路*”计划。",
    "They deepen the **Belt and Road Initiative** framework.": (
        "他们深化<strong>“一带一路”倡议</strong>框架。"
    ),
}


def test_check_reports_emphasis_that_no_longer_parses_in_the_translation(workdir: Path) -> None:
    Path("belt.md").write_text(EMPHASIS_SOURCE, encoding="utf-8")
    translate("belt.md", "zh", BROKEN)
    assert run_cli("build", "belt.md", "--to", "zh").exit_code == 0
    rendered = pyromark.html(Path("belt.zh.md").read_text(encoding="utf-8"))
    assert "*“一带一路”*" in rendered and "<em>" not in rendered  # the markers shown as text
    assert "**“一带一路”倡议**" in rendered and "<strong>" not in rendered

    result = run_cli("check", "belt.md", "--to", "zh")
    assert result.exit_code == 1
    lines = [
        line for line in (result.stdout + result.stderr).splitlines() if "markdown-markup" in line
    ]
    assert len(lines) == 2
    assert lines[0].startswith("locales/zh/LC_MESSAGES/belt.po:")
    assert "error" in lines[0] and "emphasis" in lines[0] and "<em>…</em>" in lines[0]
    assert "strong emphasis" in lines[1] and "<strong>…</strong>" in lines[1]
    build = run_cli("build", "belt.md", "--to", "zh", "--check")
    assert build.exit_code != 0 and "markdown-markup" in (build.stdout + build.stderr)


def test_the_fixes_the_check_names_pass_it_and_render_as_emphasis(workdir: Path) -> None:
    Path("belt.md").write_text(EMPHASIS_SOURCE, encoding="utf-8")
    translate("belt.md", "zh", MENDED)
    result = run_cli("check", "belt.md", "--to", "zh")
    assert "markdown-markup" not in (result.stdout + result.stderr)
    assert run_cli("build", "belt.md", "--to", "zh").exit_code == 0
    rendered = pyromark.html(Path("belt.zh.md").read_text(encoding="utf-8"))
    assert "“<em>一带一路</em>”" in rendered
    assert "<strong>“一带一路”倡议</strong>" in rendered
