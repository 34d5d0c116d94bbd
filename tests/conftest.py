"""Shared fixtures: the built book (built once per test run, warnings as errors)."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Tests (and the notebook kernels nbval starts from this process) must not write into the
# developer's own progress file; the progress tests choose their own files.
os.environ["PEACEKEEPING_PROGRESS"] = "off"
BUILD_HTML = REPO / "_build" / "html"


@pytest.fixture(scope="module")
def site(built_book):
    """The built book served on localhost, and a headless Chromium: (base URL, browser)."""
    from peacekeeping_course.pagecheck import browser, serve

    with serve(built_book) as base, browser() as chromium:
        yield base, chromium


@pytest.fixture(scope="session")
def built_book(request) -> Path:
    """Build the book (and the in-browser lab) exactly as `make book` does; fail on any Sphinx warning. Under pytest-xdist
    both workers need the book: the first builds it, the other waits and reuses that build."""
    jb = Path(sys.executable).parent / "jupyter-book"
    run_id = getattr(request.config, "workerinput", {}).get("testrunuid")
    (REPO / "_build").mkdir(exist_ok=True)
    stamp = REPO / "_build" / ".built-for-test-run"
    with open(REPO / "_build" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if run_id and stamp.exists() and stamp.read_text() == run_id:
                return BUILD_HTML
            stamp.unlink(missing_ok=True)
            built = _build(jb)
            if run_id:
                stamp.write_text(run_id)
            return built
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build(jb: Path) -> Path:
    lab = subprocess.run([sys.executable, "-m", "peacekeeping_course.browser_lab"], cwd=REPO,
                         capture_output=True, text=True)
    assert lab.returncode == 0, f"the in-browser lab's build failed:\n{(lab.stdout + lab.stderr)[-4000:]}"
    result = subprocess.run(
        [str(jb), "build", str(REPO), "--warningiserror", "--nitpick", "--keep-going"],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"book build failed:\n{log[-6000:]}"
    sphinx_warnings = re.findall(r"^.*\bWARNING: .*$", log, flags=re.M)
    assert "build succeeded" in log and not sphinx_warnings, "\n".join(sphinx_warnings)
    return BUILD_HTML


def model_answer(exercise: str):
    """The model answer written in the exercise source notebook (the last constant assigned)."""
    import ast

    import nbformat

    from peacekeeping_course.course import chapter as course_chapter

    chapter = int(exercise.split(".")[0])
    path = course_chapter(chapter).source
    grade_id = "answer-" + exercise.replace(".", "-")
    cell = next(c for c in nbformat.read(path, as_version=4).cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    values = [node.value for node in ast.walk(ast.parse(cell.source))
              if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value is not None]
    return ast.literal_eval(values[-1])
