"""Learner-facing time estimates, computed from the course's own files.

    python -m peacekeeping_course.timing           # print the estimates
    python -m peacekeeping_course.timing --write   # write them into the pages, notebooks and syllabus
    python -m peacekeeping_course.timing --check   # fail if a stated estimate is out of date

Every chapter page (`book/NN-slug.md`) and lesson notebook (`notebooks/NN-slug.ipynb`) states, in one
line under its title, the expected time for the reading, the lesson notebook and the exercises. The
syllabus (`book/instructors/syllabus.md`) adds them up per session and for the whole course, in a block
between `<!-- timing:start ... -->` and `<!-- timing:end -->`. All of it is written from here, so an edit
that makes a chapter longer or shorter shows up in `--check` (and in `tests/test_timing.py`).

The method
----------
These are rough estimates for a learner working alone, often in a second language. They rest on a few
stated assumptions (the constants below), chosen for this course, not measured on its learners:

- **Reading.** The words of the page at 120 words a minute (careful study of a dense text, often in a
  second language, with a look at the glossary now and then), plus 1 minute for each table or figure.
  Words are counted after citations are written out as "(Author year)"; the quiz at the end of the
  page ("Check your understanding") and the time line itself are not counted.
- **Lesson notebook.** The words of its text cells at the same 120 words a minute, plus 1 minute for
  each code cell (read it, run it, look at the result), 2 more minutes for each chart it draws (the
  charts carry the lesson, and the text asks what to look for in them), and 3 minutes to try the
  interactive control (`explore(...)`). The quiz cell at the end is not counted.
- **Exercises** (the student notebook `exercises/NN-slug.ipynb`). The words of the tasks at 120 words
  a minute, plus 8 minutes for each exercise (work out the answer, type it, run the check and read its
  feedback), 7 more when the exercise asks for a chart (its heading says "chart", as in "(data and
  chart)"), and 1 minute for each other code cell (set-up cells). The notebook's introduction counts
  with the first exercise. A written task adds the time to write it: the midpoint of each word range the task sets
  ("200 to 300 words") at 10 words a minute, which includes planning and revising. The optional
  "Going further" tasks are not counted.
- Each estimate is rounded to the nearest 5 minutes (at least 5). The chapter quiz is not included.

The syllabus adds the rounded figures: per session, the pre-work (reading and lesson notebook, with the
course guide for session 1) and the exercises set after it; exercises 13.1-13.4 belong to session 13
and 13.5-13.6 to session 14, as in the syllabus table. Session 13's share is rounded on its own and
session 14 gets the rest, so that the two add up to the figure on the chapter 13 page.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import course
from .paths import REPO_ROOT
from .reading import plain_markdown

BOOK_DIR = REPO_ROOT / "book"
LESSON_DIR = REPO_ROOT / "notebooks"
EXERCISE_DIR = REPO_ROOT / "exercises"
SYLLABUS = BOOK_DIR / "instructors" / "syllabus.md"
GUIDE = "00-how-to-use"

# ------------------------------------------------------------------ the assumptions (see the docstring)

READING_WPM = 120        # words a minute: study reading, often in a second language
WRITING_WPM = 10         # words a minute of finished text, planning and revising included
MIN_PER_TABLE = 1        # reading: each table or figure
MIN_PER_CODE_CELL = 1    # lesson and exercises: read, run and look at the result
MIN_PER_CHART = 2        # lesson: each chart the notebook draws (stored image outputs)
MIN_PER_EXPLORER = 3     # lesson: trying the interactive control
MIN_PER_EXERCISE = 8     # work out, type and check one answer, and read the feedback
MIN_PER_CHART_TASK = 7   # extra, when an exercise asks for a chart
ROUND_TO = 5
SESSION_MIN = 90         # one class session

TIME_PREFIX = "**Time:**"

Session = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, "tuple[str, ...] | None"], ...]]


def sessions() -> dict[int, Session]:
    """Session number -> (pages read before it, lesson notebooks run before it, exercises set after
    it), from the course catalogue: a chapter's reading and lesson come before its first session (the
    course guide, chapter 0, before session 1), and its exercises after its session, or as its session
    plans split them. An exercise entry is (chapter slug, exercise ids, or None for all of them).
    A test keeps this in step with the syllabus table."""
    plan, split = course.session_map(), course.session_exercises()
    first: dict[int, int] = {}
    for number, chapters_taught in sorted(plan.items()):
        for chapter in chapters_taught:
            first.setdefault(chapter, number)
    slug = {c.number: c.slug for c in course.chapters()}
    result = {}
    for number, chapters_taught in sorted(plan.items()):
        new = [c for c in chapters_taught if first[c] == number]
        pages = tuple(GUIDE if c == 0 else slug[c] for c in new)
        lessons = tuple(slug[c] for c in new if c)
        if number in split:
            ids = split[number]
            exercises = ((slug[int(ids[0].split(".")[0])], ids),)
        else:
            exercises = tuple((slug[c], None) for c in chapters_taught if c)
        result[number] = (pages, lessons, exercises)
    return result


# ------------------------------------------------------------------ counting

_WORD = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FIGURE = re.compile(r"^\s*(?:`{3,}|:{3,})\{(?:figure|image|list-table|csv-table|table)\}|^\s*!\[", re.M)
_FENCE = re.compile(r"^\s*(?:`{3,}|:{3,})")


def words(text: str) -> int:
    """Words in a text (a number such as 12,640 or a hyphenated word counts once)."""
    return len(_WORD.findall(text))


def rounded(minutes: float) -> int:
    """To the nearest ROUND_TO minutes, halves up, and never below ROUND_TO."""
    return max(ROUND_TO, int(minutes / ROUND_TO + 0.5) * ROUND_TO)


def _without_time_line(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(TIME_PREFIX))


def reading_minutes(text: str) -> float:
    """Minutes to study a reading page (MyST Markdown), before rounding."""
    text = _without_time_line(text)
    text = re.split(r"^## Check your understanding\s*$", text, flags=re.M)[0]
    tables = sum(1 for line in text.splitlines() if _TABLE_RULE.match(line) and "|" in line)
    tables += len(_FIGURE.findall(text))
    body = "\n".join(line for line in text.splitlines()
                     if not _FENCE.match(line) and not re.match(r"^:[\w-]+:", line) and not _TABLE_RULE.match(line))
    return words(plain_markdown(body)) / READING_WPM + MIN_PER_TABLE * tables


def lesson_minutes(nb: nbformat.NotebookNode) -> float:
    """Minutes to work through a lesson notebook, before rounding."""
    minutes = 0.0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            minutes += words(_without_time_line(cell.source)) / READING_WPM
        elif cell.cell_type == "code" and not re.search(r"^\s*quiz\(", cell.source, flags=re.M):
            minutes += MIN_PER_CODE_CELL
            minutes += MIN_PER_CHART * sum(1 for out in cell.get("outputs", [])
                                           if "image/png" in out.get("data", {}))
            if "explore(" in cell.source:
                minutes += MIN_PER_EXPLORER
    return minutes


def _markdown_parts(source: str):
    """(heading or None, text) pieces of a markdown cell, split at `## ` headings outside code fences."""
    heading, lines, fenced = None, [], False
    for line in source.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            yield heading, "\n".join(lines)
            heading, lines = line[3:].strip(), [line]
        else:
            lines.append(line)
    yield heading, "\n".join(lines)


def word_ranges(text: str) -> list[tuple[int, int]]:
    """The distinct word ranges a task sets, e.g. "200 to 300 words" -> (200, 300)."""
    found = re.findall(r"(\d+)\s*(?:to|-|–)\s*(\d+)\s+words", text)
    return list(dict.fromkeys((int(low), int(high)) for low, high in found))


def exercise_minutes(nb: nbformat.NotebookNode) -> dict[str, float]:
    """Exercise id ('5.1') -> minutes, before rounding, in notebook order. The notebook's introduction
    and set-up cells count towards the first exercise; "Going further" and other headings that are not
    exercises end the counted part until the next exercise."""
    texts: dict[str, list[str]] = {}
    headings: dict[str, str] = {}
    extra: dict[str | None, float] = {}
    current: str | None = "intro"
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for heading, text in _markdown_parts(cell.source):
                if heading is not None:
                    found = re.match(r"Exercise (\d+\.\d+)\b", heading)
                    current = found.group(1) if found else None
                    if found:
                        headings[current] = heading
                if current is not None:
                    texts.setdefault(current, []).append(text)
        elif cell.cell_type == "code" and current is not None:
            if re.search(r"\bcheck\(|^\s*answer_\d+_\d+\s*=", cell.source, flags=re.M):
                continue
            extra[current] = extra.get(current, 0.0) + MIN_PER_CODE_CELL
    checked = list(dict.fromkeys(re.findall(r"\bcheck\(\s*[\"'](\d+\.\d+)[\"']", "\n".join(
        c.source for c in nb.cells if c.cell_type == "code"))))
    result = {}
    for exercise in checked:
        text = "\n".join(texts.get(exercise, []))
        minutes = words(text) / READING_WPM + MIN_PER_EXERCISE + extra.get(exercise, 0.0)
        if re.search(r"\bchart\b", headings.get(exercise, ""), flags=re.I):
            minutes += MIN_PER_CHART_TASK
        minutes += sum((low + high) / 2 for low, high in word_ranges(text)) / WRITING_WPM
        result[exercise] = minutes
    if result:
        first = next(iter(result))
        result[first] += words("\n".join(texts.get("intro", []))) / READING_WPM + extra.get("intro", 0.0)
    return result


# ------------------------------------------------------------------ per chapter

@dataclass(frozen=True)
class ChapterTime:
    slug: str
    reading: int
    lesson: int
    exercises: int
    exercise_raw: dict[str, float]  # exercise id -> minutes before rounding

    def line(self, link: str) -> str:
        return (f"{TIME_PREFIX} reading about {self.reading} min · lesson notebook about {self.lesson} min"
                f" · exercises about {self.exercises} min ({link})")

    @property
    def book_line(self) -> str:
        return self.line("rough estimates: {doc}`how they are made <00-how-to-use>`")

    @property
    def notebook_line(self) -> str:
        return self.line("rough estimates: [how they are made](../book/00-how-to-use.md)")


def chapters() -> list[str]:
    return [c.slug for c in course.chapters()]


def _read_nb(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def chapter_time(slug: str) -> ChapterTime:
    raw = exercise_minutes(_read_nb(EXERCISE_DIR / f"{slug}.ipynb"))
    return ChapterTime(
        slug=slug,
        reading=rounded(reading_minutes((BOOK_DIR / f"{slug}.md").read_text(encoding="utf-8"))),
        lesson=rounded(lesson_minutes(_read_nb(LESSON_DIR / f"{slug}.ipynb"))),
        exercises=rounded(sum(raw.values())),
        exercise_raw=raw,
    )


def guide_minutes() -> int:
    return rounded(reading_minutes((BOOK_DIR / f"{GUIDE}.md").read_text(encoding="utf-8")))


# ------------------------------------------------------------------ the syllabus block

@dataclass(frozen=True)
class SessionTime:
    number: int
    reading: int
    lesson: int
    exercises: int
    exercise_label: str

    @property
    def self_study(self) -> int:
        return self.reading + self.lesson + self.exercises


def _exercise_shares(times: dict[str, ChapterTime]) -> dict[tuple[int, str], int]:
    """(session, chapter) -> that session's share of the chapter's rounded exercise time. A chapter
    whose exercises are split over sessions gives each earlier share its own rounded time and the last
    share the rest, so the shares add up to the figure on the chapter page."""
    shares: dict[tuple[int, str], int] = {}
    for slug, time in times.items():
        parts = [(n, ids) for n, (_, _, exercises) in sorted(sessions().items())
                 for chapter, ids in exercises if chapter == slug]
        left = time.exercises
        for i, (n, ids) in enumerate(parts):
            if i == len(parts) - 1:
                shares[(n, slug)] = left
            else:
                share = min(left, rounded(sum(time.exercise_raw[e] for e in ids)))
                shares[(n, slug)] = share
                left -= share
    return shares


def session_times(times: dict[str, ChapterTime], guide: int) -> list[SessionTime]:
    shares = _exercise_shares(times)
    result = []
    for n, (pages, lessons, exercises) in sorted(sessions().items()):
        labels = []
        for chapter, ids in exercises:
            ids = ids or tuple(times[chapter].exercise_raw)
            labels.append(f"{ids[0]}–{ids[-1]}" if len(ids) > 1 else ids[0])
        result.append(SessionTime(
            number=n,
            reading=sum(guide if page == GUIDE else times[page].reading for page in pages),
            lesson=sum(times[slug].lesson for slug in lessons),
            exercises=sum(shares[(n, chapter)] for chapter, _ in exercises),
            exercise_label=", ".join(labels),
        ))
    return result


def hours(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h and m else f"{h} h" if h else f"{m} min"


START = "<!-- timing:start (written by python -m peacekeeping_course.timing; do not edit by hand) -->"
END = "<!-- timing:end -->"


def syllabus_block(times: dict[str, ChapterTime], guide: int) -> str:
    sessions = session_times(times, guide)
    rows = ["| Session | Reading | Lesson notebook | Exercises | Self-study | In class |",
            "|---|---|---|---|---|---|"]
    for s in sessions:
        rows.append(f"| {s.number} | {f'{s.reading} min' if s.reading else '—'} | "
                    f"{f'{s.lesson} min' if s.lesson else '—'} | {s.exercises} min ({s.exercise_label}) | "
                    f"{hours(s.self_study)} | {SESSION_MIN} min |")
    reading = sum(s.reading for s in sessions)
    lesson = sum(s.lesson for s in sessions)
    exercises = sum(s.exercises for s in sessions)
    study = reading + lesson + exercises
    in_class = SESSION_MIN * len(sessions)
    rows.append(f"| **All {len(sessions)}** | {hours(reading)} | {hours(lesson)} | {hours(exercises)} | "
                f"**{hours(study)}** | **{hours(in_class)}** |")
    return "\n".join([
        START,
        "",
        *rows,
        "",
        f"In all, the course asks for **{hours(in_class)}** in class ({len(sessions)} sessions of "
        f"{SESSION_MIN} minutes) and about **{hours(study)}** of self-study, about {hours(in_class + study)} "
        f"altogether. On average each session needs about {hours(rounded(study / len(sessions)))} of "
        f"self-study. The reading for session 1 includes the course guide (about {guide} min).",
        "",
        END,
    ])


# ------------------------------------------------------------------ writing the lines

def _with_line(text: str, line: str) -> str:
    """`text` (Markdown starting with or containing a `# ` title) with the time line under the title."""
    title = re.search(r"^# .*$", text, flags=re.M)
    if title is None:
        raise ValueError("no '# ' title to put the time line under")
    rest = text[title.end():]
    rest = re.sub(r"\A\n\n" + re.escape(TIME_PREFIX) + r"[^\n]*", "", rest)
    return text[:title.end()] + "\n\n" + line + rest


def _with_block(text: str, block: str) -> str:
    found = re.search(re.escape(START.split(":", 1)[0]) + r".*?" + re.escape(END), text, flags=re.S)
    if found is None:
        raise ValueError(f"{SYLLABUS.relative_to(REPO_ROOT)} has no {END} block")
    return text[:found.start()] + block + text[found.end():]


def expected() -> dict[Path, str]:
    """Every file the estimates are written into, with the text it should have."""
    times = {slug: chapter_time(slug) for slug in chapters()}
    out: dict[Path, str] = {}
    for slug, time in times.items():
        page = BOOK_DIR / f"{slug}.md"
        out[page] = _with_line(page.read_text(encoding="utf-8"), time.book_line)
        path = LESSON_DIR / f"{slug}.ipynb"
        nb = _read_nb(path)
        first = nb.cells[0]
        if first.cell_type != "markdown":
            raise ValueError(f"{path.relative_to(REPO_ROOT)}: the first cell is not a markdown cell")
        first.source = _with_line(first.source, time.notebook_line)
        out[path] = nbformat.writes(nb) + "\n"
    out[SYLLABUS] = _with_block(SYLLABUS.read_text(encoding="utf-8"), syllabus_block(times, guide_minutes()))
    return out


def stale(write: bool = False) -> list[str]:
    """The files whose stated estimates differ from the computed ones (written first if `write`)."""
    found = []
    for path, text in expected().items():
        if path.read_text(encoding="utf-8") != text:
            found.append(str(path.relative_to(REPO_ROOT)))
            if write:
                path.write_text(text, encoding="utf-8")
    return found


def report() -> str:
    lines = [f"{'chapter':32} reading  lesson  exercises (raw minutes per exercise)"]
    for slug in chapters():
        t = chapter_time(slug)
        raw = ", ".join(f"{k}: {v:.0f}" for k, v in t.exercise_raw.items())
        lines.append(f"{slug:32} {t.reading:5}   {t.lesson:5}   {t.exercises:5}     ({raw})")
    lines.append(f"{GUIDE:32} {guide_minutes():5}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Time estimates for the chapter pages, lesson notebooks "
                                                 "and syllabus.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="write the estimates into the files")
    group.add_argument("--check", action="store_true", help="fail if a stated estimate is out of date")
    args = parser.parse_args(argv)
    if args.check:
        found = stale()
        if found:
            print("Time estimates out of date (run `python -m peacekeeping_course.timing --write`): "
                  + ", ".join(found), file=sys.stderr)
            return 1
        print("Time estimates are up to date.")
        return 0
    if args.write:
        for name in stale(write=True):
            print(f"wrote {name}")
        return 0
    print(report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
