"""The time estimates on the chapter pages, lesson notebooks and syllabus (peacekeeping_course/timing.py)."""

from __future__ import annotations

import re

import nbformat
import pytest

from peacekeeping_course import timing


def test_stated_estimates_are_current():
    stale = timing.stale()
    assert stale == [], ("time estimates out of date (run `python -m peacekeeping_course.timing --write`): "
                         + ", ".join(stale))


def test_check_command_agrees():
    assert timing.main(["--check"]) == 0


@pytest.mark.parametrize("minutes, expected", [(0, 5), (7.4, 5), (7.5, 10), (12.6, 15), (62.4, 60)])
def test_rounding_to_five_minutes(minutes, expected):
    assert timing.rounded(minutes) == expected


def test_word_counting():
    assert timing.words("A force of 12,640 personnel, well-trained (Fortna 2008).") == 8


def test_word_ranges_are_read_once_each():
    text = ("Write **200 to 300 words**. | Clarity | 200-300 words, in paragraphs |\n"
            "### 1. Mandate (150 to 300 words)\n### 3. Justification (200 to 350 words)")
    assert timing.word_ranges(text) == [(200, 300), (150, 300), (200, 350)]


def test_the_time_line_does_not_count_towards_the_reading():
    page = "(ch99)=\n# A title\n\n" + "word " * 1200 + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    with_line = timing._with_line(page, "**Time:** reading about 10 min")
    assert with_line.startswith("(ch99)=\n# A title\n\n**Time:** reading about 10 min\n\nword ")
    assert timing.reading_minutes(with_line) == timing.reading_minutes(page)
    assert timing._with_line(with_line, "**Time:** reading about 15 min").count("**Time:**") == 1
    # 1,206 words at READING_WPM, and one table
    assert timing.reading_minutes(page) == pytest.approx(1206 / timing.READING_WPM + timing.MIN_PER_TABLE)


def test_the_quiz_at_the_end_of_a_reading_is_not_counted():
    page = "# T\n\n" + "word " * 240
    assert timing.reading_minutes(page + "\n## Check your understanding\n\n```{quiz} x\n```\n" + "more " * 500) \
        == pytest.approx(timing.reading_minutes(page))


def _notebook(*cells):
    make = {"md": nbformat.v4.new_markdown_cell, "code": nbformat.v4.new_code_cell}
    return nbformat.v4.new_notebook(cells=[make[kind](source) for kind, source in cells])


def test_exercise_minutes():
    nb = _notebook(
        ("md", "# Exercises 9: a title\n\n" + "intro " * 120),
        ("code", "import pandas as pd\ndata = load('x')"),                       # set-up: 1 minute
        ("md", "## Exercise 9.1 — A number (data)\n\n" + "task " * 60),
        ("code", "answer_9_1 = None"), ("code", 'check("9.1", answer_9_1)'),
        ("md", "## Exercise 9.2 — A chart (data and chart)\n\n" + "task " * 60),
        ("code", "answer_9_2 = None"), ("code", 'check("9.2", answer_9_2)'),
        ("md", "## Exercise 9.3 — Write (applied, written)\n\nWrite **100 to 200 words**.\n\n"
               "```\n## Template heading inside a fence\n```\n" + "task " * 54),
        ("code", "answer_9_3 = None"), ("code", 'check("9.3", answer_9_3)'),
        ("md", "## Going further (not checked)\n\n" + "optional " * 600),
        ("code", "optional_code()"),
    )
    minutes = timing.exercise_minutes(nb)
    assert list(minutes) == ["9.1", "9.2", "9.3"]
    wpm = timing.READING_WPM
    intro = timing.words(nb.cells[0].source) / wpm + timing.MIN_PER_CODE_CELL
    task = {n: timing.words(nb.cells[n].source) / wpm for n in (2, 5)}  # the heading is read too
    assert minutes["9.1"] == pytest.approx(intro + task[2] + timing.MIN_PER_EXERCISE)
    assert minutes["9.2"] == pytest.approx(task[5] + timing.MIN_PER_EXERCISE + timing.MIN_PER_CHART_TASK)
    written = timing.words(nb.cells[8].source) / wpm + timing.MIN_PER_EXERCISE + 150 / timing.WRITING_WPM
    assert minutes["9.3"] == pytest.approx(written)


def test_lesson_minutes_skip_the_quiz_and_count_charts():
    nb = _notebook(("md", "# Lesson\n\n**Time:** reading about 5 min\n\n" + "text " * 240),
                   ("code", "x = 1"), ("code", "explore(plot, 'a', mission=['A'])"), ("code", 'quiz("99-x")'))
    nb.cells[1].outputs = [nbformat.v4.new_output("display_data", data={"image/png": "", "text/plain": ""})]
    expected = (timing.words("# Lesson\n\n" + "text " * 240) / timing.READING_WPM
                + 2 * timing.MIN_PER_CODE_CELL + timing.MIN_PER_CHART + timing.MIN_PER_EXPLORER)
    assert timing.lesson_minutes(nb) == pytest.approx(expected)


def test_every_chapter_page_and_lesson_states_its_time_under_the_title():
    for slug in timing.chapters():
        page = (timing.BOOK_DIR / f"{slug}.md").read_text(encoding="utf-8")
        assert re.search(r"^# .+\n\n\*\*Time:\*\* reading about \d+ min · lesson notebook about \d+ min"
                         r" · exercises about \d+ min", page, flags=re.M), slug
        first = nbformat.read(timing.LESSON_DIR / f"{slug}.ipynb", as_version=4).cells[0].source
        assert re.match(r"# .+\n\n\*\*Time:\*\* reading about", first), slug


def test_split_exercise_times_add_up_to_the_chapter_figure():
    times = {slug: timing.chapter_time(slug) for slug in timing.chapters()}
    sessions = timing.session_times(times, timing.guide_minutes())
    assert sum(s.exercises for s in sessions) == sum(t.exercises for t in times.values())
    assert sum(s.lesson for s in sessions) == sum(t.lesson for t in times.values())


def test_the_course_guide_states_the_assumptions():
    guide = (timing.BOOK_DIR / f"{timing.GUIDE}.md").read_text(encoding="utf-8")
    text = " ".join(guide.split())
    for claim in (f"{timing.READING_WPM} words a minute", f"{timing.WRITING_WPM} words a minute",
                  f"{timing.MIN_PER_EXERCISE} minutes ({timing.MIN_PER_EXERCISE + timing.MIN_PER_CHART_TASK} "
                  "if it asks for a chart)", f"rounded to {timing.ROUND_TO} minutes"):
        assert claim in text, claim
