"""What a translate/update run reports: per catalog, per article and for the whole run.

Kept apart from the pipeline (``app/translate.py``) so that a rerun with nothing to do
(``app/unchanged.py``) can print its summary without importing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from localize.engines.base import EngineOptions


@dataclass(frozen=True)
class MachineTranslation:
    """How to machine-translate; None in update --no-translate."""

    engine: str = "auto"
    options: EngineOptions = field(default_factory=EngineOptions)


@dataclass
class LocaleResult:
    """What a run did to one language's catalog: the counts of the summary and its status."""

    lang: str
    path: Path
    created: bool = False
    written: bool = False
    engine: str | None = None
    kept: int = 0
    fuzzy_matched: int = 0
    new: int = 0
    obsolete: int = 0
    revived: int = 0
    purged: int = 0
    from_memory: int = 0  # a person's translation of the same sentence, from the memory
    from_similar: int = 0  # a person's translation of a similar sentence (>= 75%), fuzzy
    from_cache: int = 0  # a machine draft of an earlier run (same engine, model, glossary)
    machine_translated: int = 0
    flagged: int = 0
    untranslated: int = 0
    backup: Path | None = None
    no_engine: str | None = None  # why no engine served this language, and how to add one
    left_for_translators: int = 0  # entries that needed a draft no engine could give
    # Machine drafts whose provenance a merge tool (msgmerge, pybabel, pot2po) had dropped,
    # recognised in the memory and annotated again.
    notes_restored: int = 0
    # Untouched machine drafts made under an earlier glossary that the glossary in use finds
    # wrong (a missing or forbidden term), selected to be redrafted; and how many of them are
    # still waiting for an engine when the run ends (update --no-translate).
    glossary_stale: int = 0
    glossary_stale_left: int = 0
    # For the stamp of an unchanged rerun (app/unchanged.py), not printed: the SHA-256 of the
    # catalog as this run left it, whether nothing in it waits for a draft, and how many
    # entries have a translation.
    digest: str | None = field(default=None, repr=False)
    settled: bool = field(default=False, repr=False)
    # No engine was asked (update --no-translate): what the run left undone, only the memory
    # and the other catalogs it learns from could change, so the stamp watches those instead.
    without_engine: bool = field(default=False, repr=False)
    translated_after: int = field(default=0, repr=False)

    def as_json(self) -> dict[str, object]:
        return {
            "catalog": str(self.path),
            "created": self.created,
            "written": self.written,
            "engine": self.engine,
            "kept": self.kept,
            "fuzzy_matched": self.fuzzy_matched,
            "new": self.new,
            "obsolete": self.obsolete,
            "revived": self.revived,
            "from_memory": self.from_memory,
            "from_similar": self.from_similar,
            "from_cache": self.from_cache,
            "machine_translated": self.machine_translated,
            "flagged": self.flagged,
            "untranslated": self.untranslated,
            "no_engine": self.no_engine,
            "left_for_translators": self.left_for_translators,
            "notes_restored": self.notes_restored,
            "redrafted_for_glossary": self.glossary_stale - self.glossary_stale_left,
            "waiting_for_glossary_redraft": self.glossary_stale_left,
        }


@dataclass
class RunResult:
    """What a run did: the template, the glossary it read, each language's result and the
    warnings; what the summary prints."""

    template: Path
    template_written: bool
    glossary: str
    locales: list[LocaleResult]
    warnings: list[str] = field(default_factory=list)
    # The SHA-256 of the template as this run left it, and the article it is of (for the
    # stamp, app/unchanged.py).
    template_digest: str | None = field(default=None, repr=False)
    article: str = field(default="", repr=False)

    @property
    def left_for_translators(self) -> list[LocaleResult]:
        """Languages that needed drafts no engine here could make."""
        return [r for r in self.locales if r.no_engine is not None]


class Progress:
    """Where the pipeline reports sentences done; the CLI plugs a rich bar in."""

    def advance(self, count: int) -> None:  # pragma: no cover - the no-op default
        pass


@dataclass
class ProjectRun:
    """One run over several articles: a result per article, and what the run shared."""

    glossary: str
    runs: list[RunResult]
    warnings: list[str] = field(default_factory=list)
    # Warnings that follow from the run's stamped inputs alone (a glossary without renderings
    # in a language of the run): a rerun on the same inputs is replayed, and says them again.
    input_warnings: list[str] = field(default_factory=list)
    # Per language, the distinct sentences this run sent to the engine (all articles together).
    sent_to_engine: dict[str, int] = field(default_factory=dict)

    @property
    def left_for_translators(self) -> list[LocaleResult]:
        return [r for run in self.runs for r in run.left_for_translators]
