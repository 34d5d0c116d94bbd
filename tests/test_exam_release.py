"""The pre-test and final exam as nbgrader assignments: release, submit, autograde."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from peacekeeping_course.exam_release import COURSE_DIR, NAMES, generate
from peacekeeping_course.quiz import load_exam

NBGRADER = Path(sys.executable).parent / "nbgrader"
ASSIGNMENTS = list(NAMES.values())


def _run(course: Path, *args: str) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([str(NBGRADER), *args], cwd=course, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout + done.stderr


def _with_solutions(released, source):
    from test_grading import with_solutions

    return with_solutions(released, source)


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    course = tmp_path_factory.mktemp("exam-course")
    shutil.copy(COURSE_DIR / "nbgrader_config.py", course)
    for name in ASSIGNMENTS:
        shutil.copytree(COURSE_DIR / "source" / name, course / "source" / name)
    _run(course, "generate_assignment", "*", "--force")
    for name in ASSIGNMENTS:
        release = nbformat.read(course / "release" / name / f"{name}.ipynb", as_version=4)
        source = nbformat.read(course / "source" / name / f"{name}.ipynb", as_version=4)
        for student, nb in (("complete", _with_solutions(copy.deepcopy(release), source)), ("untouched", release)):
            target = course / "submitted" / student / name / f"{name}.ipynb"
            target.parent.mkdir(parents=True)
            nbformat.write(nb, target)
    (course / "autograde.log").write_text(_run(course, "autograde", "*"))
    return course


def _score(course: Path, name: str, student: str) -> tuple[float, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(name, student)
        return submission.score, submission.max_score


def test_committed_exam_assignments_are_what_generation_gives():
    assert generate(check_only=True) == [], "exam assignments are stale: run `make nbgrader`"


@pytest.mark.parametrize("name, kind", [(name, kind) for kind, name in NAMES.items()])
def test_complete_scores_full_marks_and_untouched_zero(graded, name, kind):
    questions = load_exam(kind).draw or len(load_exam(kind).questions)
    assert _score(graded, name, "complete") == (questions, questions)
    assert _score(graded, name, "untouched") == (0, questions)


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_the_release_reveals_no_answer_and_tests_show_nothing_but_form(graded, name):
    text = (graded / "release" / name / f"{name}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "released_answer_correct" not in text
    nb = nbformat.read(graded / "autograded" / "complete" / name / f"{name}.ipynb", as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert tests and all(not c.outputs for c in tests), "a passing test cell must print nothing"
    untouched = nbformat.read(graded / "autograded" / "untouched" / name / f"{name}.ipynb", as_version=4)
    messages = [o.get("evalue", "") for c in untouched.cells if c.metadata.get("nbgrader", {}).get("grade")
                for o in c.outputs if o.output_type == "error"]
    assert messages and all(m.endswith("not answered yet.") for m in messages)
