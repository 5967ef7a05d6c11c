"""Load the Pragmatic Segmenter English "Golden Rules" from pySBD's source distribution.

The rules are public text we may not copy into the repository, so they are read from the
extracted pySBD 0.3.3 sdist: ``$LOCALIZE_GOLDEN_DIR`` or ``<repo>/.cache/pysbd-0.3.3/``.
``scripts/setup.sh`` (run by ``make test`` and ``make check``) fetches it; ``FETCH_COMMAND``
says how by hand.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RULES_FILE = Path("benchmarks") / "english_golden_rules.py"
FETCH_COMMAND = (
    "mkdir -p .cache && pip download -q --no-deps --no-binary :all: pysbd==0.3.3 -d .cache"
    " && tar xzf .cache/pysbd-0.3.3.tar.gz -C .cache"
)


class GoldenRulesMissing(Exception):
    """The pySBD sdist has not been fetched (or LOCALIZE_GOLDEN_DIR points elsewhere)."""


def golden_dir() -> Path:
    configured = os.environ.get("LOCALIZE_GOLDEN_DIR")
    return Path(configured) if configured else REPO / ".cache" / "pysbd-0.3.3"


def load_golden_en_rules() -> list[tuple[str, list[str]]]:
    """The (text, expected sentences) pairs of GOLDEN_EN_RULES.

    The file is parsed, not executed: only the literal list assigned to GOLDEN_EN_RULES is read.
    """
    path = golden_dir() / RULES_FILE
    if not path.is_file():
        raise GoldenRulesMissing(
            f"{path} not found; fetch it from the repo root with: "
            f"{FETCH_COMMAND} (or set LOCALIZE_GOLDEN_DIR)"
        )
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "GOLDEN_EN_RULES" for t in node.targets
        ):
            rules = ast.literal_eval(node.value)
            return [(text, list(expected)) for text, expected in rules]
    raise GoldenRulesMissing(f"{path} has no GOLDEN_EN_RULES list; is it pySBD 0.3.3?")
