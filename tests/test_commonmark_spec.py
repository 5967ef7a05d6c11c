"""The Markdown format against every example of the CommonMark spec.

The 652 examples are read from the ``commonmark.json`` that ships in markdown-it-py 4.3.0's
source distribution (``scripts/setup.sh`` fetches it into ``.cache/``; the repo carries no copy).
Each example is an article: it either round-trips byte for byte when every msgstr is its msgid,
or is refused with the one-line "no translatable text" error because it has no prose. A
pseudo-translated copy must render (pyromark) to the same HTML elements, links, images and code
as the source: only the text differs.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import polib
import pyromark
import pytest

from localize.enforce import enforce_batch
from localize.engines.pseudo import PseudoEngine
from localize.errors import LocalizeError
from localize.formats.base import Unit, fold, regenerate
from localize.formats.markdown import MarkdownFormat
from localize.source import read_article

from conftest import run_cli
from format_helpers import HtmlStructure, upper_outside_protected

REPO = Path(__file__).resolve().parents[1]
SPEC_FILE = Path("tests") / "test_cmark_spec" / "commonmark.json"
FETCH_COMMAND = (
    "bash scripts/setup.sh (it runs: pip download --no-deps --no-binary :all: "
    "markdown-it-py==4.3.0 -d .cache && tar xzf .cache/markdown_it_py-4.3.0.tar.gz -C .cache)"
)
EXAMPLES_IN_SPEC = 652
# How the format reads Markdown (GFM tables and strikethrough), so rendering agrees with it.
OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH
# Elements whose text is code: it must come through translation exactly.
CODE = frozenset({"code", "pre", "script", "style", "textarea"})
# Attributes whose values are prose a translator translates.
PROSE_ATTRIBUTES = frozenset({"alt", "title"})
FMT = MarkdownFormat()
_ABRUPT_EMPTY_COMMENT = re.compile(r"<!---?>")


def spec_dir() -> Path:
    configured = os.environ.get("LOCALIZE_MARKDOWN_IT_DIR")
    return Path(configured) if configured else REPO / ".cache" / "markdown_it_py-4.3.0"


@pytest.fixture(scope="module")
def examples() -> list[dict]:
    path = spec_dir() / SPEC_FILE
    if not path.is_file():
        message = (
            f"{path} not found; fetch it from the repo root with: {FETCH_COMMAND} "
            "(or set LOCALIZE_MARKDOWN_IT_DIR)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CommonMark spec examples missing in CI: {message}")
        pytest.skip(message)
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert len(loaded) == EXAMPLES_IN_SPEC
    return loaded


@pytest.fixture(scope="module")
def articles(examples: list[dict], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("commonmark")
    paths = []
    for example in examples:
        path = folder / f"example-{example['example']:03d}.md"
        path.write_bytes(example["markdown"].encode("utf-8"))
        paths.append(path)
    return paths


# --- what the rendered HTML is made of ------------------------------------------------------


def _unfinished(rest: str) -> bool:
    """Whether what html.parser left unparsed at the end is a cut-off tag, comment or
    declaration (a lone "<" is text)."""
    return rest[:1] == "<" and (rest[1:2].isalpha() or rest[1:2] in ("/", "!", "?"))


def rendered(markdown: str) -> HtmlStructure:
    structure = HtmlStructure(CODE, PROSE_ATTRIBUTES)
    html = pyromark.html(markdown, options=OPTIONS)
    # "<!-->" and "<!--->" are whole (empty) comments to CommonMark and WHATWG; this Python's
    # html.parser would read on to the next "-->".
    structure.feed(_ABRUPT_EMPTY_COMMENT.sub("<!---->", html))
    if _unfinished(structure.rawdata):
        # A tag cut off by the end of the document: html.parser would give it back as text, a
        # browser drops it (WHATWG "eof-in-tag").
        structure.tokens.append(("unfinished tag", fold(structure.rawdata)))
        structure.rawdata = ""
    structure.close()
    return structure


def pseudo_translations(units: list[Unit]) -> dict[str, str]:
    """The drafts ``localize translate --engine pseudo`` writes: protected markup masked with
    the engine's placeholders and restored, as the pipeline does."""
    engine = PseudoEngine()
    translator = engine.open("en", "fr")
    msgids = sorted({unit.msgid for unit in units})
    protected = [FMT.protected(msgid) for msgid in msgids]
    drafts = enforce_batch(translator, engine.placeholder, msgids, None, "fr", protected)
    return {msgid: draft.text for msgid, draft in zip(msgids, drafts, strict=True)}


# --- the tests ------------------------------------------------------------------------------


def test_every_example_round_trips_or_is_refused_for_having_no_prose(
    examples: list[dict], articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    identical, refused, corrupted = [], [], []
    for example, path in zip(examples, articles, strict=True):
        number = example["example"]
        try:
            article = read_article(str(path))
        except LocalizeError as error:
            message = str(error)
            assert (
                message
                == (
                    f"{path.as_posix()}: no translatable text found (format: markdown); "
                    "check --input-format"
                )
                or message
                == f"{path.as_posix()}: the article is only white space; there is nothing to translate"
            ), message
            # A fair refusal: the example renders without a word of prose outside code.
            assert not rendered(example["markdown"]).prose, (number, example["markdown"])
            refused.append(number)
            continue
        copy = regenerate(article.text, article.units, lambda unit: unit.msgid, FMT.place)
        (identical if copy == example["markdown"] else corrupted).append(number)
    with capsys.disabled():
        print(
            f"\nCommonMark spec: {len(examples)} examples, {len(identical)} byte-identical, "
            f"{len(refused)} refused (no prose), {len(corrupted)} corrupted"
        )
    assert corrupted == []
    assert len(identical) + len(refused) == EXAMPLES_IN_SPEC
    # Most examples have prose; a format that found none would pass the loop above.
    assert len(identical) > len(refused)


def test_pseudo_translated_examples_render_to_the_same_structure(
    examples: list[dict], capsys: pytest.CaptureFixture[str]
) -> None:
    kept, changed = [], []
    for example in examples:
        source = example["markdown"]
        units = FMT.parse(source, "en")
        if not units:
            continue
        drafts = pseudo_translations(units)
        copy = regenerate(source, units, lambda unit, drafts=drafts: drafts[unit.msgid], FMT.place)
        before, after = rendered(source), rendered(copy)
        if before.tokens == after.tokens and (after.prose or not before.prose):
            kept.append(example["example"])
        else:
            changed.append(example["example"])
    with capsys.disabled():
        print(
            f"\nCommonMark spec, pseudo-translated: {len(kept) + len(changed)} examples with "
            f"prose, {len(kept)} keep their rendered structure, {len(changed)} do not"
        )
    assert changed == []
    # Most examples have prose: a format that found none would pass the loop above.
    assert len(kept) > EXAMPLES_IN_SPEC // 2


def test_nested_images_are_one_alt_text_unit_and_build_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Example 574: the inner image's alt text used to be a unit of its own, overlapping the
    # outer one, and the build wrote both ("![foo ![barfoo ![bar](/url)](/url2)").
    source = "![foo ![bar](/url)](/url2)\n"
    units = FMT.parse(source, "en")
    assert [(u.msgid, u.kind) for u in units] == [("foo ![bar](/url)", "alt text")]
    article = tmp_path / "a.md"
    article.write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "a.md", "--to", "fr").exit_code == 0
    catalog_path = tmp_path / "locales" / "fr" / "LC_MESSAGES" / "a.po"
    catalog = polib.pofile(str(catalog_path))
    for entry in catalog:
        entry.msgstr = entry.msgid
    catalog.save()
    assert run_cli("build", "a.md", "--to", "fr", "-o", "out.md").exit_code == 0
    assert (tmp_path / "out.md").read_bytes() == source.encode()
    # Translated, the inner image comes through as markup inside the outer alt text.
    for entry in catalog:
        entry.msgstr = "le foo ![bar](/url)"
    catalog.save()
    assert run_cli("build", "a.md", "--to", "fr", "-o", "out.md").exit_code == 0
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == "![le foo ![bar](/url)](/url2)\n"


def test_regeneration_refuses_overlapping_units_in_one_line() -> None:
    text = "![foo ![bar](/url)](/url2)\n"
    overlapping = [
        Unit("bar", 8, 11, 1, 1, "alt text"),
        Unit("foo ![bar](/url)", 2, 18, 1, 2, "alt text"),
    ]
    with pytest.raises(LocalizeError) as caught:
        regenerate(text, overlapping, lambda unit: unit.msgid, FMT.place)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("line 1: the translatable text 'foo ![bar](/url)' overlaps")


def test_build_refuses_a_format_that_yields_overlapping_units(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.md"
    article.write_text("Intro.\n\n![foo ![bar](/url)](/url2)\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "a.md", "--to", "fr").exit_code == 0

    def overlapping(self: MarkdownFormat, text: str, lang: str) -> list[Unit]:
        return [
            Unit("Intro.", 0, 6, 1, 1),
            Unit("bar", 16, 19, 3, 2, "alt text"),
            Unit("foo ![bar](/url)", 10, 26, 3, 3, "alt text"),
        ]

    monkeypatch.setattr(MarkdownFormat, "parse", overlapping)
    result = run_cli("build", "a.md", "--to", "fr", "-o", "out.md", "--threshold", "0")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: a.md:3: the translatable text 'foo ![bar](/url)'")
    assert not (tmp_path / "out.md").exists()


def test_a_translated_shortcut_reference_keeps_its_link() -> None:
    source = "See [the report] and [Annex][].\n\n[the report]: /r\n[annex]: /a\n"
    fmt = MarkdownFormat()
    units = fmt.parse(source, "en")
    copy = regenerate(source, units, lambda unit: "Voir [le rapport] et [Annexe][].", fmt.place)
    assert copy.startswith("Voir [le rapport][the report] et [Annexe][Annex].\n")
    assert rendered(copy).tokens == rendered(source).tokens
    # Brackets that are not a link in the article are text, left as the translator wrote them.
    plain = "A [sic] note.\n"
    units = fmt.parse(plain, "en")
    copy = regenerate(plain, units, lambda unit: "Une note [sic].", fmt.place)
    assert copy == "Une note [sic].\n"


def test_an_escape_opening_a_line_stays_in_the_unit() -> None:
    source = "\\*not emphasis*\n\\# not a heading\n"
    units = FMT.parse(source, "en")
    assert units[0].start == 0 and units[0].msgid.startswith("\\*not")
    assert "\\# not" in units[0].msgid
    copy = regenerate(source, units, lambda unit: unit.msgid.upper(), FMT.place)
    assert copy == "\\*NOT EMPHASIS* \\# NOT A HEADING\n"


def test_a_backslash_is_a_hard_break_only_where_the_source_had_one() -> None:
    assert FMT.place(Unit("foo\\", 0, 4, 1, 1), "fou\\ bar") == "fou\\ bar"
    assert FMT.place(Unit("foo\\ bar", 0, 9, 1, 1), "fou\\ barre") == "fou\\\nbarre"


def test_a_translated_reference_image_keeps_its_definition() -> None:
    source = "![Foo]\n\n![bar][]\n\n[foo]: /f.png\n[bar]: /b.png\n"
    fmt = MarkdownFormat()
    units = fmt.parse(source, "en")
    assert [(u.msgid, u.kind) for u in units] == [("Foo", "alt text"), ("bar", "alt text")]
    assert regenerate(source, units, lambda unit: unit.msgid, fmt.place) == source
    copy = regenerate(source, units, lambda unit: unit.msgid.upper() + "!", fmt.place)
    assert copy.startswith("![FOO!][Foo]\n\n![BAR!][bar]\n\n")
    assert rendered(copy).tokens == rendered(source).tokens


def test_a_hard_break_is_not_read_inside_a_code_span_or_a_tag() -> None:
    source = "Run `a  \nb` now  \nand <a href='x  \ny'>here</a>.\n"
    [unit] = FMT.parse(source, "en")
    assert unit.msgid == "Run `a b` now\\ and <a href='x y'>here</a>."


def test_an_html_block_opened_by_an_inline_tag_keeps_its_first_line() -> None:
    source = "<del>\n*foo* here\n</del>\n"
    [unit] = FMT.parse(source, "en")
    assert (unit.msgid, unit.line) == ("*foo* here </del>", 2)
    copy = regenerate(source, [unit], lambda unit: "*fou* ici </del>", FMT.place)
    assert copy == "<del>\n*fou* ici </del>\n"
    assert rendered(copy).tokens == rendered(source).tokens


def test_an_html_block_with_an_unreadable_tag_is_left_alone() -> None:
    assert FMT.parse('<div id="foo"\n*hi*\n\nText.\n', "en") == [
        Unit("Text.", 20, 25, 4, 1, "paragraph")
    ]


def test_a_no_break_space_survives_placement() -> None:
    unit = Unit("5\u00a0000 people", 0, 13, 1, 1)
    assert FMT.place(unit, "5\u00a0000  personnes") == "5\u00a0000 personnes"


def test_brackets_inside_a_link_text_do_not_unprotect_the_link() -> None:
    # Read alone with every label defined, "[bar]" was a link, so the outer one was not, and
    # an engine translated its destination ("(/ûŕî)").
    msgid = "[link [foo [bar]]](/uri)"
    assert [msgid[a:b] for a, b in FMT.protected(msgid)] == ["[", "](/uri)"]


def test_a_literal_backslash_before_a_space_stays_text() -> None:
    # Example 13: "\\" before a tab or a space is text, but read as the msgid's hard break
    # ("\\ ") it became a line break in the copy. (A sentence with both kinds still gets
    # every one as a break: the translation does not say which is which.)
    fmt = MarkdownFormat()
    [literal] = fmt.parse("Open C:\\\tDrive.\n", "en")
    assert literal.msgid == "Open C:\\ Drive."
    assert fmt.place(literal, "Ouvrez C:\\ Drive.") == "Ouvrez C:\\ Drive."
    [hard_break] = fmt.parse("Open it\\\nnow.\n", "en")
    assert fmt.place(hard_break, "Ouvrez\\ maintenant.") == "Ouvrez\\\nmaintenant."


def test_markup_keeps_the_white_space_that_means_something() -> None:
    # Examples 491 and 642: "<foo\nbar>" is an inline tag because a pointy link destination
    # cannot hold a line break, and href="foo  \nbar" is not href="foo bar". The msgid folds
    # them; the copy writes them back as the source has them.
    source = "[link](<foo\nbar>) and <a href='x  \ny'>`a  b`</a>.\n"
    [unit] = FMT.parse(source, "en")
    assert unit.msgid == "[link](<foo bar>) and <a href='x y'>`a b`</a>."
    copy = regenerate(
        source, [unit], lambda u: "<a href='x y'>`a b`</a> et [lien](<foo bar>).", FMT.place
    )
    assert copy == "<a href='x  \ny'>`a  b`</a> et [lien](<foo\nbar>).\n"
    # The same elements, links and code; the translation put them in another order.
    assert sorted(rendered(copy).tokens) == sorted(rendered(source).tokens)
    # In a block quote, the continuation line keeps its marker; in an HTML block too.
    source = "> Go <a href='x\n> y'>here</a> now.\n\n<div>\nGo <a href='x\ny'>here</a>.\n</div>\n"
    units = FMT.parse(source, "en")
    copy = regenerate(source, units, lambda u: u.msgid.replace("here", "ici"), FMT.place)
    assert copy == source.replace("here", "ici")


def test_text_inside_a_pre_an_html_block_left_open_is_not_translated() -> None:
    # Example 148: the HTML block ends at the blank line with its <pre> open, so the Markdown
    # paragraph after it renders inside the <pre>, as code, up to "</pre>".
    source = (
        "<table><tr><td>\n<pre>\n**Hello**,\n\n_world_.\n</pre> Then prose.\n"
        "</td></tr></table>\n\n"
        # Closed inside a later HTML block: its text before "</pre>" is code too.
        "<div>\n<pre>\n\nCode.\n\n<div>More code.</pre>\n<p>HTML prose.</p>\n</div>\n"
    )
    units = FMT.parse(source, "en")
    assert [(u.msgid, u.line) for u in units] == [("Then prose.", 6), ("HTML prose.", 15)]
    copy = regenerate(source, units, lambda u: u.msgid.replace("prose", "PROSE"), FMT.place)
    assert rendered(copy).tokens == rendered(source).tokens


def test_code_opened_by_an_inline_tag_is_protected_whole() -> None:
    # In running text, <pre>, <code>, <script>... hold code, as in an HTML article: protected
    # with their white space, never cut into sentences.
    source = 'Run <pre>x  y</pre> now. And <script>a = "b. C";</script> <code>c\nd</code> more.\n'
    units = FMT.parse(source, "en")
    assert [u.msgid for u in units] == [
        "Run <pre>x y</pre> now.",
        'And <script>a = "b. C";</script> <code>c d</code> more.',
    ]
    assert [[u.msgid[a:b] for a, b in FMT.protected(u.msgid)] for u in units] == [
        ["<pre>x y</pre>"],
        ['<script>a = "b. C";</script>', "<code>c d</code>"],
    ]
    copy = regenerate(source, units, lambda u: upper_outside_protected(FMT, u.msgid), FMT.place)
    assert (
        copy
        == 'RUN <pre>x  y</pre> NOW. AND <script>a = "b. C";</script> <code>c\nd</code> MORE.\n'
    )
    # Its start tag's own folded white space is inside it: the whole is written back.
    source = 'Run <pre class="a\n b">x  y</pre> now.\n'
    [unit] = FMT.parse(source, "en")
    copy = regenerate(source, [unit], lambda u: u.msgid.replace("Run", "Lancez"), FMT.place)
    assert copy == 'Lancez <pre class="a\n b">x  y</pre> now.\n'
    # Left open, it holds the rest of the block.
    [unit] = FMT.parse("Use <code>x and y.\n", "en")
    assert [unit.msgid[a:b] for a, b in FMT.protected(unit.msgid)] == ["<code>x and y."]


def test_a_pre_never_closed_that_hides_text_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text("Intro.\n\n<div>\n<pre>\n\nHidden text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "a.md", "--to", "fr")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: a.md:4: <pre> is never closed, so the text from line 6 on is inside it "
        "and not translated; add </pre>, or write `<pre>` in backticks if it is not meant as a tag\n"
    )
    # A tag named in running text is a tag too: it opens the element.
    with pytest.raises(LocalizeError, match=r"^line 1: <pre> is never closed.* from line 3 on"):
        FMT.parse("Use the <pre> element.\n\nNext paragraph.\n", "en")
    assert [u.msgid for u in FMT.parse("Use the `<pre>` element.\n\nNext.\n", "en")] == [
        "Use the `<pre>` element.",
        "Next.",
    ]
    # Left open at the very end, it hides nothing: no error.
    assert [u.msgid for u in FMT.parse("Intro.\n\n<div>\n<pre>\n", "en")] == ["Intro."]
