"""Every folder and file of the course that the code knows, in one place.

The course folder is PEACEKEEPING_COURSE_ROOT if set; else the clone this package sits in (the
desktop, an editable install); else the nearest folder at or above the working directory that has
data/datapackage.json (an installed wheel, as in the in-browser lab, where a notebook runs in
/drive/notebooks or /drive/exercises and the course files are in /drive).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path


def course_root() -> Path:
    env = os.environ.get("PEACEKEEPING_COURSE_ROOT", "").strip()
    if env:
        return Path(env).expanduser()
    here = Path(__file__).resolve().parent.parent
    if (here / "data" / "datapackage.json").is_file():
        return here
    cwd = Path.cwd()
    for folder in (cwd, *cwd.parents):
        if (folder / "data" / "datapackage.json").is_file():
            return folder
    return here


REPO_ROOT = course_root()
TOC = REPO_ROOT / "_toc.yml"
CONFIG = REPO_ROOT / "_config.yml"
BOOK_DIR = REPO_ROOT / "book"  # readings (NN-slug.md) and the book's own pages
BANK_DIR = BOOK_DIR / "quizzes"  # one quiz bank per chapter, NN-slug.yml
EXAM_DIR = BOOK_DIR / "exams"  # pretest.yml, final.yml
INSTRUCTOR_DIR = BOOK_DIR / "instructors"  # session-NN.md, syllabus, capstone, course map
DATA_DIR = REPO_ROOT / "data"
NOTEBOOK_DIR = REPO_ROOT / "notebooks"  # lesson notebooks NN-slug.ipynb, my-progress, exams
EXERCISE_DIR = REPO_ROOT / "exercises"  # student versions (generated)
SOLUTION_DIR = EXERCISE_DIR / "solutions"  # exercise sources with solutions
NBGRADER_DIR = EXERCISE_DIR / "nbgrader"  # nbgrader course directory (generated)
BUILD_DIR = REPO_ROOT / "_build"


def download_cache(name: str) -> Path:
    """Where downloads kept across builds go (the lab's Pyodide, the tests' axe-core):
    PEACEKEEPING_<NAME>_CACHE if set, else $XDG_CACHE_HOME (or ~/.cache)/peacekeeping-course/<name>."""
    env = os.environ.get(f"PEACEKEEPING_{name.upper()}_CACHE", "").strip()
    if env:
        return Path(env).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "peacekeeping-course" / name


def files_digest(root: Path, paths: Iterable[Path], seed: str = "") -> str:
    """A digest of the files among `paths` (folders and missing paths are passed over), under `root`:
    each file's path relative to `root` and its content, in path order, after `seed`. It changes when a
    file is added, removed, renamed or edited, or the seed changes."""
    digest = hashlib.sha256(seed.encode())
    for path in sorted(p for p in paths if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
