"""Student versions and nbgrader sources, both made from the exercise notebooks with solutions.

    python -m peacekeeping_course.release                   # write all three
    python -m peacekeeping_course.release checks            # only exercises/checks/*.yml
    python -m peacekeeping_course.release student           # only exercises/*.ipynb
    python -m peacekeeping_course.release nbgrader          # only exercises/nbgrader/source/*
    python -m peacekeeping_course.release [PART] --check    # fail if a committed file is stale

Solutions are marked once, in `exercises/solutions/*.ipynb`, with nbgrader's
`### BEGIN SOLUTION` / `### END SOLUTION` markers. Three things are made from them:

**Check specs** (`exercises/checks/NN-slug.yml`): a content check written as data (matching, select,
ordering, the form of a written task; `checks/kinds.py`) sits in the solutions notebook, in a raw cell
tagged `check-spec` just below the exercise's check cell, so the task's wording and its key are edited
in one file. This module copies those cells, validated, into the chapter's spec file, which the checks
read at run time; the cells never reach a learner (they are left out of both versions below, and the
tag `remove-cell` keeps them out of the book).

**Student versions** (`exercises/NN-slug.ipynb`, for self-study): nbgrader's own ClearSolutions and
ClearOutput preprocessors remove the solutions and every output.

**nbgrader source assignments** (the course directory `exercises/nbgrader/`): each exercise source
notebook `exercises/solutions/NN-slug.ipynb` becomes the nbgrader assignment `NN-slug`. Its answer
cells are already nbgrader solution cells. Nothing a learner can run in the released notebook says
whether a graded answer is right:

- every `check("N.M", answer_N_M)` cell of an autograded exercise becomes two locked autograder tests:
  a visible test (1 point) that only confirms that the exercise is answered, in the form it asks for
  (`checks.check_form`: silent when the form is right, a message about the form otherwise), and a
  hidden test (2 points) that the answer is correct (`checks.evaluate`). nbgrader removes the hidden
  test's code from the released notebook and puts it back when it autogrades; its message (the
  self-study check's explanation) then reaches the learner in the graded feedback;
- a written task (a check registered with `rubric_points`) is graded by the instructor with its rubric:
  its answer cell becomes a manually graded answer cell worth the rubric's maximum, with no autograded
  points, and its check cell a locked self-check (length and parts asked for; never a verdict);
- the setup cell imports `check_form` instead of `check`, and the introduction explains the grading.

The checks themselves are shared with the self-study notebooks (`peacekeeping_course.checks`), so the
grading rules live in one place. The pre-test and final-exam papers are written by `exam_release.py`,
with `render` and `sync` from here.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import textwrap
from pathlib import Path

import nbformat
import yaml
from nbgrader.preprocessors import ClearOutput, ClearSolutions

from .checks import RUBRIC_POINTS, CheckSpecError
from .checks.kinds import KINDS, SPEC_DIR, spec_exercise
from .course import chapters, exercise_id
from .paths import EXERCISE_DIR as STUDENT_DIR, NBGRADER_DIR, REPO_ROOT

PARTS = ("checks", "student", "nbgrader")

# ---------------------------------------------------------------- writing generated files


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def sync(outputs: dict[Path, str], check_only: bool = False) -> list[Path]:
    """Write each generated file whose committed text differs (unless check_only); return those."""
    stale = []
    for target, text in outputs.items():
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(target)
        if not check_only:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return stale


# ---------------------------------------------------------------- check specs

SPEC_TAG = "check-spec"
SPEC_HEADER = ("# Made by `make student` from the cells tagged check-spec in exercises/solutions/{name}.ipynb:\n"
               "# edit them there, not here. The format: peacekeeping_course/checks/kinds.py.\nchecks:\n")


def is_spec_cell(cell: nbformat.NotebookNode) -> bool:
    return SPEC_TAG in cell.metadata.get("tags", [])


def spec_item(source: str) -> str:
    """A check-spec cell's YAML as an item of the `checks:` list (its opening comment lines left out)."""
    lines = source.strip("\n").split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(("- " if n == 0 else "  ") + line if line else "" for n, line in enumerate(lines))


def notebook_specs(nb: nbformat.NotebookNode, name: str, chapter: int) -> dict[str, dict]:
    """Exercise id -> its spec, from the check-spec cells of a solutions notebook, each validated as the
    checks will read it; a `CheckSpecError` names the notebook, the exercise and the problem."""
    answered = {exercise_id(c.metadata["nbgrader"]["grade_id"]) for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("solution")}
    specs = {}
    for n, cell in enumerate(c for c in nb.cells if is_spec_cell(c)):
        where = f"exercises/solutions/{name}.ipynb, check-spec cell {n + 1}"
        if cell.cell_type != "raw":
            raise CheckSpecError(f"{where}: a check-spec cell must be a raw cell (it holds YAML, not code)")
        try:
            spec = yaml.safe_load(cell.source)
        except yaml.YAMLError as err:
            raise CheckSpecError(f"{where}: not valid YAML ({err})") from None
        if not isinstance(spec, dict):
            raise CheckSpecError(f"{where}: the cell must hold one check spec (exercise, kind, …)")
        exercise = spec_exercise(spec, where, chapter)
        where = f"exercises/solutions/{name}.ipynb, the check-spec cell of exercise {exercise}"
        if exercise in specs:
            raise CheckSpecError(f"{where}: exercise {exercise} has two check-spec cells")
        if exercise not in answered:
            raise CheckSpecError(f"{where}: the notebook has no answer cell for exercise {exercise}")
        KINDS[spec["kind"]](spec, where)  # raises on any mistake in the spec
        specs[exercise] = spec
    return specs


def spec_file(nb: nbformat.NotebookNode, name: str, chapter: int) -> str | None:
    """The text of `exercises/checks/<name>.yml`, or None if the notebook has no check-spec cell."""
    notebook_specs(nb, name, chapter)
    cells = [c for c in nb.cells if is_spec_cell(c)]
    if not cells:
        return None
    return SPEC_HEADER.format(name=name) + "\n".join(spec_item(c.source) for c in cells) + "\n"


def generate_check_specs(check_only: bool = False) -> list[str]:
    """Write (or, with check_only, compare) every chapter's spec file, and remove (or report) a spec
    file whose notebook no longer has check-spec cells; return the stale ones."""
    outputs, orphans = {}, []
    for chapter in chapters():
        text = spec_file(nbformat.read(chapter.source, as_version=4), chapter.slug, chapter.number)
        target = SPEC_DIR / f"{chapter.slug}.yml"
        if text is not None:
            outputs[target] = text
        elif target.exists():
            orphans.append(target)
    if not check_only:
        for target in orphans:
            target.unlink()
    return [str(path.relative_to(REPO_ROOT)) for path in sync(outputs, check_only) + orphans]


# ---------------------------------------------------------------- student versions

CODE_STUB = "# YOUR CODE HERE"


def student_version(source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = copy.deepcopy(source)
    nb.cells = [cell for cell in nb.cells if not is_spec_cell(cell)]
    resources = {"language": "python"}
    nb, resources = ClearSolutions(code_stub={"python": CODE_STUB}, text_stub="YOUR ANSWER HERE",
                                   enforce_metadata=True).preprocess(nb, resources)
    nb, resources = ClearOutput().preprocess(nb, resources)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def generate_student_versions(check_only: bool = False) -> list[str]:
    """Write (or, with check_only, compare) every student notebook; return the stale ones."""
    outputs = {STUDENT_DIR / path.name: render(student_version(nbformat.read(path, as_version=4)))
               for path in (c.source for c in chapters())}
    return [str(path.relative_to(REPO_ROOT)) for path in sync(outputs, check_only)]


# ---------------------------------------------------------------- nbgrader source assignments

COURSE_DIR = NBGRADER_DIR
CHECK_CELL = re.compile(r'check\("(?P<exercise>\d+\.\d+)", (?P<answer>answer_\d+_\d+)\)')
SELF_STUDY_IMPORT = "from peacekeeping_course import check, load"
GRADED_IMPORT = "from peacekeeping_course import load\nfrom peacekeeping_course.checks import check_form"
HOW_THEY_WORK = re.compile(r"\*\*How they work\.\*\*.*\Z", re.S)
VISIBLE_POINTS, HIDDEN_POINTS = 1, 2

VISIBLE_TEST = '''\
# Autograder test (visible): exercise {exercise} is answered, in the form it asks for.
# It shows nothing when the form is right, and never says whether the answer is right.
from peacekeeping_course.checks import check_form

_form = check_form("{exercise}", {answer})
assert _form.status == "answered", f"Exercise {exercise}: {{_form.message}}"'''

HIDDEN_TEST = '''\
# Autograder test (hidden): the answer to exercise {exercise} is correct.
### BEGIN HIDDEN TESTS
from peacekeeping_course.checks import evaluate

_result = evaluate("{exercise}", {answer})
assert _result.correct, f"Exercise {exercise}: {{_result.message}}"
### END HIDDEN TESTS'''

SELF_CHECK = '''\
# Self-check (no points): exercise {exercise} has the parts the task asks for.
# It never says whether your text is good: your instructor grades it with the rubric ({points} points).
check_form("{exercise}", {answer})'''


def graded_intro(first: str, written: dict[str, int]) -> str:
    """The paragraph that replaces the self-study "How they work" in a graded notebook."""
    text = ("**How this assignment is graded.** Write each answer in its variable (such as `{first}`) and run "
            "the cell after it. That cell is an autograder test: it shows nothing if your answer is there and "
            "has the form the exercise asks for, and a message about the form if it does not (for example "
            "*not answered yet*). It never tells you whether an answer is right. After you submit, {each} earns "
            f"{VISIBLE_POINTS} point for an answer in the right form and {HIDDEN_POINTS} more points if it is "
            "correct, and your feedback explains any mistake. Charts and the *Going further* task are not part "
            "of the automatic grade.").format(first=first, each="each exercise except " + " and ".join(written)
                                               if written else "each exercise")
    for ex, points in written.items():
        rubric = ("the capstone rubric, which has the same six criteria as the rubric in the exercise"
                  if ex == "13.6" else "the rubric in the exercise")
        text += (f" Your instructor grades exercise {ex} by hand, with {rubric} (up to {points} points). The "
                 "cell after it only confirms that the parts the task asks for are there, and never says "
                 "whether your text is good.")
    text += " Before you submit, restart the kernel and run all the cells."
    return textwrap.fill(text, width=106, break_long_words=False, break_on_hyphens=False)


def _cell(make, source: str, grade_id: str, **nbgrader) -> nbformat.NotebookNode:
    cell = make(source)
    cell.id = grade_id
    cell.metadata = {"nbgrader": {"grade": False, "grade_id": grade_id, "locked": True, "schema_version": 3,
                                  "solution": False, **nbgrader}}
    return cell


def _test_cell(source: str, grade_id: str, points: int) -> nbformat.NotebookNode:
    return _cell(nbformat.v4.new_code_cell, source, grade_id, grade=True, points=points)


def source_assignment(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The nbgrader source notebook for one exercise notebook (solutions and hidden tests in it)."""
    nb = copy.deepcopy(solution)
    cells, answered, tested, imports = [], set(), set(), 0
    written = {}
    # the rubric points of written tasks as the notebook's own specs give them (the spec files may be stale)
    rubric = {**RUBRIC_POINTS, **{ex: spec["rubric_points"] for ex, spec in
                                  notebook_specs(solution, name, int(name[:2])).items() if "rubric_points" in spec}}
    for cell in nb.cells:
        if is_spec_cell(cell):
            continue
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            exercise = exercise_id(meta["grade_id"])
            answered.add(exercise)
            if exercise in rubric:  # a manually graded answer: the rubric's points, no tests
                written[exercise] = rubric[exercise]
                meta.update(grade=True, points=rubric[exercise])
        found = CHECK_CELL.fullmatch(cell.source.strip()) if cell.cell_type == "code" else None
        if found is None:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
                if SELF_STUDY_IMPORT in cell.source:
                    cell.source = cell.source.replace(SELF_STUDY_IMPORT, GRADED_IMPORT)
                    imports += 1
                if re.search(r"\bcheck\(", cell.source):
                    raise ValueError(f"{name}: a code cell calls check() outside a check cell; the released "
                                     "notebook would show a verdict before submission")
            cell.metadata.pop("execution", None)
            cells.append(cell)
            continue
        exercise, answer = found["exercise"], found["answer"]
        slug = exercise.replace(".", "-")
        if exercise in rubric:
            cells.append(_cell(nbformat.v4.new_code_cell, SELF_CHECK.format(
                exercise=exercise, answer=answer, points=rubric[exercise]), f"self-check-{slug}"))
        else:
            cells.append(_test_cell(VISIBLE_TEST.format(exercise=exercise, answer=answer), f"test-{slug}",
                                    VISIBLE_POINTS))
            cells.append(_test_cell(HIDDEN_TEST.format(exercise=exercise, answer=answer), f"hidden-test-{slug}",
                                    HIDDEN_POINTS))
        tested.add(exercise)
    if answered != tested:
        raise ValueError(f"{name}: every answer cell needs one check cell; answered {sorted(answered)}, "
                         f"checked {sorted(tested)}")
    if imports != 1:
        raise ValueError(f"{name}: expected one setup cell with `{SELF_STUDY_IMPORT}`, found {imports}")
    intro = nb.cells[0]
    if intro.cell_type != "markdown" or not HOW_THEY_WORK.search(intro.source):
        raise ValueError(f"{name}: the first cell should end with the paragraph **How they work.**")
    first = f"answer_{min(tested, key=lambda e: [int(p) for p in e.split('.')]).replace('.', '_')}"
    intro.source = HOW_THEY_WORK.sub(lambda _: graded_intro(first, written), intro.source)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def assignments() -> dict[str, Path]:
    """Assignment name -> its exercise source notebook."""
    return {c.slug: c.source for c in chapters()}


def generate_source_assignments(check_only: bool = False, course_dir: Path = COURSE_DIR) -> list[str]:
    """Write (or, with check_only, compare) every source assignment; return the stale ones."""
    outputs = {course_dir / "source" / name / f"{name}.ipynb":
               render(source_assignment(nbformat.read(path, as_version=4), name))
               for name, path in assignments().items()}
    return [str(path.relative_to(REPO_ROOT)) for path in sync(outputs, check_only)]


# ---------------------------------------------------------------- command line

GENERATORS = {"checks": generate_check_specs, "student": generate_student_versions,
              "nbgrader": generate_source_assignments}


def generate(check_only: bool = False, parts=PARTS) -> list[str]:
    """Write (or, with check_only, compare) the chosen parts; return the stale files."""
    return [name for part in parts for name in GENERATORS[part](check_only=check_only)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write the check specs, the student exercise notebooks and "
                                                 "the nbgrader source assignments.")
    parser.add_argument("part", nargs="?", choices=PARTS,
                        help="only the check specs, the student versions or the nbgrader sources (default: all)")
    parser.add_argument("--check", action="store_true", help="only report stale files, write nothing")
    args = parser.parse_args(argv)
    try:
        stale = generate(check_only=args.check, parts=(args.part,) if args.part else PARTS)
    except CheckSpecError as err:
        print(f"A check spec has a mistake: {err}", file=sys.stderr)
        return 2
    return report(stale, args.check, "nbgrader" if args.part == "nbgrader" else "student")


def report(stale: list[str], check_only: bool, make_target: str) -> int:
    """Say what was written, or (checking) what is out of date and how to fix it; the exit status."""
    if check_only and stale:
        print(f"Out of date (run `make {make_target}`): " + ", ".join(stale), file=sys.stderr)
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
