"""The HTML format against the html5lib tree-construction suite: WHATWG parsing edge cases.

The documents are the ``#data`` sections of the ``.dat`` files in html5lib 1.1's source
distribution (``scripts/setup.sh`` fetches it into ``.cache/``; the repo carries no copy):
implied end tags, unquoted attributes, entities without semicolons, ``<template>``, foreign
content (``<svg>``, ``<math>``), misnested formatting, broken comments and doctypes. Each one is
an article: it either round-trips byte for byte when every msgstr is its msgid, or is refused
with a one-line error. A pseudo-translated copy must parse (``html.parser``) to the same tags,
attributes, comments and code as the source: only the text differs.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from localize.enforce import enforce_batch
from localize.engines.pseudo import PseudoEngine
from localize.errors import LocalizeError
from localize.formats.base import Unit, fold, regenerate
from localize.formats.html import HtmlFormat
from localize.source import read_article

from format_helpers import HtmlStructure

REPO = Path(__file__).resolve().parents[1]
SUITE_DIR = Path("html5lib") / "tests" / "testdata" / "tree-construction"
FETCH_COMMAND = (
    "bash scripts/setup.sh (it runs: echo 'setuptools<70' > .cache/html5lib-build-constraints.txt"
    " && PIP_CONSTRAINT=$PWD/.cache/html5lib-build-constraints.txt pip download --no-deps"
    " --no-binary :all: html5lib==1.1 -d .cache && tar xzf .cache/html5lib-1.1.tar.gz -C .cache)"
)
# Text that is code or data, never prose: it must come through translation exactly. A
# <textarea>'s text is prose: what the reader sees in the box.
VERBATIM = frozenset({"script", "style", "pre", "code", "template", "svg", "math"})
PROSE_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
FMT = HtmlFormat()


def suite_dir() -> Path:
    configured = os.environ.get("LOCALIZE_HTML5LIB_DIR")
    return Path(configured) if configured else REPO / ".cache" / "html5lib-1.1"


def documents_of(dat: str) -> list[str]:
    """The ``#data`` sections of a tree-construction ``.dat`` file (the newline that ends a
    section belongs to the file format, not to the document)."""
    documents = []
    lines = dat.split("\n")
    i = 0
    while i < len(lines):
        if lines[i] != "#data":
            i += 1
            continue
        start = i + 1
        i = start
        while i < len(lines) and not lines[i].startswith("#errors"):
            i += 1
        documents.append("\n".join(lines[start:i]))
    return documents


@pytest.fixture(scope="module")
def documents() -> list[tuple[str, str]]:
    folder = suite_dir() / SUITE_DIR
    files = sorted(folder.rglob("*.dat")) if folder.is_dir() else []
    if not files:
        message = (
            f"{folder} has no .dat files; fetch them from the repo root with: {FETCH_COMMAND} "
            "(or set LOCALIZE_HTML5LIB_DIR)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"html5lib tree-construction suite missing in CI: {message}")
        pytest.skip(message)
    found = []
    for path in files:
        name = path.relative_to(folder).as_posix()
        found += [
            (f"{name}#{n}", document)
            for n, document in enumerate(documents_of(path.read_text(encoding="utf-8")), 1)
        ]
    assert len(found) > 1500  # html5lib 1.1 ships 1704
    return found


# --- what the parsed document is made of ----------------------------------------------------


class _Words(HTMLParser):
    """Whether a document has words outside code: text with a letter or digit, character
    references aside (``&lang;&rang;`` is two symbols, ``&ammmp;`` a broken reference)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.verbatim = 0
        self.found = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.verbatim += tag in VERBATIM

    def handle_endtag(self, tag: str) -> None:
        self.verbatim -= tag in VERBATIM and self.verbatim > 0

    def handle_data(self, data: str) -> None:
        self.found = self.found or (not self.verbatim and any(ch.isalnum() for ch in data))


def has_words(html: str) -> bool:
    parser = _Words()
    parser.feed(html)
    parser.close()
    return parser.found


def _unfinished(rest: str) -> bool:
    """Whether what html.parser left unparsed at the end is a cut-off tag, comment or
    declaration (a lone "<" is text)."""
    return rest[:1] == "<" and (rest[1:2].isalpha() or rest[1:2] in ("/", "!", "?"))


def structure(html: str) -> HtmlStructure:
    parsed = HtmlStructure(VERBATIM, PROSE_ATTRIBUTES)
    parsed.feed(html)
    if _unfinished(parsed.rawdata):
        # A tag cut off by the end of the document: html.parser would give it back as text, a
        # browser drops it (WHATWG "eof-in-tag").
        parsed.tokens.append(("unfinished tag", fold(parsed.rawdata)))
        parsed.rawdata = ""
    parsed.close()
    return parsed


def pseudo_translations(units: list[Unit]) -> dict[str, str]:
    """The drafts ``localize translate --engine pseudo`` writes, markup masked and restored."""
    engine = PseudoEngine()
    translator = engine.open("en", "fr")
    msgids = sorted({unit.msgid for unit in units})
    protected = [FMT.protected(msgid) for msgid in msgids]
    drafts = enforce_batch(translator, engine.placeholder, msgids, None, "fr", protected)
    return {msgid: draft.text for msgid, draft in zip(msgids, drafts, strict=True)}


# --- the tests ------------------------------------------------------------------------------


def test_every_document_round_trips_or_is_refused_in_one_line(
    documents: list[tuple[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    identical, corrupted = [], []
    refusals: dict[str, int] = {}
    path = tmp_path / "doc.html"
    for name, document in documents:
        raw = document.encode("utf-8", errors="surrogatepass")
        path.write_bytes(raw)
        try:
            article = read_article(str(path))
        except LocalizeError as error:
            message = str(error)
            assert "\n" not in message and message.startswith(f"{path.as_posix()}:"), (
                name,
                message,
            )
            reason = message.split(": ", 1)[1].split(";")[0].split("'")[0].strip()
            if reason.startswith("no translatable text"):
                assert not has_words(document), (name, document)  # a fair refusal
            refusals[reason] = refusals.get(reason, 0) + 1
            continue
        copy = regenerate(article.text, article.units, lambda unit: unit.msgid, FMT.place)
        (identical if article.encode(copy) == raw else corrupted).append(name)
    refused = sum(refusals.values())
    with capsys.disabled():
        print(
            f"\nhtml5lib tree-construction: {len(documents)} documents, {len(identical)} "
            f"byte-identical, {refused} refused, {len(corrupted)} corrupted"
        )
        for reason, count in sorted(refusals.items(), key=lambda item: -item[1]):
            print(f"  refused {count:4d}: {reason}")
    assert corrupted == []
    assert len(identical) + refused == len(documents)
    # A reader that found no text anywhere would pass the loop above.
    assert len(identical) > 500


def test_pseudo_translated_documents_keep_their_structure(
    documents: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    kept, changed = [], []
    for name, document in documents:
        try:
            units = FMT.parse(document, "en")
        except LocalizeError:
            continue  # refused, as the test above shows
        if not units:
            continue
        drafts = pseudo_translations(units)
        copy = regenerate(
            document, units, lambda unit, drafts=drafts: drafts[unit.msgid], FMT.place
        )
        before, after = structure(document), structure(copy)
        if before.tokens == after.tokens and (after.prose or not before.prose):
            kept.append(name)
        else:
            changed.append(name)
    with capsys.disabled():
        print(
            f"\nhtml5lib tree-construction, pseudo-translated: {len(kept) + len(changed)} "
            f"documents with prose, {len(kept)} keep their structure, {len(changed)} do not"
        )
    assert changed == []


def test_a_quoted_greater_than_sign_does_not_end_the_tag() -> None:
    # The tag used to end at the '>' inside title="a > b": src was left unprotected.
    msgid = 'See <img title="a > b" src="x.png"> here.'
    assert [msgid[a:b] for a, b in FMT.protected(msgid)] == ['<img title="', '" src="x.png">']


def test_an_unclosed_processing_instruction_is_refused_not_translated() -> None:
    # html.parser gives "<?xml version" back as text; a browser hides it in a bogus comment.
    for document in ("<p>Text.</p>\n<?xml version", "<p>Text.</p>\n<!DOCTYPE html"):
        with pytest.raises(LocalizeError, match=r"^line 2: markup '<[?!]' is never closed"):
            FMT.parse(document, "en")
    assert [u.msgid for u in FMT.parse("<p>Text.</p>\n<!DOCTYPE html>", "en")] == ["Text."]
