"""Quiz banks, grading, the static HTML renderer and the widget front end."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from peacekeeping_course.quiz import (BANK_DIR, Question, Quiz, QuizBankError, QuizWidget, grade, load_bank,
                                      parse_bank, render_html)

BANKS = sorted(BANK_DIR.glob("*.yml"))


# ------------------------------------------------------------------ the real banks

@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_bank_meets_the_course_rules(path):
    bank = load_bank(path)
    assert 6 <= len(bank.questions) <= 10
    assert bank.share_higher_order() >= 0.4, "at least 40% apply/analyse questions"
    for q in bank.questions:
        for option in q.choices():
            assert len(option.feedback) > 20, f"{q.id}: feedback must teach, not just say right/wrong"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_every_bank_is_used_by_its_chapter(path):
    chapter = Path(BANK_DIR).parent / f"{path.stem}.md"
    assert f"```{{quiz}} {path.stem}" in chapter.read_text(encoding="utf-8")


# ------------------------------------------------------------------ validation messages

GOOD = {"chapter": "99", "title": "Test", "questions": [
    {"id": "a-single", "type": "single", "level": "apply", "prompt": "Pick one.", "objectives": [1],
     "options": [{"text": "Right", "correct": True, "feedback": "Yes because."},
                 {"text": "Wrong", "correct": False, "feedback": "No because."}]},
]}


def bank_with(**changes):
    question = {**GOOD["questions"][0], **changes}
    question = {k: v for k, v in question.items() if v is not None}
    return {**GOOD, "questions": [question]}


@pytest.mark.parametrize("raw, problem", [
    (bank_with(type="essay"), "type must be one of single, multiple, truefalse, numeric"),
    (bank_with(level="remember"), "level must be one of recall, apply, analyse, evaluate"),
    (bank_with(prompt=""), "'prompt' must be non-empty text"),
    (bank_with(options=[{"text": "A", "correct": True, "feedback": "x"},
                        {"text": "B", "correct": True, "feedback": "y"}]), "exactly one correct option (found 2)"),
    (bank_with(options=[{"text": "A", "correct": "yes", "feedback": "x"},
                        {"text": "B", "correct": False, "feedback": "y"}]), "option 1: 'correct' must be true or false"),
    (bank_with(options=[{"text": "A", "correct": True},
                        {"text": "B", "correct": False, "feedback": "y"}]), "option 1 must have exactly the keys"),
    (bank_with(id="Bad Id"), "must be lowercase letters, digits and hyphens"),
    (bank_with(colour="red"), "unknown key(s) ['colour']"),
    (bank_with(objectives=None), "'objectives' must list the numbers of the learning objectives"),
    (bank_with(objectives=["1"]), "'objectives' must list the numbers of the learning objectives"),
    (bank_with(objectives=[0]), "'objectives' must list the numbers of the learning objectives"),
    (bank_with(type="numeric", options=None, answer="seven",
               feedback={"correct": "a", "low": "b", "high": "c"}), "needs a number as 'answer'"),
    (bank_with(type="numeric", options=None, answer=7, tolerance=-1,
               feedback={"correct": "a", "low": "b", "high": "c"}), "'tolerance' must be a number >= 0"),
    (bank_with(type="truefalse", options=None, answer="true",
               feedback={"true": "a", "false": "b"}), "needs 'answer: true' or 'answer: false'"),
])
def test_bad_bank_names_file_question_and_problem(raw, problem):
    with pytest.raises(QuizBankError) as err:
        parse_bank(raw, Path("99-test.yml"))
    message = str(err.value)
    assert message.startswith("99-test.yml: question 1")
    assert problem in message


def test_duplicate_ids_and_top_level_problems():
    raw = {**GOOD, "questions": GOOD["questions"] * 2}
    with pytest.raises(QuizBankError, match="question 2 \\('a-single'\\): duplicate id"):
        parse_bank(raw, Path("x.yml"))
    with pytest.raises(QuizBankError, match="missing top-level key 'questions'"):
        parse_bank({"chapter": "1", "title": "t"}, Path("x.yml"))


def test_invalid_yaml_and_missing_bank(tmp_path):
    bad = tmp_path / "broken.yml"
    bad.write_text("questions: [unclosed")
    with pytest.raises(QuizBankError, match="broken.yml: not valid YAML"):
        load_bank(bad)
    with pytest.raises(QuizBankError, match="question bank not found"):
        load_bank("77-no-such-chapter")


# ------------------------------------------------------------------ grading

def q(**kw) -> Question:
    return parse_bank({**GOOD, "questions": [{**GOOD["questions"][0], **kw}]}, Path("t.yml")).questions[0]


SINGLE = q()
MULTI = q(type="multiple", options=[{"text": "A", "correct": True, "feedback": "A is right."},
                                    {"text": "B", "correct": False, "feedback": "B is wrong."},
                                    {"text": "C", "correct": True, "feedback": "C is right."}])
NUMERIC = parse_bank({**GOOD, "questions": [{"id": "n", "type": "numeric", "level": "recall", "prompt": "How many?", "objectives": [1],
                                            "answer": 1115, "tolerance": 5,
                                            "feedback": {"correct": "Yes.", "low": "Too low.", "high": "Too high."}}]},
                     Path("t.yml")).questions[0]
TRUEFALSE = parse_bank({**GOOD, "questions": [{"id": "t", "type": "truefalse", "level": "recall", "prompt": "Is it?", "objectives": [1],
                                              "answer": False, "feedback": {"true": "No, false.", "false": "Right."}}]},
                       Path("t.yml")).questions[0]


def test_single_choice_gives_the_chosen_options_feedback():
    assert grade(SINGLE, 0).correct and grade(SINGLE, 0).notes[0][2] == "Yes because."
    wrong = grade(SINGLE, 1)
    assert not wrong.correct and wrong.notes == (("Wrong", False, "No because."),)


def test_multiple_select_needs_exactly_the_right_set():
    assert grade(MULTI, {0, 2}).correct
    partial = grade(MULTI, {0})
    assert not partial.correct and "missed 1" in partial.message
    extra = grade(MULTI, {0, 1, 2})
    assert not extra.correct and ("B", False, "B is wrong.") in extra.notes


def test_true_false():
    assert grade(TRUEFALSE, 1).correct
    assert not grade(TRUEFALSE, 0).correct and grade(TRUEFALSE, 0).notes[0][2] == "No, false."


@pytest.mark.parametrize("response, correct, fragment", [
    ("1115", True, "Yes."), ("1,112", True, "Yes."), (1120, True, "Yes."), (" 1110 ", True, "Yes."),
    ("1000", False, "Too low."), (2000.5, False, "Too high."),
])
def test_numeric_with_tolerance(response, correct, fragment):
    result = grade(NUMERIC, response)
    assert result.answered and result.correct is correct and result.notes[0][2] == fragment


@pytest.mark.parametrize("question, response", [
    (NUMERIC, None), (NUMERIC, ""), (NUMERIC, "   "), (NUMERIC, "about a thousand"), (NUMERIC, True),
    (NUMERIC, float("nan")), (SINGLE, None), (SINGLE, 7), (SINGLE, "0"), (SINGLE, True),
    (MULTI, set()), (MULTI, None), (MULTI, {5}), (TRUEFALSE, None),
])
def test_unusable_responses_get_a_message_not_an_exception(question, response):
    result = grade(question, response)
    assert not result.answered and not result.correct and result.message


# ------------------------------------------------------------------ HTML and widget

def test_html_escapes_every_text(tmp_path):
    raw = bank_with(prompt="<script>alert(1)</script> & more",
                    options=[{"text": "<b>bold</b>", "correct": True, "feedback": "</script><img src=x>"},
                             {"text": "plain", "correct": False, "feedback": "fine"}])
    html = render_html(parse_bank(raw, Path("99-test.yml")))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold" in html
    assert "</script><img" not in html  # the JSON payload cannot close its script tag


def test_html_has_labelled_accessible_controls():
    bank = load_bank(BANKS[0])
    html = render_html(bank)
    assert html.count("<fieldset") == len(bank.questions) == html.count("<legend>")
    assert 'aria-live="polite"' in html and 'type="button"' in html
    for question in bank.questions:
        for i, _ in enumerate(question.choices()):
            dom = f"pkq-{bank.quiz_id}-{question.id}-{i}"
            assert f'id="{dom}"' in html and f'for="{dom}"' in html


def test_display_object_offers_widget_and_static_html():
    bundle = Quiz(load_bank(BANKS[0]))._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<section class="pk-quiz"')
    assert bundle["text/plain"].startswith("Quiz: ")


def test_widget_check_retry_and_running_score():
    bank = load_bank(BANKS[0])
    widget = QuizWidget(bank)
    first = bank.questions[0]
    box = widget.box.children[2]  # title, score, then questions
    entry, buttons, feedback = box.children[-3:]
    check, retry = buttons.children
    wrong = next(i for i, o in enumerate(first.choices()) if not o.correct)
    right = next(i for i, o in enumerate(first.choices()) if o.correct)
    if first.type == "multiple":
        entry.children[wrong].value = True
    else:
        entry.value = wrong
    check.click()
    assert "Not quite" in feedback.value and retry.layout.display == ""  # shown (not None: see quiz.py)
    assert "Score: 0 of" in widget.score.value
    retry.click()
    assert feedback.value == ""
    if first.type == "multiple":
        for i, o in enumerate(first.choices()):
            entry.children[i].value = o.correct
    else:
        entry.value = right
    check.click()
    assert "Correct" in feedback.value and "Score: 1 of" in widget.score.value


def test_widget_shows_full_option_texts_and_short_control_labels():
    bank = load_bank(BANKS[0])
    question = next(q for q in bank.questions if q.type == "single")
    box = QuizWidget(bank).box.children[2 + bank.questions.index(question)]
    texts, entry = box.children[1].value, box.children[2]
    assert all(o.text[:40].replace("'", "&#x27;") in texts for o in question.options)
    assert [label for label, _ in entry.options] == ["A", "B", "C", "D"][:len(question.options)]


def test_widget_check_without_an_answer_is_friendly():
    bank = load_bank(BANKS[0])
    widget = QuizWidget(bank)
    box = widget.box.children[2]
    box.children[-2].children[0].click()
    assert "then press Check" in box.children[-1].value and "Score: 0 of" in widget.score.value
