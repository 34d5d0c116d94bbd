"""The nbgrader course directory works end to end: generate, release, submit, autograde.

Autograding every assignment twice is the slowest test in the suite (about a minute), so it runs
once per test session, and the tests below read its results.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from peacekeeping_course.grading import COURSE_DIR, HIDDEN_POINTS, VISIBLE_POINTS, assignments, generate

REPO = Path(__file__).resolve().parent.parent
NBGRADER = Path(sys.executable).parent / "nbgrader"
ASSIGNMENTS = sorted(assignments())


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run([str(NBGRADER), *args], cwd=course, env=env, capture_output=True, text=True,
                          timeout=900)


def with_solutions(released: nbformat.NotebookNode, source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A learner's complete submission: the released notebook with every answer cell filled in
    from the source's solution (markers removed)."""
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in released.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            cell.source = re.sub(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", "", solutions[grade_id], flags=re.M)
    return released


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory) -> Path:
    """Release every assignment, submit it twice (complete and untouched) and autograde both.
    The two submissions are graded at the same time, in two copies of the course directory."""
    course = tmp_path_factory.mktemp("course")
    shutil.copy(COURSE_DIR / "nbgrader_config.py", course)
    shutil.copytree(COURSE_DIR / "source", course / "source")
    released = nbgrader(course, "generate_assignment", "*", "--force")
    assert released.returncode == 0, released.stdout[-3000:] + released.stderr[-3000:]
    copies = {}
    for student in ("complete", "untouched"):
        copies[student] = tmp_path_factory.mktemp(f"course-{student}")
        shutil.copytree(course, copies[student], dirs_exist_ok=True)
    for name in ASSIGNMENTS:
        release = nbformat.read(course / "release" / name / f"{name}.ipynb", as_version=4)
        source = nbformat.read(course / "source" / name / f"{name}.ipynb", as_version=4)
        for student, nb in (("complete", with_solutions(copy.deepcopy(release), source)), ("untouched", release)):
            target = copies[student] / "submitted" / student / name / f"{name}.ipynb"
            target.parent.mkdir(parents=True)
            nbformat.write(nb, target)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    runs = {student: subprocess.Popen([str(NBGRADER), "autograde", "*"], cwd=where, env=env, text=True,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for student, where in copies.items()}
    for student, run in runs.items():
        log, _ = run.communicate(timeout=900)
        (course / f"autograde-{student}.log").write_text(log)
        assert run.returncode == 0, log[-4000:]
        shutil.copytree(copies[student] / "autograded", course / "autograded", dirs_exist_ok=True)
        shutil.copy(copies[student] / "gradebook.db", course / f"gradebook-{student}.db")
    return course


def test_committed_source_assignments_are_what_generation_gives():
    assert generate(check_only=True) == [], "nbgrader sources are stale: run `make nbgrader`"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_exercise_has_a_visible_and_a_hidden_autograder_test(name):
    nb = nbformat.read(COURSE_DIR / "source" / name / f"{name}.ipynb", as_version=4)
    answers = [c.metadata["nbgrader"]["grade_id"].removeprefix("answer-") for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("solution")]
    tests = {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
             if c.metadata.get("nbgrader", {}).get("grade")}
    assert len(answers) >= 3 and len(tests) == 2 * len(answers)
    for answer in answers:
        visible, hidden = tests[f"test-{answer}"], tests[f"hidden-test-{answer}"]
        assert visible.metadata["nbgrader"]["points"] == VISIBLE_POINTS and "HIDDEN" not in visible.source
        assert hidden.metadata["nbgrader"]["points"] == HIDDEN_POINTS
        assert "### BEGIN HIDDEN TESTS" in hidden.source and "assert" in hidden.source
        assert visible.metadata["nbgrader"]["locked"] and hidden.metadata["nbgrader"]["locked"]


def test_released_notebooks_hide_solutions_and_hidden_tests(graded_course):
    for name in ASSIGNMENTS:
        text = (graded_course / "release" / name / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
        assert "Autograder test (visible)" in text and "# YOUR CODE HERE" in text


def _scores(course: Path, student: str) -> dict[str, tuple[float, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / f'gradebook-{student}.db'}") as gradebook:
        return {name: (gradebook.find_submission(name, student).score,
                       gradebook.find_submission(name, student).max_score) for name in ASSIGNMENTS}


def _errors_outside_tests(course: Path, student: str) -> list[str]:
    problems = []
    for name in ASSIGNMENTS:
        nb = nbformat.read(course / "autograded" / student / name / f"{name}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
                continue
            problems += [f"{name}: {o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]
    return problems


def test_autograding_the_solutions_gives_full_marks(graded_course):
    scores = _scores(graded_course, "complete")
    assert all(maximum > 0 and score == maximum for score, maximum in scores.values()), scores
    assert _errors_outside_tests(graded_course, "complete") == []
    log = (graded_course / "autograde-complete.log").read_text() + (graded_course / "autograde-untouched.log").read_text()
    # nbgrader stores a hidden-test cell's checksum before removing the hidden part, so autograding
    # any released notebook warns about those cells (jupyter/nbgrader#1961); it restores them anyway.
    problems = [line for line in log.splitlines() if "| ERROR]" in line
                or ("has changed" in line and "for cell hidden-test-" not in line)]
    assert problems == []


def test_an_untouched_student_notebook_scores_zero_without_errors(graded_course):
    scores = _scores(graded_course, "untouched")
    assert all(maximum > 0 and score == 0 for score, maximum in scores.values()), scores
    assert _errors_outside_tests(graded_course, "untouched") == []
    for name in ASSIGNMENTS:  # the visible tests tell the learner what is missing
        nb = nbformat.read(graded_course / "autograded" / "untouched" / name / f"{name}.ipynb", as_version=4)
        visible = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test-")]
        assert all("not answered yet" in str(c.outputs) for c in visible), name


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_self_study_notebooks_run_the_same_code_as_the_graded_untouched_ones(graded_course, name):
    """The untouched notebooks autograded above ran top to bottom with no error and said "not
    answered yet". The self-study student notebooks in exercises/ have the same code, except that a
    plain check(...) cell stands where nbgrader has its test cells, so that run covers them too."""
    student = nbformat.read(REPO / "exercises" / f"{name}.ipynb", as_version=4)
    released = nbformat.read(graded_course / "release" / name / f"{name}.ipynb", as_version=4)
    own = [c.source for c in student.cells if c.cell_type == "code" and not c.source.startswith("check(")]
    graded = [c.source for c in released.cells if c.cell_type == "code"
              and not c.metadata.get("nbgrader", {}).get("grade")]
    assert own == graded
    checks = [c.source for c in student.cells if c.cell_type == "code" and c.source.startswith("check(")]
    visible = [c.source for c in released.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test-")]
    assert len(checks) == len(visible) and all(call.strip() in test for call, test in zip(checks, visible))
