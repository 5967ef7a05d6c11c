"""Many articles in one run, and the project file (localize.toml or [tool.localize]) that lets
translate / update / build / status / check act on the whole project with no argument."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from localize.catalog import load_catalog
from localize.engines.pseudo import PseudoEngine, PseudoTranslator
from localize.errors import EXIT_LEFT_FOR_TRANSLATORS

from conftest import EXAMPLES, msgfmt_check, run_cli

ARTICLES = ["china-kazakhstan-wire.txt", "sco-ministers-meeting.txt", "sco-foreign-ministers.md"]
SHARED = "The ministers agreed to meet again in Astana next spring."


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory (the current one) with the example articles under articles/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    for name in ARTICLES:
        shutil.copy(EXAMPLES / name, tmp_path / "articles" / name)
    return tmp_path


def stems() -> list[str]:
    return [Path(name).stem for name in ARTICLES]


def catalogs(langs: list[str], locales: str = "locales") -> list[Path]:
    return [Path(locales, lang, "LC_MESSAGES", f"{stem}.po") for stem in stems() for lang in langs]


def write_project_file(text: str, name: str = "localize.toml") -> None:
    Path(name).write_text(text, encoding="utf-8")


def test_several_articles_in_one_translate(site: Path) -> None:
    paths = [f"articles/{name}" for name in ARTICLES]
    result = run_cli("translate", *paths, "--to", "es,fr", "--engine", "pseudo", "--format", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert sorted(summary["articles"]) == sorted(f"locales/{stem}.pot" for stem in stems())
    for article in summary["articles"].values():
        assert sorted(article["locales"]) == ["es", "fr"]
        for locale in article["locales"].values():
            assert locale["untranslated"] == 0 and locale["machine_translated"] > 0
    assert summary["left_for_translators"] == []
    for path in catalogs(["es", "fr"]):
        msgfmt_check(path)
        po = load_catalog(path)
        assert all(e.msgstr and "fuzzy" in e.flags for e in po if not e.obsolete)
        references = {file for e in po for file, _ in e.occurrences}
        assert references == {f"articles/{path.stem}{Path(_source(path.stem)).suffix}"}


def _source(stem: str) -> str:
    return next(name for name in ARTICLES if Path(name).stem == stem)


def test_project_file_drives_every_command(site: Path) -> None:
    write_project_file(
        'articles = ["articles/*.txt", "articles/*.md"]\nlanguages = ["es", "fr"]\n'
        'engine = "pseudo"\n'
    )
    first = run_cli("translate")
    assert first.exit_code == 0, first.stderr
    for path in catalogs(["es", "fr"]):
        msgfmt_check(path)
    # A person reviews one entry; an update with no argument keeps it and changes nothing else.
    es = Path("locales/es/LC_MESSAGES/sco-ministers-meeting.po")
    po = load_catalog(es)
    po[0].msgstr, po[0].flags = "Revisado por una persona.", []
    po.save(str(es))
    before = {path: path.read_bytes() for path in catalogs(["es", "fr"])}
    update = run_cli("update")
    assert update.exit_code == 0, update.stderr
    assert {path: path.read_bytes() for path in catalogs(["es", "fr"])} == before

    status = run_cli("status", "--format", "json")
    assert status.exit_code == 0, status.stderr
    rows = json.loads(status.stdout)
    assert sorted((r["catalog"], r["lang"]) for r in rows) == sorted(
        (stem, lang) for stem in stems() for lang in ["es", "fr"]
    )
    assert all(r["out_of_date"] is False for r in rows)

    build = run_cli("build", "--include-fuzzy")
    assert build.exit_code == 0, build.stderr
    for name in ARTICLES:
        for lang in ["es", "fr"]:
            copy = Path("articles", f"{Path(name).stem}.{lang}{Path(name).suffix}")
            assert copy.is_file(), build.stdout
            assert "\u27e6" in copy.read_text(encoding="utf-8")  # pseudo drafts went in
    assert "Revisado por una persona." in Path("articles/sco-ministers-meeting.es.txt").read_text(
        encoding="utf-8"
    )

    # The built copies match the globs too, but are not articles: the next run ignores them.
    check = run_cli("check", "--format", "json")
    assert check.exit_code in (0, 1), check.stderr
    assert sorted(json.loads(check.stdout)["catalogs"]) == sorted(
        str(path) for path in catalogs(["es", "fr"])
    )
    again = run_cli("translate", "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert len(json.loads(again.stdout)["articles"]) == len(ARTICLES)


def test_command_line_options_override_the_project_file(site: Path) -> None:
    write_project_file(
        '[tool.ruff]\nline-length = 99\n\n[tool.localize]\narticles = ["articles/*.md"]\n'
        'languages = ["es", "fr"]\nengine = "pseudo"\nlocales-dir = "catalogs"\n',
        name="pyproject.toml",
    )
    result = run_cli("translate", "--to", "de", "--locales-dir", "elsewhere")
    assert result.exit_code == 0, result.stderr
    assert Path("elsewhere/de/LC_MESSAGES/sco-foreign-ministers.po").is_file()
    assert not Path("catalogs").exists() and not Path("elsewhere/es").exists()
    # An explicit ARTICLE replaces the project's articles; the file's other settings hold.
    result = run_cli("translate", "articles/sco-ministers-meeting.txt")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.as_posix() for p in Path("catalogs").rglob("*.po")) == [
        "catalogs/es/LC_MESSAGES/sco-ministers-meeting.po",
        "catalogs/fr/LC_MESSAGES/sco-ministers-meeting.po",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('articles = ["articles/*.md"\nlanguages = ["es"]\n', "localize.toml:2: not valid TOML"),
        (
            'articles = ["articles/*.md"]\n\nlanguage = ["es"]\n',
            "localize.toml:3: unknown key 'language'",
        ),
        (
            'articles = ["articles/*.md", "news/*.md"]\nlanguages = ["es"]\n',
            "localize.toml:1: 'news/*.md' matches no article file",
        ),
        (
            'articles = ["articles/*.md"]\nlanguages = ["es"]\nengine = "deepl"\n',
            "localize.toml:3: unknown engine 'deepl'",
        ),
        ('articles = "articles/*.md"\nlanguages = [1]\n', "localize.toml:2: 'languages' must be"),
        (
            'articles = ["articles/*.md"]\n\n[engines]\nurl = "http://127.0.0.1:5000"\n',
            "localize.toml:3: unknown key 'engines'",
        ),
        (
            'articles = ["articles/*.md"]\nsource-language = "english"\n',
            "localize.toml:2: invalid language code 'english'",
        ),
        (
            'articles = ["articles/*.md"]\nlanguages = ["es"]\nglossary = "terms.yaml"\n',
            "localize.toml:3: glossary terms.yaml: no such file",
        ),
    ],
)
def test_a_bad_project_file_is_one_line_naming_the_line(
    site: Path, text: str, expected: str
) -> None:
    write_project_file(text)
    for command in (["translate", "--engine", "pseudo"], ["status"], ["build"], ["check"]):
        result = run_cli(*command)
        assert result.exit_code == 2, (command, result.stdout)
        assert result.stderr.startswith(f"error: {expected}"), result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not Path("locales").exists()


def test_a_sentence_shared_by_two_articles_goes_to_the_engine_once(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("first.txt", "second.txt"):
        story = (EXAMPLES / "sco-ministers-meeting.txt").read_text(encoding="utf-8")
        if name == "second.txt":
            story = (EXAMPLES / "china-kazakhstan-wire.txt").read_text(encoding="utf-8")
        Path(name).write_text(f"{story.rstrip()}\n\n{SHARED}\n", encoding="utf-8")
    sent: list[str] = []
    opened: list[tuple[str, str]] = []
    translate, open_pair = PseudoTranslator.translate, PseudoEngine.open

    def counting_translate(self: PseudoTranslator, sentences: list[str]) -> list[str]:
        sent.extend(sentences)
        return translate(self, sentences)

    def counting_open(self: PseudoEngine, source: str, target: str) -> PseudoTranslator:
        opened.append((source, target))
        return open_pair(self, source, target)

    monkeypatch.setattr(PseudoTranslator, "translate", counting_translate)
    monkeypatch.setattr(PseudoEngine, "open", counting_open)
    result = run_cli("translate", "first.txt", "second.txt", "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 0, result.stderr
    assert sent.count(SHARED) == 1
    assert len(sent) == len(set(sent))  # no sentence of either article was sent twice
    assert opened == [("en", "es")]  # one translator for the pair, for both articles
    drafts = [
        load_catalog(Path(f"locales/es/LC_MESSAGES/{stem}.po")).find(SHARED)
        for stem in ("first", "second")
    ]
    assert drafts[0].msgstr and drafts[0].msgstr == drafts[1].msgstr
    assert all("fuzzy" in draft.flags for draft in drafts)
    for stem in ("first", "second"):
        msgfmt_check(Path(f"locales/es/LC_MESSAGES/{stem}.po"))


def test_languages_no_engine_serves_give_one_exit_status(site: Path) -> None:
    empty = site / "no-models"
    empty.mkdir()
    paths = [f"articles/{name}" for name in ARTICLES]
    result = run_cli(
        "translate", *paths, "--to", "es", "--engine", "argos", "--models-dir", str(empty)
    )
    assert result.exit_code == EXIT_LEFT_FOR_TRANSLATORS, result.stderr
    assert result.stderr.count("entries left for translators") == len(ARTICLES)
    for path in catalogs(["es"]):
        msgfmt_check(path)  # written all the same, for translators


def test_two_articles_with_one_catalog_name_are_refused_before_writing(site: Path) -> None:
    Path("other").mkdir()
    shutil.copy(EXAMPLES / "sco-foreign-ministers.md", "other/sco-foreign-ministers.md")
    result = run_cli(
        "translate",
        "articles/sco-foreign-ministers.md",
        "other/sco-foreign-ministers.md",
        "--to",
        "es",
        "--engine",
        "pseudo",
    )
    assert result.exit_code == 2
    assert "both would use the catalogs named 'sco-foreign-ministers'" in result.stderr
    assert not Path("locales").exists()


def test_status_check_and_build_refuse_two_articles_with_one_catalog_name_as_update_does(
    site: Path,
) -> None:
    """status named the catalog of one as both articles' and exited 0, where update refuses;
    check checked the one catalog twice, and build wrote the first article's copy from it
    before failing on the second."""
    Path("wire").mkdir()
    Path("wire/news.txt").write_text("They agreed.\n", encoding="utf-8")
    Path("articles/news.md").write_text("The SCO met.\n", encoding="utf-8")
    assert (
        run_cli("translate", "articles/news.md", "--to", "es", "--engine", "pseudo").exit_code == 0
    )
    for command, *options in (
        ["update"],
        ["status"],
        ["check", "--to", "es"],
        ["build", "--to", "es", "--threshold", "0"],
    ):
        result = run_cli(command, "articles/news.md", "wire/news.txt", *options)
        assert result.exit_code == 2, (command, result.stdout)
        assert "both would use the catalogs named 'news'" in result.stderr, command
        assert "Traceback" not in result.stderr
        assert not [*Path("articles").glob("news.es.*"), *Path("wire").glob("news.es.*")]


def test_one_file_named_twice_is_one_article(site: Path) -> None:
    """``story.txt ./story.txt`` (a shell's glob and a name typed again) is the same file,
    acted on once, not two articles refused for sharing their catalogs."""
    article = "articles/news.md"
    Path(article).write_text("The SCO met.\n\nThey agreed.\n", encoding="utf-8")
    twice = [article, f"./{article}"]
    made = run_cli("translate", *twice, "--to", "es", "--engine", "pseudo")
    assert made.exit_code == 0, made.stderr
    assert made.stdout.count("wrote locales/es/LC_MESSAGES/news.po") == 1
    for command, *options in (
        ["update", "--no-translate"],
        ["status"],
        ["check", "--to", "es"],
        ["build", "--to", "es", "--threshold", "0"],
    ):
        result = run_cli(command, *twice, *options)
        assert result.exit_code == 0, (command, result.stderr)
        assert "both would use" not in result.stderr, command
    assert Path("articles/news.es.md").exists()


def test_no_article_and_no_project_file_says_what_to_do(site: Path) -> None:
    result = run_cli("translate", "--to", "es", "--engine", "pseudo")
    assert result.exit_code == 2
    assert "no ARTICLE given and no project file here" in result.stderr


def test_extract_init_compile_and_report_follow_the_project_file(site: Path) -> None:
    write_project_file(
        'articles = ["articles/*.txt", "articles/*.md"]\nlanguages = ["es", "fr"]\n'
        'locales-dir = "l10n"\n'
    )
    assert run_cli("extract").exit_code == 0
    assert sorted(p.name for p in Path("l10n").glob("*.pot")) == sorted(f"{s}.pot" for s in stems())
    made = run_cli("init")
    assert made.exit_code == 0, made.stderr
    for path in catalogs(["es", "fr"], "l10n"):
        msgfmt_check(path)
    assert run_cli("compile").exit_code == 0
    assert sorted(p.name for p in Path("l10n/es/LC_MESSAGES").glob("*.mo")) == sorted(
        f"{s}.mo" for s in stems()
    )
    reported = run_cli("report", "--format", "json", "-o", "-")
    assert reported.exit_code == 0, reported.stderr
    shown = {(c["article"], c["lang"]) for c in json.loads(reported.stdout)["catalogs"]}
    assert shown == {(stem, lang) for stem in stems() for lang in ("es", "fr")}
    assert not Path("locales").exists()  # the project file's directory, never the default


def test_a_glob_does_not_take_the_review_report_for_an_article(site: Path) -> None:
    from localize.projectfile import REPORT_META

    shutil.copy(EXAMPLES / "un-climate-briefing.html", "briefing.html")
    write_project_file('articles = ["briefing.html"]\nlanguages = ["es"]\nengine = "pseudo"\n')
    assert run_cli("translate").exit_code == 0
    assert run_cli("report").exit_code == 0
    assert REPORT_META.encode() in Path("report.html").read_bytes()[:2048]
    write_project_file('articles = ["*.html"]\nlanguages = ["es"]\nengine = "pseudo"\n')
    result = run_cli("translate", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["template"] == "locales/briefing.pot"
    assert run_cli("check").exit_code in (0, 1)
    assert not Path("locales/report.pot").exists()
