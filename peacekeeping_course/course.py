"""The course catalogue: which chapters exist and what each one has, read from the files the course
already keeps, so that nothing else needs to know chapter numbers, slugs or session plans.

- chapters: the readings `book/NN-slug.md` listed in `_toc.yml` (NN from 01) that have a quiz bank;
- a chapter's title, quiz id and question ids: its bank `book/quizzes/NN-slug.yml`;
- its exercise ids and the objectives each exercise assesses: the answer cells of
  `exercises/solutions/NN-slug.ipynb` (nbgrader grade_id `answer-N-M` is exercise `N.M`);
- its objectives: the numbered list under "## Learning objectives" of the reading;
- its class sessions: `book/instructors/session-NN.md`, whose title names the chapters, e.g.
  "(chapter 13)" or "(chapters 0–1)"; a chapter taught over several sessions splits its exercises
  with a comment line "% exercises set after this session: 13.1 13.2" in each plan.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .paths import BANK_DIR, BOOK_DIR, INSTRUCTOR_DIR, NOTEBOOK_DIR, SOLUTION_DIR, EXERCISE_DIR, TOC
from .quiz import QuizBank, load_bank
from .reading import objectives, reading_text

READING = re.compile(r"^book/(\d\d)-[a-z0-9-]+$")
SESSION_CHAPTERS = re.compile(r"\(chapters? (\d+)(?:\s*[–-]\s*(\d+))?\)")
# a MyST comment in a session plan whose chapter is taught over several sessions
SESSION_EXERCISES = re.compile(r"^% exercises set after this session[^:]*:(.*)$", re.M)


def exercise_id(grade_id: str) -> str:
    """'answer-5-1' -> '5.1'."""
    return grade_id.removeprefix("answer-").replace("-", ".")


def grade_id(exercise: str) -> str:
    """'5.1' -> 'answer-5-1'."""
    return "answer-" + exercise.replace(".", "-")


def exercise_chapter(exercise: str) -> int:
    """'5.1' -> 5."""
    return int(str(exercise).split(".")[0])


def exercise_sort_key(exercise: str) -> list[int]:
    return [int(part) for part in exercise.split(".")]


@dataclass(frozen=True)
class Chapter:
    number: int
    slug: str  # "05-unmil-liberia": the name of its reading, notebooks, bank and nbgrader assignment

    @property
    def quiz_id(self) -> str:
        return self.slug

    @property
    def reading(self) -> Path:
        return BOOK_DIR / f"{self.slug}.md"

    @property
    def lesson(self) -> Path:
        return NOTEBOOK_DIR / f"{self.slug}.ipynb"

    @property
    def bank_path(self) -> Path:
        return BANK_DIR / f"{self.slug}.yml"

    @property
    def source(self) -> Path:
        """The exercise notebook with solutions, from which the student and nbgrader versions are made."""
        return SOLUTION_DIR / f"{self.slug}.ipynb"

    @property
    def student(self) -> Path:
        return EXERCISE_DIR / f"{self.slug}.ipynb"

    def bank(self) -> QuizBank:
        return load_bank(self.bank_path)

    @property
    def title(self) -> str:
        return self.bank().title

    def question_ids(self) -> list[str]:
        return [q.id for q in self.bank().questions]

    def exercise_objectives(self) -> dict[str, list[int]]:
        """Exercise id -> the objectives its answer cell says it assesses, in notebook order (from the
        source notebook; where only the student version is at hand, as in the in-browser lab, from it:
        its answer cells keep the same metadata)."""
        notebook = self.source if self.source.exists() else self.student
        return dict(_exercise_objectives(notebook, notebook.stat().st_mtime_ns if notebook.exists() else 0))

    def exercise_ids(self) -> list[str]:
        return list(self.exercise_objectives())

    def objectives(self) -> list[str]:
        """The learning objectives listed in the reading, in order (objective 1 first)."""
        return objectives(reading_text(self.slug))

    def sessions(self) -> list[int]:
        """The class sessions that teach this chapter."""
        return [s for s, chapters in session_map().items() if self.number in chapters]


@functools.lru_cache(maxsize=None)
def _exercise_objectives(source: Path, _mtime: int) -> tuple[tuple[str, list[int]], ...]:
    if not source.exists():
        return ()
    found = []
    # plain JSON, not nbformat: the catalogue also runs in the in-browser lab, which has no nbformat
    for cell in json.loads(source.read_text(encoding="utf-8")).get("cells", []):
        metadata = cell.get("metadata", {})
        nbgrader = metadata.get("nbgrader", {})
        if nbgrader.get("solution") and str(nbgrader.get("grade_id", "")).startswith("answer-"):
            found.append((exercise_id(nbgrader["grade_id"]), list(metadata.get("objectives", []))))
    return tuple(found)


def chapters() -> tuple[Chapter, ...]:
    """Every chapter of the course, in order."""
    return _chapters(TOC.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _chapters(_mtime: int) -> tuple[Chapter, ...]:
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    files = [entry["file"] for part in toc.get("parts", []) for entry in part.get("chapters", [])]
    found = []
    for name in files:
        match = READING.match(name)
        if match and int(match.group(1)) >= 1:
            found.append(Chapter(int(match.group(1)), name.removeprefix("book/")))
    return tuple(c for c in found if c.bank_path.exists())


def chapter(key: int | str) -> Chapter:
    """A chapter by number (5, "05") or slug ("05-unmil-liberia")."""
    for c in chapters():
        if c.slug == key or (str(key).isdigit() and c.number == int(key)):
            return c
    raise KeyError(f"the course has no chapter {key!r}")


def session_plans() -> dict[int, Path]:
    """Session number -> its plan, `book/instructors/session-NN.md`, in session order."""
    return {int(path.stem[-2:]): path for path in sorted(INSTRUCTOR_DIR.glob("session-[0-9][0-9].md"))}


def session_map() -> dict[int, tuple[int, ...]]:
    """Session number -> the chapters it teaches, from the session plans' titles."""
    sessions = {}
    for number, path in session_plans().items():
        title = next((line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")), "")
        match = SESSION_CHAPTERS.search(title)
        if match:
            first, last = int(match.group(1)), int(match.group(2) or match.group(1))
            sessions[number] = tuple(range(first, last + 1))
    return sessions


def session_exercises() -> dict[int, tuple[str, ...]]:
    """Session number -> the exercises set after it, for sessions whose plan lists them (a chapter
    taught over several sessions splits its exercises this way; otherwise all are set after its
    one session)."""
    found = {}
    for number, path in session_plans().items():
        match = SESSION_EXERCISES.search(path.read_text(encoding="utf-8"))
        if match:
            found[number] = tuple(match.group(1).split())
    return found


def course_outline() -> list[tuple[str, str, str, list[str], list[str]]]:
    """(chapter number "05", quiz id, title, question ids, exercise ids) for every chapter."""
    return [(f"{c.number:02d}", c.quiz_id, c.title, c.question_ids(), c.exercise_ids()) for c in chapters()]
