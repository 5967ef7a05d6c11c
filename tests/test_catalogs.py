"""extract / init / compile on real files, checked with GNU gettext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import polib
import pytest

from localize.catalog import load_catalog, save_catalog
from localize.errors import CatalogSyntaxError

from conftest import WIRE_ARTICLE, msgfmt_check, run_cli

POT = Path("locales/story.pot")
ES = Path("locales/es/LC_MESSAGES/story.po")

REQUIRED_HEADERS = [
    "Project-Id-Version",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    "X-Generator",
]


def test_extract_writes_a_template_gettext_accepts(workdir: Path) -> None:
    result = run_cli("extract", "story.txt")
    assert result.exit_code == 0, result.stderr
    msgfmt_check(POT)
    pot = polib.pofile(str(POT))
    assert len(pot) > 10
    first = pot[0]
    assert first.occurrences == [("story.txt", "1")]
    assert "paragraph 1" in first.comment
    assert all(entry.msgstr == "" for entry in pot)


def test_init_writes_catalogs_with_complete_headers(workdir: Path) -> None:
    result = run_cli("init", "story.txt", "--to", "es,zh,ar,ru,fr")
    assert result.exit_code == 0, result.stderr
    for lang, nplurals in [("es", "2"), ("zh", "1"), ("ar", "6"), ("ru", "3"), ("fr", "2")]:
        path = Path(f"locales/{lang}/LC_MESSAGES/story.po")
        msgfmt_check(path)
        po = polib.pofile(str(path))
        for header in REQUIRED_HEADERS:
            assert po.metadata.get(header), (lang, header)
        assert po.metadata["Language"] == lang
        assert po.metadata["Plural-Forms"].startswith(f"nplurals={nplurals};")
        assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("command", [["init"], ["translate", "--engine", "pseudo"]])
def test_msgcat_changes_nothing(workdir: Path, command: list[str]) -> None:
    """msgcat rewrites a catalog in GNU gettext's canonical form; ours already is in it."""
    assert run_cli(command[0], "story.txt", "--to", "es", *command[1:]).exit_code == 0
    original = ES.read_text(encoding="utf-8")
    catted = subprocess.run(
        ["msgcat", "--no-wrap", str(ES)], capture_output=True, text=True, check=True
    ).stdout
    assert catted == original


def test_identical_sentences_share_one_entry(workdir: Path) -> None:
    Path("story.txt").write_text(
        "Wang said so.\n\nRahmon agreed.\n\nWang said so.\n", encoding="utf-8"
    )
    run_cli("extract", "story.txt")
    pot = polib.pofile(str(POT))
    assert [e.msgid for e in pot] == ["Wang said so.", "Rahmon agreed."]
    assert pot[0].occurrences == [("story.txt", "1"), ("story.txt", "5")]
    assert "paragraphs 1, 3" in pot[0].comment
    assert not any(e.msgctxt for e in pot)


def test_init_never_replaces_an_existing_catalog(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    po = polib.pofile(str(ES))
    po[0].msgstr = "Traducción revisada"
    po.save(str(ES))
    before = ES.read_bytes()
    result = run_cli("init", "story.txt", "--to", "es,fr")
    assert result.exit_code == 0
    assert "localize update" in result.stderr
    assert ES.read_bytes() == before
    assert Path("locales/fr/LC_MESSAGES/story.po").exists()


def test_wire_article_catalog_is_valid(workdir: Path) -> None:
    result = run_cli("init", str(WIRE_ARTICLE), "--to", "zh")
    assert result.exit_code == 0, result.stderr
    path = Path(f"locales/zh/LC_MESSAGES/{WIRE_ARTICLE.stem}.po")
    msgfmt_check(path)
    assert len(polib.pofile(str(path))) >= 25


def test_compile_leaves_out_fuzzy_entries(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    po = polib.pofile(str(ES))
    po[0].msgstr = "Reviewed"
    po[1].msgstr = "Draft"
    po[1].flags.append("fuzzy")
    po.save(str(ES))
    result = run_cli("compile", "--to", "es")
    assert result.exit_code == 0, result.stderr
    mo = ES.with_suffix(".mo")
    dumped = subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True, check=True)
    assert 'msgstr "Reviewed"' in dumped.stdout
    assert "Draft" not in dumped.stdout


BROKEN = {
    "unterminated string": ('msgid "A"\nmsgstr "B\n', 7),
    "unknown keyword": ('msgid "A"\nmsgstr "B"\nmsgfoo "C"\n', 8),
    "duplicate entry": ('msgid "A"\nmsgstr "B"\n\nmsgid "A"\nmsgstr "C"\n', 9),
    "missing msgstr": ('msgid "A"\n\nmsgid "B"\nmsgstr "C"\n', 8),
    "msgstr[N] without msgid_plural": ('msgid "A"\nmsgstr[0] "B"\n', 6),
    "msgid_plural with a plain msgstr": ('msgid "A"\nmsgid_plural "As"\nmsgstr "B"\n', 6),
}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'


@pytest.mark.parametrize("problem", BROKEN)
def test_broken_catalog_is_reported_with_its_line(tmp_path: Path, problem: str) -> None:
    body, line = BROKEN[problem]
    path = tmp_path / "x.po"
    path.write_text(HEADER + body, encoding="utf-8")
    # GNU gettext agrees these files are broken:
    assert (
        subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True
        ).returncode
        != 0
    )
    with pytest.raises(CatalogSyntaxError, match=rf"x\.po:{line}: "):
        load_catalog(path)


UNUSABLE_PLURAL_FORMS = [
    "nplurals=x; plural=n>1 ?;",  # a tester's: msgfmt refuses it, Python's gettext raises
    "nplurals=2; plural=n>1 ?;",
    "nplurals=1; plural=n;",  # form 1 of 1
    "nplurals=2; plural=n/0;",
    "nplurals=2;",  # Python's gettext reads the expression from the second field
]


def _gettext_or_msgfmt_refuses(path: Path) -> bool:
    import gettext
    import io

    checked = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True
    )
    if checked.returncode != 0:
        return True
    try:
        gettext.GNUTranslations(io.BytesIO(polib.pofile(str(path)).to_binary()))
    except (ValueError, IndexError, ZeroDivisionError):
        return True
    return False


@pytest.mark.parametrize("value", UNUSABLE_PLURAL_FORMS)
def test_an_unusable_plural_forms_header_is_refused_before_anything_is_written(
    workdir: Path, value: str
) -> None:
    """update, check and compile each name the header's line and the language's rule; no .mo
    gettext would crash on is written, and the catalog is left as it is."""
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    good = "nplurals=2; plural=(n != 1);"
    text = ES.read_text(encoding="utf-8")
    assert f'"Plural-Forms: {good}\\n"' in text
    ES.write_text(text.replace(good, value), encoding="utf-8")
    broken = ES.read_bytes()
    assert _gettext_or_msgfmt_refuses(ES)
    line = next(n for n, t in enumerate(broken.decode().splitlines(), 1) if "Plural-Forms" in t)
    for command in (
        ["update", "story.txt", "--no-translate"],
        ["translate", "story.txt", "--to", "es", "--engine", "pseudo"],
        ["check", "story.txt", "--to", "es"],
        ["compile"],
    ):
        result = run_cli(*command)
        assert result.exit_code == 2, (command, result.stdout, result.stderr)
        assert result.stderr.startswith(f"error: {ES.as_posix()}:{line}: Plural-Forms '{value}'")
        assert f'write "Plural-Forms: {good}\\n" there' in result.stderr
        assert result.stderr.count("\n") == 1
    assert ES.read_bytes() == broken
    assert not ES.with_suffix(".mo").exists()


@pytest.mark.parametrize("lang", ["es", "fr", "pt_BR", "ru", "pl", "ar", "cy", "zh", "ja", "de"])
def test_the_plural_forms_localize_writes_are_usable(lang: str) -> None:
    from localize.languages import plural_forms, plural_forms_problem

    assert plural_forms_problem(plural_forms(lang)) is None


def test_a_catalog_starting_with_a_byte_order_mark_is_refused_as_msgfmt_refuses_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + 'msgid "A"\nmsgstr "B"\n').encode())
    # GNU msgfmt: "x.po:1:2: syntax error"; accepting it would let through what it rejects.
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)]).returncode != 0
    with pytest.raises(
        CatalogSyntaxError, match=r"x\.po:1: starts with a byte-order mark"
    ) as raised:
        load_catalog(path)
    fix = str(raised.value).split("sed -i ", 1)[1]
    subprocess.run(f"sed -i {fix}", shell=True, check=True)  # the fix the message gives works
    assert load_catalog(path).find("A").msgstr == "B"


def test_build_with_broken_catalog_writes_nothing(workdir: Path) -> None:
    run_cli("init", "story.txt", "--to", "es")
    text = ES.read_text(encoding="utf-8").replace(
        'msgstr ""\n\n#. type', 'msgstr "oops\n\n#. type', 1
    )
    ES.write_text(text, encoding="utf-8")
    result = run_cli("build", "story.txt", "--to", "es", "--threshold", "0")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "story.po:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not Path("story.es.txt").exists()
    assert ES.read_text(encoding="utf-8") == text


def test_interrupted_save_keeps_the_old_catalog(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_cli("init", "story.txt", "--to", "es")
    before = ES.read_bytes()
    po = load_catalog(ES)
    po[0].msgstr = "new"

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("localize.catalog.os.replace", crash)
    with pytest.raises(KeyboardInterrupt):
        save_catalog(po, ES)
    assert ES.read_bytes() == before
    assert sorted(p.name for p in ES.parent.iterdir()) == ["story.po"]


@pytest.mark.parametrize(
    "command",
    [
        ["update", "story.txt", "--engine", "pseudo"],
        ["translate", "story.txt", "--to", "es", "--engine", "pseudo"],
        ["extract", "story.txt"],
    ],
)
def test_an_unparsable_template_is_written_anew_with_a_warning(
    workdir: Path, command: list[str]
) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    template = Path("locales/story.pot")
    made = template.read_text(encoding="utf-8")
    catalog = Path("locales/es/LC_MESSAGES/story.po").read_bytes()
    lines = made.count("\n")
    template.write_text(made + 'msgid "cut short\n', encoding="utf-8")
    result = run_cli(*command)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: locales/story.pot:{lines + 1}: 'msgid' must be followed by one quoted "
        "string; written anew from story.txt"
    ]
    msgfmt_check(template)
    dated = re.compile(r'"POT-Creation-Date: [^"]*"\n')
    assert dated.sub("", template.read_text(encoding="utf-8")) == dated.sub("", made)
    assert Path("locales/es/LC_MESSAGES/story.po").read_bytes() == catalog


def test_a_broken_template_of_another_article_is_not_written_over(workdir: Path) -> None:
    """Two story.txt in dated folders share a template name: the one that cannot be parsed
    names the other article, so it stays, and the syntax error is reported as before."""
    for folder in ("a", "b"):
        Path(folder).mkdir()
        Path(folder, "story.txt").write_text(f"A sentence of {folder}.\n", encoding="utf-8")
    assert run_cli("extract", "a/story.txt").exit_code == 0
    template = Path("locales/story.pot")
    broken = template.read_text(encoding="utf-8") + 'msgid "cut short\n'
    template.write_text(broken, encoding="utf-8")
    result = run_cli("extract", "b/story.txt")
    assert result.exit_code == 2 and "locales/story.pot:" in result.stderr, result.stderr
    assert template.read_text(encoding="utf-8") == broken
