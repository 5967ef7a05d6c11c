"""Validated glossaries remembered between runs (glossary_store.py): the stored glossary is the
one a fresh parse gives, field by field; an edited file is read again; a damaged store is
rebuilt; a file with an error is never stored and still fails with its one-line error."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path

import pytest

from localize import glossary as glossary_module
from localize import glossary_store
from localize.errors import LocalizeError
from localize.glossary import Entry, Glossary, load_glossary, shipped_path
from localize.glossary_store import FILE_NAME, kept_in
from localize.project import NO_RUN_CACHE_ENV

from conftest import run_cli

# A project layer over the shipped glossary: an override (``overrides``), an addition, a
# removal and a chosen profile, so that every field of Glossary and Entry holds a value.
LAYER = """\
schema: 1
version: "newsroom-7"
extends: shipped
remove: [embassy]
profile: {es: prc}
entries:
  - id: wang-yi
    source: Wang Yi
    kind: person
    targets: {zh: 王毅, ru: Ван И, ar: وانغ يي, es: Wang Yi}
    keep: [fr]
    note: 'Newsroom override.'
  - id: newsroom-term
    source: Dushanbe Tea House
    whole_word: false
    kind: place
    keep: [zh, ru, fr, es, ar]
    note: 'Newsroom addition.'
"""


# What an entry's optional fields hold when the file leaves them out.
_DEFAULTS = ({}, (), "", None)


@pytest.fixture(autouse=True)
def _store_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NO_RUN_CACHE_ENV, raising=False)
    # Each test reads its files afresh: the process's own cache would answer before the store.
    glossary_module._cached_parse.cache_clear()


def _refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_text: str, _path: Path) -> Glossary:
        raise AssertionError("a stored glossary was parsed again")

    monkeypatch.setattr(glossary_module, "_parse", refuse)
    glossary_module._cached_parse.cache_clear()


def _assert_same(stored: Glossary, fresh: Glossary) -> None:
    """Every field, with its type: a list where a tuple was, or text where a date was, fails."""
    for field in fields(Glossary):
        if field.name == "entries":
            continue
        ours, theirs = getattr(stored, field.name), getattr(fresh, field.name)
        if field.name == "base" and theirs is not None:
            _assert_same(ours, theirs)
            continue
        assert ours == theirs and type(ours) is type(theirs), field.name
    assert len(stored.entries) == len(fresh.entries)
    for ours, theirs in zip(stored.entries, fresh.entries, strict=True):
        for field in fields(Entry):
            mine, expected = getattr(ours, field.name), getattr(theirs, field.name)
            assert mine == expected, (theirs.id, field.name)
            assert repr(mine) == repr(expected), (theirs.id, field.name)


def _kept_then_read(path: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> Glossary:
    """``path`` loaded once into ``store``, then read back from it with parsing refused."""
    with kept_in(store):
        load_glossary(path)
    _refuse_parsing(monkeypatch)
    with kept_in(store):
        return load_glossary(path)


def _fresh(path: Path) -> Glossary:
    glossary = glossary_module._parse(path.read_text(encoding="utf-8"), path)
    glossary_module._cached_parse.cache_clear()
    return glossary


def test_the_stored_shipped_glossary_is_a_fresh_parse_field_by_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _fresh(shipped_path())
    # Every kind of value is exercised: a field left at its default in every entry would not be.
    for field in fields(Entry):
        if field.name != "overrides":
            assert any(getattr(e, field.name) not in _DEFAULTS for e in fresh.entries), field.name
    with kept_in(tmp_path):
        first = load_glossary(shipped_path())
    _assert_same(first, fresh)
    assert (tmp_path / FILE_NAME).is_file()
    _refuse_parsing(monkeypatch)
    with kept_in(tmp_path):
        stored = load_glossary(shipped_path())
    assert stored is not first
    _assert_same(stored, fresh)
    # Outside a block nothing is stored or read: the file is parsed.
    glossary_module._cached_parse.cache_clear()
    with pytest.raises(AssertionError, match="parsed again"):
        load_glossary(shipped_path())


def test_a_stored_layered_glossary_is_a_fresh_parse_with_its_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    layer = tmp_path / "glossary.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    fresh = _fresh(layer)
    assert fresh.base is not None and fresh.removed and fresh.profile
    assert any(e.overrides for e in fresh.entries) and not fresh.by_id["newsroom-term"].whole_word
    store = tmp_path / ".localize"
    store.mkdir()
    stored = _kept_then_read(layer, store, monkeypatch)
    _assert_same(stored, fresh)
    assert stored.describe() == fresh.describe()


def test_an_edited_glossary_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    layer = tmp_path / "glossary.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    with kept_in(tmp_path):
        assert load_glossary(layer).by_id["wang-yi"].note == "Newsroom override."
    layer.write_text(LAYER.replace("Newsroom override.", "Edited note."), encoding="utf-8")
    glossary_module._cached_parse.cache_clear()
    with kept_in(tmp_path):
        edited = load_glossary(layer)
    assert edited.by_id["wang-yi"].note == "Edited note."
    _assert_same(edited, _fresh(layer))
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        assert db.execute("SELECT count(*) FROM glossaries").fetchone() == (3,)  # + shipped


@pytest.mark.parametrize("damage", ["file", "row"])
def test_a_damaged_store_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    fresh = _fresh(shipped_path())
    store = tmp_path / FILE_NAME
    if damage == "file":
        store.write_bytes(b"not a database at all" * 50)
    else:
        with kept_in(tmp_path):
            load_glossary(shipped_path())
        with sqlite3.connect(store) as db:
            db.execute("UPDATE glossaries SET body = substr(body, 1, 500)")
        db.close()
        glossary_module._cached_parse.cache_clear()
    with kept_in(tmp_path):
        _assert_same(load_glossary(shipped_path()), fresh)
    _refuse_parsing(monkeypatch)
    with kept_in(tmp_path):
        _assert_same(load_glossary(shipped_path()), fresh)  # rebuilt, then used


def test_a_glossary_with_an_error_is_never_stored(tmp_path: Path) -> None:
    broken = tmp_path / "glossary.yaml"
    broken.write_text(LAYER.replace("kind: place", "kind: planet"), encoding="utf-8")
    for _ in range(2):
        glossary_module._cached_parse.cache_clear()
        with kept_in(tmp_path), pytest.raises(LocalizeError, match="kind must be one of"):
            load_glossary(broken)
    # Only its base, the shipped glossary, read on the way, is kept.
    with sqlite3.connect(tmp_path / FILE_NAME) as db:
        bodies = [body for (body,) in db.execute("SELECT body FROM glossaries")]
    db.close()
    assert [glossary_store.decode(body).path for body in bodies] == [shipped_path()]


def test_no_run_cache_turns_the_store_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_RUN_CACHE_ENV, "1")
    with kept_in(tmp_path):
        load_glossary(shipped_path())
    assert not (tmp_path / FILE_NAME).exists()


def test_a_row_of_other_fields_is_parsed_again(tmp_path: Path) -> None:
    body = glossary_store.encode(_fresh(shipped_path()))
    short = body.replace('"entries": [[', '"entries": [["one-field-too-few"], [', 1)
    with pytest.raises(ValueError):
        glossary_store.decode(short)


def test_updates_through_the_store_write_what_a_parse_writes(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole command: a translate keeps the glossary, an update after an edit takes it from
    the store, a damaged store is rebuilt, and every catalog is what the run without the
    store writes; a broken project glossary is a one-line error each time."""
    story = workdir / "story.txt"
    (workdir / "glossary.yaml").write_text(LAYER, encoding="utf-8")
    done = run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo")
    assert done.exit_code == 0, done.stderr
    assert (workdir / ".localize" / FILE_NAME).is_file()
    original = story.read_text(encoding="utf-8")
    story.write_text(original.replace(".", ", officials said.", 1), encoding="utf-8")
    saved = {p: p.read_bytes() for p in workdir.rglob("*") if p.is_file()}

    def update() -> bytes:
        glossary_module._cached_parse.cache_clear()
        done = run_cli("update", "story.txt", "--engine", "pseudo")
        assert done.exit_code == 0, done.stderr
        catalog = (workdir / "locales/es/LC_MESSAGES/story.po").read_bytes()
        for path, data in saved.items():
            path.write_bytes(data)
        return b"\n".join(line for line in catalog.splitlines() if b"-Date:" not in line)

    with monkeypatch.context() as off:
        off.setenv(NO_RUN_CACHE_ENV, "1")
        expected = update()
    with monkeypatch.context() as patched:
        patched.setattr(glossary_module, "_parse", _refuse_parsing_now)
        assert update() == expected
    (workdir / ".localize" / FILE_NAME).write_bytes(b"damaged" * 100)
    assert update() == expected
    (workdir / "glossary.yaml").write_text(LAYER.replace("kind: place", "kind: planet"))
    for _ in range(2):
        glossary_module._cached_parse.cache_clear()
        done = run_cli("update", "story.txt", "--engine", "pseudo")
        assert done.exit_code == 2
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "glossary.yaml:" in lines[0] and "kind must be" in lines[0]


def _refuse_parsing_now(_text: str, _path: Path) -> Glossary:
    raise AssertionError("a stored glossary was parsed again")


def test_a_lone_surrogate_is_stored_and_given_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyYAML without libyaml accepts a "\\ud800" escape, which SQLite cannot encode: the
    store keeps it escaped, and never fails the run."""
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    monkeypatch.chdir(tmp_path)
    layer = tmp_path / "glossary.yaml"
    layer.write_text(LAYER.replace("'Newsroom addition.'", '"odd \\ud800 note"'), encoding="utf-8")
    fresh = _fresh(layer)
    assert "\ud800" in fresh.by_id["newsroom-term"].note
    _assert_same(_kept_then_read(layer, tmp_path, monkeypatch), fresh)


def test_the_stored_form_patterns_match_as_fresh_ones_and_none_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store keeps what matching makes of each source form (regex, needle, stems): a
    glossary read from it matches the examples' sentences as a fresh parse does, without
    making a pattern again."""
    lines = [
        line
        for path in sorted((Path(__file__).parents[1] / "examples").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    # Cased otherwise too, so that a pattern's case-sensitivity is put to the test.
    sentences = lines + [line.lower() for line in lines] + [line.upper() for line in lines]
    fresh = _fresh(shipped_path())
    expected = [[(m.entry.id, m.start, m.end, m.text) for m in fresh.match(s)] for s in sentences]
    assert sum(map(len, expected)) > 100  # the examples hold many terms
    with kept_in(tmp_path):
        load_glossary(shipped_path())
    # What this process made is forgotten: only the store can answer now.
    monkeypatch.setattr(glossary_module, "_FORM_PATTERNS", {})

    def refuse(*_arguments: object) -> None:
        raise AssertionError("a stored form's pattern was made again")

    monkeypatch.setattr(glossary_module, "_make_form_pattern", refuse)
    _refuse_parsing(monkeypatch)
    with kept_in(tmp_path):
        stored = load_glossary(shipped_path())
    found = [[(m.entry.id, m.start, m.end, m.text) for m in stored.match(s)] for s in sentences]
    assert found == expected


def test_another_stemmer_library_keys_the_store_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stored patterns hold PyStemmer's stems: a reinstalled release (another file) must
    # not be answered with them. A module of that name first on the path stands for it (and
    # the loaded library is set aside: find_spec answers for a loaded module with its own).
    import importlib
    import sys

    from localize import codestamp

    layer = tmp_path / "glossary.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    codestamp.code_stamp.cache_clear()
    installed = glossary_store._key(LAYER, layer)
    library = tmp_path / "library"
    library.mkdir()
    monkeypatch.syspath_prepend(str(library))
    monkeypatch.delitem(sys.modules, "Stemmer", raising=False)
    keys = []
    for body in ("release = 1\n", "release = 22\n"):
        (library / "Stemmer.py").write_text(body, encoding="utf-8")
        importlib.invalidate_caches()
        codestamp.code_stamp.cache_clear()
        keys.append(glossary_store._key(LAYER, layer))
    monkeypatch.undo()
    codestamp.code_stamp.cache_clear()
    assert glossary_store._key(LAYER, layer) == installed
    assert len({installed, *keys}) == 3


def test_a_damaged_pattern_row_leaves_the_process_s_patterns_as_they_were(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stored body that fails to decode is parsed afresh: none of its pattern rows, not even
    the well-formed ones before the damage, may be taken for this process's patterns."""
    import json

    body = json.loads(glossary_store.encode(load_glossary(shipped_path())))
    stranger = ["Zzyzx", "auto", "place", True, "Zzyzx", 2, "zzyzx", None]
    damaged_rows = dict(body, form_patterns=[stranger, ["Zzyzx", "auto"]])
    damaged_entries = dict(body, form_patterns=[stranger], entries=[["too", "few"]])
    monkeypatch.setattr(glossary_module, "_FORM_PATTERNS", {})
    for damaged in (damaged_rows, damaged_entries):
        with pytest.raises(ValueError):
            glossary_store.decode(json.dumps(damaged))
        assert glossary_module._FORM_PATTERNS == {}
    glossary_store.decode(json.dumps(dict(body, form_patterns=[stranger])))
    assert ("Zzyzx", "auto", "place", True) in glossary_module._FORM_PATTERNS


def test_one_form_under_two_settings_is_matched_by_each_setting(tmp_path: Path) -> None:
    """A form's pattern is kept by the form and every setting that makes it, so glossaries
    that give the same form another case or whole-word setting do not share a pattern."""
    template = """\
schema: 1
version: "1"
source_language: en
languages: [es]
entries:
  - id: african-union
    source: AU
    case: {case}
    whole_word: {whole}
    targets: {{es: UA}}
    note: test
"""
    found = {}
    for case, whole in (("sensitive", "true"), ("insensitive", "true"), ("sensitive", "false")):
        folder = tmp_path / f"{case}-{whole}"
        folder.mkdir()
        path = folder / "glossary.yaml"
        path.write_text(template.format(case=case, whole=whole), encoding="utf-8")
        glossary = load_glossary(path)
        found[case, whole] = [m.text for m in glossary.match("An AU envoy, an au pair, AUDIT.")]
    assert found == {
        ("sensitive", "true"): ["AU"],
        ("insensitive", "true"): ["AU", "au"],
        ("sensitive", "false"): ["AU", "AU"],
    }
