"""nbgrader assignments for the pre-test and the final exam (`exercises/nbgrader/source/pre-test`,
`.../final-exam`), drawn from the pools in `book/exams/`.

    python -m peacekeeping_course.exam_release                 # write both source assignments
    python -m peacekeeping_course.exam_release --seed spring-26 # a new draw for a new class (kept after)
    python -m peacekeeping_course.exam_release --check         # fail if the committed ones are stale

The whole class answers the same draw (a released notebook is one file); options are printed in an
order that spreads the right answers over the letters. Learners write letters (or a number) in one
answer cell per question. Each question is one autograded cell worth one point: its visible part
only confirms the form of the answer and prints nothing; its hidden part, removed from the release,
grades it. No learner sees any result before the instructor autogrades.
"""

from __future__ import annotations

import argparse
import sys

import nbformat

from .paths import REPO_ROOT
from .exam import questions_for
from .quiz import ExamBank, Question, load_exam
from .shuffle import print_orders
from .release import render, report, sync

COURSE_DIR = REPO_ROOT / "exercises" / "nbgrader"
DEFAULT_SEED = "class-1"
NAMES = {"pretest": "pre-test", "final": "final-exam"}


def _meta(grade_id: str, **extra) -> dict:
    return {"nbgrader": {"grade_id": grade_id, "locked": False, "schema_version": 3, **extra}}


def _how_to_answer(q: Question, letters: str) -> str:
    if q.type == "numeric":
        return "Write a number" + (f" ({q.unit})." if q.unit else ".")
    if q.type == "truefalse":
        return "Write `True` or `False`."
    if q.type == "multiple":
        return f"Select all that apply: write every right letter, e.g. `\"{letters[0]}{letters[-1]}\"`."
    return f"Write one letter, e.g. `\"{letters[0]}\"`."


def _model_answer(q: Question, order: list[int]) -> str:
    if q.type == "numeric":
        return repr(q.answer)
    if q.type == "truefalse":
        return repr(bool(q.answer))
    choices = q.choices()
    return repr("".join(chr(ord("A") + k) for k, i in enumerate(order) if choices[i].correct))


def source_notebook(bank: ExamBank, seed: str) -> nbformat.NotebookNode:
    name = NAMES[bank.kind]
    questions = questions_for(bank, seed)
    orders = print_orders(questions, f"{bank.kind}/{seed}")
    intro = (f"# {bank.title}\n\n"
             + (f"{len(questions)} questions drawn from the course's final-exam pool, at least two from every "
                f"chapter. The pass mark is {bank.pass_mark}%.\n\n" if bank.kind == "final" else
                f"{len(questions)} questions, one for each chapter, to find out where to start. It is not a test "
                "of you: leave a question blank rather than guess.\n\n")
             + "**How to answer.** Under each question, write your answer in the cell `answer_qNN = ...`: the letter "
               "of the option you choose, as text (`\"B\"`), several letters for a *select all that apply* "
               "question (`\"AC\"`), `True` or `False`, or a number. Then run the cell below it: it only checks "
               "that your answer has the right form. **Nothing in this notebook tells you whether an answer is "
               "right**; your instructor grades the submitted notebook.\n")
    cells = [nbformat.v4.new_markdown_cell(intro),
             nbformat.v4.new_code_cell("from peacekeeping_course.exam import check_form")]
    cells[1].metadata = {"nbgrader": {"grade": False, "grade_id": f"{name}-setup", "locked": True,
                                      "schema_version": 3, "solution": False}}
    for n, q in enumerate(questions, start=1):
        order = orders[q.id]
        letters = "".join(chr(ord("A") + k) for k in range(len(order)))
        text = [f"## Question {n} (chapter {int(q.chapter)})\n\n{q.prompt}\n"]
        if q.type in ("single", "multiple"):
            choices = q.choices()
            text.append("\n".join(f"- **{letters[k]}.** {choices[i].text}" for k, i in enumerate(order)))
        text.append(f"\n{_how_to_answer(q, letters)}")
        cells.append(nbformat.v4.new_markdown_cell("\n".join(text)))
        var = f"answer_q{n:02d}"
        answer = nbformat.v4.new_code_cell(f"{var} = None\n### BEGIN SOLUTION\n{var} = {_model_answer(q, order)}\n"
                                           "### END SOLUTION")
        answer.metadata = _meta(f"{name}-answer-q{n:02d}", grade=False, solution=True)
        test = nbformat.v4.new_code_cell(
            f"# Question {n}: the answer has the right form (nothing here says whether it is right).\n"
            f"check_form({bank.kind!r}, {n}, {q.id!r}, {var})\n"
            "### BEGIN HIDDEN TESTS\n"
            "from peacekeeping_course.exam import released_answer_correct\n"
            f"assert released_answer_correct({bank.kind!r}, {q.id!r}, {order!r}, {var}), "
            f"\"Question {n} is not right.\"\n"
            "### END HIDDEN TESTS")
        test.metadata = {"nbgrader": {"grade": True, "grade_id": f"{name}-test-q{n:02d}", "locked": True,
                                      "points": 1, "schema_version": 3, "solution": False}}
        cells += [answer, test]
    for k, cell in enumerate(cells):
        cell.id = cell.metadata.get("nbgrader", {}).get("grade_id") or f"{name}-text-{k:02d}"
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}, "peacekeeping": {"exam_seed": seed}}
    return nb


def current_seed(path) -> str:
    """The seed the committed assignment was drawn with (the default if there is none)."""
    try:
        return nbformat.read(path, as_version=4).metadata["peacekeeping"]["exam_seed"]
    except (OSError, KeyError, TypeError, ValueError):
        return DEFAULT_SEED


def generate(check_only: bool = False, seed: str | None = None, course_dir=COURSE_DIR) -> list[str]:
    """Write (or compare) both assignments. Without a seed, each keeps the draw it was made with."""
    outputs = {}
    for kind, name in NAMES.items():
        path = course_dir / "source" / name / f"{name}.ipynb"
        outputs[path] = render(source_notebook(load_exam(kind), seed or current_seed(path)))
    return [str(p.relative_to(REPO_ROOT)) if p.is_relative_to(REPO_ROOT) else str(p)
            for p in sync(outputs, check_only)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write the pre-test and final-exam nbgrader assignments.")
    parser.add_argument("--check", action="store_true", help="only report stale files, write nothing")
    parser.add_argument("--seed", help="draw a new paper for a new class (default: keep the current draw)")
    args = parser.parse_args(argv)
    return report(generate(check_only=args.check, seed=args.seed), args.check, "nbgrader")


if __name__ == "__main__":
    sys.exit(main())
