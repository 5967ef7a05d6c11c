"""Markdown format: units, spans, protected markup, placement and the identity law."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize.errors import LocalizeError
from localize.formats.base import Role, Unit
from localize.formats.markdown import MarkdownFormat

from conftest import WIRE_ARTICLE
from format_helpers import checked_units, rebuild
from format_helpers import upper_outside_protected as transformed

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sco-foreign-ministers.md"

FMT = MarkdownFormat()


def units_of(text: str) -> list[Unit]:
    return checked_units(FMT, text)


def build(text: str, units: list[Unit], translate) -> str:
    return rebuild(FMT, text, units, translate)


def upper_outside_protected(msgid: str) -> str:
    return transformed(FMT, msgid)


def by_msgid(text: str) -> dict[str, Unit]:
    return {unit.msgid: unit for unit in units_of(text)}


# --- the example article ----------------------------------------------------------------


def test_example_units_kinds_lines_and_spans() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    units = units_of(text)
    kinds = {unit.kind for unit in units}
    assert {
        "front matter title",
        "front matter subtitle",
        "front matter description",
        "heading 1",
        "heading 2",
        "paragraph",
        "list item",
        "block quote",
        "table cell",
        "alt text",
        "title attribute",
        "html paragraph",
    } <= kinds
    found = by_msgid(text)
    title = found["China, Kazakhstan pledge closer Belt and Road cooperation ahead of SCO meeting"]
    assert (title.kind, title.line) == ("front matter title", 2)
    heading = found["China, Kazakhstan pledge closer *Belt and Road* cooperation"]
    assert (heading.kind, heading.line) == ("heading 1", 13)
    # A sentence wrapped over lines: the span is the source text, the msgid folds the break.
    first = next(u for u in units if u.msgid.startswith("NUR-SULTAN"))
    assert "\n" in text[first.start : first.end]
    assert re.sub(r"\s+", " ", text[first.start : first.end]) == first.msgid
    quote = found[
        "He added that the two countries should firmly support each other on issues "
        "concerning their core interests."
    ]
    assert quote.kind == "block quote"
    assert "\n> " in text[quote.start : quote.end]  # continuation marker inside the span
    assert found["Joint projects \\| signed"].kind == "table cell"
    assert found["Wang Yi and Mukhtar Tileuberdi shake hands before their talks"].kind == "alt text"
    assert found["Photo: Xinhua"].kind == "title attribute"
    # Blocks are numbered from 1 and sentences of one block share the number.
    assert units[0].block == 1
    assert (
        found["Agriculture."].block
        == found["China will import more Kazakh wheat and soybeans."].block
    )


def test_example_never_units() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    joined = "\n".join(unit.msgid for unit in units_of(text))
    for never in (
        "2021-06-02",
        "diplomacy",
        "china-kazakhstan-sco-2021",
        "targets: [ru, kk]",
        "glossary: diplomatic.yaml",
        "https://example.org/photos/2021-06-01-talks.jpg",
        "editor-note",
        'SCO Secretariat"',
    ):
        assert never not in joined
    assert not any(unit.msgid.startswith(("date", "slug", "author")) for unit in units_of(text))


def test_example_identity_and_translation() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    units = units_of(text)
    assert build(text, units, lambda unit: unit.msgid) == text
    assert build(text, units, lambda unit: None) == text
    translated = build(text, units, lambda unit: upper_outside_protected(unit.msgid))
    again = units_of(translated)
    assert [(u.block, u.kind) for u in again] == [(u.block, u.kind) for u in units]
    assert [u.msgid for u in again] == [upper_outside_protected(u.msgid) for u in units]
    assert "](https://example.org/photos/2021-06-01-talks.jpg" in translated
    assert "targets: [ru, kk]" in translated  # fenced code untouched


def test_wire_article_as_markdown_keeps_identity() -> None:
    text = WIRE_ARTICLE.read_text(encoding="utf-8")
    units = units_of(text)
    assert len(units) > 30
    assert build(text, units, lambda unit: unit.msgid) == text
    assert any(u.msgid.startswith("ASTANA, Sept. 11 (Xinhua)") for u in units)


# --- inline markup ------------------------------------------------------------------------


def test_sentence_split_never_cuts_inside_inline_markup() -> None:
    text = (
        "**Wang said so. He left.** Then *one. Two* followed. See [a. B](https://x.org/a.b)"
        " now. Code `a. B` stays. Tag <b>c. D</b> too.\n"
    )
    msgids = [unit.msgid for unit in units_of(text)]
    assert msgids == [
        "**Wang said so. He left.**",
        "Then *one. Two* followed.",
        "See [a. B](https://x.org/a.b) now.",
        "Code `a. B` stays.",
        "Tag <b>c. D</b> too.",
    ]


def test_closing_markup_stays_with_its_sentence() -> None:
    msgids = [u.msgid for u in units_of("He said **it is done.** Then he left. *Really.*\n")]
    assert msgids == ["He said **it is done.**", "Then he left.", "*Really.*"]


def test_protected_pieces_are_precise() -> None:
    msgid = (
        'Wang met **SCO** peers in [Dushanbe](https://x.org/d "The capital") '
        'and ran `localize` at https://example.org/p. Tags <abbr title="State Councilor">'
        "SC</abbr> &amp; \\* stay; ![alt](i.png) too."
    )
    pieces = [msgid[a:b] for a, b in FMT.protected(msgid)]
    assert pieces == [
        "**",
        "**",
        "[",
        '](https://x.org/d "',
        '")',
        "`localize`",
        "https://example.org/p",
        '<abbr title="',
        '">',
        "</abbr>",
        "&amp;",
        "\\*",
        "![",
        "](i.png)",
    ]


def test_protected_reference_links_resolve_without_the_document() -> None:
    msgid = "More at [the SCO Secretariat][sco] today."
    assert [msgid[a:b] for a, b in FMT.protected(msgid)] == ["[", "][sco]"]
    # Plain brackets (a shortcut reference at most) are text: "[sic]" may come and go.
    msgid = "He said [sic] that [Xinhua] *agreed*."
    assert [msgid[a:b] for a, b in FMT.protected(msgid)] == ["*", "*"]


# --- placement ----------------------------------------------------------------------------


def place(role: Role, translation: str, msgid: str = "x", embedded_html: bool = False) -> str:
    unit = Unit(msgid, 0, 1, 1, 1, role.value, role, embedded_html=embedded_html)
    return FMT.place(unit, translation)


def test_place_makes_translations_safe_where_they_go() -> None:
    assert place(Role.TABLE_CELL, "a | b\nc") == "a \\| b c"
    assert place(Role.TABLE_CELL, "already \\| escaped") == "already \\| escaped"
    assert place(Role.HEADING, "Title\non two lines #") == "Title on two lines \\#"
    assert place(Role.PROSE, "# not a heading") == "\\# not a heading"
    assert place(Role.PROSE, "- not a list") == "\\- not a list"
    assert place(Role.PROSE, "1. not a list") == "1\\. not a list"
    assert place(Role.PROSE, "> not nested") == "\\> not nested"
    assert place(Role.FRONT_MATTER, 'Wang: "yes" # no comment') == '"Wang: \\"yes\\" # no comment"'
    assert place(Role.TITLE_ATTRIBUTE, 'Say "hi"') == '"Say \\"hi\\""'
    assert place(Role.ALT_TEXT, "a [b] c") == "a \\[b\\] c"
    assert place(Role.PROSE, "Tom & Jerry <3", embedded_html=True) == "Tom &amp; Jerry &lt;3"


def test_translated_table_cell_keeps_the_table() -> None:
    text = "| A | B |\n|---|---|\n| one | two |\n"
    units = units_of(text)
    out = build(text, units, lambda u: "x | y\nz" if u.msgid == "one" else None)
    assert out == "| A | B |\n|---|---|\n| x \\| y z | two |\n"
    assert [u.msgid for u in units_of(out)] == ["A", "B", "x \\| y z", "two"]


def test_translated_front_matter_stays_valid_yaml() -> None:
    text = "---\ntitle: Plain title\ndescription: >\n  Folded\n  text\nslug: a-b\n---\n\nBody.\n"
    units = units_of(text)
    assert [(u.msgid, u.kind) for u in units] == [
        ("Plain title", "front matter title"),
        ("Folded text", "front matter description"),
        ("Body.", "paragraph"),
    ]
    out = build(
        text,
        units,
        lambda u: {"Plain title": "Titre : «oui» # non", "Folded text": "Texte plié"}.get(u.msgid),
    )
    assert out.startswith('---\ntitle: "Titre : «oui» # non"\ndescription: "Texte plié"\nslug')
    assert [u.msgid for u in units_of(out)] == ["Titre : «oui» # non", "Texte plié", "Body."]


# --- stability and bad input --------------------------------------------------------------


def test_edit_inside_a_list_item_changes_only_that_unit() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    edited = text.replace(
        "China will import more Kazakh wheat and soybeans.",
        "China will import more Kazakh wheat, barley and soybeans.",
    )
    before = [u.msgid for u in units_of(text)]
    after = [u.msgid for u in units_of(edited)]
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        (
            "China will import more Kazakh wheat and soybeans.",
            "China will import more Kazakh wheat, barley and soybeans.",
        )
    ]


def test_invalid_front_matter_is_a_one_line_error_with_the_line() -> None:
    text = "---\ntitle: [unclosed\ndate: 2021\n---\n\nBody.\n"
    with pytest.raises(LocalizeError) as error:
        FMT.parse(text, "en")
    message = str(error.value)
    assert "front matter" in message and "line " in message and "\n" not in message


def test_rule_and_paragraph_are_not_front_matter() -> None:
    text = "---\nJust a paragraph.\n---\n"
    assert [u.msgid for u in units_of(text)] == ["Just a paragraph."]


def test_unclosed_fence_runs_to_the_end_as_commonmark_says() -> None:
    text = "Before.\n\n```\ncode. Not text.\n\nStill code.\n"
    assert [u.msgid for u in units_of(text)] == ["Before."]
    assert build(text, units_of(text), lambda u: u.msgid) == text


def test_crlf_source_keeps_identity_and_offsets() -> None:
    text = "# Title\r\n\r\nWang said so.\r\nHe left.\r\n\r\n- item one\r\n"
    units = units_of(text)
    assert [text[u.start : u.end] for u in units] == [
        "Title",
        "Wang said so.",
        "He left.",
        "item one",
    ]
    assert [u.line for u in units] == [1, 3, 4, 6]
    out = build(text, units, lambda u: u.msgid.upper())
    assert out == "# TITLE\r\n\r\nWANG SAID SO.\r\nHE LEFT.\r\n\r\n- ITEM ONE\r\n"


def test_five_megabyte_document() -> None:
    one = EXAMPLE.read_text(encoding="utf-8").split("---\n", 2)[2]
    copies = 5_000_000 // len(one) + 1
    text = one * copies
    units = FMT.parse(text, "en")
    assert len(units) == copies * len(FMT.parse(one, "en"))
    assert build(text, units, lambda u: u.msgid) == text


# --- generated documents ------------------------------------------------------------------

WORDS = [
    "China",
    "Kazakhstan",
    "Wang",
    "Yi",
    "said",
    "cooperation",
    "Belt",
    "Road",
    "Initiative",
    "SCO",
    "partners",
    "2021",
    "1.5",
    "billion",
    "dollars",
    "State",
    "Councilor",
    "talks",
    "the",
    "of",
    "and",
    "summit",
    "Xinhua",
    "trade",
    "ministers",
]
word = st.sampled_from(WORDS)
plain = st.lists(word, min_size=1, max_size=4).map(" ".join)
inline = st.one_of(
    plain,
    plain,
    plain.map(lambda s: f"*{s}*"),
    plain.map(lambda s: f"**{s}**"),
    plain.map(lambda s: f"~~{s}~~"),
    plain.map(lambda s: f"`{s}. code`"),
    plain.map(lambda s: f"[{s}](https://example.org/{len(s)}.html)"),
    plain.map(lambda s: f'[{s}](https://example.org/x "{s} title")'),
    plain.map(lambda s: f"![{s}](img/{len(s)}.png)"),
    plain.map(lambda s: f"<b>{s}</b>"),
    st.just("&amp;"),
    st.just("\\*"),
    st.just("<https://example.org/auto>"),
    st.just("https://example.org/bare"),
)
# Sentences start with a capital: the transform below upper-cases, and a lower-case start is
# (rightly) no sentence boundary for the segmenter while an upper-case one is.
sentence = st.tuples(
    st.sampled_from([w for w in WORDS if w[0].isupper()]),
    st.lists(inline, min_size=1, max_size=4),
    st.sampled_from([".", "?", "!"]),
).map(lambda t: t[0] + " " + " ".join(t[1]) + t[2])
paragraph = st.tuples(st.lists(sentence, min_size=1, max_size=3), st.sampled_from([" ", "\n"])).map(
    lambda t: t[1].join(t[0])
)
cell = st.one_of(plain, plain.map(lambda s: s + " \\| " + s), plain.map(lambda s: f"`{s}`"))


def table(rows: list[list[str]]) -> str:
    width = len(rows[0])
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join((row + rows[0])[:width]) + " |" for row in rows[1:]]
    return "\n".join(lines)


block = st.one_of(
    paragraph,
    st.tuples(st.integers(1, 6), plain).map(lambda t: "#" * t[0] + " " + t[1]),
    plain.map(lambda s: s + "\n" + "=" * len(s)),
    st.lists(paragraph, min_size=1, max_size=3).map(
        lambda items: "\n".join("- " + item.replace("\n", "\n  ") for item in items)
    ),
    st.tuples(sentence, sentence).map(lambda t: f"1. {t[0]}\n   - {t[1]}\n   - {t[0]}"),
    paragraph.map(lambda p: "> " + p.replace("\n", "\n> ")),
    st.tuples(sentence, sentence).map(lambda t: f"> {t[0]}\n>\n> > {t[1]}"),
    st.lists(st.lists(cell, min_size=2, max_size=3), min_size=2, max_size=3).map(table),
    paragraph.map(lambda p: "```text\n" + p + "\n```"),
    paragraph.map(lambda p: "    " + p.replace("\n", "\n    ")),
    sentence.map(lambda s: f'<div class="box">\n<p>{s}</p>\n</div>'),
    plain.map(lambda s: f'![{s}](https://example.org/{len(s)}.jpg "{s}")'),
    st.just("* * *"),
)
front_matter = st.one_of(
    st.just(""),
    st.tuples(plain, plain).map(
        lambda t: f'---\ntitle: "{t[0]}"\ndate: 2021-06-01\nsummary: {t[1]}\n---\n\n'
    ),
)
document = st.tuples(
    front_matter,
    st.lists(block, min_size=1, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
).map(lambda t: (t[0] + "\n\n".join(t[1]) + ("\n" if t[3] else "")).replace("\n", t[2]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_identity_law_on_generated_documents(text: str) -> None:
    units = FMT.parse(text, "en")
    assert build(text, units, lambda unit: unit.msgid) == text
    ends = [0] + [u.end for u in units]
    assert all(a <= u.start < u.end for a, u in zip(ends, units, strict=False))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_transformed_translation_keeps_structure(text: str) -> None:
    units = FMT.parse(text, "en")
    out = build(text, units, lambda unit: upper_outside_protected(unit.msgid))
    again = FMT.parse(out, "en")
    assert [(u.block, u.kind) for u in again] == [(u.block, u.kind) for u in units]
    assert [u.msgid for u in again] == [upper_outside_protected(u.msgid) for u in units]


@settings(max_examples=100, deadline=None)
@given(st.lists(inline, min_size=1, max_size=6).map(" ".join))
def test_protected_spans_cover_exactly_the_markup(msgid: str) -> None:
    spans = FMT.protected(msgid)
    assert spans == sorted(spans)
    assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:], strict=False))
    outside = "".join(
        msgid[b:c]
        for (_, b), (c, _) in zip([(0, 0), *spans], [*spans, (len(msgid), 0)], strict=True)
    )
    assert not re.search(r"\*\*|`|\]\(|<b>|</b>|&amp;|https://", outside)


# --- offsets beyond ASCII and across container lines ---------------------------------------


def test_spans_are_character_offsets_in_non_ascii_text() -> None:
    # pulldown-cmark reports UTF-8 byte offsets; spans must index the decoded text.
    text = (
        "# Wáng Yì’s visit 中国\n\n“Both sides agreed,” he said. Далее — **🚀 launch** "
        'at [Nur-Sultan](https://example.org/ü "Ñ title").\n\n| Ключ | 数据 |\n|---|---|\n'
        "| é \\| è | ✓ |\n"
    )
    units = units_of(text)
    assert [text[u.start : u.end] for u in units] == [
        "Wáng Yì’s visit 中国",
        "“Both sides agreed,” he said.",
        'Далее — **🚀 launch** at [Nur-Sultan](https://example.org/ü "Ñ title").',
        "Ключ",
        "数据",
        "é \\| è",
        "✓",
    ]
    assert [u.msgid for u in units] == [text[u.start : u.end] for u in units]
    out = build(text, units, lambda unit: upper_outside_protected(unit.msgid))
    assert [u.msgid for u in units_of(out)] == [upper_outside_protected(u.msgid) for u in units]
    assert '](https://example.org/ü "Ñ TITLE")' in out


def test_continuation_lines_drop_container_markers_but_keep_them_in_the_source() -> None:
    text = "> Wang said `a\n> b` is code.\n> He left.\n\n- Item *one\n  two* ends.\n"
    units = units_of(text)
    assert [(u.msgid, u.kind) for u in units] == [
        ("Wang said `a b` is code.", "block quote"),
        ("He left.", "block quote"),
        ("Item *one two* ends.", "list item"),
    ]
    assert text[units[0].start : units[0].end] == "Wang said `a\n> b` is code."
    assert build(text, units, lambda unit: unit.msgid) == text


def test_protected_reads_a_msgid_as_inline_text_whatever_it_starts_with() -> None:
    # "# ...", "1. ...", "<div>" or a reference definition would be blocks in a document;
    # a msgid or a translation is one run of inline text.
    assert [m[a:b] for m in ["# **Bold** start"] for a, b in FMT.protected(m)] == ["**", "**"]
    msgid = "1. See `code` <div>x</div> [ref]: https://example.org/a"
    assert [msgid[a:b] for a, b in FMT.protected(msgid)] == [
        "`code`",
        "<div>",
        "</div>",
        "https://example.org/a",
    ]
    msgid = "Logo ![SCO][logo] and &eacute; \\# end #"
    assert [msgid[a:b] for a, b in FMT.protected(msgid)] == ["![", "][logo]", "&eacute;", "\\#"]


def test_backslash_line_break_comes_through_translation() -> None:
    text = "Wang arrived on Monday\\\nand left on Tuesday.\n"
    (unit,) = units_of(text)
    assert unit.msgid == "Wang arrived on Monday\\ and left on Tuesday."
    assert [unit.msgid[a:b] for a, b in FMT.protected(unit.msgid)] == ["\\ "]
    # A backslash escape of its own backslash leaves the second one as text.
    msgid = "Path C:\\\\temp and \\\\*x*"
    assert [msgid[a:b] for a, b in FMT.protected(msgid)] == ["\\\\", "\\\\", "*", "*"]
