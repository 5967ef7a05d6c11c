"""The SQLite translation memory: keys, reviewed memory, concurrency, corruption."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from localize.errors import LocalizeError
from localize.memory import MachineKey, Memory

REPO = Path(__file__).resolve().parents[1]
KEY = MachineKey("argos", "translate-en_es-1_0", "1.0", "en", "es", glossary="g1")


def test_machine_translations_are_keyed_by_everything_that_changes_output(tmp_path: Path):
    path = tmp_path / ".localize" / "memory.sqlite"
    with Memory.open(path) as memory:
        memory.store_machine(KEY, [("The cat.", "El gato."), ("Peace.", "Paz.")])
        assert memory.lookup_machine(KEY, ["The cat.", "Peace.", "New."]) == {
            "The cat.": "El gato.",
            "Peace.": "Paz.",
        }
        for changed in (
            MachineKey("argos", "translate-en_es-1_0", "1.1", "en", "es", "g1"),
            MachineKey("argos", "translate-en_es-1_0", "1.0", "en", "es", "g2"),
            MachineKey("argos", "translate-en_es-1_0", "1.0", "en", "fr", "g1"),
            MachineKey("apertium", "translate-en_es-1_0", "1.0", "en", "es", "g1"),
        ):
            assert memory.lookup_machine(changed, ["The cat."]) == {}
        # Exact source: case and trailing space matter.
        assert memory.lookup_machine(KEY, ["the cat.", "The cat. "]) == {}
    with Memory.open(path) as reopened:
        assert reopened.lookup_machine(KEY, ["Peace."]) == {"Peace.": "Paz."}
        assert reopened.count() == {"machine": 2, "reviewed": 0}


def test_reviewed_translations_latest_wins_and_are_engine_independent(tmp_path: Path):
    with Memory.open(tmp_path / "m.sqlite") as memory:
        memory.record_reviewed("en", "es", [("Peace.", "La paz.")])
        memory.record_reviewed("en", "es", [("Peace.", "Paz.")])
        assert memory.lookup_reviewed("en", "es", ["Peace.", "War."]) == {"Peace.": "Paz."}
        assert memory.lookup_reviewed("en", "fr", ["Peace."]) == {}


def test_many_sources_in_one_lookup(tmp_path: Path) -> None:
    sources = [f"Sentence number {i}." for i in range(2500)]
    with Memory.open(tmp_path / "m.sqlite") as memory:
        memory.store_machine(KEY, [(s, s.upper()) for s in sources[::2]])
        found = memory.lookup_machine(KEY, sources)
    assert len(found) == 1250 and found["Sentence number 4."] == "SENTENCE NUMBER 4."


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from localize.memory import MachineKey, Memory
    path, tag = Path(sys.argv[1]), sys.argv[2]
    key = MachineKey("argos", "m", "1", "en", "es")
    with Memory.open(path) as memory:
        for batch in range(40):
            memory.store_machine(key, [(f"{tag}-{batch}-{i}", f"t{i}") for i in range(50)])
            memory.record_reviewed("en", "es", [(f"{tag}-{batch}", "r")])
    """
)


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), tag],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with Memory.open(path) as memory:
        assert memory.count() == {"machine": 2 * 40 * 50, "reviewed": 2 * 40}
        key = MachineKey("argos", "m", "1", "en", "es")
        assert memory.lookup_machine(key, ["a-39-49", "b-0-0"]) == {"a-39-49": "t49", "b-0-0": "t0"}
        integrity = memory._db.execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"


def test_corrupt_file_names_the_file_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LocalizeError) as caught:
        Memory.open(path)
    message = str(caught.value)
    # Never "delete it": reviewed translations may live only there (issue 14).
    assert str(path) in message and "delete" not in message and ".recover" in message


def test_damaged_pages_are_reported_not_raised_raw(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite"
    with Memory.open(path) as memory:
        memory.store_machine(KEY, [(f"s{i}" * 50, "t" * 200) for i in range(400)])
        memory._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)
    path.write_bytes(bytes(data))
    with pytest.raises(LocalizeError, match="corrupt"), Memory.open(path) as memory:
        memory.lookup_machine(KEY, [f"s{i}" * 50 for i in range(400)])


def test_unwritable_location(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LocalizeError, match="cannot open the translation memory"):
        Memory.open(blocker / "memory.sqlite")
