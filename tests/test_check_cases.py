"""Every exercise check, one generic test per kind of case: the model answer and other reasonable forms
are accepted, each typical mistake gets its hint, an answer in the wrong form is invalid with a clear
message, every note of a check written as data can be reached, and no input ever raises.

The cases are data, in `check_cases.py`; the tests of a single check that need more than a row of a
table (values computed from the course data, rubric details, generated files) are in
`test_check_specials.py`.
"""

from __future__ import annotations

import pytest
from check_cases import (ACCEPTED_WITH_NOTE, HINTS, INVALID, ODD_INPUTS, OTHER_FORMS, RIGHT, UNANSWERED,
                         exercise_order)
from conftest import model_answer

from peacekeeping_course.checks import CHECKS, FORM_OK, RUBRIC_POINTS, Feedback, check, check_form
from peacekeeping_course.checks.kinds import read_specs

EXERCISES = sorted(CHECKS, key=exercise_order)
SPECS = read_specs()


def spec_model_answer(spec: dict):
    """The right answer a check written as data implies: a matching task's key, or an ordering
    task's steps in an order that keeps every rule (so a new chapter's spec needs no table row)."""
    if spec["kind"] == "matching":
        return {item: entry["answer"] for item, entry in spec["key"].items()}
    order, steps = [], list(spec["steps"])
    while steps:
        step = next(s for s in steps if not any(r["later"] == s and r["first"] in steps for r in spec["rules"]))
        order.append(step)
        steps.remove(step)
    return order


MODEL = {**{exercise: spec_model_answer(spec) for exercise, (spec, _) in SPECS.items()}, **RIGHT}


def accepted(exercise: str) -> str:
    """The status of an accepted answer: a written task is "complete", never "correct"."""
    return "complete" if exercise in RUBRIC_POINTS else "correct"


def rejected(exercise: str) -> str:
    """The status of a typical mistake: a written task is "incomplete", never "incorrect"."""
    return "incomplete" if exercise in RUBRIC_POINTS else "incorrect"


def case_ids(rows) -> list[str]:
    """Test ids: the exercise and the text the row expects (or a number, for rows without one)."""
    seen: dict[str, int] = {}
    ids = []
    for exercise, *_, text in rows:
        seen[exercise] = seen.get(exercise, 0) + 1
        ids.append(f"{exercise}:{text[:40]}" if isinstance(text, str) else f"{exercise}:{seen[exercise]}")
    return ids


# ---------------------------------------------------------------- the tables cover every exercise

def test_every_exercise_has_a_model_answer_and_every_row_names_a_known_exercise():
    assert set(MODEL) == set(CHECKS)
    assert all(check(exercise, answer).status == accepted(exercise)
               for exercise, answer in MODEL.items() if exercise in SPECS and exercise not in RIGHT)
    for table in (OTHER_FORMS, ACCEPTED_WITH_NOTE, HINTS, INVALID):
        assert {row[0] for row in table} <= set(CHECKS)


def test_every_exercise_has_at_least_one_typical_mistake():
    # a check written as data has its mistakes in its notes, each tested below
    assert {exercise for exercise, _, _ in HINTS} | {row[0] for row in SPEC_NOTES} == set(CHECKS)


# ---------------------------------------------------------------- accepted answers

@pytest.mark.parametrize("exercise", EXERCISES)
def test_model_answer_is_accepted(exercise):
    result = check(exercise, MODEL[exercise])
    assert result.status == accepted(exercise), result.message


@pytest.mark.parametrize("exercise", sorted(RUBRIC_POINTS, key=exercise_order))
def test_the_source_notebooks_model_answer_to_a_written_task_is_complete(exercise):
    result = check(exercise, model_answer(exercise))
    assert result.status == "complete" and not result.correct, result.message


@pytest.mark.parametrize("exercise, answer", OTHER_FORMS, ids=case_ids(OTHER_FORMS))
def test_right_answer_in_other_reasonable_forms(exercise, answer):
    result = check(exercise, answer)
    assert result.status == accepted(exercise), result.message


@pytest.mark.parametrize("exercise, answer, note", ACCEPTED_WITH_NOTE, ids=case_ids(ACCEPTED_WITH_NOTE))
def test_feedback_on_an_accepted_answer_says_what_it_should(exercise, answer, note):
    result = check(exercise, answer)
    assert result.status == accepted(exercise), result.message
    assert note in result.message


# ---------------------------------------------------------------- typical mistakes and wrong forms

@pytest.mark.parametrize("exercise, answer, hint", HINTS, ids=case_ids(HINTS))
def test_typical_wrong_answers_get_a_specific_hint(exercise, answer, hint):
    result = check(exercise, answer)
    assert result.status == rejected(exercise), result.message
    assert hint in result.message, result.message


@pytest.mark.parametrize("exercise, answer, message", INVALID, ids=case_ids(INVALID))
def test_wrong_forms_are_invalid_with_a_clear_message(exercise, answer, message):
    result = check(exercise, answer)
    assert result.status == "invalid", result.message
    assert message in result.message, result.message


# ---------------------------------------------------------------- every note of a check written as data

def _spec_notes() -> list[tuple[str, object, str, str]]:
    """(exercise, answer, text, where) for every note of the checks written as data: an answer that is
    right but for one item, which takes the answer the note is about. For a matching spec: each
    `when_paired` note, each `when_chosen` note (on an item without a note of its own for that
    answer) and `otherwise` (on an answer with no note); for an ordering spec, each rule's `why`
    (the model order with `later` moved just before `first`). `answer` is None where no item can
    take the note."""
    rows = []
    for exercise, (spec, _) in sorted(SPECS.items(), key=lambda item: exercise_order(item[0])):
        if spec["kind"] == "ordering":
            for rule in spec["rules"]:
                order = [step for step in MODEL[exercise] if step != rule["later"]]
                order.insert(order.index(rule["first"]), rule["later"])
                rows.append((exercise, order, rule["why"], f"rule {rule['first']} before {rule['later']}"))
            continue
        key = {item: entry["answer"] for item, entry in spec["key"].items()}
        answers = list(spec.get("options") or spec["labels"])
        chosen = spec.get("when_chosen") or {}
        paired = {(item, answer): note for item, notes in (spec.get("when_paired") or {}).items()
                  for answer, note in notes.items()}
        for (item, answer), note in paired.items():
            rows.append((exercise, {**key, item: answer}, note, f"when_paired.{item}.{answer}"))
        for answer, note in chosen.items():
            item = next((i for i in key if key[i] != answer and (i, answer) not in paired), None)
            rows.append((exercise, item and {**key, item: answer}, note, f"when_chosen.{answer}"))
        if spec.get("otherwise"):
            item, answer = next(((i, a) for i in key for a in answers
                                 if a != key[i] and a not in chosen and (i, a) not in paired), (None, None))
            rows.append((exercise, item and {**key, item: answer}, spec["otherwise"].format(letter=answer),
                         "otherwise"))
    return rows


SPEC_NOTES = _spec_notes()


def test_every_check_written_as_data_has_its_notes_tested():
    with_notes = {exercise for exercise, (spec, _) in read_specs().items()
                  if spec["kind"] == "ordering" or spec.get("when_chosen") or spec.get("when_paired")
                  or spec.get("otherwise")}
    assert with_notes and {row[0] for row in SPEC_NOTES} == with_notes


@pytest.mark.parametrize("exercise, answer, note, where", SPEC_NOTES,
                         ids=[f"{row[0]}:{row[3]}" for row in SPEC_NOTES])
def test_every_note_of_a_check_written_as_data_is_reachable(exercise, answer, note, where):
    assert answer is not None, f"{exercise}: no item can take the answer of {where}"
    result = check(exercise, answer)
    assert result.status == "incorrect", result.message
    assert note in result.message, f"{where} is not shown: {result.message}"


# ---------------------------------------------------------------- any input, and no verdict before grading

@pytest.mark.parametrize("exercise", EXERCISES)
@pytest.mark.parametrize("answer", ODD_INPUTS, ids=lambda a: type(a).__name__)
def test_any_input_to_any_check_gets_friendly_feedback_never_a_traceback(exercise, answer):
    result = check(exercise, answer)
    assert isinstance(result, Feedback)
    assert result.status in {rejected(exercise), "invalid", "unanswered"}
    assert result.message and "Traceback" not in result.message
    assert "could not be checked" not in result.message, "the check itself raised an exception"


@pytest.mark.parametrize("exercise", EXERCISES)
@pytest.mark.parametrize("answer", UNANSWERED, ids=repr)
def test_every_unanswered_exercise_says_not_answered_yet(exercise, answer):
    assert "not answered yet" in check(exercise, answer).message


@pytest.mark.parametrize("exercise", [exercise for exercise in EXERCISES if exercise not in RUBRIC_POINTS])
def test_check_form_replies_the_same_to_every_right_and_wrong_answer(exercise):
    """Before an nbgrader assignment is submitted, the model answer, its other forms and every typical
    mistake get the one neutral reply."""
    answers = [MODEL[exercise], *(row[1] for table in (OTHER_FORMS, ACCEPTED_WITH_NOTE, HINTS)
                                  for row in table if row[0] == exercise)]
    for answer in answers:
        form = check_form(exercise, answer)
        assert (form.status, form.message) == ("answered", FORM_OK), answer
