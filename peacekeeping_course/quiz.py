"""Chapter quizzes: one YAML question bank per chapter, two front ends.

`quiz("01-peacekeeping-role")` returns a display object. JupyterLab shows it as an ipywidgets quiz
(run by the kernel); the built book shows the same questions as static HTML driven by
`static/quiz.js`, which needs no kernel and no network. The grading rules below are mirrored in
quiz.js; tests check both against the same cases.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .paths import BANK_DIR, EXAM_DIR
from .numeric import parse_number, read_number  # noqa: F401  (parse_number: public API)
from .store import learner_seed, record_quiz
from .shuffle import permutation, print_orders

TYPES = ("single", "multiple", "truefalse", "numeric")
LEVELS = ("recall", "apply", "analyse", "evaluate")  # defined in CONTRIBUTING.md
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class QuizBankError(ValueError):
    """A question bank is malformed. The message names the file, the question and the problem."""


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    level: str
    prompt: str
    options: tuple[Option, ...] = ()
    answer: Any = None
    tolerance: float = 0.0
    unit: str = ""
    feedback: dict | None = None
    source: str = ""
    objectives: tuple[int, ...] = ()  # the chapter's learning objectives this question assesses
    chapter: str = ""  # exam questions only: the chapter whose objectives it assesses

    def choices(self) -> tuple[Option, ...]:
        """Options as shown to the learner (true/false questions get two)."""
        if self.type == "truefalse":
            return (Option("True", self.answer is True, self.feedback["true"]),
                    Option("False", self.answer is False, self.feedback["false"]))
        return self.options


@dataclass(frozen=True)
class QuizBank:
    quiz_id: str
    chapter: str
    title: str
    questions: tuple[Question, ...]
    path: Path

    def share_higher_order(self) -> float:
        return sum(q.level != "recall" for q in self.questions) / len(self.questions)


# ---------------------------------------------------------------- loading and validation

def bank_path(quiz_id: str) -> Path:
    return BANK_DIR / f"{quiz_id}.yml"


def load_bank(source: str | Path) -> QuizBank:
    """Load and validate a bank, given a quiz id ('01-peacekeeping-role') or a path."""
    path = Path(source)
    if path.suffix not in (".yml", ".yaml"):
        path = bank_path(str(source))
    return parse_bank(_read_yaml(path, "question bank"), path)


def parse_bank(raw: Any, path: Path) -> QuizBank:
    name = path.name

    def fail(problem: str, where: str = "") -> QuizBankError:
        return QuizBankError(f"{name}: {where + ': ' if where else ''}{problem}")

    if not isinstance(raw, dict):
        raise fail("the bank must be a mapping with keys chapter, title, questions.")
    for key in ("chapter", "title", "questions"):
        if key not in raw:
            raise fail(f"missing top-level key '{key}'.")
    unknown = set(raw) - {"chapter", "title", "questions"}
    if unknown:
        raise fail(f"unknown top-level key(s) {sorted(unknown)}.")
    questions = _parse_questions(raw.get("questions"), fail)
    return QuizBank(quiz_id=path.stem, chapter=str(raw["chapter"]), title=str(raw["title"]),
                    questions=questions, path=path)


EXAM_KINDS = ("final", "pretest")


@dataclass(frozen=True)
class ExamBank:
    """The final exam pool (`draw` questions per attempt, `pass_mark` in percent) or the pre-test."""
    kind: str
    title: str
    questions: tuple[Question, ...]
    path: Path
    draw: int = 0
    pass_mark: int = 0

    @property
    def quiz_id(self) -> str:
        return self.kind


def load_exam(kind: str) -> ExamBank:
    """Load and validate `book/exams/<kind>.yml` (kind: final or pretest), or a path to one."""
    path = Path(kind) if str(kind).endswith((".yml", ".yaml")) else EXAM_DIR / f"{kind}.yml"
    return parse_exam(_read_yaml(path, "exam bank"), path)


def parse_exam(raw: Any, path: Path) -> ExamBank:
    name = path.name

    def fail(problem: str, where: str = "") -> QuizBankError:
        return QuizBankError(f"{name}: {where + ': ' if where else ''}{problem}")

    if not isinstance(raw, dict):
        raise fail("the exam bank must be a mapping with keys kind, title, questions.")
    kind = raw.get("kind")
    if kind not in EXAM_KINDS:
        raise fail(f"'kind' must be one of {', '.join(EXAM_KINDS)}, not {kind!r}.")
    allowed = {"kind", "title", "questions"} | ({"draw", "pass_mark"} if kind == "final" else set())
    unknown = set(raw) - allowed
    if unknown:
        raise fail(f"unknown top-level key(s) {sorted(unknown)}.")
    title = _text(raw.get("title"), "title", fail)
    questions = _parse_questions(raw.get("questions"), fail, exam=True)
    draw = pass_mark = 0
    if kind == "final":
        draw, pass_mark = raw.get("draw"), raw.get("pass_mark")
        if not isinstance(draw, int) or isinstance(draw, bool) or not 1 <= draw <= len(questions):
            raise fail(f"'draw' must be a whole number of questions between 1 and {len(questions)}.")
        if not isinstance(pass_mark, int) or isinstance(pass_mark, bool) or not 1 <= pass_mark <= 100:
            raise fail("'pass_mark' must be a percentage between 1 and 100.")
    return ExamBank(kind=kind, title=title, questions=questions, path=path, draw=draw,
                    pass_mark=pass_mark)


def _read_yaml(path: Path, what: str) -> Any:
    if not path.exists():
        raise QuizBankError(f"{path}: {what} not found.")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise QuizBankError(f"{path.name}: not valid YAML ({err}).") from None


def _parse_questions(items: Any, fail, exam: bool = False) -> tuple[Question, ...]:
    """Every question of a bank, validated; ids are unique."""
    if not isinstance(items, list) or not items:
        raise fail("'questions' must be a non-empty list.")
    questions, seen = [], set()
    for n, item in enumerate(items, start=1):
        label = f"question {n}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label = f"question {n} ('{item['id']}')"
        q = _parse_question(item, lambda problem, where=label: fail(problem, where), exam=exam)
        if q.id in seen:
            raise fail(f"duplicate id '{q.id}'.", label)
        seen.add(q.id)
        questions.append(q)
    return tuple(questions)


def _text(value: Any, what: str, fail) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(f"'{what}' must be non-empty text.")
    return value.strip()


def _parse_question(item: Any, fail, exam: bool = False) -> Question:
    if not isinstance(item, dict):
        raise fail("each question must be a mapping.")
    allowed = {"id", "type", "level", "prompt", "objectives", "options", "answer", "tolerance", "unit",
               "feedback", "source"} | ({"chapter"} if exam else set())
    unknown = set(item) - allowed
    if unknown:
        raise fail(f"unknown key(s) {sorted(unknown)}.")
    qid = _text(item.get("id"), "id", fail)
    if not _ID.match(qid):
        raise fail(f"id '{qid}' must be lowercase letters, digits and hyphens.")
    qtype = item.get("type")
    if qtype not in TYPES:
        raise fail(f"type must be one of {', '.join(TYPES)}, not {qtype!r}.")
    level = item.get("level")
    if level not in LEVELS:
        raise fail(f"level must be one of {', '.join(LEVELS)}, not {level!r}.")
    objectives = item.get("objectives")
    if not isinstance(objectives, list) or not objectives or not all(
            isinstance(k, int) and not isinstance(k, bool) and k >= 1 for k in objectives):
        raise fail("'objectives' must list the numbers of the learning objectives it assesses, e.g. [1, 3].")
    common = dict(id=qid, type=qtype, level=level, prompt=_text(item.get("prompt"), "prompt", fail),
                  source=str(item.get("source") or "").strip(), objectives=tuple(objectives))
    if exam:
        chapter = item.get("chapter")
        if not isinstance(chapter, str) or not re.fullmatch(r"\d\d", chapter):
            raise fail("'chapter' must be the chapter's two-digit number as text, e.g. \"05\".")
        common["chapter"] = chapter

    if qtype in ("single", "multiple"):
        for key in ("answer", "tolerance", "unit", "feedback"):
            if key in item:
                raise fail(f"'{key}' is not used by {qtype} questions; put feedback on each option.")
        raw_options = item.get("options")
        if not isinstance(raw_options, list) or not 2 <= len(raw_options) <= 6:
            raise fail("'options' must be a list of 2 to 6 options.")
        options = []
        for k, opt in enumerate(raw_options, start=1):
            if not isinstance(opt, dict) or set(opt) != {"text", "correct", "feedback"}:
                raise fail(f"option {k} must have exactly the keys text, correct, feedback.")
            if not isinstance(opt["correct"], bool):
                raise fail(f"option {k}: 'correct' must be true or false.")
            options.append(Option(_text(opt["text"], f"option {k} text", fail), opt["correct"],
                                  _text(opt["feedback"], f"option {k} feedback", fail)))
        n_correct = sum(o.correct for o in options)
        if qtype == "single" and n_correct != 1:
            raise fail(f"a single-choice question needs exactly one correct option (found {n_correct}).")
        if qtype == "multiple" and n_correct < 1:
            raise fail("a multiple-select question needs at least one correct option.")
        if len({o.text for o in options}) != len(options):
            raise fail("two options have the same text.")
        return Question(**common, options=tuple(options))

    feedback = item.get("feedback")
    if "options" in item:
        raise fail(f"'options' is not used by {qtype} questions.")
    if qtype == "truefalse":
        if not isinstance(item.get("answer"), bool):
            raise fail("a true/false question needs 'answer: true' or 'answer: false'.")
        if not isinstance(feedback, dict) or set(map(str, feedback)) != {"true", "false"}:
            raise fail("a true/false question needs feedback for \"true\" and \"false\".")
        feedback = {str(k): _text(v, f"feedback {k}", fail) for k, v in feedback.items()}
        return Question(**common, answer=item["answer"], feedback=feedback)

    answer, tolerance = item.get("answer"), item.get("tolerance", 0)
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        raise fail("a numeric question needs a number as 'answer'.")
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:
        raise fail("'tolerance' must be a number >= 0.")
    if not isinstance(feedback, dict) or set(feedback) != {"correct", "low", "high"}:
        raise fail("a numeric question needs feedback for correct, low and high.")
    feedback = {k: _text(v, f"feedback {k}", fail) for k, v in feedback.items()}
    return Question(**common, answer=answer, tolerance=float(tolerance),
                    unit=str(item.get("unit") or ""), feedback=feedback)


# ---------------------------------------------------------------- grading

@dataclass(frozen=True)
class Grade:
    correct: bool
    message: str  # overall verdict, or why the response could not be graded
    notes: tuple[tuple[str, bool, str], ...] = ()  # (option text, learner was right on it, feedback)
    answered: bool = True


def _excerpt(response: Any, limit: int = 40) -> str:
    text = str(response)
    return text if len(text) <= limit else text[:limit] + "…"


def grade(question: Question, response: Any) -> Grade:
    """Grade a response: an option index (single, truefalse), a set of indices (multiple),
    or text/number (numeric). Never raises for a learner's input."""
    if question.type == "numeric":
        if response is None or (isinstance(response, str) and not response.strip()):
            return Grade(False, "Type a number first, then press Check.", answered=False)
        reading = read_number(response)
        value = reading.value
        if value is None:
            return Grade(False, f"'{_excerpt(response)}' is not a number: type digits only, e.g. 1948 or 25.6.",
                         answered=False)
        if abs(value - question.answer) <= question.tolerance + 1e-9:
            return Grade(True, "Correct.", (("", True, question.feedback["correct"]),))
        hint = f" (Your answer was {reading.hint}.)" if reading.hint else ""
        side = "low" if value < question.answer else "high"
        return Grade(False, f"Not quite: {side}er than the answer.{hint}",
                     (("", False, question.feedback[side]),))

    choices = question.choices()
    if question.type == "multiple":
        picked = set(response or ())
        if not picked:
            return Grade(False, "Select at least one option, then press Check.", answered=False)
        if not picked <= set(range(len(choices))):
            return Grade(False, "That selection does not match the options.", answered=False)
        correct_set = {i for i, o in enumerate(choices) if o.correct}
        right = picked == correct_set
        missed = len(correct_set - picked)
        if right:
            message = "Correct: you found every right option."
        else:
            message = "Not quite." + (f" You missed {missed} right option(s)." if missed else "")
        # feedback on each option the learner picked; the flag says whether picking it was right
        shown = tuple((choices[i].text, choices[i].correct, choices[i].feedback) for i in sorted(picked))
        return Grade(right, message, shown)

    if response is None or isinstance(response, bool) or not isinstance(response, int) \
            or not 0 <= response < len(choices):
        return Grade(False, "Choose an option, then press Check.", answered=False)
    option = choices[response]
    return Grade(option.correct, "Correct." if option.correct else "Not quite.",
                 ((option.text, option.correct, option.feedback),))


# ---------------------------------------------------------------- static HTML (the book)

def _e(text: str) -> str:
    return html.escape(text, quote=True)


def json_for_html(data: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end or comment it out."""
    return (json.dumps(data, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


def question_data(q: Question) -> dict:
    """What quiz.js needs to grade a question (option feedback, numeric answer)."""
    return {"id": q.id, "type": q.type, "answer": q.answer if q.type == "numeric" else None,
            "tolerance": q.tolerance, "feedback": q.feedback if q.type == "numeric" else None,
            "options": [{"correct": o.correct, "feedback": o.feedback} for o in q.choices()]}


def question_html(q: Question, dom: str, heading: str, order: list[int], order_key: str,
                  actions: bool = True) -> str:
    """One question as a fieldset. Options appear in `order` (the printed order); quiz.js re-orders
    them for the learner using `data-order-key`. Each input's value is the option's index in the bank."""
    parts = [f'<fieldset class="pk-question" id="{dom}" data-qid="{_e(q.id)}" data-type="{q.type}" '
             f'data-order-key="{_e(order_key)}">',
             f'<legend><span class="pk-qnum">{_e(heading)}</span> '
             f'<span class="pk-level">({_e(q.level)})</span> {_e(q.prompt)}</legend>']
    if q.type == "numeric":
        unit = f' <span class="pk-unit">{_e(q.unit)}</span>' if q.unit else ""
        parts.append(f'<label class="pk-numeric" for="{dom}-input">Your answer</label> '
                     f'<input type="text" inputmode="decimal" autocomplete="off" id="{dom}-input" '
                     f'class="pk-number">{unit}')
    else:
        kind = "checkbox" if q.type == "multiple" else "radio"
        if q.type == "multiple":
            parts.append('<p class="pk-hint">Select all that apply.</p>')
        choices = q.choices()
        parts.append('<div class="pk-options">')
        for i in order:
            parts.append(f'<div class="pk-option"><input type="{kind}" name="{dom}" id="{dom}-{i}" '
                         f'value="{i}"><label for="{dom}-{i}">{_e(choices[i].text)}</label></div>')
        parts.append("</div>")
    if actions:
        parts.append('<div class="pk-actions"><button type="button" class="pk-check">Check</button> '
                     '<button type="button" class="pk-retry" hidden>Try again</button></div>')
    parts.append('<div class="pk-feedback" role="status" aria-live="polite"></div>')
    if q.source:
        parts.append(f'<p class="pk-source">Source: {_e(q.source)}</p>')
    parts.append("</fieldset>")
    return "\n".join(parts)


def render_html(bank: QuizBank) -> str:
    """The quiz as HTML for the book; quiz.js makes it interactive. Everything is escaped."""
    qid = bank.quiz_id
    data = {"quiz": qid, "questions": [question_data(q) for q in bank.questions]}
    orders = print_orders(bank.questions, qid)
    parts = [f'<section class="pk-quiz" data-quiz="{_e(qid)}" aria-label="Quiz: {_e(bank.title)}">',
             f'<p class="pk-quiz-score" aria-live="polite">Score: <span class="pk-score-value">0</span>'
             f' of {len(bank.questions)} correct</p>']
    for n, q in enumerate(bank.questions, start=1):
        parts.append(question_html(q, f"pkq-{qid}-{q.id}", f"Question {n}", orders[q.id], f"{qid}/{q.id}"))
    parts.append(f'<script type="application/json" class="pk-quiz-data">{json_for_html(data)}</script>')
    parts.append('<noscript><p>This quiz needs JavaScript to check answers; the questions can '
                 'still be read.</p></noscript>')
    parts.append("</section>")
    return "\n".join(parts)


def display_order(q: Question, key: str, seed: str, printed: list[int]) -> list[int]:
    """The learner's order of a question's options: shuffled by their seed; the printed order
    when there is no seed (recording off) and for true/false."""
    if not seed or q.type not in ("single", "multiple"):
        return printed
    return permutation(seed, key, len(q.choices()))


# ---------------------------------------------------------------- widget (JupyterLab)

def answer_controls(q: Question, order: list[int]):
    """The widgets to answer one question with options in `order`: (option texts, entry, read),
    where read() gives the response grade() takes. Shared by the quiz and the exam widgets."""
    import ipywidgets as w

    letters = [chr(ord("A") + k) for k in range(len(order))]
    options = []
    if q.type in ("single", "multiple"):
        # full option texts as wrapped HTML; the controls carry only the letters, because
        # ipywidgets radio and checkbox labels do not wrap and long labels overlap
        options.append(w.HTML("".join(f"<p><b>{k}.</b> {_e(q.options[i].text)}</p>"
                                      for k, i in zip(letters, order))))
    if q.type == "numeric":
        entry = w.Text(placeholder="Type a number" + (f" ({q.unit})" if q.unit else ""))
        return options, entry, lambda: entry.value
    if q.type == "multiple":
        boxes = [w.Checkbox(value=False, description=k, indent=False, layout=w.Layout(width="auto"))
                 for k in letters]
        return options, w.HBox(boxes), lambda: {order[k] for k, b in enumerate(boxes) if b.value}
    labels = letters if q.type == "single" else [q.choices()[i].text for i in order]
    entry = w.RadioButtons(options=list(zip(labels, order)), value=None, description="Answer:",
                           layout=w.Layout(width="auto"))
    return options, entry, lambda: entry.value


class QuizWidget:
    """The ipywidgets quiz: choose, Check, per-option feedback, Try again, running score."""

    def __init__(self, bank: QuizBank):
        import ipywidgets as w

        self.bank = bank
        self.results: dict[str, bool] = {}
        self.seed = learner_seed()
        self.orders = print_orders(bank.questions, bank.quiz_id)
        self.score = w.HTML(self._score_text())
        rows = [w.HTML(f"<h3>Quiz: {_e(bank.title)}</h3>"), self.score]
        for n, q in enumerate(bank.questions, start=1):
            rows.append(self._question_box(n, q))
        self.box = w.VBox(rows, layout=w.Layout(max_width="52rem"))

    def _score_text(self) -> str:
        right = sum(self.results.values())
        return f"<p><b>Score: {right} of {len(self.bank.questions)} correct</b></p>"

    def _question_box(self, n: int, q: Question):
        import ipywidgets as w

        head = w.HTML(f"<p><b>Question {n}</b> <i>({_e(q.level)})</i> {_e(q.prompt)}</p>")
        parts = [head]
        order = display_order(q, f"{self.bank.quiz_id}/{q.id}", self.seed, self.orders[q.id])
        options, entry, read = answer_controls(q, order)
        parts += options
        check, retry = w.Button(description="Check", button_style="primary"), w.Button(description="Try again")
        retry.layout.display = "none"
        feedback = w.HTML()

        def on_check(_):
            g = grade(q, read())
            feedback.value = _feedback_html(g)
            if g.answered:
                self.results[q.id] = g.correct
                record_quiz(self.bank.quiz_id, q.id, g.correct)  # never raises
                self.score.value = self._score_text()
                if not g.correct:
                    retry.layout.display = ""  # not None: the in-browser lab's kernel drops None in widget updates

        def on_retry(_):
            feedback.value = ""
            retry.layout.display = "none"
            if q.type == "numeric":
                entry.value = ""
            elif q.type == "multiple":
                for b in entry.children:
                    b.value = False
            # a chosen radio button stays chosen: clearing it needs None, which the in-browser
            # lab's kernel cannot send, and the screen must show what Check will read

        check.on_click(on_check)
        retry.on_click(on_retry)
        return w.VBox(parts + [entry, w.HBox([check, retry]), feedback],
                      layout=w.Layout(border="1px solid #ccc", padding="0.5rem", margin="0.4rem 0"))


def _feedback_html(g: Grade) -> str:
    colour = "#1b5e20" if g.correct else "#8a1c1c"
    out = [f'<p style="color:{colour}"><b>{_e(g.message)}</b></p>']
    for text, ok, fb in g.notes:
        mark = "✔" if ok else "✘"
        label = f"<b>{_e(text)}</b><br>" if text else ""
        out.append(f"<p>{mark} {label}{_e(fb)}</p>")
    return "".join(out)


class Quiz:
    """Display object: the widget quiz in JupyterLab, the static HTML quiz in the book."""

    def __init__(self, bank: QuizBank):
        self.bank = bank
        self._widget: QuizWidget | None = None

    @property
    def widget(self) -> QuizWidget:
        if self._widget is None:
            self._widget = QuizWidget(self.bank)
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget.box._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = render_html(self.bank)
        bundle["text/plain"] = f"Quiz: {self.bank.title} ({len(self.bank.questions)} questions)"
        return bundle


def quiz(quiz_id: str) -> Quiz:
    """The chapter quiz `quiz_id` (e.g. '01-peacekeeping-role'), ready to display."""
    return Quiz(load_bank(quiz_id))
