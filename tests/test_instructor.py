"""The instructors' part: course map, session plans, capstone rubric, printable handouts."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from peacekeeping_course import course, syllabus, timing
from peacekeeping_course.instructor import banks, course_map, exercise_objectives
from peacekeeping_course.quiz import load_bank
from peacekeeping_course.reading import objectives, reading_text

REPO = Path(__file__).resolve().parent.parent
SESSIONS = sorted((REPO / "book" / "instructors").glob("session-*.md"))
BANKS = banks()


def test_the_sessions_are_numbered_in_order_cover_every_chapter_and_are_in_the_syllabus():
    count = len(SESSIONS)
    assert count >= len(course.chapters())
    assert [p.stem for p in SESSIONS] == [f"session-{n:02d}" for n in range(1, count + 1)]
    assert sorted(course.session_map()) == list(range(1, count + 1)), "every session plan names its chapters"
    assert all(c.sessions() for c in course.chapters()), "every chapter is taught in a session"
    table = syllabus.table_markdown()  # the syllabus's table of sessions, from the plans' front matter
    assert all(f"{{doc}}`session-{n:02d}`" in table for n in range(1, count + 1))


def test_the_syllabus_shows_the_table_made_from_the_session_plans():
    text = (REPO / "book" / "instructors" / "syllabus.md").read_text(encoding="utf-8")
    assert text.count("```{syllabus-table}\n```") == 1
    assert not re.search(r"^\| \{doc\}`session-", text, flags=re.M), "no hand-written rows next to the generated ones"
    lines = syllabus.table_markdown().splitlines()
    assert lines[:2] == syllabus.HEADER.splitlines()
    assert [r.session for r in syllabus.rows()] == list(range(1, len(SESSIONS) + 1))
    assert all(line.startswith("| {doc}`session-") and line.count(" | ") == 4 for line in lines[2:])


def test_each_syllabus_row_names_the_sessions_pages_lessons_and_exercises():
    """Each row (written in its session plan) agrees with the sessions the catalogue reads: the pages read
    and notebooks run before the session, and the first and last exercise set after it."""
    rows = {r.session: r.markdown() for r in syllabus.rows()}
    assert sorted(rows) == sorted(timing.sessions())
    covered = []
    for number, (pages, lessons, exercises) in timing.sessions().items():
        row = rows[number]
        for slug in pages + lessons:
            assert f"{{doc}}`../{slug}`" in row, (number, slug)
        for slug in lessons:
            assert f"notebook `{slug}`" in row, (number, slug)
        for chapter, ids in exercises:
            ids = ids or course.chapter(chapter).exercise_ids()  # None: all the chapter's exercises
            first, last = ids[0], ids[-1]
            assert first in row and last in row, (number, chapter, first, last)
            covered.append(chapter)
    assert set(covered) == set(timing.chapters())


def _plan(tmp_path: Path, front: str) -> Path:
    path = tmp_path / "session-01.md"
    path.write_text(f"{front}(session-01)=\n# Session 1 · A topic (chapter 1)\n\nText.\n", encoding="utf-8")
    return path


GOOD = "  pre-work: Chapter 1\n  in-class focus: >-\n    One; two\n  assessment: Chapter quiz\n"


@pytest.mark.parametrize("front, problem", [
    ("", "no `syllabus:` block"),
    ("---\ntitle: x\n---\n", "no `syllabus:` block"),
    ("---\nsyllabus:\n  pre-work: Chapter 1\n  assessment: Chapter quiz\n---\n", "has no in-class focus"),
    ("---\nsyllabus:\n" + GOOD + "  prework: x\n---\n", "unknown key(s) ['prework']"),
    ("---\nsyllabus:\n" + GOOD.replace("Chapter quiz", "''") + "---\n", "assessment` must be a non-empty text"),
    ("---\nsyllabus:\n" + GOOD.replace("Chapter quiz", "quiz | exam") + "---\n", "must not contain '|'"),
    ("---\nsyllabus:\n" + GOOD + "  also: capstone\n---\n", "must be a list of page names"),
    ("---\nsyllabus:\n" + GOOD + "  also: [no-such-page]\n---\n", "book/instructors/no-such-page.md does not exist"),
    ("---\nsyllabus: [\n---\n", "not valid YAML"),
])
def test_a_wrong_syllabus_block_is_refused_with_its_file_named(tmp_path, front, problem):
    with pytest.raises(syllabus.SyllabusError) as err:
        syllabus.row(1, _plan(tmp_path, front), (1,))
    assert problem in str(err.value) and "session-01.md" in str(err.value)


def test_a_syllabus_row_joins_the_lines_of_its_texts(tmp_path):
    row = syllabus.row(1, _plan(tmp_path, "---\nsyllabus:\n" + GOOD + "  also: [capstone]\n---\n"), (1,))
    reading = course.chapter(1).slug
    assert row.markdown() == (f"| {{doc}}`session-01` | {{doc}}`../{reading}`, {{doc}}`capstone` | Chapter 1 | "
                              "One; two | Chapter quiz |")


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_each_session_plan_fills_ninety_minutes_with_prompts_and_guidance(path):
    text = path.read_text(encoding="utf-8")
    for heading in ("## Aims", "## Plan (90 minutes)", "## Discussion prompts", "## Assessment and follow-up",
                    "## Adapting the session"):
        assert heading in text, heading
    slots = re.findall(r"^\|\s*(\d):(\d\d)\s*[–-]\s*(\d):(\d\d)\s*\|", text, flags=re.M)
    minutes = [(int(a) * 60 + int(b), int(c) * 60 + int(d)) for a, b, c, d in slots]
    assert minutes[0][0] == 0 and minutes[-1][1] == 90, minutes
    assert all(end == start for (_, end), (start, _) in zip(minutes, minutes[1:])), "gaps or overlaps"
    assert text.count("**What a strong answer does:**") >= 3


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: b.quiz_id)
def test_every_quiz_item_and_exercise_names_a_real_objective(bank):
    count = len(objectives(reading_text(bank.quiz_id)))
    assert 3 <= count <= 5
    rows, _ = course_map(bank)  # raises if an item names an objective the chapter does not have
    assert [r.number for r in rows] == list(range(1, count + 1))
    assert set(exercise_objectives(bank.quiz_id)), "every exercise is listed"
    assert any(r.questions or r.exercises for r in rows)


def test_the_capstone_rubric_totals_one_hundred_points():
    text = (REPO / "book" / "instructors" / "capstone.md").read_text(encoding="utf-8")
    rubric = text.split("## Rubric", 1)[1]
    points = [int(p) for p in re.findall(r"^\| \*\*[^*]+\*\* \((\d+)\)", rubric, flags=re.M)]
    assert len(points) >= 5 and sum(points) == 100


def _text(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def test_course_map_page_lists_every_objective_and_links_every_question(built_book):
    page = (built_book / "book" / "instructors" / "course-map.html").read_text(encoding="utf-8")
    for bank in BANKS:
        rows, _ = course_map(bank)
        section = page.split(f'id="map-{bank.quiz_id}"', 1)[1].split("</section>", 1)[0]
        assert section.count('<th scope="row">') == len(rows)
        for q in bank.questions:
            if q.objectives:
                assert f"#pkq-{bank.quiz_id}-{q.id}" in section


def test_quiz_sheets_and_answer_keys_hold_every_question_of_every_bank(built_book):
    sheets = _text(built_book / "book" / "instructors" / "quiz-sheets.html")
    # the keys are on two pages (chapters 1-7, then 8 onwards), each chapter on exactly one
    pages = [_text(built_book / "book" / "instructors" / f"{name}.html") for name in ("answer-keys", "answer-keys-part-2")]
    for bank in BANKS:
        assert [f"Chapter {int(bank.chapter)} answer key:" in page for page in pages] == \
            [int(bank.chapter) <= 7, int(bank.chapter) > 7], bank.quiz_id
    keys = " ".join(pages)
    squash = lambda s: " ".join(s.split())  # noqa: E731
    sheets, keys = squash(sheets), squash(keys)
    for bank in BANKS:
        for q in load_bank(bank.quiz_id).questions:
            assert squash(q.prompt) in sheets and squash(q.prompt) in keys
            for option in q.choices():
                assert squash(option.feedback) in keys
            if q.type != "numeric":
                assert all(squash(o.text) in sheets for o in q.choices())


@pytest.mark.parametrize("text, expected", [("", (1, None)), ("1-7", (1, 7)), (" 8 - ", (8, None)), ("8-13", (8, 13))])
def test_a_chapter_range_is_read(text, expected):
    from peacekeeping_course.instructor import chapter_range

    assert chapter_range(text) == expected


@pytest.mark.parametrize("text", ["7", "a-b", "1-7-9", "-3"])
def test_a_malformed_chapter_range_says_how_to_write_it(text):
    from peacekeeping_course.instructor import chapter_range

    with pytest.raises(ValueError, match="FIRST-LAST or FIRST-"):
        chapter_range(text)


def test_answer_keys_for_chapters_without_a_quiz_are_refused():
    from peacekeeping_course.instructor import render_answer_keys

    with pytest.raises(ValueError, match="no chapter has a quiz in chapters '90-'"):
        render_answer_keys("90-")
