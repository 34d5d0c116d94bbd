"""The pre-test and the final exam: one pool each (`book/exams/pretest.yml`, `book/exams/final.yml`),
three front ends with the same rules.

- Book: `{exam} final` renders the whole pool as static HTML; quiz.js draws this learner's
  questions, shuffles their options, grades on "Submit" and saves the result in the browser. The
  marking data (which options are right, and the feedback on each) is a script of its own,
  `_static/exam-<kind>.<digest>.js` (`key_script`), which quiz.js loads once the learner starts
  answering: the page itself stays light on a weak link.
- JupyterLab: `exam("final")` shows the same draw as ipywidgets and records the result in the
  learner's progress file.
- nbgrader: `exam_release.py` writes an assignment with the questions drawn for a class.

The final exam draws `draw` questions (at least two from every chapter) per learner and attempt;
the pre-test asks every question and tells the learner where to start.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from .course import chapters
from .numeric import read_number
from .store import exam_attempts, learner_seed, record_exam
from .quiz import (ExamBank, Grade, Question, _e, _feedback_html, answer_controls, display_order, grade,
                   json_for_html, load_exam, question_data, question_html)
from .shuffle import draw, print_orders


def by_chapter(bank: ExamBank) -> dict[str, list[Question]]:
    chapters: dict[str, list[Question]] = {}
    for q in bank.questions:
        chapters.setdefault(q.chapter, []).append(q)
    return chapters


def questions_for(bank: ExamBank, seed: str, attempt: int = 1) -> list[Question]:
    """The questions of one attempt: the pre-test asks all; the final exam draws `bank.draw`."""
    if bank.kind == "pretest":
        return list(bank.questions)
    return draw(by_chapter(bank), bank.draw, seed or "default", attempt)


@dataclass(frozen=True)
class Result:
    kind: str
    score: int
    total: int
    passed: bool | None          # None for the pre-test (no pass mark)
    by_chapter: dict[str, tuple[int, int]]  # chapter -> (right, asked)
    grades: dict[str, Grade]

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


def mark(bank: ExamBank, questions: list[Question], responses: dict[str, object]) -> Result:
    """Grade an attempt. Unanswered questions count as wrong."""
    grades = {q.id: grade(q, responses.get(q.id)) for q in questions}
    chapters: dict[str, tuple[int, int]] = {}
    for q in questions:
        right, asked = chapters.get(q.chapter, (0, 0))
        chapters[q.chapter] = (right + grades[q.id].correct, asked + 1)
    score = sum(g.correct for g in grades.values())
    passed = None if bank.kind == "pretest" else 100 * score >= bank.pass_mark * len(questions)
    return Result(bank.kind, score, len(questions), passed, dict(sorted(chapters.items())), grades)


def advice(result: Result, titles: dict[str, str]) -> list[str]:
    """Pre-test advice: where to start, what to study, what to skim (mirrored in quiz.js)."""
    missed = [c for c, (right, asked) in result.by_chapter.items() if right < asked]
    known = [c for c, (right, asked) in result.by_chapter.items() if right == asked]
    name = lambda c: f"{int(c)}. {titles.get(c, '')}".strip()  # noqa: E731
    if not missed:
        return ["You answered every question correctly: skim the chapters in order and spend your "
                "time on the exercises and the final exam."]
    lines = [f"Start with chapter {name(missed[0])}."]
    lines.append("Study closely: " + "; ".join(name(c) for c in missed) + ".")
    if known:
        lines.append("You may skim (read the summary, then do the quiz): " + "; ".join(name(c) for c in known) + ".")
    return lines


def chapter_titles() -> dict[str, str]:
    return {f"{c.number:02d}": c.title for c in chapters()}


# ---------------------------------------------------------------- the book (static HTML)

INTRO = {
    "final": ("{draw} questions drawn from a pool of {pool}, at least two from every chapter. Answer all of "
              "them, then press <em>Submit my answers</em>: you see your score and, for every question, why "
              "each answer is right or wrong. The pass mark is {pass_mark}%. You may take the exam again; "
              "each attempt draws a new set of questions."),
    "pretest": ("{pool} questions, one for each chapter, to find out where to start. It is not graded. "
                "Answer what you can (leave a question blank rather than guess), then press "
                "<em>Submit my answers</em>."),
}


def key_script(bank: ExamBank) -> tuple[str, str]:
    """(file name, text) of the script with the exam's marking data: it adds the grading data of every
    question of the pool to `window.pkExamKeys`. The name carries a digest of the text, so a browser
    never keeps an old key."""
    data = [{**question_data(q), "chapter": q.chapter} for q in bank.questions]
    text = (f"window.pkExamKeys = window.pkExamKeys || {{}};\n"
            f"window.pkExamKeys[{json.dumps(bank.kind)}] = {json.dumps(data, ensure_ascii=True)};\n")
    return f"exam-{bank.kind}.{hashlib.sha256(text.encode()).hexdigest()[:12]}.js", text


def render_exam_html(bank: ExamBank, static_url: str = "_static/") -> str:
    """The whole pool; quiz.js shows this learner's draw. Without JavaScript the questions can be read.
    `static_url` is the address of the book's `_static/` folder from the page (for the key script)."""
    kind = bank.kind
    orders = print_orders(bank.questions, kind)
    data = {"kind": kind, "draw": bank.draw or len(bank.questions), "pass_mark": bank.pass_mark or None,
            "titles": chapter_titles(), "key": static_url + key_script(bank)[0],
            "chapters": {c: [q.id for q in qs] for c, qs in by_chapter(bank).items()},
            "questions": [{"id": q.id, "chapter": q.chapter} for q in bank.questions]}
    intro = INTRO[kind].format(draw=bank.draw, pool=len(bank.questions), pass_mark=bank.pass_mark)
    parts = [f'<section class="pk-exam" data-exam="{kind}" aria-label="{_e(bank.title)}">',
             f'<p class="pk-exam-intro">{intro}</p>',
             '<p class="pk-exam-status" aria-live="polite"></p>',
             '<div class="pk-exam-questions">']
    for q in bank.questions:
        parts.append(question_html(q, f"pke-{kind}-{q.id}", f"Chapter {int(q.chapter)}", orders[q.id],
                                   f"{kind}/{q.id}", actions=False))
    parts.append("</div>")
    parts.append('<p class="pk-exam-actions"><button type="button" class="pk-exam-submit">Submit my answers'
                 '</button> <button type="button" class="pk-exam-new" hidden>Start a new attempt</button></p>')
    parts.append('<div class="pk-exam-result" role="status" aria-live="polite" tabindex="-1"></div>')
    parts.append(f'<script type="application/json" class="pk-exam-data">{json_for_html(data)}</script>')
    parts.append('<noscript><p>The exam needs JavaScript to draw and grade the questions; all questions '
                 'of the pool can still be read.</p></noscript></section>')
    return "\n".join(parts)


# ---------------------------------------------------------------- JupyterLab (ipywidgets)

class ExamWidget:
    """Answer every question, then Submit: score, pass or fail (final), advice (pre-test), and the
    feedback of every option chosen. The result goes into the learner's progress file."""

    def __init__(self, bank: ExamBank):
        import ipywidgets as w

        self.bank = bank
        self.seed = learner_seed()
        attempt = len(exam_attempts(bank.kind)) + 1
        self.questions = questions_for(bank, self.seed, attempt)
        self.orders = print_orders(bank.questions, bank.kind)
        self.readers, self.feedback = {}, {}
        rows = [w.HTML(f"<h3>{_e(bank.title)}</h3><p>{INTRO[bank.kind].format(draw=bank.draw, pool=len(bank.questions), pass_mark=bank.pass_mark)}</p>")]
        for n, q in enumerate(self.questions, start=1):
            rows.append(self._question_box(n, q))
        self.submit = w.Button(description="Submit my answers", button_style="primary")
        self.result = w.HTML()
        self.submit.on_click(self._on_submit)
        rows += [self.submit, self.result]
        self.box = w.VBox(rows, layout=w.Layout(max_width="52rem"))

    def _question_box(self, n: int, q: Question):
        import ipywidgets as w

        order = display_order(q, f"{self.bank.kind}/{q.id}", self.seed, self.orders[q.id])
        parts = [w.HTML(f"<p><b>Question {n}</b> (chapter {int(q.chapter)}, <i>{_e(q.level)}</i>) "
                        f"{_e(q.prompt)}</p>")]
        options, entry, self.readers[q.id] = answer_controls(q, order)
        parts += options
        self.feedback[q.id] = w.HTML()
        return w.VBox(parts + [entry, self.feedback[q.id]],
                      layout=w.Layout(border="1px solid #ccc", padding="0.5rem", margin="0.4rem 0"))

    def _on_submit(self, _=None):
        responses = {qid: read() for qid, read in self.readers.items()}
        result = mark(self.bank, self.questions, responses)
        for qid, g in result.grades.items():
            self.feedback[qid].value = _feedback_html(g)
        self.submit.disabled = True
        record_exam(self.bank.kind, result.score, result.total, result.passed,
                    {"questions": [q.id for q in self.questions],
                     "by_chapter": {c: list(v) for c, v in result.by_chapter.items()}})
        self.result.value = result_html(result)
        return result


def result_html(result: Result) -> str:
    head = f"<p><b>You answered {result.score} of {result.total} correctly ({result.percent}%).</b>"
    if result.passed is not None:
        head += " You passed." if result.passed else " That is below the pass mark; study the chapters below and try again."
    head += "</p>"
    if result.kind == "pretest":
        head += "".join(f"<p>{_e(line)}</p>" for line in advice(result, chapter_titles()))
    rows = "".join(f"<tr><th scope='row'>{int(c)}</th><td>{r} of {a}</td></tr>"
                   for c, (r, a) in result.by_chapter.items())
    return (head + "<table><thead><tr><th scope='col'>Chapter</th><th scope='col'>Correct</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


class Exam:
    """Display object: the widget exam in JupyterLab, a plain summary elsewhere."""

    def __init__(self, bank: ExamBank):
        self.bank = bank
        self._widget: ExamWidget | None = None

    @property
    def widget(self) -> ExamWidget:
        if self._widget is None:
            self._widget = ExamWidget(self.bank)
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget.box._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = f"{self.bank.title} ({len(self.widget.questions)} questions)"
        return bundle


def exam(kind: str) -> Exam:
    """The pre-test (`exam("pretest")`) or the final exam (`exam("final")`), ready to display."""
    return Exam(load_exam(kind))


# ---------------------------------------------------------------- answers typed as letters (nbgrader)

def _letters(n: int) -> str:
    return "".join(chr(ord("A") + k) for k in range(n))


def read_letters(answer) -> set[str] | None:
    """'B', 'a c', 'A, C', ['A', 'C'] -> {'A', 'C'}; None if it is not made of letters."""
    if isinstance(answer, (list, tuple, set)):
        answer = ",".join(str(a) for a in answer)
    if not isinstance(answer, str):
        return None
    letters = [ch for ch in answer.upper() if not (ch.isspace() or ch in ",;/")]
    if not letters or not all(ch.isalpha() for ch in letters):
        return None
    return set(letters)


def form_problem(q: Question, answer) -> str:
    """What is wrong with the FORM of an answer ('' if the form is right). Says nothing about
    whether the answer is right."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return "not answered yet."
    if q.type == "numeric":
        return "" if read_number(answer).value is not None else "write a number, e.g. 25 or 25.6."
    if q.type == "truefalse":
        text = str(answer).strip().lower()
        return "" if isinstance(answer, bool) or text in ("true", "false", "t", "f") else 'write True or False.'
    valid = _letters(len(q.choices()))
    letters = read_letters(answer)
    if letters is None or not letters <= set(valid):
        return f"write {'one or more of the letters' if q.type == 'multiple' else 'one of the letters'} {', '.join(valid)}."
    if q.type == "single" and len(letters) != 1:
        return "choose exactly one letter."
    return ""


def response_from_letters(q: Question, order: list[int], answer):
    """The grade() response for an answer written against the printed `order` of options."""
    if q.type == "numeric":
        return answer
    if q.type == "truefalse":
        truth = answer if isinstance(answer, bool) else str(answer).strip().lower() in ("true", "t")
        return 0 if truth else 1
    letters = read_letters(answer) or set()
    picked = {order[ord(ch) - ord("A")] for ch in letters if 0 <= ord(ch) - ord("A") < len(order)}
    return picked if q.type == "multiple" else next(iter(picked), None)


def _question(kind: str, qid: str) -> Question:
    return next(q for q in load_exam(kind).questions if q.id == qid)


def check_form(kind: str, number: int, qid: str, answer) -> None:
    """Visible nbgrader test: fails with a message about the form only; prints nothing otherwise."""
    problem = form_problem(_question(kind, qid), answer)
    assert not problem, f"Question {number}: {problem}"


def released_answer_correct(kind: str, qid: str, order: list[int], answer) -> bool:
    """Hidden nbgrader test: is the answer (letters against `order`) right?"""
    q = _question(kind, qid)
    return not form_problem(q, answer) and grade(q, response_from_letters(q, order, answer)).correct
