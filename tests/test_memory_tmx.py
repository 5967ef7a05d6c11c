"""TMX 1.4b exchange of the memory's reviewed translations, with translate-toolkit's storage."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from translate.storage.tmx import tmxfile

from localize.catalog import load_catalog
from localize.entry_state import EntryState, entry_state
from localize.memory import Memory
from localize.tmx import read_tmx

from conftest import msgfmt_check, run_cli

CATALOG = Path("locales/es/LC_MESSAGES/story.po")
# What reviewers write: markup, ampersands, guillemets, doubled and trailing spaces.
REVIEWS = [
    "Los cancilleres de la <b>OCS</b> & sus «socios»  posan.",
    "Revisado: «Dusambé», 14 de julio de 2021 ",
    "Texto con\nsalto de línea.",
]


def _reviewed_project() -> list[polib.POEntry]:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    po = polib.pofile(str(CATALOG))
    reviewed = [e for e in po if e.msgid][:4]
    for entry, text in zip(reviewed, REVIEWS, strict=False):
        entry.msgstr, entry.flags = text, []
    reviewed[3].flags = []  # the draft accepted as the engine wrote it
    po.save(str(CATALOG))
    assert run_cli("update", "story.txt", "--no-translate").exit_code == 0
    return reviewed


def _rows(memory_path: Path) -> list[tuple[object, ...]]:
    with Memory.open(memory_path) as memory:
        return [
            (r.source_lang, r.target_lang, r.source, r.translation, int(r.updated))
            for r in memory.reviewed_translations()
        ]


def test_export_then_import_is_lossless(workdir: Path) -> None:
    reviewed = _reviewed_project()
    result = run_cli("memory", "export", "newsroom.tmx")
    assert result.exit_code == 0, result.stderr
    assert "4 reviewed translations exported" in result.stdout
    exported = _rows(Path(".localize/memory.sqlite"))
    assert {row[2] for row in exported} == {e.msgid for e in reviewed}

    # What another tool sees, through translate-toolkit: TMX 1.4, languages, dates, origin.
    store = tmxfile.parsestring(Path("newsroom.tmx").read_bytes())
    assert store.document.getroot().get("version") == "1.4"
    assert len(store.units) == 4
    for unit in store.units:
        assert unit.xmlelement.get("changedate")
        props = {p.get("type"): p.text for p in unit.xmlelement.iter(unit.namespaced("prop"))}
        assert props["x-localize-origin"] == "reviewed"
    accepted = [u for u in store.units if u.source == reviewed[3].msgid][0]
    machine = [p.text for p in accepted.xmlelement.iter(accepted.namespaced("prop"))]
    assert "pseudo pseudo 0.1.0" in machine  # kept as the engine wrote it: says which engine

    # A colleague's fresh project imports it: the same reviewed translations, to the second.
    other = Path("colleague")
    other.mkdir()
    result = run_cli("memory", "import", "newsroom.tmx", "--locales-dir", other / "locales")
    assert result.exit_code == 0, result.stderr
    assert "4 added to the memory" in result.stdout
    assert _rows(other / ".localize/memory.sqlite") == exported
    again = Path("again.tmx")
    assert run_cli("memory", "export", again, "--locales-dir", other / "locales").exit_code == 0
    first = read_tmx(Path("newsroom.tmx"), "en").translations
    second = read_tmx(again, "en").translations
    strip = [(t.source_lang, t.target_lang, t.source, t.translation, t.updated) for t in first]
    assert strip == [
        (t.source_lang, t.target_lang, t.source, t.translation, t.updated) for t in second
    ]
    assert {t.translation for t in second} >= set(REVIEWS)


def test_an_imported_exact_match_is_proposed_from_memory(workdir: Path) -> None:
    """A TMX from another tool (BCP 47 codes, its own header) fills the sentence it covers."""
    sentence = "(Xinhua) 09:40, July 16, 2021"
    assert sentence in Path("story.txt").read_text(encoding="utf-8")
    store = tmxfile(sourcelanguage="en")
    store.addheader()
    unit = store.addsourceunit(sentence, "en")
    unit.settarget("(Xinhua) 09:40, 16 de julio de 2021", "es", append=True)
    Path("tm.tmx").write_bytes(bytes(store))
    result = run_cli("memory", "import", "tm.tmx")
    assert result.exit_code == 0, result.stderr
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    msgfmt_check(CATALOG)
    entry = load_catalog(CATALOG).find(sentence)
    assert entry.msgstr == "(Xinhua) 09:40, 16 de julio de 2021"
    assert "fuzzy" in entry.flags and "from memory:" in entry.comment
    assert entry_state(entry) is EntryState.PERSONS_FUZZY


def test_a_newer_review_is_not_replaced_by_an_older_import(workdir: Path) -> None:
    reviewed = _reviewed_project()
    assert run_cli("memory", "export", "old.tmx").exit_code == 0
    text = Path("old.tmx").read_text(encoding="utf-8")
    Path("old.tmx").write_text(
        text.replace(
            REVIEWS[0].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), "Vieja."
        ),
        encoding="utf-8",
    )
    Path("old.tmx").write_text(
        re.sub(
            r'changedate="\d+T\d+Z"',
            'changedate="20200101T000000Z"',
            Path("old.tmx").read_text("utf-8"),
        ),
        encoding="utf-8",
    )
    before = _rows(Path(".localize/memory.sqlite"))
    result = run_cli("memory", "import", "old.tmx")
    assert result.exit_code == 0 and "0 added" in result.stdout
    assert _rows(Path(".localize/memory.sqlite")) == before
    assert reviewed


def test_a_file_that_is_not_tmx_is_one_line_error(workdir: Path) -> None:
    Path("broken.tmx").write_text("<tmx><body><tu>", encoding="utf-8")
    result = run_cli("memory", "import", "broken.tmx")
    assert result.exit_code == 2
    assert "broken.tmx: not a TMX file" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("memory", "export", "out.tmx")
    assert result.exit_code == 2 and "no translation memory yet" in result.stderr
    assert not Path("out.tmx").exists()


SENTENCE = "(Xinhua) 09:40, July 16, 2021"
TRANSLATION = "(Xinhua) 09:40, 16 de julio de 2021"


def _cat_tool_tmx(
    header_lang: str, source_tuv: str, target_tuv: str, attr: str = "xml:lang"
) -> str:
    """A TMX as CAT tools write it: their own language tags, in their own case; a unit from
    French, kept for French articles; a unit without a text in its source language."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="{header_lang}" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
<tu><tuv {attr}="{source_tuv}"><seg>{SENTENCE}</seg></tuv>
<tuv {attr}="{target_tuv}"><seg>{TRANSLATION}</seg></tuv></tu>
<tu srclang="fr"><tuv {attr}="fr"><seg>Bonjour.</seg></tuv><tuv {attr}="es"><seg>Hola.</seg></tuv></tu>
<tu srclang="de"><tuv {attr}="es"><seg>Solo.</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize(
    ("header_lang", "source_tuv", "target_tuv", "attr"),
    [
        ("EN-US", "EN-US", "ES-ES", "xml:lang"),
        ("en", "en-GB", "es-MX", "xml:lang"),
        ("en-us", "en", "es", "lang"),  # TMX 1.1-1.3 name the language so
    ],
    ids=["upper-case", "regional-tuvs", "lang-attribute"],
)
def test_regional_tags_from_cat_tools_are_imported_as_their_language(
    workdir: Path, header_lang: str, source_tuv: str, target_tuv: str, attr: str
) -> None:
    Path("tm.tmx").write_text(
        _cat_tool_tmx(header_lang, source_tuv, target_tuv, attr), encoding="utf-8"
    )
    result = run_cli("memory", "import", "tm.tmx")
    assert result.exit_code == 0, result.stderr
    assert "2 translations read" in result.stdout and "2 added" in result.stdout
    assert "primary subtag" in result.stdout
    assert "1 of the units have their source in another language than en (fr: 1)" in result.stdout
    [warning] = result.stderr.strip().splitlines()
    assert "tm.tmx: 1 units skipped, without a text in their source language (de: 1)" in warning
    assert {row[:4] for row in _rows(Path(".localize/memory.sqlite"))} == {
        ("en", "es", SENTENCE, TRANSLATION),
        ("fr", "es", "Bonjour.", "Hola."),
    }
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    assert load_catalog(CATALOG).find(SENTENCE).msgstr == TRANSLATION


def test_a_regional_project_keeps_regions_apart(workdir: Path) -> None:
    """--lang en_US: the units written in en-US are its own, en-GB ones another language's,
    kept apart; the targets keep their regions."""
    Path("us.tmx").write_text(_cat_tool_tmx("en-US", "EN-us", "es-MX"), encoding="utf-8")
    result = run_cli("memory", "import", "us.tmx", "--lang", "en_US")
    assert result.exit_code == 0, result.stderr
    assert "2 added" in result.stdout and "as en_US is regional" in result.stdout
    assert ("en_US", "es_MX", SENTENCE) in {
        row[:3] for row in _rows(Path(".localize/memory.sqlite"))
    }
    Path("gb.tmx").write_text(_cat_tool_tmx("en-GB", "en-GB", "es"), encoding="utf-8")
    result = run_cli("memory", "import", "gb.tmx", "--lang", "en_US")
    assert result.exit_code == 0, result.stderr
    assert "another language than en_US (en-GB: 1, fr: 1)" in result.stdout
    rows = {row[:3] for row in _rows(Path(".localize/memory.sqlite"))}
    assert ("en_GB", "es", SENTENCE) in rows and ("en_US", "es_MX", SENTENCE) in rows


def test_foreign_xml_is_not_a_tmx_file(workdir: Path) -> None:
    Path("page.tmx").write_text("<html><body/></html>", encoding="utf-8")
    result = run_cli("memory", "import", "page.tmx")
    assert result.exit_code == 2, result.stderr
    assert "page.tmx: not a TMX file (its root element is <html>" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_export_to_dash_writes_the_tmx_to_stdout(workdir: Path) -> None:
    """As build -o - and report -o -: '-' is stdout, not a file named '-'."""
    _reviewed_project()
    result = run_cli("memory", "export", "-")
    assert result.exit_code == 0, result.stderr
    assert not Path("-").exists()
    store = tmxfile.parsestring(result.stdout.encode("utf-8"))
    assert {u.target for u in store.units} >= set(REVIEWS)


def test_two_regions_of_one_language_stay_apart_and_a_regional_catalog_keeps_its_region(
    workdir: Path,
) -> None:
    """pt-BR and pt-PT of one unit are two translations; a project with a pt_BR catalog finds
    its pt-BR units under pt_BR; es-MX alone, in a project with no es_MX catalog, is es."""
    assert run_cli("init", "story.txt", "--to", "pt_BR").exit_code == 0
    Path("tm.tmx").write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="en"><seg>{SENTENCE}</seg></tuv>
<tuv xml:lang="pt-BR"><seg>Brasil</seg></tuv><tuv xml:lang="pt-PT"><seg>Portugal</seg></tuv>
<tuv xml:lang="zh-TW"><seg>台</seg></tuv><tuv xml:lang="zh-CN"><seg>中</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Bye.</seg></tuv><tuv xml:lang="pt-BR"><seg>Tchau.</seg></tuv>
<tuv xml:lang="es-MX"><seg>Adiós.</seg></tuv></tu>
</body></tmx>
""",
        encoding="utf-8",
    )
    assert run_cli("memory", "import", "tm.tmx").exit_code == 0
    rows = {row[1:4] for row in _rows(Path(".localize/memory.sqlite"))}
    assert {("pt_BR", SENTENCE, "Brasil"), ("pt_PT", SENTENCE, "Portugal")} <= rows
    assert {("pt_BR", "Bye.", "Tchau."), ("es", "Bye.", "Adiós.")} <= rows
    assert (
        len({code for code, source, _ in rows if source == SENTENCE and code.startswith("zh")}) == 2
    )


def _units_tmx(*units: str, srclang: str = "en") -> str:
    # A unit is its <tuv>s, or a whole <tu ...> element where it has attributes of its own.
    body = "\n".join(unit if unit.startswith("<tu ") else f"<tu>{unit}</tu>" for unit in units)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="{srclang}" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
{body}
</body></tmx>
"""


def _tuv(lang: str, text: str) -> str:
    return f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>'


def test_a_script_subtag_is_another_written_language(workdir: Path) -> None:
    """zh-Hant and sr-Latn are stored apart from zh and sr (as zh_Hant, sr_Latn, the catalog
    folders --to zh-Hant and --to sr-Latn make), a region folded (zh-Hant-HK is zh_Hant);
    zh-Hans and sr-Cyrl are the usual scripts, zh and sr. A zh_Hant catalog finds its units.
    zh-yue-HK is Cantonese (yue: an extended language subtag is the language), not zh_Hant."""
    Path("tm.tmx").write_text(
        _units_tmx(
            _tuv("en", SENTENCE) + _tuv("zh-Hant", "繁體"),
            _tuv("en", "Bye.") + _tuv("zh-Hant-HK", "再會。") + _tuv("zh-Hans", "再见。"),
            _tuv("en", "Peace.") + _tuv("sr-Latn", "Mir.") + _tuv("sr-Cyrl", "Мир."),
            _tuv("en", "Thanks.") + _tuv("zh-yue-HK", "唔該。"),
        ),
        encoding="utf-8",
    )
    result = run_cli("memory", "import", "tm.tmx")
    assert result.exit_code == 0, result.stderr
    assert {row[1:4] for row in _rows(Path(".localize/memory.sqlite"))} == {
        ("zh_Hant", SENTENCE, "繁體"),
        ("zh_Hant", "Bye.", "再會。"),
        ("zh", "Bye.", "再见。"),
        ("sr_Latn", "Peace.", "Mir."),
        ("sr", "Peace.", "Мир."),
        ("yue", "Thanks.", "唔該。"),
    }
    assert "zh-Hant is not zh" in result.stdout
    done = run_cli("translate", "story.txt", "--to", "zh-Hant", "--engine", "pseudo")
    assert done.exit_code == 0, done.stderr
    entry = load_catalog(Path("locales/zh_Hant/LC_MESSAGES/story.po")).find(SENTENCE)
    assert entry.msgstr == "繁體" and "from memory:" in entry.comment


def test_the_source_of_a_unit_is_in_its_own_script(workdir: Path) -> None:
    """In a zh project a unit from zh-Hans takes its source from the zh-Hans text, not from the
    zh-Hant one written first, which is one of its translations."""
    Path("tm.tmx").write_text(
        _units_tmx(
            _tuv("zh-Hant", "資訊") + _tuv("zh-Hans", "信息") + _tuv("en", "information"),
            srclang="zh-Hans",
        ),
        encoding="utf-8",
    )
    result = run_cli("memory", "import", "tm.tmx", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert {row[:4] for row in _rows(Path(".localize/memory.sqlite"))} == {
        ("zh", "zh_Hant", "信息", "資訊"),
        ("zh", "en", "信息", "information"),
    }


def test_translations_tagged_with_no_one_language_are_skipped_and_counted(
    workdir: Path,
) -> None:
    """und, mul, zxx and private use name no language a text is written in: stored, their
    translations were filed under made-up languages (und read as en_US, x-house as x). A unit
    whose source is so tagged has no source language to file its translations under."""
    no_language = "".join(
        _tuv(tag, text)
        for tag, text in [("und", "?"), ("mul", "m"), ("x-house", "c"), ("zxx", "-")]
    )
    Path("tm.tmx").write_text(
        _units_tmx(
            _tuv("en", SENTENCE) + no_language + _tuv("es", TRANSLATION),
            '<tu srclang="und">' + _tuv("und", "Nada.") + _tuv("es", "Nada.") + "</tu>",
        ),
        encoding="utf-8",
    )
    result = run_cli("memory", "import", "tm.tmx")
    assert result.exit_code == 0, result.stderr
    assert {row[:4] for row in _rows(Path(".localize/memory.sqlite"))} == {
        ("en", "es", SENTENCE, TRANSLATION)
    }
    assert "1 translations read" in result.stdout
    [warning] = result.stderr.strip().splitlines()
    assert warning == (
        "warning: tm.tmx: 5 translations skipped, tagged with no one language (mul: 1, und: 2, "
        "x-house: 1, zxx: 1); tag them with the language they are written in to import them"
    )


def test_a_regional_source_tag_names_its_script_in_a_zh_project(workdir: Path) -> None:
    """srclang="zh-TW" in a zh project: Taiwan writes Traditional Chinese, another written
    language than the project's, so the unit's source is its zh-TW text (not the zh-CN one,
    which is a translation) and the unit is counted as one from another language."""
    Path("tm.tmx").write_text(
        _units_tmx(
            _tuv("zh-CN", "信息") + _tuv("zh-TW", "資訊") + _tuv("en", "information"),
            srclang="zh-TW",
        ),
        encoding="utf-8",
    )
    result = run_cli("memory", "import", "tm.tmx", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "another language than zh (zh_Hant: 1)" in result.stdout
    # Kept under the key a zh_Hant article looks it up by (not zh_Hant_TW).
    assert {row[:4] for row in _rows(Path(".localize/memory.sqlite"))} == {
        ("zh_Hant", "zh", "資訊", "信息"),
        ("zh_Hant", "en", "資訊", "information"),
    }


def test_a_unit_from_another_source_language_is_kept_under_its_written_language(
    workdir: Path,
) -> None:
    """A French TMX (fr-FR) imported into an English project: its units are kept for French
    articles, under fr, the key a French article's run looks them up by, not fr_FR."""
    Path("tm.tmx").write_text(
        _units_tmx(_tuv("fr-FR", "Bonjour.") + _tuv("es-ES", "Hola."), srclang="fr-FR"),
        encoding="utf-8",
    )
    result = run_cli("memory", "import", "tm.tmx")
    assert result.exit_code == 0, result.stderr
    assert "another language than en (fr: 1)" in result.stdout
    assert {row[:4] for row in _rows(Path(".localize/memory.sqlite"))} == {
        ("fr", "es", "Bonjour.", "Hola."),
    }
