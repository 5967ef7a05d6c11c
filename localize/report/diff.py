"""Word-level difference between a machine draft and the reviewed translation, for showing
what the reviewer changed."""

from __future__ import annotations

import difflib
import re

# Words, single punctuation marks and runs of space are the units a reader sees change.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
Segment = tuple[str, str]  # (EQUAL | DELETE | INSERT, text)


def word_diff(draft: str, reviewed: str) -> list[Segment]:
    """Segments that spell the draft (EQUAL + DELETE) and the reviewed text (EQUAL + INSERT)."""
    old, new = _TOKEN.findall(draft), _TOKEN.findall(reviewed)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(segments, EQUAL, "".join(old[i1:i2]))
            continue
        if i2 > i1:
            _append(segments, DELETE, "".join(old[i1:i2]))
        if j2 > j1:
            _append(segments, INSERT, "".join(new[j1:j2]))
    return segments


def _append(segments: list[Segment], op: str, text: str) -> None:
    if segments and segments[-1][0] == op:
        segments[-1] = (op, segments[-1][1] + text)
    else:
        segments.append((op, text))


def side(segments: list[Segment], which: str) -> list[Segment]:
    """The segments of one side: ``DELETE`` for the draft, ``INSERT`` for the reviewed text."""
    return [(op, text) for op, text in segments if op in (EQUAL, which)]
