"""The nbgrader course directory (`exercises/nbgrader/`), built from the exercise source notebooks.

    python -m peacekeeping_course.grading          # write exercises/nbgrader/source/*
    python -m peacekeeping_course.grading --check  # fail if a committed source assignment is stale

Each exercise source notebook `exercises/solutions/NN-slug.ipynb` becomes the nbgrader assignment
`NN-slug`. Its answer cells are already nbgrader solution cells; every `check("N.M", answer_N_M)`
cell becomes two locked autograder test cells:

- a visible test (1 point): the exercise is answered, in the form it asks for;
- a hidden test (2 points): the answer is correct. Its code is removed from the released
  notebook, and nbgrader puts it back when it autogrades.

Both tests use the same checks as the self-study notebooks (`peacekeeping_course.checks`), so the
grading rules live in one place.
"""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

import nbformat

from .datasets import REPO_ROOT
from .student import SOURCE_DIR, generator_main, render, sync

COURSE_DIR = REPO_ROOT / "exercises" / "nbgrader"
CHECK_CELL = re.compile(r'check\("(?P<exercise>\d+\.\d+)", (?P<answer>answer_\d+_\d+)\)')
VISIBLE_POINTS, HIDDEN_POINTS = 1, 2

VISIBLE_TEST = '''\
# Autograder test (visible): exercise {exercise} is answered, in the form it asks for.
from peacekeeping_course import check

feedback = check("{exercise}", {answer})
display(feedback)
assert feedback.status not in ("unanswered", "invalid"), f"Exercise {exercise}: {{feedback.message}}"'''

HIDDEN_TEST = '''\
# Autograder test (hidden): the answer to exercise {exercise} is correct.
### BEGIN HIDDEN TESTS
assert check("{exercise}", {answer}).correct, "Exercise {exercise} is not correct yet."
### END HIDDEN TESTS'''


def _test_cell(source: str, grade_id: str, points: int) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.id = grade_id
    cell.metadata = {"nbgrader": {"grade": True, "grade_id": grade_id, "locked": True,
                                  "points": points, "schema_version": 3, "solution": False}}
    return cell


def source_assignment(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The nbgrader source notebook for one exercise notebook (solutions and hidden tests in it)."""
    nb = copy.deepcopy(solution)
    cells, answered, tested = [], set(), set()
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            answered.add(meta["grade_id"].removeprefix("answer-").replace("-", "."))
        found = CHECK_CELL.fullmatch(cell.source.strip()) if cell.cell_type == "code" else None
        if found is None:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
            cells.append(cell)
            continue
        exercise, answer = found["exercise"], found["answer"]
        slug = exercise.replace(".", "-")
        cells.append(_test_cell(VISIBLE_TEST.format(exercise=exercise, answer=answer), f"test-{slug}",
                                VISIBLE_POINTS))
        cells.append(_test_cell(HIDDEN_TEST.format(exercise=exercise, answer=answer), f"hidden-test-{slug}",
                                HIDDEN_POINTS))
        tested.add(exercise)
    if answered != tested:
        raise ValueError(f"{name}: every answer cell needs one check cell; answered {sorted(answered)}, "
                         f"checked {sorted(tested)}")
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def assignments() -> dict[str, Path]:
    """Assignment name -> its exercise source notebook."""
    return {path.stem: path for path in sorted(SOURCE_DIR.glob("*.ipynb"))}


def generate(check_only: bool = False, course_dir: Path = COURSE_DIR) -> list[str]:
    """Write (or, with check_only, compare) every source assignment; return the stale ones."""
    outputs = {course_dir / "source" / name / f"{name}.ipynb":
               render(source_assignment(nbformat.read(path, as_version=4), name))
               for name, path in assignments().items()}
    return [str(path.relative_to(REPO_ROOT)) for path in sync(outputs, check_only)]


def main(argv=None) -> int:
    return generator_main(argv, "Write the nbgrader source assignments.", generate, "nbgrader")


if __name__ == "__main__":
    sys.exit(main())
