"""The nbgrader course directory works end to end: generate, release, submit, autograde.

Every assignment is submitted three times: complete (the solutions), untouched (the released
notebook as it is) and wrong (the solutions, each autograded answer then replaced by a wrong answer in
the right form). Autograding them is the slowest test in the suite, so it runs once per test session,
and the tests below read its results. They prove that the graded work cannot be gamed from inside the
notebook: nothing a learner runs before submitting says whether an answer is right.
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

from peacekeeping_course.checks import RUBRIC_POINTS
from peacekeeping_course.release import (COURSE_DIR, GRADED_IMPORT, HIDDEN_POINTS, SELF_STUDY_IMPORT, VISIBLE_POINTS,
                                         assignments, generate_source_assignments)

REPO = Path(__file__).resolve().parent.parent
NBGRADER = Path(sys.executable).parent / "nbgrader"
ASSIGNMENTS = sorted(assignments())
STUDENTS = ("complete", "untouched", "wrong")

WRONG_HELPER = '''

def _pk_wrong(exercise, right):
    """Test helper (not part of the course): a wrong answer in the right form, made from the right one."""
    from peacekeeping_course.checks import evaluate

    fallback = {"7.3": "Police Inspectorate-General (Ministry of the Interior)",
                "11.4": ["Gorrowby", "Fennick Point", "Essenvale"]}
    if hasattr(right, "tolist") and not hasattr(right, "to_dict"):
        right = right.tolist()
    if hasattr(right, "to_dict"):
        right = right.to_dict()

    def variants(value):
        if isinstance(value, bool):
            return
        if isinstance(value, (int, float)) or type(value).__module__ == "numpy":
            yield from (value + 7, value + 1, value * 2, value + 0.7)
        elif isinstance(value, str):
            yield from ("a", "b", "c", "d")
        elif isinstance(value, (set, frozenset)):
            yield set(sorted(value)[:-1])
        elif isinstance(value, (list, tuple)):
            items = list(value)
            yield type(value)(reversed(items))
            yield type(value)(items[:-1])
            for i, item in enumerate(items):
                for other in variants(item):
                    yield type(value)(items[:i] + [other] + items[i + 1:])
        elif isinstance(value, dict):
            keys, values = list(value), list(value.values())
            yield dict(zip(keys, values[1:] + values[:1]))
            for key in keys:
                for other in variants(value[key]):
                    yield {**value, key: other}

    candidates = list(variants(right)) + ([fallback[exercise]] if exercise in fallback else [])
    for candidate in candidates:
        if evaluate(exercise, candidate).status == "incorrect":
            return candidate
    raise AssertionError(f"no wrong answer in the right form for exercise {exercise}")
'''


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run([str(NBGRADER), *args], cwd=course, env=env, capture_output=True, text=True,
                          timeout=900)


def with_solutions(released: nbformat.NotebookNode, source: nbformat.NotebookNode,
                   wrong: bool = False) -> nbformat.NotebookNode:
    """A learner's complete submission: the released notebook with every answer cell filled in
    from the source's solution (markers removed). With `wrong`, each autograded answer is then
    replaced by a wrong answer in the form the exercise asks for (written tasks keep the model)."""
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in released.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            cell.source = re.sub(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", "", solutions[grade_id], flags=re.M)
            exercise = grade_id.removeprefix("answer-").replace("-", ".")
            if wrong and exercise not in RUBRIC_POINTS:
                var = "answer_" + exercise.replace(".", "_")
                cell.source += f"\n{var} = _pk_wrong({exercise!r}, {var})"
        elif wrong and cell.cell_type == "code" and GRADED_IMPORT in cell.source:
            cell.source += WRONG_HELPER
    return released


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory) -> Path:
    """Release every assignment, submit it three times (complete, untouched, wrong) and autograde
    them. The submissions are graded at the same time, in copies of the course directory."""
    course = tmp_path_factory.mktemp("course")
    shutil.copy(COURSE_DIR / "nbgrader_config.py", course)
    shutil.copytree(COURSE_DIR / "source", course / "source",
                    ignore=shutil.ignore_patterns("pre-test", "final-exam"))  # test_exam_release.py
    released = nbgrader(course, "generate_assignment", "*", "--force")
    assert released.returncode == 0, released.stdout[-3000:] + released.stderr[-3000:]
    copies = {}
    for student in STUDENTS:
        copies[student] = tmp_path_factory.mktemp(f"course-{student}")
        shutil.copytree(course, copies[student], dirs_exist_ok=True)
    for name in ASSIGNMENTS:
        release = nbformat.read(course / "release" / name / f"{name}.ipynb", as_version=4)
        source = nbformat.read(course / "source" / name / f"{name}.ipynb", as_version=4)
        for student, nb in (("complete", with_solutions(copy.deepcopy(release), source)), ("untouched", release),
                            ("wrong", with_solutions(copy.deepcopy(release), source, wrong=True))):
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
    assert generate_source_assignments(check_only=True) == [], "nbgrader sources are stale: run `make nbgrader`"


def _cells(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "grade_id" in c.metadata.get("nbgrader", {})}


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_autograded_exercises_have_a_visible_and_a_hidden_test_written_tasks_none(name):
    nb = nbformat.read(COURSE_DIR / "source" / name / f"{name}.ipynb", as_version=4)
    cells = _cells(nb)
    answers = [gid.removeprefix("answer-") for gid, c in cells.items() if c.metadata["nbgrader"].get("solution")]
    tests = {gid for gid, c in cells.items() if c.metadata["nbgrader"].get("grade")
             and not c.metadata["nbgrader"].get("solution")}
    written = [a for a in answers if a.replace("-", ".") in RUBRIC_POINTS]
    assert len(answers) >= 3 and len(tests) == 2 * (len(answers) - len(written))
    for answer in answers:
        meta = cells[f"answer-{answer}"].metadata["nbgrader"]
        if answer in written:  # a manually graded answer worth the rubric's points, and no test
            assert meta["grade"] and meta["points"] == RUBRIC_POINTS[answer.replace("-", ".")]
            assert f"test-{answer}" not in cells and f"hidden-test-{answer}" not in cells
            check_cell = cells[f"self-check-{answer}"]
            assert check_cell.metadata["nbgrader"]["locked"] and not check_cell.metadata["nbgrader"]["grade"]
            assert "check_form(" in check_cell.source
            continue
        assert not meta["grade"]
        visible, hidden = cells[f"test-{answer}"], cells[f"hidden-test-{answer}"]
        assert visible.metadata["nbgrader"]["points"] == VISIBLE_POINTS and "HIDDEN" not in visible.source
        assert "check_form(" in visible.source and "evaluate(" not in visible.source
        assert "display(" not in visible.source and "print(" not in visible.source
        assert hidden.metadata["nbgrader"]["points"] == HIDDEN_POINTS
        assert "### BEGIN HIDDEN TESTS" in hidden.source and "assert" in hidden.source
        assert visible.metadata["nbgrader"]["locked"] and hidden.metadata["nbgrader"]["locked"]


def test_written_tasks_are_the_rubric_graded_exercises():
    found = set()
    for name in ASSIGNMENTS:
        nb = nbformat.read(COURSE_DIR / "source" / name / f"{name}.ipynb", as_version=4)
        found |= {gid.removeprefix("answer-").replace("-", ".") for gid, c in _cells(nb).items()
                  if c.metadata["nbgrader"].get("solution") and c.metadata["nbgrader"].get("grade")}
    assert found == set(RUBRIC_POINTS) == {"6.5", "7.5", "11.5", "13.6"}


def test_released_notebooks_hide_solutions_and_hidden_tests(graded_course):
    for name in ASSIGNMENTS:
        text = (graded_course / "release" / name / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
        assert "Autograder test (visible)" in text and "# YOUR CODE HERE" in text


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_nothing_in_a_released_notebook_gives_a_verdict(graded_course, name):
    """No cell a learner can run calls the self-study check() (which gives the verdict) or evaluate();
    the setup imports only the form check; the introduction says how the notebook is graded."""
    released = nbformat.read(graded_course / "release" / name / f"{name}.ipynb", as_version=4)
    code = [c.source for c in released.cells if c.cell_type == "code"]
    assert not [src for src in code if re.search(r"(?<![\w.])check\(|evaluate|display\(feedback", src)]
    assert sum(GRADED_IMPORT in src for src in code) == 1 and not any(SELF_STUDY_IMPORT in src for src in code)
    intro = released.cells[0].source
    assert "How this assignment is graded" in intro and "never tells you whether an answer is right" in intro
    assert "How they work" not in intro


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


def _grades(course: Path, student: str) -> dict[str, dict[str, tuple]]:
    """Assignment -> grade cell -> (auto score, max score, needs manual grade)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / f'gradebook-{student}.db'}") as gradebook:
        return {name: {g.name: (g.auto_score, g.max_score, g.needs_manual_grade)
                       for g in gradebook.find_submission_notebook(name, name, student).grades}
                for name in ASSIGNMENTS}


def _needs_manual_grade(course: Path, student: str) -> dict[str, bool]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / f'gradebook-{student}.db'}") as gradebook:
        return {name: gradebook.find_submission(name, student).needs_manual_grade for name in ASSIGNMENTS}


def _written(grade_id: str) -> bool:
    return grade_id.startswith("answer-") and grade_id.removeprefix("answer-").replace("-", ".") in RUBRIC_POINTS


def test_autograding_the_solutions_gives_full_marks_and_sends_written_tasks_to_manual_grading(graded_course):
    grades = _grades(graded_course, "complete")
    for name, cells in grades.items():
        auto = {gid: g for gid, g in cells.items() if not _written(gid)}
        assert auto and all(score == maximum > 0 and not manual for score, maximum, manual in auto.values()), \
            (name, auto)
        for gid, (score, maximum, manual) in cells.items():
            if _written(gid):  # nbgrader leaves the rubric's points to the instructor
                assert score is None and manual and maximum == RUBRIC_POINTS[gid[7:].replace("-", ".")], (name, gid)
    written = {name for name, cells in grades.items() if any(_written(gid) for gid in cells)}
    assert written == {"06-amisom-somalia", "07-ssr-best-practices", "11-local-governance", "13-conclusion-capstone"}
    assert _needs_manual_grade(graded_course, "complete") == {name: name in written for name in ASSIGNMENTS}
    scores = _scores(graded_course, "complete")
    assert all(score == sum(g[0] for g in grades[name].values() if g[0] is not None)
               for name, (score, _) in scores.items())
    assert _errors_outside_tests(graded_course, "complete") == []
    log = "".join((graded_course / f"autograde-{student}.log").read_text() for student in STUDENTS)
    # nbgrader stores a hidden-test cell's checksum before removing the hidden part, so autograding
    # any released notebook warns about those cells (jupyter/nbgrader#1961); it restores them anyway.
    problems = [line for line in log.splitlines() if "| ERROR]" in line
                or ("has changed" in line and "for cell hidden-test-" not in line)]
    assert problems == []


def test_an_untouched_student_notebook_scores_zero_without_errors(graded_course):
    scores = _scores(graded_course, "untouched")
    assert all(maximum > 0 and score == 0 for score, maximum in scores.values()), scores
    assert not any(_needs_manual_grade(graded_course, "untouched").values()), "an unanswered text needs no grading"
    assert _errors_outside_tests(graded_course, "untouched") == []
    for name in ASSIGNMENTS:  # the visible tests tell the learner what is missing, and only that
        nb = nbformat.read(graded_course / "autograded" / "untouched" / name / f"{name}.ipynb", as_version=4)
        visible = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test-")]
        assert visible and all("not answered yet" in str(c.outputs) for c in visible), name


def _visible_outputs(course: Path, student: str, name: str) -> dict[str, list]:
    nb = nbformat.read(course / "autograded" / student / name / f"{name}.ipynb", as_version=4)
    return {gid: [dict(o) for o in cell.outputs] for gid, cell in _cells(nb).items()
            if gid.startswith(("test-", "self-check-"))}


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_visible_tests_show_the_same_for_a_wrong_answer_as_for_a_right_one(graded_course, name):
    """Before submitting, a learner sees only the visible tests and the written tasks' self-checks.
    For a wrong answer in the right form they show exactly what they show for the right answer
    (nothing), so running them reveals nothing; the hidden tests still tell the two apart."""
    right, wrong = (_visible_outputs(graded_course, s, name) for s in ("complete", "wrong"))
    assert right == wrong
    assert all(outputs == [] for gid, outputs in right.items() if gid.startswith("test-"))
    grades = _grades(graded_course, "wrong")[name]
    assert all(grades[gid][0] == VISIBLE_POINTS for gid in grades if gid.startswith("test-"))
    assert all(grades[gid][0] == 0 for gid in grades if gid.startswith("hidden-test-"))
    assert _errors_outside_tests(graded_course, "wrong") == []
    # after grading, the feedback explains each mistake with the self-study check's message
    nb = nbformat.read(graded_course / "autograded" / "wrong" / name / f"{name}.ipynb", as_version=4)
    for gid, cell in _cells(nb).items():
        if gid.startswith("hidden-test-"):
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert errors and errors[0].evalue.startswith(f"Exercise {gid[12:].replace('-', '.')}: "), gid


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_self_study_notebooks_run_the_same_code_as_the_graded_untouched_ones(graded_course, name):
    """The untouched notebooks autograded above ran top to bottom with no error and said "not
    answered yet". The self-study student notebooks in exercises/ have the same code, except that a
    plain check(...) cell stands where nbgrader has its form check (and hidden test), and the setup
    imports check instead of check_form, so that run covers them too."""
    student = nbformat.read(REPO / "exercises" / f"{name}.ipynb", as_version=4)
    released = nbformat.read(graded_course / "release" / name / f"{name}.ipynb", as_version=4)
    own = [c.source.replace(SELF_STUDY_IMPORT, GRADED_IMPORT) for c in student.cells
           if c.cell_type == "code" and not c.source.startswith("check(")]
    graded = [c.source for c in released.cells if c.cell_type == "code"
              and not c.metadata.get("nbgrader", {}).get("grade_id", "").startswith(("test-", "hidden-test-",
                                                                                     "self-check-"))]
    assert own == graded
    checks = [c.source for c in student.cells if c.cell_type == "code" and c.source.startswith("check(")]
    forms = [c.source for c in released.cells
             if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith(("test-", "self-check-"))]
    assert len(checks) == len(forms)
    assert all(call.strip().replace("check(", "check_form(") in form for call, form in zip(checks, forms))
