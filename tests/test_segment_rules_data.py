"""The segmenter's rules come from JSON made from their YAML (scripts/build_segment_rules.py):
the JSON must say what the YAML says, and a YAML edited since its JSON was made is read itself."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from localize import segment
from localize.segment import SUPPORTED_LANGUAGES, parsed_rules, rules_data, rules_path


@pytest.fixture
def rules_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped rules files that the segmenter reads, its caches emptied."""
    folder = tmp_path / "abbreviations"
    shutil.copytree(rules_path("en").parent, folder)
    monkeypatch.setattr(segment, "_DATA_DIR", folder)
    segment._load_rules.cache_clear()
    segment._rules.cache_clear()
    yield folder
    segment._load_rules.cache_clear()
    segment._rules.cache_clear()


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_each_json_is_made_from_its_yaml_as_it_is_now(lang: str) -> None:
    path = rules_path(lang)
    source = path.read_bytes()
    made = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert made["yaml_sha256"] == hashlib.sha256(source).hexdigest(), (
        f"{path.name} changed: run scripts/build_segment_rules.py"
    )
    assert made["rules"] == parsed_rules(path, source)
    assert made["rules"]["cased"] in ("true", "false")  # BaseLoader's strings, as parsed


def test_a_yaml_edited_after_its_json_is_read_itself(rules_dir: Path) -> None:
    text = "He thanked Zzq. Smith for the visit. Then he left."
    assert len(segment.split_sentences(text, "en")) == 3
    yaml_file = rules_dir / "en.yaml"
    yaml_file.write_text(
        yaml_file.read_text(encoding="utf-8").replace(
            "prepositive: [mr,", "prepositive: [zzq, mr,"
        ),
        encoding="utf-8",
    )
    segment._load_rules.cache_clear()
    segment._rules.cache_clear()
    assert "zzq" in rules_data("en")["prepositive"]
    assert segment.split_sentences(text, "en") == [(0, 36), (37, 50)]


def test_a_damaged_or_missing_json_gives_the_yamls_rules(rules_dir: Path) -> None:
    shipped = {lang: rules_data(lang) for lang in ("en", "fr")}
    (rules_dir / "en.json").write_text('{"yaml_sha256": ', encoding="utf-8")
    (rules_dir / "fr.json").unlink()
    assert {lang: rules_data(lang) for lang in ("en", "fr")} == shipped


def test_segmenting_imports_no_yaml() -> None:
    code = (
        "import sys, localize.segment as s; "
        "assert s.split_sentences('Mr. A. Smith left. He came back.', 'fr') == [(0, 18), (19, 32)]"
        "; assert 'yaml' not in sys.modules, 'yaml imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
