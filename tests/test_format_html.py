"""HTML format: units, skipped content, attributes, placement, bad input, character sets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize.errors import LocalizeError
from localize.formats.base import Role, Unit
from localize.formats.html import HtmlFormat, declared_charset

from format_helpers import checked_units, rebuild
from format_helpers import upper_outside_protected as transformed

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "un-climate-briefing.html"

FMT = HtmlFormat()


def units_of(text: str) -> list[Unit]:
    return checked_units(FMT, text)


def build(text: str, units: list[Unit], translate) -> str:
    return rebuild(FMT, text, units, translate)


def upper_outside_protected(msgid: str) -> str:
    return transformed(FMT, msgid)


# --- the example article ----------------------------------------------------------------


def test_example_units() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    units = units_of(text)
    found = {unit.msgid: unit for unit in units}
    assert found["UN chief urges G20 to lead on climate finance &mdash; Xinhua"].kind == "title"
    assert found["UN chief urges G20 to lead on climate finance"].kind == "heading 1"
    assert found["What the Secretary-General asked for"].kind == "heading 2"
    alt = found["UN Secretary-General Antonio Guterres speaks at a press briefing in New York"]
    assert alt.kind == "alt text" and text[alt.start : alt.end].startswith('"UN Secretary')
    title = found["Photo: Xie E/Xinhua"]
    assert title.kind == "title attribute"
    assert text[title.start : title.end] == "'Photo: Xie E/Xinhua'"
    # Inline tags stay in the msgid as written; a sentence split never cuts inside them.
    assert (
        found[
            "He called on the G20 to show <em>political will, <b>compassion</b> and vision</em>."
        ].kind
        == "paragraph"
    )
    assert found["Doubling of adaptation finance by 2025."].kind == "list item"  # no </li>
    assert found["An end to new coal plants &amp; fossil-fuel subsidies."].kind == "list item"
    assert found["The window is closing."].kind == "block quote"
    assert found["Amount (billion USD)"].kind == "table cell"
    assert found["Climate finance provided by developed countries"].kind == "caption"
    assert (
        found["The window is closing."].block
        == found["Countries must do more, and they must do it now."].block
    )
    assert units[0].block == 1


def test_example_never_units() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    joined = "\n".join(unit.msgid for unit in units_of(text))
    for never in (
        "dataLayer",
        "Not translated",
        "small-caps",
        "Note. ",
        "Do not translate",
        "article body starts here",
        "guterres-2021-10-28.jpg",
        "stylesheet",
    ):
        assert never not in joined
    # What a search engine shows of the page is text: the <meta> description is a unit.
    description = next(u for u in units_of(text) if u.kind == "meta description")
    assert description.msgid == "Guterres calls on major economies to double adaptation finance."
    code = next(u for u in units_of(text) if "<code>" in u.msgid)
    assert "<code>SELECT year, SUM(amount) FROM finance GROUP BY year;</code>" in code.msgid


def test_example_identity_and_transform() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    units = units_of(text)
    assert build(text, units, lambda unit: unit.msgid) == text
    out = build(text, units, lambda unit: upper_outside_protected(unit.msgid))
    again = units_of(out)
    assert [(u.block, u.kind) for u in again] == [(u.block, u.kind) for u in units]
    assert [u.msgid for u in again] == [upper_outside_protected(u.msgid) for u in units]
    assert 'var headline = "<b>Not translated.</b> Never.";' in out
    assert "Source: OECD. Figures are not adjusted. Do not translate." in out
    assert '<abbr title="SHANGHAI COOPERATION ORGANIZATION">SCO</abbr>' in out


# --- protected pieces and placement -------------------------------------------------------


def test_protected_pieces_are_precise() -> None:
    msgid = (
        'Wang met <a href="https://x.org/a?b=1&amp;c=2" title="The capital">SCO</a> '
        "&mdash; ran <code>ls -l</code> at https://example.org/p. <img src=i.png alt=Photo>"
        "<!-- note -->&#160;"
    )
    pieces = [msgid[a:b] for a, b in FMT.protected(msgid)]
    assert pieces == [
        '<a href="https://x.org/a?b=1&amp;c=2" title="',
        '">',
        "</a>",
        "&mdash;",
        "<code>ls -l</code>",
        "https://example.org/p",
        "<img src=i.png alt=",
        ">",
        "<!-- note -->",
        "&#160;",
    ]


def place(role: Role, translation: str) -> str:
    return FMT.place(Unit("x", 0, 1, 1, 1, role.value, role), translation)


def test_place_escapes_bare_characters_and_quotes_attributes() -> None:
    assert (
        place(Role.PROSE, "Tom & Jerry <3 &amp; <b>bold</b> &#160;")
        == "Tom &amp; Jerry &lt;3 &amp; <b>bold</b> &#160;"
    )
    assert (
        place(Role.ALT_TEXT, 'Wang "Yi" & <friends>')
        == '"Wang &quot;Yi&quot; &amp; &lt;friends&gt;"'
    )
    text = "<img alt=Photo src=a.png>"
    units = units_of(text)
    out = build(text, units, lambda u: "Photo de Wang Yi")
    assert out == '<img alt="Photo de Wang Yi" src=a.png>'
    assert [u.msgid for u in units_of(out)] == ["Photo de Wang Yi"]


def test_a_tag_and_code_keep_the_white_space_the_msgid_folds() -> None:
    # A URL parser drops a line break in href="x\ny" ("xy") but keeps a space ("x%20y"); the
    # spaces of <code> are shown.
    text = '<p>Go <a href="x\ny">here</a> &amp; run\n<code>a  b</code> now.</p>'
    [unit] = units_of(text)
    assert unit.msgid == 'Go <a href="x y">here</a> &amp; run <code>a b</code> now.'
    out = build(text, [unit], lambda u: 'Run <code>a b</code> & go <a href="x y">ici</a>.')
    assert out == '<p>Run <code>a  b</code> &amp; go <a href="x\ny">ici</a>.</p>'
    # Markup the translator changed is written as the translator wrote it.
    out = build(text, [unit], lambda u: 'Go <a href="z">here</a>.')
    assert out == '<p>Go <a href="z">here</a>.</p>'


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("<p>One.</p>\n<script>\nvar a = 1;\n", ["line 2", "<script>", "</script>"]),
        ("<p>One.</p>\n\n<pre>\ncode\n", ["line 3", "<pre>", "</pre>"]),
        ("<p>One.</p>\n<!-- comment never closed\n<p>Two.</p>\n", ["line 2", "-->"]),
        ("<p>One.</p>\n<p>Two <b class='x'\n", ["line 2", "<b", "'&lt;'"]),
    ],
)
def test_markup_that_would_hide_or_leak_text_is_an_error(text: str, words: list[str]) -> None:
    with pytest.raises(LocalizeError) as error:
        FMT.parse(text, "en")
    message = str(error.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_optional_end_tags_and_stray_tags_are_tolerated() -> None:
    text = (
        "<ul><li>First item.<li>Second <b>bold</i> item.</ul>\n<p>Para one.<p>Para two."
        "</b></div>\n<table><tr><td>A<td>B</table>"
    )
    units = units_of(text)
    assert [(u.msgid, u.kind) for u in units] == [
        ("First item.", "list item"),
        ("Second <b>bold</i> item.", "list item"),
        ("Para one.", "paragraph"),
        ("Para two.</b>", "paragraph"),
        ("A", "table cell"),
        ("B", "table cell"),
    ]
    assert build(text, units, lambda u: u.msgid) == text


def test_five_megabyte_document() -> None:
    body = EXAMPLE.read_text(encoding="utf-8").split("<body>")[1].split("</body>")[0]
    copies = 5_000_000 // len(body) + 1
    text = "<html><body>" + body * copies + "</body></html>"
    units = FMT.parse(text, "en")
    assert len(units) == copies * len(FMT.parse(body, "en"))
    assert build(text, units, lambda u: u.msgid) == text


# --- character sets -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="windows-1252">', "cp1252"),
        (b"<META CHARSET=ISO-8859-1>", "cp1252"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "shift_jis"),
        (b"<meta charset='utf-8'/>", "utf-8"),
        (b'<?xml version="1.0" encoding="koi8-r"?>', "koi8-r"),
        (b'<meta charset="utf-16">', "utf-8"),
        (b'<meta charset="no-such-charset">', None),
        (b"<p>No declaration.</p>", None),
    ],
)
def test_declared_charset(head: bytes, expected: str | None) -> None:
    raw = b"<!DOCTYPE html><html><head>" + head + b"</head><body><p>x</p></body></html>"
    assert declared_charset(raw) == expected


def test_non_utf8_article_decodes_with_its_declared_charset() -> None:
    raw = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 talks</title></head>'
        "<body><p>Wang Yi\u2019s visit \u2013 \u201cfruitful\u201d.</p></body></html>"
    ).encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode(declared_charset(raw) or "utf-8")
    assert [u.msgid for u in units_of(text)] == [
        "Caf\u00e9 talks",
        "Wang Yi\u2019s visit \u2013 \u201cfruitful\u201d.",
    ]


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
    "SCO",
    "partners",
    "2021",
    "1.5",
    "billion",
    "State",
    "Councilor",
    "talks",
    "the",
    "of",
    "and",
    "summit",
    "Xinhua",
]
word = st.sampled_from(WORDS)
plain = st.lists(word, min_size=1, max_size=4).map(" ".join)
attribute_value = st.tuples(plain, st.sampled_from(['"{}"', "'{}'"])).map(
    lambda t: t[1].format(t[0])
)
inline = st.deferred(
    lambda: st.one_of(
        plain,
        plain,
        st.just("&amp;"),
        st.just("&#8212;"),
        st.just("&nbsp;"),
        st.tuples(st.sampled_from(["b", "i", "em", "strong", "span", "sup"]), inline).map(
            lambda t: f"<{t[0]}>{t[1]}</{t[0]}>"
        ),
        st.tuples(plain, attribute_value).map(
            lambda t: f'<a href="https://example.org/a?x=1&amp;y=2" title={t[1]}>{t[0]}</a>'
        ),
        st.tuples(plain, attribute_value).map(lambda t: f"<abbr title={t[1]}>{t[0]}</abbr>"),
        plain.map(lambda s: f"<code>{s}. x &lt; y</code>"),
        st.just("<br>"),
        st.just("<!-- aside. Note -->"),
        plain.map(lambda s: f'<img src="p.png" alt="{s}">'),
    )
)
sentence = st.tuples(
    st.sampled_from([w for w in WORDS if w[0].isupper()]),
    st.lists(inline, min_size=1, max_size=3),
    st.sampled_from([".", "?", "!"]),
).map(lambda t: t[0] + " " + " ".join(t[1]) + t[2])
running = st.tuples(st.lists(sentence, min_size=1, max_size=3), st.sampled_from([" ", "\n"])).map(
    lambda t: t[1].join(t[0])
)
block = st.one_of(
    running.map(lambda s: f"<p>{s}</p>"),
    running.map(lambda s: f'<p class="lead">{s}'),
    st.tuples(st.integers(1, 6), running).map(lambda t: f"<h{t[0]}>{t[1]}</h{t[0]}>"),
    st.lists(running, min_size=1, max_size=3).map(
        lambda items: "<ul>\n" + "\n".join(f"  <li>{i}</li>" for i in items) + "\n</ul>"
    ),
    st.lists(running, min_size=1, max_size=3).map(
        lambda items: "<ol>" + "".join(f"<li>{i}" for i in items) + "</ol>"
    ),
    running.map(lambda s: f"<blockquote>\n<p>{s}</p>\n</blockquote>"),
    st.lists(st.lists(plain, min_size=2, max_size=2), min_size=1, max_size=3).map(
        lambda rows: (
            "<table>"
            + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
            + "</table>"
        )
    ),
    running.map(lambda s: f"<pre>{s}\n  indented. Text</pre>"),
    running.map(lambda s: f"<script>var s = '<p>{s}</p>';</script>"),
    running.map(lambda s: f"<style>/* {s} */ p {{ color: red }}</style>"),
    st.tuples(plain, attribute_value).map(
        lambda t: (
            f'<figure><img src="a.jpg" alt="{t[0]}" title={t[1]}>'
            f"<figcaption>{t[0]}.</figcaption></figure>"
        )
    ),
    running.map(lambda s: f"<!-- {s} -->"),
    st.tuples(plain, running).map(lambda t: f'<div title="{t[0]}">{t[1]}</div>'),
)
document = st.tuples(
    st.lists(block, min_size=1, max_size=8), st.sampled_from(["\n", "\r\n"]), st.booleans()
).map(
    lambda t: (
        (
            "<!DOCTYPE html>\n<html><head><title>Talks &amp; more</title></head>\n<body>\n"
            if t[2]
            else ""
        )
        + "\n".join(t[0])
        + "\n"
    ).replace("\n", t[1])
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_identity_law_on_generated_documents(text: str) -> None:
    units = units_of(text)
    assert build(text, units, lambda unit: unit.msgid) == text
    # A script or style inside running text is in a msgid, but only as protected markup.
    joined = " ".join(_translatable_text(u.msgid) for u in units)
    assert "var s" not in joined and "color: red" not in joined and "indented. Text" not in joined


def _translatable_text(msgid: str) -> str:
    """The text of ``msgid`` outside its protected spans."""
    spans = FMT.protected(msgid)
    return " ".join(
        msgid[b:c]
        for (_, b), (c, _) in zip([(0, 0), *spans], [*spans, (len(msgid), 0)], strict=True)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_transformed_translation_keeps_structure(text: str) -> None:
    units = units_of(text)
    out = build(text, units, lambda unit: upper_outside_protected(unit.msgid))
    again = units_of(out)
    assert [(u.block, u.kind) for u in again] == [(u.block, u.kind) for u in units]
    assert [u.msgid for u in again] == [upper_outside_protected(u.msgid) for u in units]


@settings(max_examples=100, deadline=None)
@given(st.lists(inline, min_size=1, max_size=5).map(" ".join))
def test_protected_spans_cover_exactly_the_markup(msgid: str) -> None:
    spans = FMT.protected(msgid)
    outside = "".join(
        msgid[b:c]
        for (_, b), (c, _) in zip([(0, 0), *spans], [*spans, (len(msgid), 0)], strict=True)
    )
    assert not re.search(r"[<>]|&\w+;|&#", outside)
