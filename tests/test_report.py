"""``localize report``: its figures against the catalogs, the checks and the memory (recomputed
here independently), the page's structure and escaping, and the page as a reader sees it in
headless Chromium at desktop and phone widths."""

from __future__ import annotations

import json
import shutil
import sqlite3
import struct
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import sacrebleu

from localize.report.diff import DELETE, EQUAL, INSERT, side, word_diff

from browser import visit
from conftest import EXAMPLES, REPO, run_cli

ARTICLE = EXAMPLES / "sco-ministers-meeting.txt"
NAME = ARTICLE.stem
LANGS = ("es", "fr")
HOSTILE = (
    "</p></div><script>alert('msgstr')</script><img src=x onerror=alert(1)>"
    '<a href="https://example.com/">x</a> & <style>body{display:none}</style> "done"'
)


def catalog(lang: str, root: Path = Path("locales")) -> Path:
    return root / lang / "LC_MESSAGES" / f"{NAME}.po"


def reviewed(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr) and "fuzzy" not in entry.flags and not entry.obsolete


def counts(path: Path) -> tuple[int, int, int]:
    """(reviewed, fuzzy, untranslated) as a reader of the PO file counts them."""
    live = [e for e in polib.pofile(str(path)) if not e.obsolete]
    return (
        sum(reviewed(e) for e in live),
        sum(bool(e.msgstr) and "fuzzy" in e.flags for e in live),
        sum(not e.msgstr for e in live),
    )


def memory_drafts(lang: str) -> dict[str, str]:
    """source -> machine translation, read straight from the memory's SQLite file."""
    with sqlite3.connect(Path(".localize") / "memory.sqlite") as db:
        rows = db.execute(
            "SELECT source, translation FROM machine WHERE tgt_lang = ?", (lang,)
        ).fetchall()
    return dict(rows)


@pytest.fixture
def reviewed_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Machine drafts from the pseudo engine (so the memory holds them), then a reviewer's
    work: in Spanish most drafts rewritten (the committed reviewed translations), two accepted
    as drafted, one lightly edited, two left fuzzy and one emptied; in French all rewritten."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    done = run_cli("translate", ARTICLE.name, "--to", ",".join(LANGS), "--engine", "pseudo")
    assert done.exit_code == 0, done.stderr
    for lang in LANGS:
        person = {e.msgid: e.msgstr for e in polib.pofile(str(catalog(lang, REPO / "locales")))}
        po = polib.pofile(str(catalog(lang)), wrapwidth=0)
        for index, entry in enumerate(po):
            if lang == "es" and index in (10, 11):
                pass  # the draft accepted as it was
            elif lang == "es" and index == 12:
                entry.msgstr += " ✓"
            elif lang == "es" and index in (13, 14):
                continue  # still a draft to review
            elif lang == "es" and index == 15:
                entry.msgstr = ""
            else:
                entry.msgstr = person[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save()
    return tmp_path


def report_json(*args: str) -> dict:
    done = run_cli("report", *args, "--format", "json", "-o", "-")
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


def test_progress_findings_and_terms_match_the_catalogs_and_check(reviewed_project: Path) -> None:
    data = report_json()
    assert [(c["article"], c["lang"]) for c in data["catalogs"]] == [(NAME, "es"), (NAME, "fr")]
    assert counts(catalog("es")) == (15, 2, 1)  # the fixture did what it says
    checked = run_cli("check", NAME, "--format", "json")
    findings = json.loads(checked.stdout)["findings"]
    for shown in data["catalogs"]:
        path = catalog(shown["lang"])
        progress = shown["progress"]
        assert (progress["reviewed"], progress["fuzzy"], progress["untranslated"]) == counts(path)
        assert progress["total"] == sum(counts(path))
        expected = Counter(f["check"] for f in findings if f["path"] == path.as_posix())
        assert {g["check"]: len(g["findings"]) for g in shown["findings"]} == expected
        assert shown["errors"] == sum(
            f["severity"] == "error" for f in findings if f["path"] == path.as_posix()
        )
        anchors = {e["anchor"]: e for e in shown["entries"]}
        assert sum(e["findings"] for e in shown["entries"]) == sum(expected.values())
        lines = path.read_text("utf-8").splitlines()
        for entry in shown["entries"]:
            assert (
                lines[entry["line"] - 1]
                == f"msgid {json.dumps(entry['msgid'], ensure_ascii=False)}"
            )
        for group in shown["findings"]:
            for ref in group["findings"]:
                assert anchors[ref["anchor"]]["msgid"] == ref["msgid"]  # the link lands on it
                assert anchors[ref["anchor"]]["line"] == ref["line"]
        terms = {t["source"]: t for t in shown["terms"]}
        live = [e.msgid for e in polib.pofile(str(path)) if not e.obsolete]
        assert terms["Dushanbe"]["entries"] == sum("dushanbe" in m.casefold() for m in live)
    # The fuzzy drafts still carry the pseudo engine's brackets: check flags nothing there,
    # and the French translations are a person's, clean.
    assert data["catalogs"][1]["findings"] == []


def test_post_edit_distance_is_chrf_and_ter_of_the_memory_drafts_against_reviewed_work(
    reviewed_project: Path,
) -> None:
    data = report_json()
    rows = {(row["engine"], row["lang"]): row for row in data["post_edit"]}
    assert set(rows) == {("pseudo", "es"), ("pseudo", "fr")}
    for lang in LANGS:
        drafts = memory_drafts(lang)
        pairs = [
            (drafts[e.msgid], e.msgstr) for e in polib.pofile(str(catalog(lang))) if reviewed(e)
        ]
        hypotheses, references = [d for d, _ in pairs], [r for _, r in pairs]
        row = rows[("pseudo", lang)]
        assert row["sentences"] == len(pairs) == counts(catalog(lang))[0]
        assert row["unchanged"] == sum(d == r for d, r in pairs)
        assert row["chrf"] == pytest.approx(
            sacrebleu.corpus_chrf(hypotheses, [references]).score, abs=0.01
        )
        assert row["ter"] == pytest.approx(
            sacrebleu.corpus_ter(hypotheses, [references]).score, abs=0.01
        )
        assert row["sentence_ter"] == pytest.approx(
            [sacrebleu.sentence_ter(d, [r]).score for d, r in pairs], abs=0.01
        )
    # The two drafts accepted as they were (and any the pseudo engine got right by chance).
    assert rows[("pseudo", "es")]["unchanged"] >= 2
    assert rows[("pseudo", "fr")]["unchanged"] == 0
    assert 0 < rows[("pseudo", "es")]["chrf"] < 100
    assert data["no_draft"] == {}
    # Each entry shows the draft the memory holds, with the reviewer's edit as a word diff.
    es = {e["msgid"]: e for e in data["catalogs"][0]["entries"]}
    edited = next(e for e in es.values() if "✓" in e["msgstr"])
    assert edited["draft"]["text"] == memory_drafts("es")[edited["msgid"]]
    assert ["insert", " ✓"] in edited["diff"]
    emptied = next(e for e in es.values() if e["status"] == "untranslated")
    assert emptied["diff"] == []  # no edit to show: the draft is shown as it is
    assert emptied["draft"]["text"] == memory_drafts("es")[emptied["msgid"]]


def test_reviewed_examples_without_a_memory_say_no_draft_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "locales", tmp_path / "locales")
    data = report_json(ARTICLE.name)
    assert data["post_edit"] == []
    assert data["no_draft"] == {"es": 18, "fr": 18}
    for shown in data["catalogs"]:
        assert shown["progress"]["reviewed"] == counts(catalog(shown["lang"]))[0] == 18
        assert shown["findings"] == []
        assert all(e["draft"] is None for e in shown["entries"])
    done = run_cli("report", ARTICLE.name)
    assert done.exit_code == 0, done.stderr
    page = Path("report.html").read_text("utf-8")
    assert "no draft recorded" in page
    assert not (tmp_path / ".localize").exists()  # reading a report writes no memory
    for lang in LANGS:
        assert catalog(lang).read_bytes() == catalog(lang, REPO / "locales").read_bytes()


class PageParser(HTMLParser):
    """Checks nesting as it goes and collects what the tests ask about the page."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "col", "area", "base"}
    SVG_SELF_CLOSING = {"rect", "line", "circle", "path"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: Counter[str] = Counter()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.style = ""
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            self.attributes.append((name, value or ""))
            if name == "id":
                self.ids.append(value or "")
            if name == "href":
                self.hrefs.append(value or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]} at {self.getpos()}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "style":
            self.style += data
        self.text.append(data)


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    assert parser.problems == []
    assert parser.stack == []
    return parser


def assert_self_contained(parsed: PageParser) -> None:
    for tag in ("script", "img", "link", "iframe", "object", "embed", "video", "audio"):
        assert parsed.tags[tag] == 0, tag
    assert not [name for name, _ in parsed.attributes if name in ("src", "srcset", "action")]
    assert not [name for name, _ in parsed.attributes if name.startswith("on")]
    assert "url(" not in parsed.style and "@import" not in parsed.style
    assert all(href.startswith("#") for href in parsed.hrefs), parsed.hrefs
    assert len(parsed.ids) == len(set(parsed.ids))
    assert {href[1:] for href in parsed.hrefs} <= set(parsed.ids)  # every link lands


def test_page_is_well_formed_self_contained_and_every_link_lands(reviewed_project: Path) -> None:
    done = run_cli("report")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.strip() == "wrote report.html"
    parsed = parse(Path("report.html").read_text("utf-8"))
    assert_self_contained(parsed)
    assert parsed.tags["svg"] >= 4  # two progress bars, two post-edit plots
    assert parsed.tags["del"] and parsed.tags["ins"]
    assert parsed.tags["article"] == 2 * 18


def test_hostile_msgid_and_msgstr_are_shown_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = "Ministers met <script>alert('msgid')</script> in Dushanbe on 14 July.\n"
    Path("hostile.txt").write_text(source, encoding="utf-8")
    assert run_cli("translate", "hostile.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    path = Path("locales/es/LC_MESSAGES/hostile.po")
    po = polib.pofile(str(path), wrapwidth=0)
    po[0].msgstr = HOSTILE
    po[0].flags.remove("fuzzy")
    po.save()
    done = run_cli("report", "hostile.txt", "-o", "hostile.html")
    assert done.exit_code == 0, done.stderr
    parsed = parse(Path("hostile.html").read_text("utf-8"))
    assert_self_contained(parsed)
    assert parsed.tags["style"] == 1 and parsed.tags["a"] == len(parsed.hrefs)
    text = "".join(parsed.text)
    assert po[0].msgid in text
    assert HOSTILE in text
    assert report_json("hostile.txt")["catalogs"][0]["entries"][0]["msgstr"] == HOSTILE


def test_articles_default_to_every_template_and_errors_are_one_line(
    reviewed_project: Path,
) -> None:
    shutil.copy(EXAMPLES / "sco-foreign-ministers.md", "other.md")
    assert run_cli("translate", "other.md", "--to", "fr", "--engine", "pseudo").exit_code == 0
    everything = report_json()
    assert [(c["article"], c["lang"]) for c in everything["catalogs"]] == [
        ("other", "fr"),
        (NAME, "es"),
        (NAME, "fr"),
    ]
    assert [c["lang"] for c in report_json(ARTICLE.name, "--to", "fr")["catalogs"]] == ["fr"]
    for args in (("missing.txt",), ("--format", "pdf")):
        done = run_cli("report", *args)
        assert done.exit_code == 2
        assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
    assert not Path("report.html").exists()  # nothing half-written on an error


class LanguageParser(HTMLParser):
    """The text of each element that names its language: (lang, dir, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str, list[str]] | None] = []
        self.marked: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag in PageParser.VOID:
            return
        if "lang" in given and tag != "html":
            self.open.append((given["lang"] or "", given.get("dir") or "", []))
        else:
            self.open.append(None)

    def handle_endtag(self, tag: str) -> None:
        top = self.open.pop()
        if top is not None:
            self.marked.append((top[0], top[1], "".join(top[2])))

    def handle_data(self, data: str) -> None:
        for element in self.open:
            if element is not None:
                element[2].append(data)


def test_each_sentence_says_its_language_and_direction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Arabic right to left, Chinese as zh-CN (a browser picks its fonts by it), the English
    sources as English, while the page around them stays English."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLE, ARTICLE.name)
    done = run_cli("translate", ARTICLE.name, "--to", "ar,zh_CN", "--engine", "pseudo")
    assert done.exit_code == 0, done.stderr
    arabic = Path("locales/ar/LC_MESSAGES") / f"{NAME}.po"
    po = polib.pofile(str(arabic), wrapwidth=0)
    po[0].msgstr = "وزراء خارجية منظمة شنغهاي للتعاون يتعهدون بتعاون أوثق."
    po[0].flags.remove("fuzzy")
    po.save()
    done = run_cli("report", "-o", "report.html")
    assert done.exit_code == 0, done.stderr
    page = Path("report.html").read_text("utf-8")
    assert '<html lang="en">' in page
    parser = LanguageParser()
    parser.feed(page)
    marked = parser.marked
    sources = {text for lang, way, text in marked if (lang, way) == ("en", "ltr")}
    assert {e.msgid for e in po} <= sources
    in_arabic = {text for lang, way, text in marked if (lang, way) == ("ar", "rtl")}
    assert po[0].msgstr in in_arabic
    assert {e.msgstr for e in po if e.msgstr} <= in_arabic
    chinese = polib.pofile(str(next(Path("locales").glob(f"zh*/LC_MESSAGES/{NAME}.po"))))
    in_chinese = {text for lang, way, text in marked if (lang, way) == ("zh-CN", "ltr")}
    assert {e.msgstr for e in chinese if e.msgstr} <= in_chinese
    # Nothing else claims a language: the headings and figures are the page's English.
    assert {(lang, way) for lang, way, _ in marked} == {
        ("en", "ltr"),
        ("ar", "rtl"),
        ("zh-CN", "ltr"),
    }


def test_word_diff_spells_both_sides() -> None:
    draft, final = (
        "Los ministros prometen cooperación, dijo.",
        "Los ministros se comprometen a cooperar.",
    )
    segments = word_diff(draft, final)
    assert "".join(text for _, text in side(segments, DELETE)) == draft
    assert "".join(text for _, text in side(segments, INSERT)) == final
    assert (EQUAL, "Los ministros ") in segments
    assert (DELETE, "prometen") in segments


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_page_in_headless_chromium_at_desktop_and_phone_widths(reviewed_project: Path) -> None:
    """What a reader sees: the numbers the catalogs hold, no console error, no request beyond
    the file itself, nothing wider than the window, and the print layout; the screenshots are
    kept with the test's files (pytest's tmp_path) for a person to look at."""
    assert run_cli("report").exit_code == 0
    shots = {
        (1280, "screen"): reviewed_project / "desktop.png",
        (390, "screen"): reviewed_project / "phone.png",
        (794, "print"): reviewed_project / "print.png",  # A4 is 794 CSS pixels wide
    }
    visits = visit(Path("report.html"), shots)
    drafts = memory_drafts("es")
    pairs = [(drafts[e.msgid], e.msgstr) for e in polib.pofile(str(catalog("es"))) if reviewed(e)]
    chrf = sacrebleu.corpus_chrf([d for d, _ in pairs], [[r for _, r in pairs]]).score
    ter = sacrebleu.corpus_ter([d for d, _ in pairs], [[r for _, r in pairs]]).score
    for (width, media), seen in visits.items():
        assert seen.console == [] and seen.errors == []
        assert seen.requests == [(reviewed_project / "report.html").as_uri()]
        assert seen.scroll_width <= width
        for lang in LANGS:
            done, fuzzy, empty = counts(catalog(lang))
            assert f"{NAME} · {lang}: {done} reviewed, {fuzzy} fuzzy, {empty} untranslated" in (
                seen.text
            )
        assert f"chrF {chrf:.1f}" in seen.text and f"TER {ter:.1f}" in seen.text
        assert png_size(shots[width, media]) == (width, 900)
        assert seen.nav_shown == (media == "screen")  # on paper, no list of links


def test_committed_example_report_matches_the_reviewed_catalogs() -> None:
    """docs/example-report.html (scripts/example_report.py) shows the catalogs in locales/."""
    page = (REPO / "docs" / "example-report.html").read_text("utf-8")
    parsed = parse(page)
    assert_self_contained(parsed)
    text = "".join(parsed.text)
    for lang in LANGS:
        done, fuzzy, empty = counts(catalog(lang, REPO / "locales"))
        assert f"{NAME} · {lang}: {done} reviewed, {fuzzy} fuzzy, {empty} untranslated" in text
        for entry in polib.pofile(str(catalog(lang, REPO / "locales"))):
            assert entry.msgid in text
    png = REPO / "docs" / "example-report.png"
    assert png_size(png)[0] == 1280 and png.stat().st_size < 300_000


def test_a_regional_catalogs_drafts_are_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zh_CN catalog (folder zh_Hans_CN) is drafted by the zh engine, whose drafts the memory
    keeps under zh: the report finds them there (it looked under zh_Hans_CN and showed none)."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    assert run_cli("translate", ARTICLE.name, "--to", "zh_CN", "--engine", "pseudo").exit_code == 0
    [path] = Path("locales").glob("*/LC_MESSAGES/*.po")
    po = polib.pofile(str(path))
    first = next(e for e in po if e.msgid)
    first.msgstr, first.flags = first.msgstr + " ✓", []
    po.save(str(path))
    data = report_json(ARTICLE.name)
    assert data["no_draft"] == {}
    [row] = data["post_edit"]
    assert (row["engine"], row["sentences"]) == ("pseudo", 1)
