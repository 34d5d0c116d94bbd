"""The command that builds the in-browser lab; `make book` runs it before the book.

Exit status 0 when the lab is built, up to date, or left out because Pyodide or the build tools
could not be downloaded (the book is then built without lab buttons, and the reason is printed and
kept in _build/lab-status.json); 2 when a file fails verification (nothing is built from it);
1 when the build itself fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..paths import download_cache, files_digest
from . import site
from .pyodide_dist import Unavailable, VerifyError, verified_distribution

HERE = Path(__file__).resolve().parent
COURSE = HERE.parent.parent
STAMP_NAME = ".course-lab-stamp"


def inputs_digest(course: Path, archive: Path | None) -> str:
    """A digest of everything the lab is built from: a cached rebuild with the same digest is skipped."""
    paths = [p for pattern in site.CONTENTS for p in course.glob(pattern)]
    paths += [p for p in (course / "peacekeeping_course").rglob("*") if "__pycache__" not in p.parts]
    paths.append(course / "pyproject.toml")
    return files_digest(course, paths, seed=f"archive={archive}")


def build_environment(venv: Path) -> Path:
    """The lab's build tools in their own environment (created once); returns its `jupyter`."""
    requirements = HERE / "requirements.txt"
    stamp = venv / ".installed"
    wanted = hashlib.sha256(requirements.read_bytes()).hexdigest()
    jupyter = venv / "bin" / "jupyter"
    if stamp.exists() and stamp.read_text() == wanted and jupyter.exists():
        return jupyter
    print("Setting up the lab's build tools in", venv, flush=True)
    steps = [[sys.executable, "-m", "venv", "--clear", str(venv)],
             [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r", str(requirements)]]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True)
        if result.returncode:
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:]
            raise Unavailable(f"could not install the lab's build tools ({tail})")
    stamp.write_text(wanted)
    return jupyter


def run(out: Path, status: Path, *, course: Path = COURSE, venv: Path | None = None,
        cache: Path | None = None, archive: Path | None = None, tamper: str | None = None) -> int:
    venv = venv or course / ".venv-lab"
    cache = cache or download_cache("lab")
    digest = inputs_digest(course, archive)
    stamp = out / STAMP_NAME
    if not tamper and stamp.is_file() and stamp.read_text() == digest and (out / "jupyter-lite.json").is_file():
        print(f"The in-browser lab is up to date ({out}).")
        return 0
    status.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        report = {"distribution": verified_distribution(cache / "pyodide-verified", cache, archive, tamper)}
        jupyter = build_environment(venv)
        report.update(site.build(course, cache / "pyodide-verified", course / "_build" / "lab-work",
                                 out, cache, jupyter))
    except VerifyError as err:
        shutil.rmtree(out, ignore_errors=True)
        status.write_text(json.dumps({"built": False, "error": str(err)}, indent=1))
        print(f"PYODIDE VERIFICATION FAILED: {err}\nThe in-browser lab was NOT built. Delete the cache "
              f"({cache}) to download again, or set PYODIDE_ARCHIVE to the official archive.", file=sys.stderr)
        return 2
    except Unavailable as err:
        shutil.rmtree(out, ignore_errors=True)
        status.write_text(json.dumps({"built": False, "left_out": str(err)}, indent=1))
        print(f"The in-browser lab was left out: {err}.\nThe book is built without it and shows no "
              "'Run in your browser' buttons. Build again once the package registries can be reached, "
              "or set PYODIDE_ARCHIVE to the official pyodide-0.27.7.tar.bz2.")
        return 0
    except (RuntimeError, ValueError) as err:
        shutil.rmtree(out, ignore_errors=True)
        status.write_text(json.dumps({"built": False, "error": str(err)}, indent=1))
        print(f"The in-browser lab could not be built: {err}", file=sys.stderr)
        return 1
    report["built"] = True
    report["seconds"] = round(time.perf_counter() - started, 1)
    status.write_text(json.dumps(report, indent=1))
    stamp.write_text(digest)
    print(f"The in-browser lab is built: {out} ({report['size_MB']} MB, {report['files']} course files, "
          f"Pyodide from {report['distribution']['source']}, {report['seconds']} s).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the in-browser lab (JupyterLite) into the book.")
    parser.add_argument("--out", type=Path, default=COURSE / "_build" / "html" / "lab")
    parser.add_argument("--status", type=Path, default=COURSE / "_build" / "lab-status.json")
    parser.add_argument("--cache", type=Path, default=None, help="download cache (default %(default)s)")
    parser.add_argument("--archive", type=Path, default=os.environ.get("PYODIDE_ARCHIVE") or None,
                        help="the official pyodide-0.27.7.tar.bz2 (default: $PYODIDE_ARCHIVE)")
    parser.add_argument("--tamper", help=argparse.SUPPRESS)  # tests: flip a byte of this file first
    args = parser.parse_args(argv)
    return run(args.out.resolve(), args.status, cache=args.cache, archive=args.archive, tamper=args.tamper)
