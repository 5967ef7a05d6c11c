"""A catalog keeps the wrapping it has: a version-controlled file changes only where its
content does, whether an editor wrapped it (msgcat, Lokalize: 79-80 columns) or not."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import msgfmt_check, run_cli

CATALOG = Path("locales/es/LC_MESSAGES/story.po")
OLD_DATE = "July 14, 2021"
NEW_DATE = "July 15, 2021"


def _changed_lines(before: str, after: str) -> list[str]:
    """The lines an update changed, but the header's dates: they follow the clock, and a run
    that crosses a minute changes them (the test failed then, and only then)."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [
        line
        for line in diff
        if line[:1] in "+-"
        and not line.startswith(("+++", "---"))
        and not line[1:].startswith(('"POT-Creation-Date:', '"PO-Revision-Date:'))
    ]


def _string_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("#") or line.startswith("#|")]


def _approve_third_draft(text: str) -> str:
    at = [i for i in range(len(text)) if text.startswith("#, fuzzy\n", i)][2]
    return text[:at] + text[at + len("#, fuzzy\n") :]


def _translated_project() -> str:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    assert OLD_DATE in Path("story.txt").read_text(encoding="utf-8")
    return CATALOG.read_text(encoding="utf-8")


def _edit_article_and_update() -> str:
    story = Path("story.txt")
    story.write_text(story.read_text(encoding="utf-8").replace(OLD_DATE, NEW_DATE), "utf-8")
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    msgfmt_check(CATALOG)
    return CATALOG.read_text(encoding="utf-8")


def test_a_catalog_wrapped_by_msgcat_changes_only_where_its_content_does(workdir: Path) -> None:
    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    _translated_project()
    done = subprocess.run(["msgcat", "-w", "79", str(CATALOG), "-o", str(CATALOG)])
    assert done.returncode == 0
    wrapped = CATALOG.read_text(encoding="utf-8")
    assert max(len(line) for line in _string_lines(wrapped)) <= 79
    assert 'msgid ""\n"Foreign ministers' in wrapped  # msgcat did wrap long sentences
    approved = _approve_third_draft(wrapped)  # a reviewer's editor saves one approval
    CATALOG.write_text(approved, encoding="utf-8")

    after = _edit_article_and_update()

    changed = _changed_lines(approved, after)
    assert changed, "the edited sentence must change the catalog"
    for line in changed:
        # The template's date, and the one entry whose sentence was edited (its msgid, its
        # previous msgid and the fuzzy flag of a carried-over translation).
        assert (
            "POT-Creation-Date" in line
            or "July 1" in line
            or "Foreign ministers of the Shanghai" in line
            or line in ("+#, fuzzy", '+#| msgid ""')
        ), line
    assert len(changed) <= 8, changed
    assert max(len(line) for line in _string_lines(after)) <= 79
    edited = after[after.index("#| msgid") :]
    assert f'{NEW_DATE}."' in edited  # the changed entry is written wrapped, like the rest


def test_an_unwrapped_catalog_stays_unwrapped(workdir: Path) -> None:
    before = _translated_project()
    assert 'msgid ""\n"' not in before.split("\n\n", 1)[1]  # localize writes long lines whole
    after = _edit_article_and_update()
    assert 'msgid ""\n"' not in after.split("\n\n", 1)[1]
    changed = _changed_lines(before, after)
    assert 0 < len(changed) <= 6, changed


LONG = (
    "The ministers of foreign affairs met in Dushanbe to prepare the summit of the heads of state."
)


def _po_text(width: int) -> str:
    import polib

    po = polib.POFile(wrapwidth=width)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    po.append(polib.POEntry(msgid=LONG, msgstr=LONG.upper(), comment="type: paragraph " * 6))
    po.append(polib.POEntry(msgid="Short.", msgstr="Corto.", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Gone.", msgstr="Ido.", obsolete=True))
    return po.__unicode__()


@pytest.mark.parametrize("width", [76, 79, 80])
def test_a_new_entry_is_written_in_the_files_style(tmp_path: Path, width: int) -> None:
    """polib and pybabel wrap comments too: a file that does gets a new entry's comments wrapped."""
    import polib

    from localize.catalog import load_catalog, save_catalog

    path = tmp_path / "es.po"
    text = _po_text(width)
    path.write_text(text, encoding="utf-8")
    po = load_catalog(path)
    po.find("Short.").flags = []  # an approval
    po.insert(1, polib.POEntry(msgid=LONG + " Again.", msgstr="", comment="type: paragraph " * 6))
    save_catalog(po, path)
    after = path.read_text(encoding="utf-8")
    msgfmt_check(path)
    assert max(len(line) for line in after.splitlines()) <= width
    changed = _changed_lines(text, after)
    assert "-#, fuzzy" in changed
    assert all(line.startswith("+") or line == "-#, fuzzy" for line in changed), changed
    assert text.split("\n\n")[1] in after  # the unchanged entry, byte for byte
    assert text.split("\n\n")[3] in after  # and the obsolete one


def test_the_layout_is_read_in_one_pass_over_the_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long catalog's text is gone through once to find its layout, not once per question."""
    from localize import polayout
    from localize.catalog import load_catalog

    path = tmp_path / "es.po"
    text = _po_text(79)
    path.write_text(text, encoding="utf-8")
    passes = []
    real = polayout._blocks

    def counted(whole: str) -> object:
        passes.append(whole)
        return real(whole)

    monkeypatch.setattr(polayout, "_blocks", counted)
    po = load_catalog(path)
    assert len(passes) == 1
    layout = po.layout
    assert layout is not None and layout.width == 79 and layout.wrap_comments
    assert len(layout.entries) == len(po) == 3
    assert layout.header is not None and layout.header[1] == text.split("\n\n")[0] + "\n"
    # A block more or fewer than the entries: no layout (written in localize's own style).
    assert polayout.read_layout(text + '\nmsgid "x"\nmsgstr ""\n', po, "") is None
    assert polayout.read_layout(text.rsplit("\n\n", 1)[0], po, "") is None


def _reshaped(shape: str) -> bytes:
    """The catalog as a reviewer's tools left it: wrapped (or not), then given CRLF line ends
    (Poedit on Windows, git's autocrlf), or msgcat run on the CRLF file (it keeps the CR of
    comment lines only, as part of the comment)."""
    import polib

    if shape == "msgcat -w 40":
        subprocess.run(["msgcat", "-w", "40", str(CATALOG), "-o", str(CATALOG)], check=True)
    elif shape == "polib 79":
        CATALOG.write_text(polib.pofile(str(CATALOG), wrapwidth=79).__unicode__(), "utf-8")
    crlf = CATALOG.read_bytes().replace(b"\n", b"\r\n")
    CATALOG.write_bytes(crlf)
    if shape == "msgcat of the CRLF file":
        subprocess.run(["msgcat", str(CATALOG), "-o", str(CATALOG)], check=True)
    return CATALOG.read_bytes()


def _blocks_of(raw: bytes) -> list[bytes]:
    return [block for block in re.split(rb"\n\r?\n", raw) if block.strip()]


def _string_width(raw: bytes) -> int:
    return max(len(line) for line in _string_lines(raw.decode("utf-8").replace("\r\n", "\n")))


@pytest.mark.parametrize(
    "shape", ["localize's own", "msgcat -w 40", "polib 79", "msgcat of the CRLF file"]
)
def test_a_crlf_catalog_keeps_its_line_ends_and_wrapping(workdir: Path, shape: str) -> None:
    """Unchanged entries are written back byte for byte, whatever their line ends; the lines
    localize writes end as the file's blank lines do, wrapped as the file is; an update that
    changes nothing leaves the file as it is."""
    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    _translated_project()
    before = _reshaped(shape)
    wrapped = shape != "localize's own"
    width = _string_width(before)  # a word longer than the width is not broken
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    assert CATALOG.read_bytes() == before

    # The first reads the catalog from the parsed catalogs' cache, the second the file
    # localize wrote.
    for old, new in ((OLD_DATE, NEW_DATE), (NEW_DATE, OLD_DATE)):
        story = Path("story.txt")
        story.write_text(story.read_text(encoding="utf-8").replace(old, new), "utf-8")
        result = run_cli("update", "story.txt", "--no-translate")
        assert result.exit_code == 0, result.stderr
        msgfmt_check(CATALOG)
        after = CATALOG.read_bytes()
        if shape == "msgcat of the CRLF file":
            # Its blank lines end in a newline alone (only comment lines keep a CR): so do
            # the lines localize writes.
            assert b"\n\r\n" not in after and b"\r\n" in after
            line_end = b"\n"
        else:
            assert after.count(b"\r\n") == after.count(b"\n")  # every line, new ones too
            line_end = b"\r\n"
        gone = [block for block in _blocks_of(before) if block not in after]
        edited = [block for block in gone if b"POT-Creation-Date" not in block]
        assert len(edited) == 1 and old.encode() in edited[0], gone
        added = [block for block in _blocks_of(after) if block not in before]
        redone = [block for block in added if b"POT-Creation-Date" not in block]
        assert len(redone) == 1 and new.encode() in redone[0], added
        # The edited entry is written as the file's long sentences are: wrapped or whole.
        assert (b'msgid ""' + line_end + b'"' in redone[0]) == wrapped
        assert _string_width(after) == width
        before = after


def test_a_crlf_catalog_read_with_decoded_escapes_is_written_with_crlf(tmp_path: Path) -> None:
    """A file whose octal escapes polib is given decoded is written in localize's own style,
    its blocks not matched with its entries: its line ends are still the file's, also when it
    is read from the parsed catalogs' cache."""
    from localize.catalog import load_catalog, save_catalog
    from localize.catalog_cache import CatalogCache

    path = tmp_path / "es.po"
    text = _po_text(0).replace('msgstr "Corto."', 'msgstr "Cort\\157."')
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / ".localize").mkdir()
    cache = CatalogCache.open(tmp_path / ".localize")
    load_catalog(path, cache)  # parsed, and remembered
    po = load_catalog(path, cache)  # as remembered (no line numbers)
    cache.close()
    assert po.find("Short.").linenum is None
    assert po.find("Short.").msgstr == "Corto."
    po.find("Short.").flags = []  # an approval
    save_catalog(po, path)
    after = path.read_bytes()
    msgfmt_check(path)
    assert after.count(b"\r\n") == after.count(b"\n") > 10
    assert b"#, fuzzy" not in after


ARTICLE_SENTENCE = (
    "The foreign ministers of the Shanghai Cooperation Organization met in Astana on Tuesday "
    "to discuss regional security, trade corridors and the fight against terrorism, and "
    'agreed to meet again in the spring, "without delay", at 10:30 (local time).'
)


def _msgcat(width: str, path: Path) -> bytes:
    option = "--no-wrap" if width == "no-wrap" else f"--width={width}"
    return subprocess.run(["msgcat", option, str(path)], capture_output=True, check=True).stdout


@pytest.mark.parametrize("engine", ["apertium", "pseudo"])
@pytest.mark.parametrize("width", ["79", "80", "no-wrap"])
def test_entries_localize_writes_are_wrapped_as_msgcat_wraps_them(
    workdir: Path, width: str, engine: str
) -> None:
    """A reviewed catalog an editor saved with msgcat at its width (79: gettext's default,
    80: Lokalize's, or none): after the article is edited and the catalog updated, msgcat at
    that width changes nothing in it, neither the edited entry, its #| msgid, the header
    nor a new sentence's draft; so the next save in an editor changes nothing either."""
    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    story = Path("story.txt")
    story.write_text(ARTICLE_SENTENCE + "\n\n" + story.read_text(encoding="utf-8"), "utf-8")
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", engine).exit_code == 0
    CATALOG.write_text(CATALOG.read_text(encoding="utf-8").replace("#, fuzzy\n", ""), "utf-8")
    CATALOG.write_bytes(_msgcat(width, CATALOG))  # the reviewer's editor saves it

    story.write_text(
        story.read_text(encoding="utf-8").replace("on Tuesday", "on Wednesday")
        + "\nThe ministers also discussed the situation in Afghanistan and agreed that the "
        "organization should help its neighbours rebuild roads, schools and hospitals.\n",
        "utf-8",
    )
    result = run_cli("update", "story.txt", "--no-translate")
    assert result.exit_code == 0, result.stderr
    text = CATALOG.read_text(encoding="utf-8")
    assert '#| "The foreign ministers' in text or '#| msgid "The foreign ministers' in text
    assert _msgcat(width, CATALOG) == CATALOG.read_bytes()
    msgfmt_check(CATALOG)

    result = run_cli("update", "story.txt", "--engine", engine)
    assert result.exit_code == 0, result.stderr
    assert "Afghanistan" in CATALOG.read_text(encoding="utf-8")
    assert _msgcat(width, CATALOG) == CATALOG.read_bytes()
    msgfmt_check(CATALOG)


@pytest.mark.parametrize("width", [79, 80, 60])
def test_strings_break_where_msgcat_breaks_them(tmp_path: Path, width: int) -> None:
    """Strings of words, numbers, quotes, escapes, dashes, Spanish and Chinese punctuation,
    Japanese and wide characters, wrapped by ``msgcat_wrap`` exactly as by msgcat itself."""
    import random

    import polib

    from localize.msgcat_wrap import entry_lines

    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    words = (
        (Path(__file__).parent.parent / "examples" / "sco-ministers-meeting.txt")
        .read_text(encoding="utf-8")
        .split()
    )
    marks = list(",.;:!?()[]{}\"'-/%$+#&*@|\\") + [
        *("—", "–", "…", "«", "»", "“", "”", "’", "¿", "¡", "°", "€", "\u00a0", "\t", "\n"),
        *("中国外交部长", "，", "。", "、", "1,000", "3.5", "2020-2021", "n.º", "é"),
        # Japanese: small kana and ー start no line, fullwidth letters and digits break as
        # ideographs, a wide opening bracket may start a line after a letter, and the soft
        # hyphen takes no column
        *("ちょっと", "コーヒー", "ジェット", "ｺｰﾋｰ", "人々", "ＡＢＣ", "１２３", "「", "」"),
        *("『東京』", "（", "）", "外務大臣は", "会談しました", "ーー", "ぁ", "ッ", "\u00ad"),
    ]
    chosen = random.Random(width)

    def text() -> str:
        pieces = [
            chosen.choice(words if chosen.random() < 0.7 else marks) + chosen.choice([" ", ""])
            for _ in range(chosen.randint(1, 60))
        ]
        return "".join(pieces).strip(" ")

    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for number in range(150):
        entry = polib.POEntry(msgid=f"{text()} {number}", msgstr=text(), msgctxt=None)
        entry.obsolete = number % 10 == 1
        if number % 3 == 0 and not entry.obsolete:  # polib reads no #~| of an obsolete one
            entry.flags, entry.previous_msgid = ["fuzzy"], text()
        entry.occurrences = [(f"articles/story-{n}.md", "12") for n in range(number % 9)]
        po.append(entry)
    path = tmp_path / "es.po"
    po.save(str(path))
    written = _msgcat(str(width), path).decode("utf-8").split("\n\n")[1:]
    read = polib.pofile(str(path))
    assert len(written) == len(read) == 150
    for entry, block in zip(read, written, strict=True):
        assert entry_lines(entry, width, wrap_comments=False) == block.rstrip("\n") + "\n"


def test_a_usual_width_is_read_when_the_widest_line_is_far_short_of_it(tmp_path: Path) -> None:
    """msgcat at 79 put three long words on each line (65 columns): any width from 65 to 78
    would break them there too, and the file is still read as 79's, so a new entry is written
    as msgcat would write it."""
    import polib

    from localize.catalog import load_catalog, save_catalog

    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    path = tmp_path / "es.po"
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    long_words = " ".join(["internationalization"] * 10)
    po.append(polib.POEntry(msgid=long_words, msgstr=long_words.upper()))
    po.save(str(path))
    path.write_bytes(_msgcat("79", path))
    assert max(len(line) for line in path.read_text(encoding="utf-8").splitlines()) == 65

    catalog = load_catalog(path)
    assert catalog.layout.width == 79 and catalog.layout.msgcat_breaks  # type: ignore[attr-defined]
    catalog.append(polib.POEntry(msgid=ARTICLE_SENTENCE, msgstr=ARTICLE_SENTENCE.upper()))
    save_catalog(catalog, path)
    assert _msgcat("79", path) == path.read_bytes()


def test_a_width_a_column_or_two_past_the_widest_line_is_found(tmp_path: Path) -> None:
    """msgcat at 50 broke the sentence at 49 columns, and a URL after a slash, leaving a line
    of 50 without a space (no measure of the width: a word longer than it stands alone). At 49
    msgcat would break that line again, at 50 it does not: the widths just past the widest line
    are tried, and a new entry is written as msgcat at 50 writes it."""
    import polib

    from localize.catalog import load_catalog, save_catalog

    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    url = f"https://example.org/{'a' * 21}/{'b' * 22}/cccc/{'d' * 20}"
    sentence = "astana met trade on to to tuesday after and on after the agreed astana long"
    path = _catalog_of(tmp_path, [(f"See {url}", f"Vea {url}"), (sentence, sentence.upper())])
    path.write_bytes(_msgcat("50", path))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines if " " in line) == 49
    assert f'"{"b" * 22}/cccc/{"d" * 20}"' in lines

    catalog = load_catalog(path)
    assert catalog.layout.width == 50 and catalog.layout.msgcat_breaks  # type: ignore[attr-defined]
    catalog.append(polib.POEntry(msgid=ARTICLE_SENTENCE, msgstr=ARTICLE_SENTENCE.upper()))
    save_catalog(catalog, path)
    assert _msgcat("50", path) == path.read_bytes()


def test_a_file_no_msgcat_width_explains_costs_a_few_widths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """polib's textwrap puts the space of a break at the start of the next line where the word
    before it fits exactly, which msgcat never does: no width explains the file, and telling
    so tries the usual widths and the two after its widest line, not every width up to the
    widest wrap (each one a wrap of every sample)."""
    import polib

    from localize import polayout
    from localize.catalog import load_catalog

    path = tmp_path / "es.po"
    po = polib.POFile()  # polib's own width, 78
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    article = Path(__file__).parent.parent / "examples" / "sco-ministers-meeting.txt"
    paragraphs = article.read_text(encoding="utf-8").split("\n\n")
    for paragraph in paragraphs:
        po.append(polib.POEntry(msgid=paragraph, msgstr=paragraph.upper()))
    po.save(str(path))
    assert '"\n" ' in path.read_text(encoding="utf-8")  # a line that starts with its space
    widths_tried: set[int] = set()
    real = polayout.wrap_strings

    def counted(block: str, width: int) -> str:
        widths_tried.add(width)
        return real(block, width)

    monkeypatch.setattr(polayout, "wrap_strings", counted)
    layout = load_catalog(path).layout  # type: ignore[attr-defined]
    assert not layout.msgcat_breaks
    assert len(widths_tried) <= len(polayout.USUAL_WIDTHS) + 3, sorted(widths_tried)


JAPANESE_SENTENCE = (
    "上海協力機構（ＳＣＯ）の外相会議が火曜日にアスタナで開かれ、地域の安全保障、貿易回廊、"
    "テロとの戦いについて協議した。外相らは「遅滞なく」春に再び会合することで合意し、"
    "コーヒーを飲みながら２０２４年の計画について話し合った。"
)


def _catalog_of(tmp_path: Path, pairs: list[tuple[str, str]], wrapwidth: int = 0) -> Path:
    import polib

    po = polib.POFile(wrapwidth=wrapwidth)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ja"}
    for number, (msgid, msgstr) in enumerate(pairs):
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=[("a.md", str(number))]))
    path = tmp_path / "ja.po"
    po.save(str(path))
    return path


def test_a_long_note_added_to_a_msgcat_file_is_not_wrapped(tmp_path: Path) -> None:
    """msgcat wraps strings and references but never a #. note: a new entry's long note in a
    file msgcat wrote (whose notes happen to be short) stays on one line, as msgcat keeps it."""
    import polib

    from localize.catalog import load_catalog, save_catalog

    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    path = _catalog_of(tmp_path, [(ARTICLE_SENTENCE, ARTICLE_SENTENCE.upper())])
    path.write_bytes(_msgcat("79", path))
    catalog = load_catalog(path)
    note = "html: paragraph 3 of the body, inside a link whose title attribute is also translated"
    catalog.append(
        polib.POEntry(
            msgid=LONG,
            msgstr=LONG.upper(),
            comment=note,
            occurrences=[(f"articles/some-long-article-name-{n}.md", "3") for n in range(4)],
        )
    )
    save_catalog(catalog, path)
    assert f"#. {note}\n" in path.read_text(encoding="utf-8")
    assert _msgcat("79", path) == path.read_bytes()


def test_japanese_wrapped_by_msgcat_at_72_is_read_at_72(tmp_path: Path) -> None:
    """Japanese lines hold no space, yet where msgcat broke them (in columns, two for each wide
    character) tells its width: a new entry is written as msgcat at 72 writes it."""
    import polib

    from localize.catalog import load_catalog, save_catalog

    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    pairs = [(f"s{n}", JAPANESE_SENTENCE[n:] + JAPANESE_SENTENCE[:n]) for n in range(0, 60, 6)]
    path = _catalog_of(tmp_path, pairs)
    path.write_bytes(_msgcat("72", path))
    catalog = load_catalog(path)
    assert catalog.layout.width == 72 and catalog.layout.msgcat_breaks  # type: ignore[attr-defined]
    catalog.append(polib.POEntry(msgid="new", msgstr=JAPANESE_SENTENCE * 2))
    save_catalog(catalog, path)
    assert _msgcat("72", path) == path.read_bytes()


def test_a_file_msgcat_wrapped_only_at_long_urls_is_not_read_at_its_widest_line(
    tmp_path: Path,
) -> None:
    """msgcat at 60 broke each string before its long URL, as it would at any width, and after
    it, before a word 79 would have kept: its widest line with a space is a title of 33
    columns, and every width from 33 until that word joins its URL breaks the file alike. No
    line tells the width, and 79 does not fit the breaks: a new entry is wrapped as polib wraps
    at 78, not at 33."""
    import polib

    from localize.catalog import load_catalog, save_catalog

    if shutil.which("msgcat") is None:
        pytest.fail("GNU gettext is not installed (apt-get install gettext)")
    url = "https://example.org/" + "x" * 60
    pairs = [(f"See {url}{n} today", f"Vea {url}{n} hoy") for n in range(3)]
    path = _catalog_of(tmp_path, [("Talks open", "Abren las conversaciones"), *pairs])
    path.write_bytes(_msgcat("60", path))
    text = path.read_text(encoding="utf-8")
    assert '"See https://example.org/"\n' in text and '"today"\n' in text
    entries = text.split("\n\n", 1)[1]  # the header is not measured
    with_a_space = [line for line in entries.splitlines() if " " in line.removesuffix(' "')]
    assert max(map(len, with_a_space)) == 33

    catalog = load_catalog(path)
    assert catalog.layout.width == 78 and not catalog.layout.msgcat_breaks  # type: ignore[attr-defined]
    new = polib.POEntry(msgid=ARTICLE_SENTENCE, msgstr=ARTICLE_SENTENCE.upper())
    catalog.append(new)
    save_catalog(catalog, path)
    assert new.__unicode__(78) in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["urls", "japanese"])
def test_strings_that_cannot_tell_a_width_keep_polibs(tmp_path: Path, kind: str) -> None:
    """A file polib wrapped whose wrapped strings hold no line with a space (a URL on a line of
    its own, Japanese polib does not break) does not tell its width: polib's own, 78, is kept
    for a new entry instead of the width of the widest short msgid."""
    import polib

    from localize.catalog import load_catalog, save_catalog

    if kind == "urls":
        url = "https://example.org/" + "x" * 90
        pairs = [(f"See {url}/{n}", f"Voir {url}/{n}") for n in range(10)]
    else:
        pairs = [(f"s{n}", JAPANESE_SENTENCE[n:] + JAPANESE_SENTENCE[:n]) for n in range(10)]
    path = _catalog_of(tmp_path, pairs, wrapwidth=78)
    catalog = load_catalog(path)
    assert catalog.layout.width == 78  # type: ignore[attr-defined]
    new = polib.POEntry(msgid=ARTICLE_SENTENCE, msgstr=ARTICLE_SENTENCE.upper())
    catalog.append(new)
    save_catalog(catalog, path)
    assert new.__unicode__(78) in path.read_text(encoding="utf-8")
