# ruff: noqa: F811  (pytest fixtures imported from argos_fixtures are redefined as arguments)
"""Installing and listing Argos packages: untrusted archives, the index over real HTTP,
offline failures, import weight, and the reproducible test model."""

from __future__ import annotations

import http.server
import json
import stat
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from localize.commands.models import app
from localize.engines.argos_packages import (
    fetch_index,
    install_file,
    install_from_index,
    installed_packages,
)
from localize.errors import LocalizeError

from argos_fixtures import FIXTURES, REPO, models_dir, tiny_model, unshare_available  # noqa: F401


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def rebuild(source: Path, output: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """Copy a package archive member by member; ``edit(name, data)`` returns a list of
    (ZipInfo or name, data) to write instead."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(output, "w") as zout:
        for info in zin.infolist():
            for name, data in edit(info.filename, zin.read(info)):
                zout.writestr(name, data)
    return output


def keep(name: str, data: bytes) -> list:
    return [(name, data)]


def entries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


# --- install from a file ------------------------------------------------------------------


def test_install_then_list_then_refuse_duplicate_then_force(tiny_model: Path, tmp_path: Path):
    directory = tmp_path / "models"
    code, out, err = run("install", tiny_model, "--models-dir", directory)
    assert code == 0, err
    assert "installed en->es (translate-en_es-tiny 0.1)" in out
    assert entries(directory) == ["translate-en_es-tiny"]
    code, out, err = run("install", tiny_model, "--models-dir", directory)
    assert code == 2 and "already installed" in err and "--force" in err
    marker = directory / "translate-en_es-tiny" / "marker"
    marker.write_text("old")
    code, out, err = run("install", tiny_model, "--models-dir", directory, "--force")
    assert code == 0, err
    assert not marker.exists() and entries(directory) == ["translate-en_es-tiny"]
    code, out, _ = run("list", "--models-dir", directory, "--format", "json", "--offline")
    listed = json.loads(out)
    assert [(p["source"], p["target"], p["version"]) for p in listed["installed"]] == [
        ("en", "es", "0.1")
    ]


def test_installed_package_is_readable_by_argostranslate(models_dir: Path) -> None:
    from argostranslate.package import get_installed_packages

    [package] = get_installed_packages(path=[models_dir])
    assert (package.from_code, package.to_code) == ("en", "es")


def _symlink(name: str, data: bytes) -> list:
    if name.endswith("README.md"):
        info = zipfile.ZipInfo(name)
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        return [(info, b"/etc/passwd")]
    return [(name, data)]


BAD_ARCHIVES = {
    "traversal": (
        lambda n, d: (
            [(n, d)]
            + ([("translate-en_es-tiny/../../evil", b"x")] if n.endswith("README.md") else [])
        ),
        "unsafe path",
    ),
    "absolute": (
        lambda n, d: [(n, d)] + ([("/tmp/evil", b"x")] if n.endswith("README.md") else []),
        "absolute path",
    ),
    "symlink": (_symlink, "symbolic link"),
    "two_tops": (
        lambda n, d: [(n, d)] + ([("other/file", b"x")] if n.endswith("README.md") else []),
        "exactly one top folder",
    ),
    "no_metadata": (
        lambda n, d: [] if n.endswith("metadata.json") else [(n, d)],
        "missing translate-en_es-tiny/metadata.json",
    ),
    "no_model": (lambda n, d: [] if n.endswith("model.bin") else [(n, d)], "model/model.bin"),
    "no_tokenizer": (
        lambda n, d: [] if n.endswith("sentencepiece.model") else [(n, d)],
        "no tokenizer",
    ),
    "bad_metadata": (
        lambda n, d: [(n, b"{not json")] if n.endswith("metadata.json") else [(n, d)],
        "not valid JSON",
    ),
    "no_codes": (
        lambda n, d: (
            [(n, b'{"package_version": "1"}')] if n.endswith("metadata.json") else [(n, d)]
        ),
        "from_code/to_code",
    ),
    # Whole archives whose model or tokenizer CTranslate2 or SentencePiece cannot load.
    "garbage_model": (
        lambda n, d: [(n, b"not a model" * 100)] if n.endswith("model.bin") else [(n, d)],
        "CTranslate2 cannot load this model",
    ),
    "garbage_tokenizer": (
        lambda n, d: (
            [(n, b"not a tokenizer" * 100)] if n.endswith("sentencepiece.model") else [(n, d)]
        ),
        "unreadable tokenizer",
    ),
    "bpe_tokenizer": (
        lambda n, d: (
            [(n.replace("sentencepiece.model", "bpe.model"), d)]
            if n.endswith("sentencepiece.model")
            else [(n, d)]
        ),
        "BPE tokenization",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ARCHIVES))
def test_bad_archives_are_rejected_before_anything_lands(
    case: str, tiny_model: Path, tmp_path: Path
) -> None:
    edit, expected = BAD_ARCHIVES[case]
    archive = rebuild(tiny_model, tmp_path / f"{case}.argosmodel", edit)
    directory = tmp_path / "models"
    code, out, err = run("install", archive, "--models-dir", directory)
    assert code == 2
    assert expected in err and str(archive) in err
    assert entries(directory) == []
    assert not (tmp_path / "evil").exists()


def test_an_archive_of_one_loose_file_says_so(tmp_path: Path) -> None:
    archive = tmp_path / "loose.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("x.txt", b"not a model")
    code, _, err = run("install", archive, "--models-dir", tmp_path / "models")
    assert code == 2 and "'x.txt' is a file at the archive's top level" in err
    assert entries(tmp_path / "models") == []


def test_not_a_zip_and_truncated_zip_and_corrupt_member(tiny_model: Path, tmp_path: Path):
    directory = tmp_path / "models"
    text = tmp_path / "notes.argosmodel"
    text.write_text("this is not a package")
    truncated = tmp_path / "partial.argosmodel"
    truncated.write_bytes(tiny_model.read_bytes()[: tiny_model.stat().st_size // 2])
    corrupt = tmp_path / "corrupt.argosmodel"
    data = bytearray(tiny_model.read_bytes())
    with zipfile.ZipFile(tiny_model) as zf:
        info = zf.getinfo("translate-en_es-tiny/model/model.bin")
    start = info.header_offset + 30 + len(info.filename) + 100  # inside the compressed data
    data[start : start + 50] = bytes(50)
    corrupt.write_bytes(bytes(data))
    for archive, expected in (
        (text, "not an Argos package"),
        (truncated, "not an Argos package"),
        (corrupt, "corrupt"),
    ):
        code, _, err = run("install", archive, "--models-dir", directory)
        assert code == 2 and expected in err and str(archive) in err, err
    assert entries(directory) == []


def test_missing_file_and_bare_language_code(tmp_path: Path) -> None:
    code, _, err = run("install", tmp_path / "nope.argosmodel", "--models-dir", tmp_path)
    assert code == 2 and "no such file" in err
    code, _, err = run("install", "en", "--models-dir", tmp_path)
    assert code == 2 and "localize models install en es" in err


def test_models_dir_that_cannot_be_created(tiny_model: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(LocalizeError, match="cannot create the models directory"):
        install_file(tiny_model, blocker / "models")


def test_read_only_models_dir(tiny_model: Path, tmp_path: Path) -> None:
    # As root, file modes do not stop writes: a read-only bind mount in a private mount
    # namespace does.
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -m unavailable: {probe.stderr.decode().strip()}")
    directory = tmp_path / "models"
    directory.mkdir()
    script = (
        f"mount --bind {directory} {directory} && mount -o remount,bind,ro {directory} && "
        f"{sys.executable} -c 'from localize.commands.models import app; app()' "
        f"install {tiny_model} --models-dir {directory}"
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    if "mount" in result.stderr and "permission denied" in result.stderr.lower():
        pytest.skip(f"read-only bind mount not permitted: {result.stderr.strip()}")
    assert result.returncode == 2, result.stderr
    assert "not writable" in result.stderr and "--models-dir" in result.stderr
    assert entries(directory) == []


# --- the package index over HTTP ----------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}

    def do_GET(self) -> None:  # the http.server API names it
        body = self.files.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.end_headers()
        if body is not None:
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def index_server(tiny_model: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{server.server_port}"
    # The index format argostranslate reads: a JSON list of package metadata with links.
    index = [
        {
            "package_version": "0.1",
            "argos_version": "1.9.0",
            "from_code": "en",
            "from_name": "English",
            "to_code": "es",
            "to_name": "Spanish",
            "type": "translate",
            "links": [f"{base}/missing.argosmodel", f"{base}/en_es.argosmodel"],
        },
        {
            "package_version": "1.9",
            "from_code": "en",
            "to_code": "zh",
            "type": "translate",
            "links": [f"{base}/en_zh.argosmodel"],
        },
        {"type": "sbd", "from_code": "en", "links": []},
    ]
    _Handler.files = {
        "/index.json": json.dumps(index).encode(),
        "/en_es.argosmodel": tiny_model.read_bytes(),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{base}/index.json"
    finally:
        server.shutdown()
        server.server_close()


def test_index_listing_and_download(
    index_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "models"
    assert [(p.source, p.target) for p in fetch_index(index_server)] == [("en", "es"), ("en", "zh")]
    monkeypatch.setenv("LOCALIZE_ARGOS_INDEX_URL", index_server)
    code, out, err = run("list", "--models-dir", directory)
    assert code == 0, err
    assert "en->es" in out and "localize models install en zh" in out
    code, out, err = run("install", "en", "es", "--models-dir", directory)
    assert code == 0, err
    assert entries(directory) == ["translate-en_es-tiny"]
    code, out, _ = run("list", "--models-dir", directory, "--format", "json")
    listed = json.loads(out)
    assert [p["target"] for p in listed["installed"]] == ["es"]
    assert [p["target"] for p in listed["available"]] == ["zh"]
    code, _, err = run("install", "en", "zh", "--models-dir", directory)
    assert code == 2 and "download of translate-en_zh.argosmodel failed" in err
    code, _, err = run("install", "en", "fr", "--models-dir", directory)
    assert code == 2 and "no package for en->fr" in err and "en->zh" in err
    assert entries(directory) == ["translate-en_es-tiny"]


def test_download_of_a_broken_package_is_not_installed(index_server: str, tmp_path: Path):
    _Handler.files["/en_es.argosmodel"] = b"<html>captive portal</html>"
    directory = tmp_path / "models"
    with pytest.raises(LocalizeError, match="not an Argos package"):
        install_from_index("en", "es", directory, url=index_server)
    assert entries(directory) == []


def test_unreachable_index_fails_at_once_naming_file_and_command(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port with nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/index.json"
    code, _, err = run("install", "en", "zh", "--models-dir", tmp_path, "--index-url", url)
    assert code == 2
    assert url in err and "translate-en_zh.argosmodel" in err
    assert "localize models install translate-en_zh.argosmodel" in err
    code, out, err = run("list", "--models-dir", tmp_path, "--index-url", url)
    assert code == 0 and "Package index not reachable" in err


def test_default_index_without_network_fails_fast(tmp_path: Path) -> None:
    reason = unshare_available()
    if reason:
        pytest.skip(f"cannot disable the network for a subprocess: {reason}")
    result = subprocess.run(
        [
            "unshare",
            "-n",
            sys.executable,
            "-c",
            "from localize.commands.models import app; app()",
            "install",
            "en",
            "zh",
            "--models-dir",
            str(tmp_path / "m"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 2, result.stderr
    assert "cannot reach the Argos package index" in result.stderr
    assert "Traceback" not in result.stderr


# --- remove -------------------------------------------------------------------------------


def _fill_renderings_store(models_dir: Path, tmp_path: Path) -> Path:
    """Run glossary enforcement with the installed tiny model, so that its term renderings are
    kept beside the models, and add the rows of another (pivot) model that must stay."""
    import sqlite3

    from localize.enforce import enforce_batch
    from localize.engines.argos import ArgosEngine
    from localize.engines.base import EngineOptions
    from localize.glossary import load_glossary
    from localize.term_renderings import FILE_NAME, store_key

    glossary_path = tmp_path / "glossary.yaml"
    glossary_path.write_text(
        'schema: 1\nversion: "t1"\nsource_language: en\nlanguages: [es]\nentries:\n'
        "  - id: world\n    source: world\n    targets: {es: orbe}\n    note: test\n",
        encoding="utf-8",
    )
    engine = ArgosEngine(EngineOptions(models_dir=models_dir))
    translator = engine.open("en", "es")
    enforce_batch(
        translator, engine.placeholder, ["Peace in the world."], load_glossary(glossary_path), "es"
    )
    translator.close()  # type: ignore[attr-defined]
    store = models_dir / FILE_NAME
    with sqlite3.connect(store) as db:
        db.execute(
            "INSERT INTO renderings VALUES (?, 'world', 'monde')",
            (store_key(["translate-es_en-1_0", "translate-en_fr-1_0"], "0" * 64),),
        )
    db.close()
    return store


def _renderings_of(store: Path) -> list[tuple[str, str]]:
    import sqlite3

    with sqlite3.connect(store) as db:
        rows = [
            (key.split(":")[0], term)
            for key, term in db.execute("SELECT model, term FROM renderings")
        ]
    db.close()
    return sorted(rows)


def test_remove_by_pair_uninstalls_and_drops_its_term_renderings(
    tiny_model: Path, tmp_path: Path
) -> None:
    directory = tmp_path / "models"
    assert run("install", tiny_model, "--models-dir", directory)[0] == 0
    store = _fill_renderings_store(directory, tmp_path)
    assert _renderings_of(store) == [
        ("translate-en_es-tiny", "world"),
        ("translate-es_en-1_0+translate-en_fr-1_0", "world"),
    ]
    code, out, err = run("remove", "en", "es", "--models-dir", directory)
    assert code == 0, err
    assert f"removed en->es (translate-en_es-tiny 0.1) from {directory}" in err + out
    assert entries(directory) == [".localize-term-renderings.sqlite"]
    # Another model's renderings stay; the removed model's are gone.
    assert _renderings_of(store) == [("translate-es_en-1_0+translate-en_fr-1_0", "world")]
    code, out, _ = run("list", "--models-dir", directory, "--offline")
    assert code == 0 and "(none)" in out
    # The removed pair is no longer a choice for argostranslate either.
    from argostranslate.package import get_installed_packages

    assert get_installed_packages([directory]) == []


def test_remove_by_package_name(models_dir: Path) -> None:
    code, out, err = run("remove", "translate-en_es-tiny", "--models-dir", models_dir)
    assert code == 0, err
    assert entries(models_dir) == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["en", "de"], "en->de is not installed (installed: {}); see: localize models list"),
        (
            ["translate-en_de-1_0"],
            "no package named 'translate-en_de-1_0' (installed: {}); name one as localize "
            "models list shows it, or give two language codes such as: localize models remove "
            "en es",
        ),
    ],
)
def test_remove_what_is_not_installed_says_so_in_one_line(
    models_dir: Path, args: list[str], said: str
) -> None:
    code, out, err = run("remove", *args, "--models-dir", models_dir)
    assert code == 2
    assert err.strip() == f"error: {models_dir}: " + said.format("en->es (translate-en_es-tiny)")
    assert entries(models_dir) == ["translate-en_es-tiny"]


# --- import weight and the reproducible model ---------------------------------------------


def test_model_commands_do_not_import_heavy_modules() -> None:
    script = (
        "import sys, localize.engines.argos_packages, localize.commands.models\n"
        "heavy = ['ctranslate2', 'argostranslate.translate', 'stanza', 'spacy', 'torch']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"


def test_installed_listing_skips_stray_folders(models_dir: Path) -> None:
    (models_dir / "stray").mkdir()
    (models_dir / ".localize-install-x").mkdir()
    assert [p.name for p in installed_packages(models_dir)] == ["translate-en_es-tiny"]


def test_make_model_is_reproducible_and_matches_the_committed_artifact(tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / f"{name}.argosmodel"
        subprocess.run(
            [sys.executable, str(FIXTURES / "make_model.py"), "--output", str(out)],
            check=True,
            capture_output=True,
            cwd=tmp_path,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == (FIXTURES / "translate-en_es-tiny.argosmodel").read_bytes()
    assert len(outputs[0]) < 1_000_000
