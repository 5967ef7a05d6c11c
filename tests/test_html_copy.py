"""An HTML page's copy in another language: the root <html> names the copy's language and
direction, and the text a reader, a screen reader or a search engine sees outside running text
(aria-label, placeholder, <meta> description and Open Graph / Twitter title and description,
<textarea>) is extracted and translated in place.

``html_pages/sahel-solar.html`` is a newsroom page with all of these; ``sahel-solar.es.po`` its
reviewed Spanish translation and ``sahel-solar.es.html`` the copy worked out by hand from the
two.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from localize.errors import LocalizeError
from localize.formats import get_format
from localize.formats.base import Replacement, regenerate
from localize.languages import bcp47_tag, right_to_left

from conftest import msgfmt_check, run_cli

PAGES = Path(__file__).resolve().parent / "html_pages"
PAGE = PAGES / "sahel-solar.html"
SOURCE_ROOT = '<html lang="en" dir="ltr">'


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(PAGE, tmp_path / PAGE.name)
    return Path(PAGE.name)


def catalog_path(lang: str) -> Path:
    return Path(f"locales/{lang}/LC_MESSAGES/sahel-solar.po")


def fill(lang: str, translation_of) -> None:
    """Give every entry of the catalog ``init`` made its translation, reviewed."""
    path = catalog_path(lang)
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translation_of(entry.msgid)
        entry.flags = []
    po.save(str(path))
    msgfmt_check(path)


# --- extraction -----------------------------------------------------------------------------


def test_extraction_lists_the_text_readers_see_in_attributes_meta_and_textarea(
    page: Path,
) -> None:
    assert run_cli("init", str(page), "--to", "es").exit_code == 0
    template = Path("locales/sahel-solar.pot")
    msgfmt_check(template)
    msgfmt_check(catalog_path("es"))
    types = {entry.msgid: entry.comment for entry in polib.pofile(str(template))}
    expected = {
        "The fund approved 120 million U.S. dollars for solar mini-grids in five Sahel "
        "countries.": "meta description",
        "Solar mini-grids will reach 1.2 million people & 800 clinics.": "meta og:description",
        "Sahel solar grants approved": "meta twitter:title",
        "Five countries, one grid plan.": "meta twitter:description",
        "Main menu": "aria-label attribute",
        "Search the news": "placeholder attribute",
        "Your comment": "aria-label attribute",
        "Write your comment here.": "text area",
        "Be kind.": "text area",
        "Solar panels at a clinic in Niamey": "alt text",
    }
    for msgid, kind in expected.items():
        assert f"type: {kind}\n" in types[msgid], (msgid, types.get(msgid))
    # The <title>, the Open Graph title and the headline are one sentence: one entry.
    assert "meta og:title" in types["Green Climate Fund approves Sahel solar grants"]
    # An aria-label inside running text is translated in place, as a title or alt is.
    shared = '<a href="/share" aria-label="Share this article">Share</a> it with colleagues.'
    assert types[shared].startswith("type: paragraph")
    pieces = [shared[a:b] for a, b in get_format("html").protected(shared)]
    assert pieces == ['<a href="/share" aria-label="', '">', "</a>"]
    # Data, not text: addresses, keywords for robots, the viewport, the charset.
    joined = "\n".join(types)
    for never in ("example.org/news", "climate, solar", "device-width", "utf-8", "comments"):
        assert never not in joined


# --- the copy -------------------------------------------------------------------------------


def test_build_puts_every_translation_in_place(page: Path) -> None:
    reviewed = {e.msgid: e.msgstr for e in polib.pofile(str(PAGES / "sahel-solar.es.po"))}
    assert run_cli("init", str(page), "--to", "es").exit_code == 0
    fill("es", lambda msgid: reviewed[msgid])
    result = run_cli("build", str(page), "--to", "es")
    assert result.exit_code == 0, result.stderr
    expected = (PAGES / "sahel-solar.es.html").read_bytes()
    assert Path("sahel-solar.es.html").read_bytes() == expected


def test_arabic_copy_is_marked_arabic_and_right_to_left(page: Path) -> None:
    """An identity catalog under ar: the copy differs from the source only in the root
    element's lang and dir."""
    assert run_cli("init", str(page), "--to", "ar").exit_code == 0
    fill("ar", lambda msgid: msgid)
    result = run_cli("build", str(page), "--to", "ar")
    assert result.exit_code == 0, result.stderr
    source = PAGE.read_text(encoding="utf-8")
    assert source.count(SOURCE_ROOT) == 1
    built = Path("sahel-solar.ar.html").read_text(encoding="utf-8")
    assert built == source.replace(SOURCE_ROOT, '<html lang="ar" dir="rtl">')


@pytest.mark.parametrize(
    ("lang", "folder", "translation", "root"),
    [
        ("fa", "fa", "وانگ رفت.", '<html lang="fa" dir="rtl">'),
        ("zh_CN", "zh_Hans_CN", "王离开了。", '<html lang="zh-CN">'),
    ],
)
def test_the_copy_names_the_catalog_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang, folder, translation, root
) -> None:
    monkeypatch.chdir(tmp_path)
    text = '<!DOCTYPE html>\n<html lang="en">\n<body><p lang="en">Wang left.</p></body>\n</html>\n'
    Path("story.html").write_text(text, encoding="utf-8")
    assert run_cli("init", "story.html", "--to", lang).exit_code == 0
    catalog = Path(f"locales/{folder}/LC_MESSAGES/story.po")
    po = polib.pofile(str(catalog))
    po[0].msgstr = translation
    po.save(str(catalog))
    msgfmt_check(catalog)
    assert run_cli("build", "story.html", "--to", lang, "-o", "copy.html").exit_code == 0
    # dir="rtl" goes after lang; the paragraph marked English holds the translation, so it
    # names the copy's language too (its direction comes from the root).
    lang_tag = root.split('"')[1]
    assert Path("copy.html").read_text(encoding="utf-8") == (
        f'<!DOCTYPE html>\n{root}\n<body><p lang="{lang_tag}">{translation}</p></body>\n</html>\n'
    )


# --- the rule, on the format ----------------------------------------------------------------


def declared(text: str, lang: str) -> str:
    """``text`` rebuilt with every msgstr equal to its msgid, as a copy in ``lang``."""
    fmt = get_format("html")
    units = fmt.parse(text, "en")
    marks = fmt.language_replacements(bcp47_tag(lang), right_to_left(lang))
    return regenerate(text, units, lambda unit: unit.msgid, fmt.place, marks)


def test_identity_in_the_article_own_language_is_byte_for_byte() -> None:
    source = PAGE.read_text(encoding="utf-8")
    assert declared(source, "en") == source
    # A narrower tag the source gives is the same language (RFC 4647 basic filtering).
    british = '<html lang="en-GB" xml:lang="en-gb"><p>Wang left.</p></html>'
    assert declared(british, "en") == british
    assert declared(british, "en_GB") == british
    assert declared(british, "en_US") == british.replace("en-GB", "en-US").replace("en-gb", "en-US")


@pytest.mark.parametrize(
    ("source", "lang", "copy"),
    [
        # Each value keeps its quotes; xml:lang (XHTML) follows lang.
        (
            "<html xml:lang='en' lang=en><p>Hi.</p></html>",
            "pt_BR",
            "<html xml:lang='pt-BR' lang=pt-BR><p>Hi.</p></html>",
        ),
        ("<html lang=en><p>Hi.</p></html>", "ar", "<html lang=ar dir=rtl><p>Hi.</p></html>"),
        # An existing dir is replaced where it is.
        (
            "<html dir='ltr' class=x lang='en'><p>Hi.</p></html>",
            "he",
            "<html dir='rtl' class=x lang='he'><p>Hi.</p></html>",
        ),
        # A left-to-right copy of a right-to-left page.
        (
            '<html lang="ar" dir="rtl"><p>Hi.</p></html>',
            "sr@latin",
            '<html lang="sr-Latn" dir="ltr"><p>Hi.</p></html>',
        ),
        (
            '<html lang="ar" dir="rtl"><p>Hi.</p></html>',
            "ur",
            '<html lang="ur" dir="rtl"><p>Hi.</p></html>',
        ),
        # dir="auto" lets the browser decide: left as it is.
        (
            '<html lang="en" dir="auto"><p>Hi.</p></html>',
            "zh_CN",
            '<html lang="zh-CN" dir="auto"><p>Hi.</p></html>',
        ),
        # No lang to correct: none is added (po4a and translate-toolkit add none either), but
        # a right-to-left copy still says its direction.
        ("<html><p>Hi.</p></html>", "es", None),
        ("<html>\n<p>Hi.</p></html>", "ckb", '<html dir="rtl">\n<p>Hi.</p></html>'),
        # Where only <body> says the page's language, the body's is corrected (and its dir);
        # under a root that has one, a <body> lang naming the source's language is the page's
        # too, and one naming another language a passage's, left as it is.
        (
            '<html>\n<body lang="en"><p>Hi.</p></body></html>',
            "ar",
            '<html dir="rtl">\n<body lang="ar"><p>Hi.</p></body></html>',
        ),
        (
            "<html><body lang=en dir=ltr><p>Hi.</p></body></html>",
            "he",
            '<html dir="rtl"><body lang=he dir=rtl><p>Hi.</p></body></html>',
        ),
        (
            '<html><body lang="en-GB"><p>Hi.</p></body></html>',
            "es",
            '<html><body lang="es"><p>Hi.</p></body></html>',
        ),
        ('<html lang="en"><body lang="en"><p>Hi.</p></body></html>', "en", None),
        (
            '<html lang="en"><body lang="en"><p>Hi.</p></body></html>',
            "es",
            '<html lang="es"><body lang="es"><p>Hi.</p></body></html>',
        ),
        (
            '<html lang="en"><body lang="fr"><p>Hi.</p></body></html>',
            "es",
            '<html lang="es"><body lang="fr"><p>Hi.</p></body></html>',
        ),
        # Inside the root, a dir is corrected only where the copy turns the direction: a
        # passage marked right to left in an English page stays so in English and French.
        (
            '<html lang="en"><body><p dir="rtl">Hi.</p><p dir="ltr">Yo.</p></body></html>',
            "en",
            None,
        ),
        (
            '<html lang="en"><body><p dir="rtl">Hi.</p><p dir="ltr">Yo.</p></body></html>',
            "fr",
            '<html lang="fr"><body><p dir="rtl">Hi.</p><p dir="ltr">Yo.</p></body></html>',
        ),
        (
            '<html lang="en"><body><p dir="ltr">Hi.</p></body></html>',
            "ar",
            '<html lang="ar" dir="rtl"><body><p dir="rtl">Hi.</p></body></html>',
        ),
        # An element without text says nothing about the copy's, and one inside a sentence is
        # part of its msgid: the translator writes it.
        (
            '<html lang="en"><body><div lang="en"></div><p>Hi <b lang="en">there</b>.</p></body>'
            "</html>",
            "es",
            '<html lang="es"><body><div lang="en"></div><p>Hi <b lang="en">there</b>.</p></body>'
            "</html>",
        ),
        # A fragment has no root element to mark.
        ('<div lang="en" dir="ltr"><p>Hi.</p></div>', "ar", None),
    ],
)
def test_lang_and_dir_of_the_root_element(source: str, lang: str, copy: str | None) -> None:
    assert declared(source, lang) == (source if copy is None else copy)


def test_a_replacement_inside_a_unit_is_refused_not_written() -> None:
    # A format must never give one; if it did, the copy would be corrupt.
    text = '<html lang="en">\n<p>Wang left.</p></html>'
    fmt = get_format("html")
    units = fmt.parse(text, "en")
    inside = Replacement(units[0].start + 1, units[0].start + 2, "x")
    with pytest.raises(LocalizeError, match=r"^line 2: the document's language declaration"):
        regenerate(text, units, lambda unit: unit.msgid, fmt.place, [inside])


def test_gettext_codes_become_bcp47_tags() -> None:
    assert [bcp47_tag(code) for code in ("pt_BR", "sr@latin", "zh_CN", "zh_Hans_CN")] == [
        "pt-BR",
        "sr-Latn",
        "zh-CN",
        "zh-CN",  # the script China implies is left out (RFC 5646)
    ]
    assert [bcp47_tag(code) for code in ("zh_Hant_TW", "zh_Hans_HK", "zh_Hans", "sr_Latn_RS")] == [
        "zh-TW",
        "zh-Hans-HK",  # Hong Kong writes Hant: the script says something
        "zh-Hans",
        "sr-Latn-RS",
    ]
    assert bcp47_tag("ca@valencia") == "ca-valencia"
    assert bcp47_tag("sr@ijekavianlatin") == "sr-Latn-ijekavsk"
    # An extended language subtag is the language: Cantonese, not Chinese.
    assert bcp47_tag("zh-yue-HK") == "yue-HK"
    assert bcp47_tag("de_DE@euro") == "de-DE"
    assert bcp47_tag("de_DE.UTF-8") == "de-DE"
    assert bcp47_tag("es_419") == "es-419"
    # A script written after the region is still the script (not a variant «hant»), and the
    # region's own script is left out; a variant is kept (four characters: a digit first).
    assert bcp47_tag("zh-TW-Hant") == "zh-TW"
    assert bcp47_tag("zh_HK_Hans") == "zh-Hans-HK"
    assert bcp47_tag("de-DE-1996") == "de-DE-1996"


def test_right_to_left_languages_are_those_cldr_says() -> None:
    from babel import Locale, localedata

    for code in localedata.locale_identifiers():
        locale = Locale.parse(code)
        if locale.character_order in ("right-to-left", "left-to-right"):
            assert right_to_left(code) == (locale.character_order == "right-to-left"), code
    for code in ("ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "pa_Arab", "pa_PK"):
        assert right_to_left(code), code
    assert not right_to_left("sd_Deva") and not right_to_left("ku") and not right_to_left("pa")


def test_an_unclosed_textarea_is_still_refused() -> None:
    # A browser shows the rest of the page inside the box.
    with pytest.raises(LocalizeError, match=r"^line 2: <textarea> is never closed"):
        get_format("html").parse("<p>Write.</p>\n<textarea>Your comment\n<p>More.</p>", "en")


QUOTED = (
    '<!DOCTYPE html>\n<html><head><meta name="description" content=\'Ministers meet in '
    "Astana'></head><body>\n<p>The ministers met in Astana.</p>\n<img src=a.jpg alt='Ministers at "
    "the table' title='Photo: Xie E/Xinhua'>\n<input placeholder=Search>\n</body></html>\n"
)


def test_a_translated_attribute_keeps_the_sources_quote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translated single-quoted value stays single-quoted (an apostrophe in it escaped), so
    the copy's diff shows only the words; a translated unquoted one is quoted, as a translation
    may hold spaces; an identity catalog rebuilds the page as it was."""
    monkeypatch.chdir(tmp_path)
    Path("page.html").write_text(QUOTED, encoding="utf-8")
    assert run_cli("init", "page.html", "--to", "es").exit_code == 0
    path = catalog_path("es").with_name("page.po")
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = entry.msgid
    po.save(str(path))
    assert run_cli("build", "page.html", "--to", "es").exit_code == 0
    assert Path("page.es.html").read_text(encoding="utf-8") == QUOTED
    renderings = {
        "Ministers meet in Astana": 'Los "cancilleres" se reúnen en Astaná',
        "Ministers at the table": "Los ministros en la mesa",
        "Photo: Xie E/Xinhua": "Foto: l'agence Xinhua",
        "Search": "Buscar noticias",
    }
    for entry in po:
        entry.msgstr = renderings.get(entry.msgid, entry.msgid)
    po.save(str(path))
    msgfmt_check(path)
    assert run_cli("build", "page.html", "--to", "es").exit_code == 0
    built = Path("page.es.html").read_text(encoding="utf-8")
    assert """content='Los "cancilleres" se reúnen en Astaná'""" in built
    assert "alt='Los ministros en la mesa' title='Foto: l&#39;agence Xinhua'" in built
    assert '<input placeholder="Buscar noticias">' in built


# --- elements around the text that say the source's language --------------------------------

MINISTER = "The minister spoke."
QUOTATION = "Liberté, égalité, fraternité."


@pytest.mark.parametrize(
    ("source", "lang", "translation", "copy"),
    [
        # The article's wrapper says English, left to right: it holds the Arabic text now.
        (
            '<html lang="en">\n<body>\n<main lang="en" dir="ltr">\n'
            f"<p>{MINISTER}</p>\n</main>\n</body>\n</html>\n",
            "ar",
            "تحدث الوزير.",
            '<html lang="ar" dir="rtl">\n<body>\n<main lang="ar" dir="rtl">\n'
            "<p>تحدث الوزير.</p>\n</main>\n</body>\n</html>\n",
        ),
        # A <body> naming the source's language under a root that names it too (en is the
        # base of en-GB).
        (
            f'<html lang="en-GB">\n<body lang="en">\n<p>{MINISTER}</p>\n</body>\n</html>\n',
            "fa",
            "وزیر سخن گفت.",
            '<html lang="fa" dir="rtl">\n<body lang="fa">\n<p>وزیر سخن گفت.</p>\n</body>\n</html>\n',
        ),
        (
            f'<html lang="en-GB">\n<body lang="en">\n<p>{MINISTER}</p>\n</body>\n</html>\n',
            "fr",
            "Le ministre a parlé.",
            '<html lang="fr">\n<body lang="fr">\n<p>Le ministre a parlé.</p>\n</body>\n</html>\n',
        ),
        # Only a direction, on the body: it is the page's.
        (
            f'<html>\n<body dir="ltr">\n<p>{MINISTER}</p>\n</body>\n</html>\n',
            "he",
            "השר דיבר.",
            '<html dir="rtl">\n<body dir="rtl">\n<p>השר דיבר.</p>\n</body>\n</html>\n',
        ),
        # A French quotation stays French, left to right; its direction with it.
        (
            '<html lang="en">\n<body>\n<blockquote lang="fr" dir="ltr">\n'
            f'<p>{QUOTATION}</p>\n<p dir="ltr">{QUOTATION}</p>\n</blockquote>\n'
            f'<p lang="en">{MINISTER}</p>\n</body>\n</html>\n',
            "ar",
            "تحدث الوزير.",
            '<html lang="ar" dir="rtl">\n<body>\n<blockquote lang="fr" dir="ltr">\n'
            f'<p>{QUOTATION}</p>\n<p dir="ltr">{QUOTATION}</p>\n</blockquote>\n'
            '<p lang="ar">تحدث الوزير.</p>\n</body>\n</html>\n',
        ),
    ],
)
def test_an_element_holding_the_text_names_the_copy_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    lang: str,
    translation: str,
    copy: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("story.html").write_text(source, encoding="utf-8")
    assert run_cli("init", "story.html", "--to", lang).exit_code == 0
    catalog = Path(f"locales/{lang}/LC_MESSAGES/story.po")
    po = polib.pofile(str(catalog))
    for entry in po:  # the quotation is kept as it is
        entry.msgstr = translation if entry.msgid == MINISTER else entry.msgid
    po.save(str(catalog))
    msgfmt_check(catalog)
    result = run_cli("build", "story.html", "--to", lang, "-o", "copy.html")
    assert result.exit_code == 0, result.stderr
    assert Path("copy.html").read_bytes() == copy.encode("utf-8")
    # An identity catalog in the source's language gives the source back, byte for byte.
    assert declared(source, "en") == source
    assert declared(source, "en_GB") == source.replace('lang="en"', 'lang="en-GB"')
