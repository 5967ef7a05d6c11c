"""The extracted comments (``#.``) localize writes, and how they are read back.

Every extracted comment of a catalog is localize's own, in three groups and in this order:
what the unit is (``type: heading 2``, ``paragraph 3``), the glossary terms it contains
(``glossary: SCO → OCS — note``, refreshed from the glossary in use on every run), and where
its translation came from (``machine translation: …``, ``glossary placed: …``; these travel
with the translation through merges). Keeping one order means an unchanged catalog is written
back byte for byte.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import polib

if TYPE_CHECKING:  # the CLI imports this module; the glossary (YAML) loads only when used
    from localize.glossary import Glossary
    from localize.glossary_notes import GlossaryNotes

GLOSSARY_PREFIX = "glossary: "
PROVENANCE_PREFIXES = (
    "machine translation:",
    "from memory:",
    "unknown words:",
    "glossary placed:",
    "glossary-missing:",
    "glossary-forbidden:",
    "glossary-grammar:",
    "markup-missing:",
)
# Editors (polib, some web tools) wrap long comments: a line that starts with none of these
# continues the one before.
COMMENT_PREFIXES = ("type:", "paragraph ", "paragraphs ", GLOSSARY_PREFIX, *PROVENANCE_PREFIXES)


def logical_lines(comment: str | None) -> list[str]:
    """The comment's lines as localize wrote them, whatever wrapping an editor applied."""
    return list(_logical_lines(comment or ""))


# Remembered by comment: a run reads each entry's comment several times (merge, notes,
# provenance), which was a large part of an update that changed one sentence. Bounded to a
# few thousand (a long article's catalog), so a huge catalog's comments are not all kept alive
# here after its drafts were held on disk (draftspill).
@lru_cache(maxsize=4096)
def _logical_lines(comment: str) -> tuple[str, ...]:
    lines: list[str] = []
    for line in comment.splitlines():
        line = line.strip()
        if not line:
            continue
        if lines and not line.startswith(COMMENT_PREFIXES):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return tuple(lines)


def provenance(entry: polib.POEntry) -> list[str]:
    return list(_provenance(entry.comment or ""))


@lru_cache(maxsize=4096)
def _provenance(comment: str) -> tuple[str, ...]:
    return tuple(line for line in _logical_lines(comment) if line.startswith(PROVENANCE_PREFIXES))


def with_provenance(template_comment: str, notes: list[str]) -> str:
    return "\n".join(logical_lines(template_comment) + notes)


MACHINE_PREFIX = "machine translation:"
_DRAFT = re.compile(r"\[draft ([0-9a-f]{8})\]")


def draft_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def machine_note(engine: str, text: str, *, cached: bool = False) -> str:
    """The provenance line of an MT draft. It carries a digest of the draft, so that a draft a
    reviewer rewrote but left fuzzy is recognised as a person's work and never retranslated."""
    origin = " (cached from an earlier run)" if cached else ""
    return (
        f"{MACHINE_PREFIX} {engine}{origin} [draft {draft_digest(text)}]; review it, then "
        "clear the fuzzy flag"
    )


def similar_memory_note(score: float, reviewed_source: str, sentence: str) -> str:
    """The note of a proposal from the reviewed translation of a similar sentence: how similar,
    and which words differ, so the reviewer knows what to change."""
    import difflib

    old, new = reviewed_source.split(), sentence.split()
    changes = []
    for tag, a, b, c, d in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "equal":
            changes.append(f"'{' '.join(old[a:b])}' -> '{' '.join(new[c:d])}'")
    shown = "; ".join(changes[:4]) + ("; ..." if len(changes) > 4 else "")
    return (
        f"from memory: {score:.0f}% similar sentence reviewed before (its source is the "
        f"#| msgid); differences: {shown or 'spacing only'}"
    )


# The digest again, as a translator comment (``# …``): msgmerge, ``pybabel update`` and pot2po
# rebuild the ``#.`` comments from the template but keep translator comments, so a catalog merged
# by them on a machine without localize's memory still tells an untouched draft.
_DRAFT_TCOMMENT = re.compile(r"^localize: machine draft ([0-9a-f]{8})\b")


# The draft line of a draft made for the sentence before its edit (``entry_state.is_stale_draft``):
# in the translator comment, which merge tools keep where they drop a flag they do not know. It
# names the msgid it was marked under, so that it says nothing once the sentence changes again
# (an approved draft that msgmerge makes fuzzy), and it stays under 76 columns, so that no tool
# wraps it onto a second line.
_STALE_WORDS = "made before msgid"
_STALE_LINE = re.compile(
    rf"^localize: machine draft ([0-9a-f]{{8}}) {_STALE_WORDS} ([0-9a-f]{{8}})$"
)


def _draft_line(digest: str, stale_for: str | None) -> str:
    if stale_for is not None:
        return f"localize: machine draft {digest} {_STALE_WORDS} {draft_digest(stale_for)}"
    return f"localize: machine draft {digest} (untouched while this digest matches)"


def draft_tcomment(text: str) -> str:
    return _draft_line(draft_digest(text), None)


def with_stale_mark(tcomment: str | None, digest: str | None, stale_for: str | None) -> str:
    """The translator comment with its draft line saying, when ``stale_for`` is a msgid, that
    the draft was made before that msgid (for the sentence before its edit), else plain. The
    digest the line records is kept as it is (it tells a draft a person has touched since);
    ``digest`` makes the line when there is none and the draft is stale."""
    lines = (tcomment or "").splitlines()
    kept = [line for line in lines if not _DRAFT_TCOMMENT.match(line)]
    recorded = next((m.group(1) for line in lines if (m := _DRAFT_TCOMMENT.match(line))), None)
    digest = recorded or digest
    if digest is not None and (stale_for is not None or recorded is not None):
        kept.append(_draft_line(digest, stale_for))
    return "\n".join(kept)


def marked_stale(entry: polib.POEntry) -> bool:
    """Whether the entry's draft line says its draft was made before the entry's msgid."""
    tcomment = entry.tcomment or ""
    if _STALE_WORDS not in tcomment:  # every entry an update selects asks: most have no mark
        return False
    for line in tcomment.splitlines():
        found = _STALE_LINE.match(line.strip())
        if found:
            return found.group(2) == draft_digest(entry.msgid)
    return False


# The draft line of an untouched draft made under an earlier glossary that the glossary in use
# finds wrong (``entry_state.is_glossary_stale_draft``), written by the run that finds it: a
# run with an engine redrafts it at once (and the line goes with the old draft); after a run
# without one (``update --no-translate``), whose glossary notes are the new glossary's, the line
# is what tells the next run with an engine to redraft it.
_GLOSSARY_WORDS = "made under an earlier glossary"


def with_glossary_mark(tcomment: str | None, digest: str) -> str:
    """The translator comment with its draft line saying that the draft (``digest``) was made
    under an earlier glossary; the translator's own lines are kept as they are."""
    lines = [line for line in (tcomment or "").splitlines() if not _DRAFT_TCOMMENT.match(line)]
    lines.append(f"localize: machine draft {digest} {_GLOSSARY_WORDS}")
    return "\n".join(lines)


def marked_glossary_stale(entry: polib.POEntry) -> bool:
    """Whether the entry's draft line says its draft was made under an earlier glossary."""
    tcomment = entry.tcomment or ""
    if _GLOSSARY_WORDS not in tcomment:
        return False
    return any(
        (found := _DRAFT_TCOMMENT.match(line.strip())) is not None
        and line.strip() == f"localize: machine draft {found.group(1)} {_GLOSSARY_WORDS}"
        for line in tcomment.splitlines()
    )


def with_draft_tcomment(tcomment: str | None, text: str | None) -> str:
    """The translator comment with localize's draft line replaced: one for ``text`` when it is
    a machine draft, none otherwise. The translator's own lines are kept as they are."""
    lines = [line for line in (tcomment or "").splitlines() if not _DRAFT_TCOMMENT.match(line)]
    if text is not None:
        lines.append(draft_tcomment(text))
    return "\n".join(lines)


def tcomment_draft_digest(entry: polib.POEntry) -> str | None:
    for line in (entry.tcomment or "").splitlines():
        found = _DRAFT_TCOMMENT.match(line.strip())
        if found:
            return found.group(1)
    return None


def recorded_draft_digest(entry: polib.POEntry) -> str | None:
    """The digest the machine-translation note recorded for the draft or, when a merge tool
    dropped the notes, the one in the translator comment; ``entry_state`` compares it with the
    msgstr to tell an untouched draft."""
    for line in provenance(entry):
        if line.startswith(MACHINE_PREFIX):
            found = _DRAFT.search(line)
            return found.group(1) if found else None
    return tcomment_draft_digest(entry)


def annotate_glossary(
    po: Iterable[polib.POEntry],
    glossary: Glossary,
    lang: str,
    notes: GlossaryNotes | None = None,
) -> None:
    """Refresh the ``glossary:`` comments reviewers see, for the glossary in use now; with
    ``notes``, a sentence's notes are computed once per glossary content and language."""
    live = [entry for entry in po if not entry.obsolete]
    known = glossary_lines(glossary, lang, [entry.msgid for entry in live], notes)
    for entry in live:
        set_glossary_lines(entry, known[entry.msgid])


def glossary_lines(
    glossary: Glossary, lang: str, msgids: list[str], notes: GlossaryNotes | None = None
) -> dict[str, list[str]]:
    """The ``glossary:`` lines of each sentence (``enforce.glossary_comments``), from
    ``notes`` when it has them."""
    from localize.enforce import glossary_comments

    if notes is not None:
        return notes.comments(glossary, lang, msgids)
    return {msgid: glossary_comments(glossary, msgid, lang) for msgid in msgids}


def set_glossary_lines(entry: polib.POEntry, terms: list[str]) -> None:
    """Put ``terms`` in the comment as its ``glossary:`` lines, in their place: after what the
    unit is, before where the translation came from (a draft set earlier keeps its notes)."""
    lines = logical_lines(entry.comment)
    base = [
        line
        for line in lines
        if not line.startswith(GLOSSARY_PREFIX) and not line.startswith(PROVENANCE_PREFIXES)
    ]
    origin = [line for line in lines if line.startswith(PROVENANCE_PREFIXES)]
    entry.comment = "\n".join(base + list(terms) + origin)
