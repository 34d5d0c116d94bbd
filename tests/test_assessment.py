"""Assessment that measures learning: the bank lint (answer cues, honest levels, coverage), the
seeded orders and draws, the decimal comma, and the exams in Python and JupyterLab widgets."""

from __future__ import annotations

import difflib
import re
from collections import Counter

import pytest

from peacekeeping_course import progress
from peacekeeping_course import store as progress_store
from peacekeeping_course.exam import (ExamWidget, advice, check_form, form_problem, mark, questions_for,
                                      released_answer_correct, response_from_letters)
from peacekeeping_course.instructor import banks, course_map
from peacekeeping_course.numeric import read_number
from peacekeeping_course.quiz import LEVELS, QuizBankError, grade, load_exam, parse_exam
from peacekeeping_course.shuffle import draw, permutation, print_orders

CHAPTER_BANKS = banks()
FINAL, PRETEST = load_exam("final"), load_exam("pretest")
ALL = [(b.quiz_id, q) for b in CHAPTER_BANKS for q in b.questions]
EXAMS = [(e.kind, q) for e in (FINAL, PRETEST) for q in e.questions]


def strictly_longest_right(questions) -> float:
    single = [q for q in questions if q.type == "single"]
    hits = 0
    for q in single:
        lengths = [len(o.text) for o in q.options]
        right = next(i for i, o in enumerate(q.options) if o.correct)
        hits += lengths[right] == max(lengths) and lengths.count(max(lengths)) == 1
    return hits / len(single)


# ------------------------------------------------------------------ the bank lint: answer cues

@pytest.mark.parametrize("name, questions", [
    ("chapter quizzes", [q for _, q in ALL]), ("final exam pool", list(FINAL.questions)),
    ("pre-test", list(PRETEST.questions))])
def test_the_right_option_is_not_a_length_cue(name, questions):
    share = strictly_longest_right(questions)
    assert share <= 0.40, f"{name}: the right option is the strictly longest in {share:.0%} of single-choice questions"


@pytest.mark.parametrize("name, questions", [
    ("chapter quizzes", [q for _, q in ALL]), ("exams", [q for _, q in EXAMS])])
def test_true_and_false_statements_are_balanced(name, questions):
    answers = [q.answer for q in questions if q.type == "truefalse"]
    assert answers, name
    share = sum(answers) / len(answers)
    assert 0.35 <= share <= 0.65, f"{name}: {share:.0%} of true/false statements are true"


def test_printed_answers_are_spread_over_the_letters():
    """Quiz sheets, answer keys and the book without JavaScript print options in this order."""
    letters = Counter()
    for bank in CHAPTER_BANKS:
        orders = print_orders(bank.questions, bank.quiz_id)
        for q in bank.questions:
            if q.type == "single":
                letters[orders[q.id].index(next(i for i, o in enumerate(q.options) if o.correct))] += 1
    total = sum(letters.values())
    assert max(letters.values()) / total <= 0.34, letters


def test_multiple_select_questions_vary_and_never_mark_every_option_right():
    multiple = [q for _, q in ALL + EXAMS if q.type == "multiple"]
    counts = Counter(sum(o.correct for o in q.options) for q in multiple)
    assert all(sum(o.correct for o in q.options) < len(q.options) for q in multiple)
    assert len(counts) >= 3, f"right options per multiple-select question: {dict(counts)}"
    first = sum(all(o.correct for o in q.options[:sum(p.correct for p in q.options)]) for q in multiple)
    assert first / len(multiple) <= 0.5, "right options are listed first in most multiple-select questions"


def test_no_all_of_the_above_and_no_year_recall():
    for where, q in ALL + EXAMS:
        texts = [o.text.lower() for o in q.options]
        assert not any("all of the above" in t or "none of the above" in t for t in texts), (where, q.id)
        assert not re.search(r"\b(in )?(which|what) year\b", q.prompt, flags=re.I), (where, q.id)
        if q.type == "numeric" and float(q.answer).is_integer():
            assert not (1940 <= q.answer <= 2035 and "year" in (q.unit + q.prompt).lower()), (where, q.id)


def test_no_question_is_asked_twice():
    prompts = [(f"{where}/{q.id}", " ".join(q.prompt.lower().split())) for where, q in ALL + EXAMS]
    for i, (a, pa) in enumerate(prompts):
        for b, pb in prompts[i + 1:]:
            matcher = difflib.SequenceMatcher(None, pa, pb)
            if matcher.real_quick_ratio() > 0.8 and matcher.quick_ratio() > 0.8:
                assert matcher.ratio() <= 0.8, f"{a} and {b} ask nearly the same question"


# ------------------------------------------------------------------ honest levels and coverage

def test_levels_include_evaluate_and_are_used():
    assert LEVELS == ("recall", "apply", "analyse", "evaluate")
    used = Counter(q.level for _, q in ALL)
    assert used["evaluate"] >= 5 and used["apply"] and used["analyse"], used


@pytest.mark.parametrize("bank", CHAPTER_BANKS, ids=lambda b: b.quiz_id)
def test_at_least_half_of_each_quiz_is_above_recall(bank):
    assert bank.share_higher_order() >= 0.5


@pytest.mark.parametrize("bank", CHAPTER_BANKS, ids=lambda b: b.quiz_id)
def test_every_objective_is_assessed(bank):
    rows, _ = course_map(bank)
    gaps = [row.number for row in rows if not row.questions and not row.exercises]
    assert not gaps, f"{bank.quiz_id}: objective(s) {gaps} are assessed by no quiz question or exercise"


def test_the_final_pool_covers_every_chapter_and_is_new():
    chapters = Counter(q.chapter for q in FINAL.questions)
    assert len(FINAL.questions) >= 60 and FINAL.draw == 30 and FINAL.pass_mark == 70
    assert set(chapters) == {b.chapter for b in CHAPTER_BANKS} and min(chapters.values()) >= 4, chapters
    above = sum(q.level != "recall" for q in FINAL.questions) / len(FINAL.questions)
    assert above >= 0.75, f"only {above:.0%} of the final pool is above recall"
    assert {q.chapter for q in FINAL.questions if q.level == "evaluate"} == set(chapters)
    assert not {q.id for q in FINAL.questions} & {q.id for _, q in ALL}


def test_the_pretest_has_one_question_per_chapter():
    assert 10 <= len(PRETEST.questions) <= 15
    assert sorted(q.chapter for q in PRETEST.questions) == sorted(b.chapter for b in CHAPTER_BANKS)


def test_exam_objectives_exist_in_their_chapters():
    objectives = {b.chapter: len(course_map(b)[0]) for b in CHAPTER_BANKS}
    for kind, q in EXAMS:
        assert all(1 <= n <= objectives[q.chapter] for n in q.objectives), (kind, q.id)


@pytest.mark.parametrize("raw, problem", [
    ({"kind": "mid", "title": "x", "questions": []}, "'kind' must be one of final, pretest"),
    ({"kind": "pretest", "title": "x", "draw": 3, "questions": []}, "unknown top-level key(s) ['draw']"),
    ({"kind": "final", "title": "x", "draw": 5, "pass_mark": 70, "questions": [
        {"id": "a", "chapter": "1", "type": "truefalse", "level": "recall", "objectives": [1], "prompt": "P",
         "answer": True, "feedback": {"true": "yes", "false": "no"}}]}, "'chapter' must be the chapter's two-digit"),
    ({"kind": "final", "title": "x", "draw": 5, "pass_mark": 70, "questions": [
        {"id": "a", "chapter": "01", "type": "truefalse", "level": "recall", "objectives": [1], "prompt": "P",
         "answer": True, "feedback": {"true": "yes", "false": "no"}}]}, "'draw' must be a whole number"),
])
def test_exam_bank_errors_name_the_file_and_the_problem(tmp_path, raw, problem):
    with pytest.raises(QuizBankError) as err:
        parse_exam(raw, tmp_path / "final.yml")
    assert str(err.value).startswith("final.yml") and problem in str(err.value)


# ------------------------------------------------------------------ seeded orders and draws

def test_orders_are_stable_per_learner_and_differ_between_learners():
    assert permutation("alice", "01/q", 5) == permutation("alice", "01/q", 5)
    assert sorted(permutation("alice", "01/q", 5)) == list(range(5))
    orders = {tuple(permutation(seed, "01/q", 4)) for seed in ("alice", "bob", "carol", "dan", "eve")}
    assert len(orders) >= 3
    # every position is used by the right option about equally often over many learners
    firsts = Counter(permutation(f"learner-{k}", "01/q", 4).index(0) for k in range(2000))
    assert all(400 <= n <= 600 for n in firsts.values()), firsts


def test_a_draw_takes_every_chapter_and_changes_with_the_attempt():
    pools = {f"{c:02d}": [f"q{c}-{k}" for k in range(5)] for c in range(1, 14)}
    first = draw(pools, 30, "alice", 1)
    assert len(first) == len(set(first)) == 30
    per_chapter = Counter(item.split("-")[0] for item in first)
    assert min(per_chapter.values()) >= 2 and len(per_chapter) == 13
    assert first == draw(pools, 30, "alice", 1)
    assert first != draw(pools, 30, "alice", 2) and first != draw(pools, 30, "bob", 1)


# ------------------------------------------------------------------ decimal comma

@pytest.mark.parametrize("text, value, ambiguous", [
    ("25,6", 25.6, False), ("0,75", 0.75, False), ("-3,5", -3.5, False), ("25.6", 25.6, False),
    ("1,115", 1115, True), ("12,345,678", 12345678, False), ("1,234.5", 1234.5, False),
    ("1.234,5", 1234.5, False), (" 71 ", 71, False), ("50%", 50, False), ("1\u202f115", 1115, False),
    ("a lot", None, False), ("1,2,3", None, False), ("", None, False), ("1,234,5", None, False),
])
def test_decimal_comma_rule(text, value, ambiguous):
    reading = read_number(text)
    assert reading.value == value and bool(reading.hint) == ambiguous


def test_an_ambiguous_wrong_number_gets_a_hint(tmp_path):
    from peacekeeping_course.quiz import Question
    q = Question(id="q", type="numeric", level="recall", prompt="p", answer=1.115, tolerance=0.001,
                 feedback={"correct": "c", "low": "l", "high": "h"})
    assert grade(q, "1,115").correct is False and "thousands separator" in grade(q, "1,115").message
    assert grade(q, "1.115").correct and grade(q, "1,1150").correct


# ------------------------------------------------------------------ exams in Python and JupyterLab

def test_marking_an_attempt_and_the_pretest_advice():
    questions = questions_for(FINAL, "alice")
    right = {q.id: (q.answer if q.type == "numeric" else
                    {i for i, o in enumerate(q.choices()) if o.correct} if q.type == "multiple" else
                    next(i for i, o in enumerate(q.choices()) if o.correct)) for q in questions}
    result = mark(FINAL, questions, right)
    assert result.score == result.total == 30 and result.passed
    assert mark(FINAL, questions, {}).passed is False and mark(FINAL, questions, {}).score == 0
    pre = mark(PRETEST, list(PRETEST.questions), {})
    assert pre.passed is None and advice(pre, {})[0].startswith("Start with chapter 1")


def test_released_exam_answers_are_read_as_letters_and_the_form_check_reveals_nothing():
    q = next(q for q in FINAL.questions if q.type == "single")
    order = print_orders([q], "t")[q.id]
    right_letter = chr(ord("A") + order.index(next(i for i, o in enumerate(q.options) if o.correct)))
    wrong_letter = next(chr(ord("A") + k) for k in range(len(order)) if chr(ord("A") + k) != right_letter)
    assert released_answer_correct("final", q.id, order, right_letter.lower())
    assert not released_answer_correct("final", q.id, order, wrong_letter)
    check_form("final", 1, q.id, right_letter)
    check_form("final", 1, q.id, wrong_letter)  # a wrong answer passes the form check alike
    assert form_problem(q, None) == "not answered yet."
    assert "one of the letters" in form_problem(q, "Z") and "exactly one" in form_problem(q, "AB")
    assert response_from_letters(q, order, right_letter) == next(i for i, o in enumerate(q.options) if o.correct)


def test_exam_widget_draws_for_the_learner_grades_and_records(tmp_path, monkeypatch):
    monkeypatch.setenv(progress_store.ENV_VAR, str(tmp_path / "progress.json"))
    widget = ExamWidget(FINAL)
    assert len(widget.questions) == 30 and widget.seed
    assert widget.questions == questions_for(FINAL, widget.seed, 1)
    result = widget._on_submit()
    assert result.score == 0 and "below the pass mark" in widget.result.value
    attempts = progress_store.exam_attempts("final")
    assert [(a["score"], a["total"], a["passed"]) for a in attempts] == [(0, 30, False)]
    assert ExamWidget(FINAL).questions == questions_for(FINAL, widget.seed, 2)  # a new attempt, a new draw
    assert "Final exam: best 0 of 30 (0%), not passed yet; 1 attempt." in repr(progress.show())


def test_completion_record_says_what_it_is_and_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.setenv(progress_store.ENV_VAR, str(tmp_path / "progress.json"))
    progress_store.record_exam("pretest", 5, 13, None)
    record = progress.completion_record("Ada <b>Lovelace</b>")
    page = record._repr_html_()
    assert "Ada &lt;b&gt;Lovelace&lt;/b&gt;" in page and "not a certificate" in page and "Pre-test: 5 of 13" in page
    first, second = record.save(tmp_path), record.save(tmp_path)
    assert first != second and first.exists() and second.name.endswith("-2.html")


def test_session_plans_name_only_questions_that_exist():
    from pathlib import Path
    known = {q.id for _, q in ALL}
    for page in sorted((Path(__file__).resolve().parent.parent / "book" / "instructors").glob("session-*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if re.search(r"\bquiz\b", line, flags=re.I):  # ids in backticks, not citation keys ({cite:p}`key`)
                named = set(re.findall(r"(?<![}\w])`([a-z0-9]+(?:-[a-z0-9]+)+)`", line)) - {b.quiz_id for b in CHAPTER_BANKS}
                assert named <= known, f"{page.name} names quiz question(s) that no bank has: {sorted(named - known)}"


@pytest.mark.parametrize("text, as_float_value, as_int_value", [
    ("25,6", 25.6, None), ("1,115", 1115.0, 1115), (" 12 ", 12.0, 12), ("40%", 40.0, 40), ("x", None, None)])
def test_exercise_checks_read_numbers_by_the_same_rule(text, as_float_value, as_int_value):
    from peacekeeping_course.checks import as_float, as_int
    assert as_float(text) == as_float_value and as_int(text) == as_int_value
