"""Make localize/data/abbreviations/<lang>.json from each <lang>.yaml beside it.

The segmenter reads the JSON instead of the YAML (PyYAML's import is most of the cost of
segmenting one edited paragraph in an update) while the JSON names the SHA-256 of the YAML it
was made from; a YAML edited since is read itself. Run this after editing a YAML file:
tests/test_segment_rules_data.py fails until the JSON files match.

Usage: .venv/bin/python scripts/build_segment_rules.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from localize.segment import SUPPORTED_LANGUAGES, parsed_rules, rules_path  # noqa: E402


def made_from_yaml(lang: str) -> str:
    """The JSON text for ``lang``'s YAML rules file as it is now."""
    path = rules_path(lang)
    source = path.read_bytes()
    document = {
        "yaml_sha256": hashlib.sha256(source).hexdigest(),
        "rules": parsed_rules(path, source),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    for lang in SUPPORTED_LANGUAGES:
        path = rules_path(lang).with_suffix(".json")
        path.write_text(made_from_yaml(lang), encoding="utf-8")
        print(path.relative_to(REPO))


if __name__ == "__main__":
    main()
