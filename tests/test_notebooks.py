"""Notebook rules that nbval does not cover: student versions, alt text, clean metadata."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from peacekeeping_course.paths import EXERCISE_DIR as STUDENT_DIR, SOLUTION_DIR as SOURCE_DIR
from peacekeeping_course.release import generate_student_versions, student_version

REPO = Path(__file__).resolve().parent.parent
LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))  # chapters, not my-progress or the exams
SOURCES = sorted(SOURCE_DIR.glob("*.ipynb"))
STUDENTS = sorted(STUDENT_DIR.glob("*.ipynb"))


def test_every_chapter_has_lesson_source_and_student_notebooks():
    names = {p.name for p in LESSONS}
    assert names and names == {p.name for p in SOURCES} == {p.name for p in STUDENTS}


def test_committed_student_notebooks_are_what_generation_gives():
    assert generate_student_versions(check_only=True) == [], "student notebooks are stale: run `make student`"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_student_version_has_no_solution_and_no_output(path):
    source = nbformat.read(path, as_version=4)
    student = student_version(source)
    solution_lines = {line.strip() for cell in source.cells if cell.cell_type == "code"
                      and "### BEGIN SOLUTION" in cell.source
                      for line in cell.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
                      .splitlines() if line.strip()}
    assert solution_lines, "the source notebook should mark its solutions"
    text = "\n".join(cell.source for cell in student.cells)
    assert "BEGIN SOLUTION" not in text
    assert not [line for line in solution_lines if line in text.splitlines()]
    assert all(not cell.get("outputs") for cell in student.cells if cell.cell_type == "code")


def _plotting_functions(nb) -> dict[str, str]:
    """Functions defined in the notebook, by name, with their source."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for match in re.finditer(r"^def (\w+)\(.*?(?=^\S|\Z)", cell.source, flags=re.M | re.S):
                found[match.group(1)] = match.group(0)
    return found


@pytest.mark.parametrize("path", LESSONS + SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_figure_has_alt_text_a_title_and_a_source_line(path):
    nb = nbformat.read(path, as_version=4)
    functions = _plotting_functions(nb)
    figures = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        images = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        if not images:
            continue
        figures += len(images)
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt) > 40, f"figure without alt text in cell: {cell.source[:60]}"
        code = cell.source + "".join(src for name, src in functions.items() if f"{name}(" in cell.source)
        assert "set_title(" in code, f"figure without a title: {cell.source[:60]}"
        assert "add_source(" in code, f"figure without a source line: {cell.source[:60]}"
    if path.parent.name == "notebooks":
        assert figures >= 3


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_has_a_widget_exploration_and_the_quiz(path):
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert "explore(" in text and f'quiz("{path.stem}")' in text


@pytest.mark.parametrize("path", LESSONS + SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_stored_notebooks_keep_no_widget_state(path):
    assert "widgets" not in nbformat.read(path, as_version=4).metadata


def test_student_versions_carry_the_exercise_ids_and_objectives_of_their_sources():
    """The course catalogue reads exercises from the student version where the source is absent
    (the in-browser lab ships only student versions)."""
    import json

    from peacekeeping_course.course import _exercise_objectives

    for source in SOURCES:
        student = STUDENT_DIR / source.name
        assert (_exercise_objectives(source, 0) == _exercise_objectives(student, 0)
                and json.loads(student.read_text())["cells"]), source.name
