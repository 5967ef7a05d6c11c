"""Argos Translate model packages: where they live, which are installed, installing them.

Packages are zip archives (``.argosmodel``) holding one folder with ``metadata.json``, a
CTranslate2 ``model/`` and a tokenizer. An archive is untrusted input: it is validated before
anything lands in the models directory, extracted into a hidden temporary folder there and
renamed into place, so argostranslate's own listing (which fails on any folder without
``metadata.json``) never sees a half-installed package.

This module must stay cheap to import: no ctranslate2, no argostranslate.translate.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from localize.errors import LocalizeError

ENV_MODELS_DIR = "LOCALIZE_MODELS_DIR"
ENV_INDEX_URL = "LOCALIZE_ARGOS_INDEX_URL"
INDEX_TIMEOUT = 10.0  # seconds; one attempt, no retries: offline must fail fast
# The whole index download, not each read, is bounded: a server that drips one byte at a time
# never trips a socket timeout. The real index is some 100 KB.
MAX_INDEX_BYTES = 16 << 20
# A package may not be larger than it may unpack to; it is streamed to disk, not held in memory.
MAX_DOWNLOAD_BYTES = 4 << 30
DOWNLOAD_TIMEOUT = 3600.0  # seconds for a whole package: some hundred MB on a slow line
_READ_SIZE = 1 << 16
_TMP_PREFIX = ".localize-install-"
_TOKENIZERS = ("sentencepiece.model", "bpe.model")
_REQUIRED_MODEL_FILES = ("model/model.bin", "model/config.json")
# Caps on what an archive may inflate to, checked on the sizes its directory declares before
# anything is inflated (zipfile then never reads past a member's declared size). Argos packages
# hold one CTranslate2 model of some hundred MB; 4 GiB leaves room for far larger models while a
# zip bomb cannot fill the disk. Model weights (float or int8) barely compress, sentencepiece
# and vocabulary files about 2-4x: a member that inflates more than 100x, or a whole archive
# more than 20x its size, is not a model. Ratios are judged only past 16 MiB: small files (a
# test model of zeros, a README) compress well and cannot fill a disk.
MAX_UNPACKED_BYTES = 4 << 30
MAX_MEMBER_RATIO = 100
MAX_ARCHIVE_RATIO = 20
_RATIO_FLOOR = 16 << 20


@dataclass(frozen=True)
class InstalledPackage:
    """A package folder in the models directory."""

    path: Path
    name: str  # folder name, e.g. "translate-en_es-1_9"
    source: str
    target: str
    version: str
    source_name: str = ""
    target_name: str = ""
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.source}->{self.target}"


@dataclass(frozen=True)
class IndexPackage:
    """An entry of the Argos package index (a JSON list of package metadata)."""

    source: str
    target: str
    version: str
    links: tuple[str, ...]
    source_name: str = ""
    target_name: str = ""

    @property
    def filename(self) -> str:
        # The name argospm gives the download: translate-<from>_<to>.argosmodel.
        return f"translate-{self.source}_{self.target}.argosmodel"


def default_models_dir() -> Path:
    """argostranslate's packages directory (honours ARGOS_PACKAGES_DIR)."""
    from argostranslate import settings  # light: no torch, no ctranslate2

    return Path(settings.package_data_dir)


def resolve_models_dir(explicit: Path | None = None) -> Path:
    """``--models-dir``, else ``$LOCALIZE_MODELS_DIR``, else argostranslate's directory."""
    if explicit is not None:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_MODELS_DIR)
    if env:
        return Path(env).expanduser()
    return default_models_dir()


def index_url(explicit: str | None = None) -> str:
    """``--index-url``, else ``$LOCALIZE_ARGOS_INDEX_URL``, else argostranslate's index."""
    if explicit:
        return explicit
    env = os.environ.get(ENV_INDEX_URL)
    if env:
        return env
    from argostranslate import settings

    return str(settings.remote_package_index)


def install_hint(source: str, target: str) -> str:
    return f"localize models install {source} {target}"


def reinstall_hint(source: str, target: str) -> str:
    """How to replace a damaged package, offline too (the index needs a network)."""
    return (
        f"`localize models install FILE.argosmodel --force`, or `{install_hint(source, target)} "
        "--force` where the Argos index is reachable"
    )


# --- installed packages -------------------------------------------------------------------


def read_package(folder: Path) -> InstalledPackage:
    """Read one installed package folder; raise LocalizeError when it is not a valid one."""
    meta_path = folder / "metadata.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LocalizeError(
            f"{folder}: not an Argos package (no metadata.json); remove the folder"
        ) from None
    except (OSError, ValueError) as exc:
        raise LocalizeError(
            f"{meta_path}: unreadable package metadata ({exc}); reinstall the package"
        ) from None
    return _package_from_metadata(folder, meta, str(meta_path))


def _package_from_metadata(folder: Path, meta: Any, where: str) -> InstalledPackage:
    if not isinstance(meta, dict):
        raise LocalizeError(f"{where}: metadata is not a JSON object; use a valid package")
    source, target = meta.get("from_code"), meta.get("to_code")
    if not isinstance(source, str) or not isinstance(target, str) or not source or not target:
        raise LocalizeError(f"{where}: metadata lacks from_code/to_code; use a valid package")
    for field, code in (("from_code", source), ("to_code", target)):
        # The codes name directories, cache keys and command lines: only a code's shape passes.
        if not _LANGUAGE_CODE.fullmatch(code):
            raise LocalizeError(
                f"{where}: {field} {code!r} is not a language code (such as en, es, zh or "
                "pt_BR); not a valid package"
            )
    kind = meta.get("type", "translate")
    if kind != "translate":
        raise LocalizeError(f"{where}: package type '{kind}' is not a translation package")
    return InstalledPackage(
        path=folder,
        name=folder.name,
        source=source,
        target=target,
        version=str(meta.get("package_version", "")),
        source_name=str(meta.get("from_name", "")),
        target_name=str(meta.get("to_name", "")),
        target_prefix=str(meta.get("target_prefix", "") or ""),
    )


def scan_packages(models_dir: Path) -> tuple[list[InstalledPackage], list[str]]:
    """Translation packages in ``models_dir``, sorted by pair, and why each other folder was
    skipped. Hidden folders (our own in-progress installs) are not packages at all."""
    if not models_dir.is_dir():
        return [], []
    found, problems = [], []
    for folder in sorted(models_dir.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        try:
            found.append(read_package(folder))
        except LocalizeError as error:
            # A broken or foreign folder must not hide the valid packages beside it, but it is
            # reported, so that a damaged install does not fall back to another engine unseen.
            problems.append(str(error))
    return sorted(found, key=lambda p: (p.source, p.target, p.name)), problems


def installed_packages(models_dir: Path) -> list[InstalledPackage]:
    return scan_packages(models_dir)[0]


def unreadable_packages(models_dir: Path) -> list[str]:
    return scan_packages(models_dir)[1]


def find_installed(models_dir: Path, source: str, target: str) -> InstalledPackage | None:
    for package in installed_packages(models_dir):
        if package.source == source and package.target == target:
            return package
    return None


# --- installing from a file ---------------------------------------------------------------


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*", re.ASCII)
_ENCRYPTED = 0x1  # bit 0 of a zip member's general-purpose flags
_READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


def _check_member(archive: Path, info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename
    path = PurePosixPath(name)
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or "\\" in name:
        raise LocalizeError(f"{archive}: unsafe absolute path '{name}' in archive; not installed")
    if any(part == ".." for part in path.parts):
        raise LocalizeError(f"{archive}: unsafe path '{name}' (..) in archive; not installed")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise LocalizeError(f"{archive}: symbolic link '{name}' in archive; not installed")
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise LocalizeError(f"{archive}: special file '{name}' in archive; not installed")
    if info.flag_bits & _ENCRYPTED:
        raise LocalizeError(
            f"{archive}: member '{name}' is encrypted; Argos packages are not: download it again"
        )
    if info.compress_type not in _READABLE_METHODS:
        raise LocalizeError(
            f"{archive}: member '{name}' uses zip compression method {info.compress_type}, "
            "which cannot be read here; repack it with plain deflate (zip -r) or download it again"
        )
    return path


def _check_sizes(archive: Path, infos: list[zipfile.ZipInfo]) -> None:
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise LocalizeError(
            f"{archive}: would unpack to {unpacked / (1 << 20):,.0f} MiB, over the "
            f"{MAX_UNPACKED_BYTES / (1 << 20):,.0f} MiB a model package may take; not installed"
        )
    packed = max(archive.stat().st_size, 1)
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_MEMBER_RATIO * max(
            info.compress_size, 1
        ):
            raise LocalizeError(
                f"{archive}: member '{info.filename}' would inflate "
                f"{info.file_size / max(info.compress_size, 1):,.0f}x (a model package's files "
                f"inflate at most {MAX_MEMBER_RATIO}x); not installed"
            )
    if unpacked > _RATIO_FLOOR and unpacked > MAX_ARCHIVE_RATIO * packed:
        raise LocalizeError(
            f"{archive}: would inflate {unpacked / packed:,.0f}x its size (a model package "
            f"inflates at most {MAX_ARCHIVE_RATIO}x); not installed"
        )


def inspect_archive(archive: Path) -> tuple[str, dict[str, Any]]:
    """Validate an ``.argosmodel`` without extracting it; return (top folder, metadata)."""
    if archive.is_dir():
        raise LocalizeError(f"{archive}: is a directory; give the path of an .argosmodel file")
    if not archive.is_file():
        raise LocalizeError(f"{archive}: no such file; give the path of an .argosmodel file")
    if not zipfile.is_zipfile(archive):
        raise LocalizeError(
            f"{archive}: not an Argos package (an .argosmodel is a zip archive; the file may be "
            "truncated or of another type); download it again"
        )
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            paths = [_check_member(archive, info) for info in infos]
            _check_sizes(archive, infos)
            tops = {p.parts[0] for p in paths if p.parts}
            if len(tops) != 1:
                raise LocalizeError(
                    f"{archive}: a package must hold exactly one top folder, found "
                    f"{len(tops)}; not installed"
                )
            top = tops.pop()
            if all(len(p.parts) == 1 for p in paths if p.parts and p.parts[0] == top):
                raise LocalizeError(
                    f"{archive}: '{top}' is a file at the archive's top level; a package holds "
                    "one folder with the model inside; not installed"
                )
            if top in (".", "") or top.startswith("."):
                raise LocalizeError(f"{archive}: invalid top folder '{top}'; not installed")
            names = {p.as_posix() for p in paths}
            if f"{top}/metadata.json" not in names:
                raise LocalizeError(f"{archive}: missing {top}/metadata.json; not installed")
            missing = [f for f in _REQUIRED_MODEL_FILES if f"{top}/{f}" not in names]
            if missing:
                raise LocalizeError(
                    f"{archive}: missing model file(s) {', '.join(missing)}; not installed"
                )
            if not any(f"{top}/{t}" in names for t in _TOKENIZERS):
                raise LocalizeError(
                    f"{archive}: no tokenizer (sentencepiece.model or bpe.model); not installed"
                )
            bad = zf.testzip()
            if bad is not None:
                raise LocalizeError(f"{archive}: corrupt member '{bad}'; download it again")
            try:
                meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
            except ValueError as exc:
                raise LocalizeError(
                    f"{archive}: metadata.json is not valid JSON ({exc}); not installed"
                ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise LocalizeError(f"{archive}: corrupt archive ({exc}); download it again") from None
    _package_from_metadata(Path(top), meta, f"{archive}: metadata.json")
    return top, meta


def _writable_dir(models_dir: Path) -> None:
    hint = f"choose another with --models-dir or ${ENV_MODELS_DIR}"
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LocalizeError(
            f"{models_dir}: cannot create the models directory ({exc.strerror}); {hint}"
        ) from None
    if not models_dir.is_dir():
        raise LocalizeError(f"{models_dir}: not a directory; {hint}")


def install_file(archive: Path, models_dir: Path, force: bool = False) -> InstalledPackage:
    """Install an ``.argosmodel`` file into ``models_dir`` atomically."""
    archive = Path(archive)
    top, meta = inspect_archive(archive)
    source, target = meta["from_code"], meta["to_code"]
    _writable_dir(models_dir)
    existing = find_installed(models_dir, source, target)
    destination = models_dir / top
    if not force:
        if existing is not None:
            raise LocalizeError(
                f"{existing.path}: {source}->{target} is already installed (version "
                f"{existing.version}); use --force to replace it"
            )
        if destination.exists():
            raise LocalizeError(f"{destination}: already exists; use --force to replace it")
    try:
        staging = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=models_dir))
    except OSError as exc:
        raise LocalizeError(
            f"{models_dir}: models directory is not writable ({exc.strerror}); choose another "
            f"with --models-dir or ${ENV_MODELS_DIR}"
        ) from None
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                for info in zf.infolist():
                    # Members were checked above; extract() also refuses to leave staging.
                    zf.extract(info, staging)
        except OSError as exc:
            raise LocalizeError(
                f"{models_dir}: cannot write the package ({exc.strerror}); free space or choose "
                f"another directory with --models-dir"
            ) from None
        package = read_package(staging / top)
        for required in (*_REQUIRED_MODEL_FILES, "metadata.json"):
            if not (staging / top / required).is_file():
                raise LocalizeError(f"{archive}: {required} is not a file; not installed")
        from localize.engines.argos import load_problem  # ctranslate2: only to install

        problem = load_problem(package)
        if problem is not None:
            # Its own path names the staging folder, which is gone when the user reads it.
            reason = problem.split(": ", 1)[-1].split("; ")[0]
            raise LocalizeError(f"{archive}: {reason}; not installed (download it again)")
        replaced: list[Path] = []
        for old in {p for p in (existing.path if existing else None, destination) if p}:
            if old.exists():
                aside = staging / f"old-{len(replaced)}"
                old.rename(aside)
                replaced.append(aside)
        (staging / top).rename(destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return InstalledPackage(**{**asdict(package), "path": destination, "name": top})


# --- the package index --------------------------------------------------------------------


def offline_message(url: str, reason: str, source: str | None, target: str | None) -> str:
    if source and target:
        fetch = f"translate-{source}_{target}.argosmodel"
        todo = f"fetch {fetch} on a connected machine, then run: localize models install {fetch}"
    else:
        todo = (
            "download an .argosmodel on a connected machine, then run: localize models install FILE"
        )
    return f"cannot reach the Argos package index {url} ({reason}); {todo}"


class DownloadTooLarge(OSError):
    pass


def _download(
    url: str, timeout: float, max_bytes: int, sink: BinaryIO, idle: float | None = None
) -> None:
    """Copy ``url`` into ``sink``; fail past ``max_bytes`` or ``timeout`` seconds in all, or
    when nothing arrives for ``idle`` seconds (default: ``timeout``)."""
    deadline = time.monotonic() + timeout
    # Imported here: urllib.request (http.client, email, ssl...) costs ~0.1 s to import, and
    # every command imports this module through the CLI; only the index and download need it.
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "localize"})
    with urllib.request.urlopen(request, timeout=min(idle or timeout, timeout)) as response:
        received = 0
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the download did not finish within {timeout:g} s")
            # read1 returns what has arrived; read(n) would wait for n bytes of a slow drip.
            chunk = response.read1(_READ_SIZE)
            if not chunk:
                return
            received += len(chunk)
            if received > max_bytes:
                raise DownloadTooLarge(f"larger than {max_bytes >> 20:,} MiB; refused")
            sink.write(chunk)


def fetch_index(
    url: str | None = None,
    timeout: float = INDEX_TIMEOUT,
    source: str | None = None,
    target: str | None = None,
) -> list[IndexPackage]:
    """Download and parse the index; one attempt, ``timeout`` seconds."""
    url = index_url(url)
    buffer = io.BytesIO()
    try:
        _download(url, timeout, MAX_INDEX_BYTES, buffer)
        data = buffer.getvalue()
    except DownloadTooLarge as exc:
        raise LocalizeError(f"{url}: the package index is {exc}") from None
    except (OSError, ValueError) as exc:  # URLError is an OSError
        reason = getattr(exc, "reason", None) or exc
        raise LocalizeError(offline_message(url, str(reason), source, target)) from None
    try:
        entries = json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise LocalizeError(f"{url}: the package index is not valid JSON ({exc})") from None
    if not isinstance(entries, list):
        raise LocalizeError(f"{url}: the package index is not a JSON list of packages")
    packages = []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type", "translate") != "translate":
            continue
        src, tgt, links = entry.get("from_code"), entry.get("to_code"), entry.get("links")
        if not isinstance(src, str) or not isinstance(tgt, str) or not isinstance(links, list):
            continue
        packages.append(
            IndexPackage(
                source=src,
                target=tgt,
                version=str(entry.get("package_version", "")),
                links=tuple(str(link) for link in links),
                source_name=str(entry.get("from_name", "")),
                target_name=str(entry.get("to_name", "")),
            )
        )
    return sorted(packages, key=lambda p: (p.source, p.target))


def install_from_index(
    source: str,
    target: str,
    models_dir: Path,
    url: str | None = None,
    force: bool = False,
    timeout: float = INDEX_TIMEOUT,
    download_timeout: float = DOWNLOAD_TIMEOUT,
) -> InstalledPackage:
    """Download the package for ``source``->``target`` named by the index and install it."""
    existing = find_installed(models_dir, source, target)
    if existing is not None and not force:
        raise LocalizeError(
            f"{existing.path}: {source}->{target} is already installed (version "
            f"{existing.version}); use --force to replace it"
        )
    packages = fetch_index(url, timeout, source, target)
    matches = [p for p in packages if p.source == source and p.target == target]
    if not matches:
        pairs = ", ".join(f"{p.source}->{p.target}" for p in packages) or "none"
        raise LocalizeError(
            f"{index_url(url)}: no package for {source}->{target}; the index offers: {pairs}"
        )
    package = matches[0]
    _writable_dir(models_dir)
    errors = []
    for link in package.links:
        fd, tmp_name = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=".argosmodel", dir=models_dir)
        tmp = Path(tmp_name)
        try:
            try:
                with os.fdopen(fd, "wb") as handle:
                    _download(link, download_timeout, MAX_DOWNLOAD_BYTES, handle, timeout * 6)
            except DownloadTooLarge as exc:
                raise LocalizeError(f"{link}: the package is {exc}") from None
            except (OSError, ValueError) as exc:  # URLError is an OSError
                errors.append(f"{link}: {getattr(exc, 'reason', None) or exc}")
                continue
            return install_file(tmp, models_dir, force=force)
        finally:
            tmp.unlink(missing_ok=True)
    detail = "; ".join(errors) or "the index lists no download link"
    raise LocalizeError(
        f"download of {package.filename} failed ({detail}); fetch it on a connected machine, "
        f"then run: localize models install {package.filename}"
    )
