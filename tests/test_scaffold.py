"""The chapter scaffold (`python -m peacekeeping_course.scaffold`, `make chapter`): in a temporary copy of
the course, a new chapter made from the templates (number 14 today: the one after the last chapter) is
picked up by the catalogue, the student and nbgrader versions, the course map and the book build; a
second scaffold of the same chapter refuses.

Everything runs in subprocesses with PEACEKEEPING_COURSE_ROOT pointing at the copy (the package reads
its folders once, at import), so the course in this checkout is never touched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv*", "_build", ".git", ".pytest_cache", "__pycache__")
# the next chapter and session numbers, so that the test still works once the course has a chapter 14
N = max(int(p.name[:2]) for p in (REPO / "book").glob("[0-9][0-9]-*.md")) + 1
SESSION = max(int(p.stem[-2:]) for p in (REPO / "book" / "instructors").glob("session-[0-9][0-9].md")) + 1
SCAFFOLD = ["-m", "peacekeeping_course.scaffold", "--number", str(N), "--slug", "new-topic", "--title", "New topic"]
SLUG = f"{N:02d}-new-topic"
# the files the scaffold writes from its templates, which an author then fills in
AUTHORED = [f"book/{SLUG}.md", f"notebooks/{SLUG}.ipynb", f"exercises/solutions/{SLUG}.ipynb",
            f"exercises/checks/{SLUG}.yml", f"book/quizzes/{SLUG}.yml", f"book/instructors/session-{SESSION:02d}.md"]
GENERATED = [f"exercises/{SLUG}.ipynb", f"exercises/nbgrader/source/{SLUG}/{SLUG}.ipynb"]


def run(root: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {**os.environ, "PEACEKEEPING_COURSE_ROOT": str(root), "PEACEKEEPING_PROGRESS": "off",
           "PYTHONWARNINGS": "ignore"}
    return subprocess.run([*args], cwd=root, env=env, capture_output=True, text=True, timeout=timeout)


def python(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run(root, sys.executable, *args)


def snapshot(root: Path) -> dict[str, str]:
    return {name: (root / name).read_text(encoding="utf-8") for name in [*AUTHORED, *GENERATED, "_toc.yml"]}


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory) -> tuple[Path, str]:
    """A copy of the course with chapter N scaffolded in it, and what the scaffold printed."""
    root = tmp_path_factory.mktemp("scaffold") / "course"
    shutil.copytree(REPO, root, ignore=IGNORE)
    result = python(root, *SCAFFOLD)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return root, result.stdout


def test_the_scaffold_writes_the_chapter_files_and_lists_what_to_write(scaffolded):
    root, printed = scaffolded
    for name in AUTHORED + GENERATED:
        assert (root / name).is_file(), name
    created = printed.split("Files written from templates:")[1].split("Still to write by hand")[0]
    to_write = printed.split("Still to write by hand")[1]
    for name in AUTHORED:
        assert name in created and name in to_write, name
    # every file an author has to fill in is marked, so that tests/test_book.py finds what is left
    unfinished = [name for name in AUTHORED if "TODO" in (root / name).read_text(encoding="utf-8")]
    assert unfinished == AUTHORED
    print(f"hand-edited files the scaffold creates: {len(unfinished)}")
    assert len(unfinished) <= 6
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    assert f'  - caption: "Chapter {N} · New topic"\n    chapters:\n      - file: book/{SLUG}\n' in toc
    assert toc.index(f"book/{SLUG}") < toc.index("caption: Final assessment")
    assert re.search(rf"- file: book/instructors/session-{SESSION - 1:02d}\n\s+- file: book/instructors/"
                     rf"session-{SESSION:02d}\n", toc)
    # the reading has the anatomy of the others, and the time lines are current
    reading = (root / f"book/{SLUG}.md").read_text(encoding="utf-8")
    assert reading.startswith(f"(ch{N})=\n# New topic\n\n**Time:** reading about ")
    assert reading.rstrip().endswith(f"## Check your understanding\n\n```{{quiz}} {SLUG}\n```")
    assert python(root, "-m", "peacekeeping_course.timing", "--check").returncode == 0


CATALOGUE = """
import json, sys
from peacekeeping_course import course
c = course.chapter(int(sys.argv[1]))
print(json.dumps({"chapters": [x.number for x in course.chapters()], "slug": c.slug, "title": c.title,
                  "questions": c.question_ids(), "exercises": c.exercise_objectives(), "sessions": c.sessions(),
                  "session_map": {str(k): v for k, v in course.session_map().items()}}))
"""


def test_the_catalogue_lists_the_new_chapter(scaffolded):
    root, _ = scaffolded
    result = python(root, "-c", CATALOGUE, str(N))
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout)
    assert found["chapters"] == list(range(1, N + 1))
    assert found["slug"] == SLUG and found["title"] == "New topic"
    assert found["questions"] == ["todo-first-question", "todo-second-question", "todo-third-question"]
    assert found["exercises"] == {f"{N}.1": [1]}
    assert found["sessions"] == [SESSION] and str(SESSION) in found["session_map"]
    assert all(N not in chapters for s, chapters in found["session_map"].items() if s != str(SESSION))


def test_the_student_and_nbgrader_versions_are_current(scaffolded):
    root, _ = scaffolded
    result = python(root, "-m", "peacekeeping_course.release", "--check")
    assert result.returncode == 0, result.stderr[-3000:]
    source = (root / GENERATED[1]).read_text(encoding="utf-8")
    assert f'"grade_id": "hidden-test-{N}-1"' in source and "### BEGIN SOLUTION" in source
    assert "### BEGIN SOLUTION" not in (root / GENERATED[0]).read_text(encoding="utf-8")


CHECK = """
import sys
from peacekeeping_course.checks import evaluate
ex = sys.argv[1] + ".1"
print(evaluate(ex, {"A": "c", "B": "a", "C": "d"}).status, evaluate(ex, {"A": "b", "B": "a", "C": "d"}).status)
"""


def test_the_placeholder_exercise_has_a_check_that_accepts_its_solution(scaffolded):
    root, _ = scaffolded
    result = python(root, "-c", CHECK, str(N))
    assert result.stdout.split() == ["correct", "incorrect"], result.stderr[-3000:]


def test_the_course_map_includes_the_new_chapter(scaffolded):
    root, _ = scaffolded
    result = python(root, "-c", "from peacekeeping_course import instructor; "
                                "print(instructor.render_course_map(lambda doc: doc + '.html'))")
    assert result.returncode == 0, result.stderr[-3000:]
    html = result.stdout
    section = html[html.index(f'id="map-{SLUG}"'):]
    assert f"<h2>Chapter {N}: New topic</h2>" in section
    assert f'href="book/instructors/session-{SESSION:02d}.html">session {SESSION}</a>' in section
    assert f'href="exercises/solutions/{SLUG}.html">{N}.1</a>' in section
    assert section.count(f"#pkq-{SLUG}-todo-") == 3


def test_a_second_scaffold_refuses_and_writes_nothing(scaffolded):
    root, _ = scaffolded
    before = snapshot(root)
    again = python(root, *SCAFFOLD)
    assert again.returncode == 2
    assert "nothing was written" in again.stderr and f"book/{SLUG}.md already exists" in again.stderr
    taken = python(root, "-m", "peacekeeping_course.scaffold", "--number", "1", "--slug", "other", "--title", "Other")
    assert taken.returncode == 2 and "already uses chapter number 1" in taken.stderr
    assert snapshot(root) == before


def test_the_book_builds_with_the_new_chapter(scaffolded):
    root, _ = scaffolded
    jb = Path(sys.executable).parent / "jupyter-book"
    result = run(root, str(jb), "build", str(root), "--warningiserror", "--nitpick", "--keep-going")
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"book build failed:\n{log[-6000:]}"
    warnings = re.findall(r"^.*\bWARNING: .*$", log, flags=re.M)
    assert "build succeeded" in log and not warnings, "\n".join(warnings)
    html = root / "_build" / "html"
    assert 'class="pk-quiz"' in (html / f"book/{SLUG}.html").read_text(encoding="utf-8")
    lesson = (html / f"notebooks/{SLUG}.html").read_text(encoding="utf-8")
    assert f"pkq-{SLUG}-todo-first-question" in lesson, "the lesson's stored quiz output"
    assert "Show the solution" in (html / f"exercises/solutions/{SLUG}.html").read_text(encoding="utf-8")
    assert f"Session {SESSION}" in (html / f"book/instructors/session-{SESSION:02d}.html").read_text(encoding="utf-8")
    assert f'id="map-{SLUG}"' in (html / "book/instructors/course-map.html").read_text(encoding="utf-8")
