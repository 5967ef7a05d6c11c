"""Weblate as the review server: it reads and writes PO files through translate-toolkit, with the
component's file mask ``locales/*/LC_MESSAGES/<article>.po`` and the POT as template. Re-merging
after a template change is msgmerge or pot2po (tests/test_merge_tools.py)."""

from __future__ import annotations

from pathlib import Path

import polib
from translate.storage import factory

from conftest import msgfmt_check, run_cli

CATALOG = Path("locales/es/LC_MESSAGES/story.po")


def test_translate_toolkit_reads_and_writes_our_catalogs_byte_for_byte(workdir: Path) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    for path in (CATALOG, Path("locales/story.pot")):
        store = factory.getobject(str(path))
        assert len([u for u in store.units if not u.isheader()]) == len(polib.pofile(str(path)))
        assert bytes(store) == path.read_bytes(), path


def test_an_approval_saved_by_weblate_is_kept_by_localize(workdir: Path) -> None:
    assert run_cli("translate", "story.txt", "--to", "es", "--engine", "pseudo").exit_code == 0
    store = factory.getobject(str(CATALOG))
    unit = next(u for u in store.units if not u.isheader() and u.isfuzzy())
    unit.target = "Traducción aprobada en Weblate."
    unit.markfuzzy(False)
    CATALOG.write_bytes(bytes(store))
    msgfmt_check(CATALOG)
    for args in (
        ("update", "story.txt", "--no-translate"),
        ("translate", "story.txt", "--to", "es", "--engine", "pseudo", "--retranslate-fuzzy"),
    ):
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        entry = polib.pofile(str(CATALOG)).find(unit.source)
        assert entry.msgstr == "Traducción aprobada en Weblate." and not entry.fuzzy, args
    msgfmt_check(CATALOG)
