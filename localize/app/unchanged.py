"""No work for what did not change: the stamp of a translate/update run that left nothing to do.

After a run, a stamp in ``.localize/unchanged.json`` records the run's inputs (the command and
its options, the articles' bytes, the glossary files' bytes, localize's code) under one
digest, with the digest of every template and catalog as the run left them (computed from the
bytes it read or wrote, never re-read: a file saved by someone after the run does not match).
The same command on the same inputs, while every one of those files still has that digest, has
nothing to do either: merging an unchanged article into an unchanged catalog keeps every entry,
and nothing needs a draft. So it prints the summary such a run prints (everything kept, nothing
written) without segmenting the article, parsing the glossary or reading the catalogs.

A reviewer's edit to a catalog, a changed article or glossary file, another option or other
code of localize each give another digest, and the run is done in full. A run is stamped
only when it leaves every catalog settled (no entry waiting for a draft) and printed no warning
but those its inputs alone decide (``ProjectRun.input_warnings``), which the replay prints
again, so a replay never hides one. A run that asked no engine (``update --no-translate``) and
left entries empty is stamped too, watching what could fill them: the memory's file and every
catalog of the locales directory (size and modification time), so that a TMX imported or a
sentence reviewed in another article since is proposed by a full run. ``--force`` and
``--retranslate-fuzzy`` are never replayed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from localize.codestamp import code_stamp
from localize.project import NO_RUN_CACHE_ENV, Project, work_dir

if TYPE_CHECKING:
    from localize.app.results import ProjectRun

STAMP_FILE = "unchanged.json"
SCHEMA = 1
# Distinct runs remembered (commands, option sets, article sets); the oldest goes first.
KEPT_RUNS = 32


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class RunInputs:
    """Everything a translate/update run's result depends on, as one digest; None when some
    input cannot be stamped (standard input), so the run is always done in full."""

    digest: str | None

    @classmethod
    def of(
        cls,
        command: str,
        articles: list[str],
        langs: list[str],
        options: dict[str, object],
        glossary: Path | None,
    ) -> RunInputs:
        if os.environ.get(NO_RUN_CACHE_ENV) or any(a == "-" for a in articles):
            return cls(None)
        inputs: dict[str, object] = {
            "localize": code_stamp(),
            "command": command,
            "cwd": os.getcwd(),
            "langs": langs,
            "options": options,
            "source_lang_env": os.environ.get("LOCALIZE_SOURCE_LANG"),
        }
        # The glossary in use and the ones that can decide it or the source language: the
        # option's file, ./glossary.yaml, and the shipped glossary a layered one extends.
        candidates = [glossary, Path("glossary.yaml"), _shipped_glossary()]
        inputs["glossaries"] = [
            (str(path.resolve()), _file_digest(path)) for path in candidates if path is not None
        ]
        files = []
        for article in articles:
            digest = _file_digest(Path(article))
            if digest is None:
                return cls(None)  # the full run reports why the article cannot be read
            files.append((article, str(Path(article).resolve()), digest))
        inputs["articles"] = files
        text = json.dumps(inputs, sort_keys=True, default=str)
        return cls(hashlib.sha256(text.encode("utf-8")).hexdigest())


def _shipped_glossary() -> Path:
    """``glossary.shipped_path()`` without importing the glossary module (YAML and all), nor
    importlib.resources (and zipfile): localize is installed as files, never run from a zip."""
    import localize

    return Path(localize.__file__).parent / "data" / "glossary.yaml"


def _stamp_path(project: Project) -> Path:
    return work_dir(project.locales_dir) / STAMP_FILE


def _read_stamps(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return {}
    runs = data.get("runs")
    return runs if isinstance(runs, dict) else {}


def replay(project: Project, inputs: RunInputs) -> ProjectRun | None:
    """The result of a run on ``inputs`` when an earlier run on the same inputs left every
    template and catalog as they are now (checked by content under the project's lock); None
    when the run must be done."""
    if inputs.digest is None:
        return None
    path = _stamp_path(project)
    if not path.is_file():
        return None
    from localize.lock import locked

    with locked(project.locales_dir):
        stamp = _read_stamps(path).get(inputs.digest)
        if not isinstance(stamp, dict):
            return None
        files = stamp.get("files", {})
        if not files or any(_file_digest(Path(p)) != digest for p, digest in files.items()):
            return None
        if "watch" in stamp and stamp["watch"] != _watched(project):
            return None
        return _run_from_json(stamp["result"])


def record(project: Project, inputs: RunInputs, run: ProjectRun) -> None:
    """Stamp ``run`` when it left nothing to do for the same command again: every catalog
    settled, no warning, and the digest of every file known from what the run read or wrote."""
    if inputs.digest is None or run.warnings or run.left_for_translators:
        return
    files: dict[str, str] = {}
    templates: dict[str, str] = {}
    waiting = False
    for result in run.runs:
        if result.template_digest is None:
            return
        files[str(result.template.resolve())] = result.template_digest
        templates[str(result.template.resolve())] = result.article
        for locale in result.locales:
            if locale.digest is None or not (locale.settled or locale.without_engine):
                return
            waiting = waiting or not locale.settled
            files[str(locale.path.resolve())] = locale.digest
    path = _stamp_path(project)
    if not path.parent.is_dir():
        return
    runs = _read_stamps(path)
    runs.pop(inputs.digest, None)
    stamp: dict[str, object] = {"files": files, "templates": templates, "result": _run_as_json(run)}
    if waiting:
        stamp["watch"] = _watched(project)
    runs[inputs.digest] = stamp
    while len(runs) > KEPT_RUNS:
        runs.pop(next(iter(runs)))
    from localize.errors import LocalizeError
    from localize.fileio import atomic_write

    text = json.dumps({"schema": SCHEMA, "runs": runs}, ensure_ascii=False)
    try:
        atomic_write(path, text.encode("utf-8"))
    except LocalizeError:
        return  # the stamp only saves time: without it the next run is done in full


def _watched(project: Project) -> list[list[object]]:
    """What could fill an entry a run without an engine left empty: the memory (its file's size
    and modification time; the write-ahead log's too, an absent one read as empty, since a
    reader may leave an empty one) and every catalog of the locales directory (a person's
    review in another article is learned from there)."""
    memory = project.memory_path().resolve()
    catalogs = sorted(p.resolve() for p in project.locales_dir.glob("*/LC_MESSAGES/*.po"))
    watched: list[list[object]] = []
    for path in (memory, *catalogs):
        try:
            stat = path.stat()
        except OSError:
            watched.append([str(path), None, None])
            continue
        watched.append([str(path), stat.st_size, stat.st_mtime_ns])
    try:
        wal = memory.with_name(memory.name + "-wal").stat()
    except OSError:
        watched.append([f"{memory}-wal", 0, None])
    else:
        # A commit that fits in the log leaves its size as it was: its time tells.
        watched.append([f"{memory}-wal", wal.st_size, wal.st_mtime_ns if wal.st_size else None])
    return watched


def templates_written_by_localize(project: Project) -> Callable[[Path, str], str | None]:
    """For ``write_template``: given a template file and the SHA-256 of its bytes, the article
    localize wrote it for (as a stamped run left it), else None."""
    known: dict[tuple[str, str], str] = {}
    for stamp in _read_stamps(_stamp_path(project)).values():
        if not isinstance(stamp, dict):
            continue
        files, articles = stamp.get("files", {}), stamp.get("templates", {})
        for path, article in articles.items():
            if path in files:
                known[path, files[path]] = article

    def written_by(path: Path, digest: str) -> str | None:
        return known.get((str(path.resolve()), digest))

    return written_by


def _run_as_json(run: ProjectRun) -> dict[str, object]:
    """What a rerun on the same inputs reports: every translation kept, nothing written."""
    return {
        "glossary": run.glossary,
        "input_warnings": run.input_warnings,
        "runs": [
            {
                "template": str(result.template),
                "glossary": result.glossary,
                "locales": [
                    {
                        "lang": r.lang,
                        "path": str(r.path),
                        "kept": r.translated_after,
                        "untranslated": r.untranslated,
                    }
                    for r in result.locales
                ],
            }
            for result in run.runs
        ],
    }


def _run_from_json(data: dict) -> ProjectRun:
    from localize.app.results import LocaleResult, ProjectRun, RunResult

    runs = [
        RunResult(
            Path(result["template"]),
            False,
            result["glossary"],
            [
                LocaleResult(
                    lang=r["lang"],
                    path=Path(r["path"]),
                    kept=r["kept"],
                    untranslated=r["untranslated"],
                    translated_after=r["kept"],
                )
                for r in result["locales"]
            ],
        )
        for result in data["runs"]
    ]
    return ProjectRun(data["glossary"], runs, input_warnings=list(data.get("input_warnings", [])))
