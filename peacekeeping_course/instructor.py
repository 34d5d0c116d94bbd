"""Instructor materials generated from the course's own sources, never retyped:

- the course map: each chapter's learning objectives, with the quiz questions (from the banks'
  `objectives`) and exercises (from the answer cells' `objectives` metadata) that assess them;
- printable quiz sheets and answer keys, from the question banks.

The book shows them through the `{course-map}`, `{quiz-sheets}` and `{answer-keys}` directives.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from . import course
from .paths import EXAM_DIR
from .quiz import Question, QuizBank, load_exam
from .reading import plain_markdown
from .shuffle import print_orders


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _inline(markdown: str) -> str:
    """Escaped text with Markdown bold and code kept as HTML."""
    text = _e(plain_markdown(markdown))
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def banks() -> list[QuizBank]:
    return [c.bank() for c in course.chapters()]


def session_for(chapter: int) -> list[int]:
    """The class sessions that teach a chapter (from the session plans' titles)."""
    return course.chapter(chapter).sessions()


def exercise_objectives(quiz_id: str) -> dict[str, list[int]]:
    """Exercise id ('5.1') -> the objectives its answer cell says it assesses."""
    return course.chapter(quiz_id).exercise_objectives()


@dataclass(frozen=True)
class ObjectiveRow:
    number: int
    text: str
    questions: tuple[tuple[int, Question], ...]  # (position in the quiz, question)
    exercises: tuple[str, ...]
    exam: tuple[Question, ...] = ()  # final-exam pool and pre-test questions on this objective


def exam_questions() -> list[Question]:
    """The questions of the pre-test and the final-exam pool (each pool read once)."""
    return [q for kind in ("pretest", "final") if (EXAM_DIR / f"{kind}.yml").exists()
            for q in load_exam(kind).questions]


def course_map(bank: QuizBank, exams: list[Question] | None = None) -> tuple[list[ObjectiveRow], list[str]]:
    """Rows per objective, and the exercises that practise skills outside the listed objectives.
    `exams`: the pre-test and final-exam questions (read here if not given)."""
    texts = course.chapter(bank.quiz_id).objectives()
    exercises = exercise_objectives(bank.quiz_id)
    for where, numbers in [(f"quiz question '{q.id}'", q.objectives) for q in bank.questions] + \
                          [(f"exercise {e}", n) for e, n in exercises.items()]:
        wrong = [n for n in numbers if not 1 <= n <= len(texts)]
        if wrong:
            raise ValueError(f"{bank.quiz_id}: {where} names objective(s) {wrong}, but the chapter has "
                             f"{len(texts)}.")
    exam = [q for q in (exam_questions() if exams is None else exams) if q.chapter == bank.chapter]
    rows = [ObjectiveRow(n, text,
                         tuple((i, q) for i, q in enumerate(bank.questions, start=1) if n in q.objectives),
                         tuple(e for e, numbers in exercises.items() if n in numbers),
                         tuple(q for q in exam if n in q.objectives))
            for n, text in enumerate(texts, start=1)]
    return rows, [e for e, numbers in exercises.items() if not numbers]


def render_course_map(link) -> str:
    """HTML for every chapter. `link(docname)` gives the relative URL of a page of the book."""
    parts = []
    exams = exam_questions()  # once for all chapters: the pools are large
    for bank in banks():
        chapter = int(bank.chapter)
        rows, other = course_map(bank, exams)
        reading, solutions = link(f"book/{bank.quiz_id}"), link(f"exercises/solutions/{bank.quiz_id}")
        sessions = ", ".join(f'<a href="{link(f"book/instructors/session-{s:02d}")}">session {s}</a>'
                             for s in session_for(chapter))
        body = []
        for row in rows:
            quiz = ", ".join(f'<a href="{reading}#pkq-{_e(bank.quiz_id)}-{_e(q.id)}" title="{_e(q.prompt[:120])}">'
                             f"Q{i}</a> <span class=\"pk-level\">({q.level})</span>" for i, q in row.questions)
            exercises = ", ".join(f'<a href="{solutions}">{e}</a>' for e in row.exercises)
            exam = ", ".join(f'<span title="{_e(q.prompt[:120])}">{"pre-test" if q.id.startswith("pre") else "exam"} '
                             f'({q.level})</span>' for q in row.exam)
            gap = "" if row.questions or row.exercises else (
                '<span class="pk-gap">No quiz question or exercise yet: assess it through the session\'s '
                "discussion prompts.</span>")
            body.append(f"<tr><th scope=\"row\">{row.number}</th><td>{_inline(row.text)}</td>"
                        f"<td>{quiz or '–'}</td><td>{exercises or '–'}{gap}</td><td>{exam or '–'}</td></tr>")
        note = ""
        if other:
            note = (f'<p class="pk-map-note">Data-skill exercises not tied to one objective: '
                    f"{', '.join(other)}.</p>")
        parts.append(
            f'<section class="pk-map" id="map-{_e(bank.quiz_id)}"><h2>Chapter {chapter}: {_e(bank.title)}</h2>'
            f'<p><a href="{reading}">Reading</a> · taught in {sessions}</p>'
            f'<table class="table"><caption>Chapter {chapter}: objectives and the items that assess them'
            '</caption><thead><tr><th scope="col">#</th><th scope="col">Learning objective</th>'
            '<th scope="col">Quiz questions</th><th scope="col">Exercises</th>'
            '<th scope="col">Pre-test and final-exam pool</th></tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>{note}</section>")
    return "\n".join(parts)


# ---------------------------------------------------------------- printable handouts

def _letter(i: int) -> str:
    return chr(ord("A") + i)


def _print_button(quiz_id: str, what: str) -> str:
    return (f'<p class="pk-print-controls"><button type="button" class="pk-print" data-target="{_e(quiz_id)}">'
            f"Print this {what}</button></p>")


def printed(q: Question, order: list[int]) -> list:
    """A question's options in the printed order (right answers spread over the letters)."""
    choices = q.choices()
    return [choices[i] for i in order] if order else list(choices)


def render_quiz_sheets() -> str:
    parts = []
    for bank in banks():
        questions = []
        orders = print_orders(bank.questions, bank.quiz_id)
        for n, q in enumerate(bank.questions, start=1):
            if q.type == "numeric":
                unit = f" {_e(q.unit)}" if q.unit else ""
                answer = f'<p class="pk-blank">Answer: ____________________{unit}</p>'
            else:
                hint = " (tick all that apply)" if q.type == "multiple" else " (tick one)"
                answer = (f'<p class="pk-hint">{hint.strip()}</p><ol class="pk-options" type="A">'
                          + "".join(f"<li>{_e(o.text)}</li>" for o in printed(q, orders[q.id])) + "</ol>")
            questions.append(f'<li class="pk-sheet-question"><p>{_e(q.prompt)}</p>{answer}</li>')
        parts.append(
            f'<section class="pk-sheet" id="sheet-{_e(bank.quiz_id)}" data-quiz="{_e(bank.quiz_id)}">'
            f"<h2>Chapter {int(bank.chapter)} quiz: {_e(bank.title)}</h2>{_print_button(bank.quiz_id, 'quiz sheet')}"
            '<p class="pk-name-line">Name: ______________________________ Date: ______________</p>'
            f'<ol class="pk-sheet-questions">{"".join(questions)}</ol></section>')
    return "\n".join(parts)


def _key_answer(q: Question, order: list[int]) -> str:
    if q.type == "numeric":
        tolerance = f" (accept ± {q.tolerance:g})" if q.tolerance else ""
        unit = f" {_e(q.unit)}" if q.unit else ""
        return (f"<p><strong>Answer: {q.answer:g}{unit}</strong>{tolerance}</p>"
                f"<p><em>Feedback:</em> {_e(q.feedback['correct'])}</p>"
                f"<p><em>If too low:</em> {_e(q.feedback['low'])}</p>"
                f"<p><em>If too high:</em> {_e(q.feedback['high'])}</p>")
    options = printed(q, order)
    right = [_letter(i) for i, o in enumerate(options) if o.correct]
    label = "Answers" if len(right) > 1 else "Answer"
    rows = "".join(f"<li>{'<strong>' if o.correct else ''}{_e(o.text)}{' ✔' if o.correct else ''}"
                   f"{'</strong>' if o.correct else ''}<br><em>Feedback:</em> {_e(o.feedback)}</li>"
                   for o in options)
    return f'<p><strong>{label}: {", ".join(right)}</strong></p><ol class="pk-options" type="A">{rows}</ol>'


def chapter_range(text: str) -> tuple[int, int | None]:
    """"1-7" -> (1, 7); "8-" -> (8, None), from chapter 8 on; "" -> every chapter. ValueError otherwise."""
    found = re.fullmatch(r"\s*(?:(\d+)\s*-\s*(\d*))?\s*", text)
    if not found:
        raise ValueError(f"chapters must be given as FIRST-LAST or FIRST- (e.g. 1-7 or 8-), not {text!r}")
    first, last = found.groups()
    return int(first or 1), int(last) if last else None


def render_answer_keys(chapters: str = "") -> str:
    """The answer keys of the chapters in `chapters` (see chapter_range), one section each."""
    first, last = chapter_range(chapters)
    parts = []
    for bank in banks():
        if not first <= int(bank.chapter) <= (last or int(bank.chapter)):
            continue
        items = []
        orders = print_orders(bank.questions, bank.quiz_id)
        for n, q in enumerate(bank.questions, start=1):
            source = f'<p class="pk-source">Source: {_e(q.source)}</p>' if q.source else ""
            items.append(f'<li class="pk-sheet-question"><p>{_e(q.prompt)} '
                         f'<span class="pk-level">({q.level}; objective {", ".join(map(str, q.objectives))})</span>'
                         f"</p>{_key_answer(q, orders[q.id])}{source}</li>")
        parts.append(
            f'<section class="pk-sheet" id="key-{_e(bank.quiz_id)}" data-quiz="{_e(bank.quiz_id)}">'
            f"<h2>Chapter {int(bank.chapter)} answer key: {_e(bank.title)}</h2>"
            f"{_print_button(bank.quiz_id, 'answer key')}"
            f'<ol class="pk-sheet-questions">{"".join(items)}</ol></section>')
    if not parts:
        raise ValueError(f"no chapter has a quiz in chapters {chapters!r}")
    return "\n".join(parts)
