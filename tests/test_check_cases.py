"""Every exercise check, one generic test per kind of case: the model answer and other reasonable forms
are accepted, each typical mistake gets its hint, an answer in the wrong form is invalid with a clear
message, every note of a check written as data can be reached, and no input ever raises.

The cases are data, in `check_cases.py`; the tests of a single check that need more than a row of a
table (values computed from the course data, rubric details, generated files) are in
`test_check_specials.py`.
"""

from __future__ import annotations

import re

import pytest
from check_cases import (ACCEPTED_WITH_NOTE, HINTS, INVALID, ODD_INPUTS, OTHER_FORMS, RIGHT, UNANSWERED,
                         exercise_order)
from conftest import model_answer

from peacekeeping_course.checks import CHECKS, FORM_OK, RUBRIC_POINTS, Feedback, check, check_form
from peacekeeping_course.checks.kinds import read_specs

EXERCISES = sorted(CHECKS, key=exercise_order)
SPECS = read_specs()


def spec_model_answer(spec: dict):
    """The right answer a check written as data implies: a matching task's key, a select task's
    `include`, or an ordering
    task's steps in an order that keeps every rule (so a new chapter's spec needs no table row); for a
    written task, the model answer in its source notebook."""
    if spec["kind"] == "written":
        return model_answer(spec["exercise"])
    if spec["kind"] == "matching":
        return {item: entry["answer"] for item, entry in spec["key"].items()}
    if spec["kind"] == "select":
        return list(spec["include"])
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

def _without(text: str, keywords, pattern: str | None = None) -> str:
    """`text` with every keyword (without regard to case), or every match of `pattern`, replaced by as
    many words "q": the answer keeps its length but loses that part."""
    pattern = pattern or "(?i)" + "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True))
    return re.sub(pattern, lambda m: " ".join("q" for _ in m.group().split()) or "q", text)


def _written_notes(exercise: str, spec: dict) -> list[tuple[str, object, str, str]]:
    """The notes of a written spec, each on the model answer changed to need it: cut below or padded above
    the word window; each part taken out (its keywords or its pattern's matches replaced); written without
    full stops (the sentence check); and each `advice` note's keywords taken out (the answer stays complete)."""
    model, window = MODEL[exercise], spec["words"]
    low, high, size = window["min"], window["max"], len(MODEL[exercise].split())
    rows = [(exercise, " ".join(model.split()[:low - 1]),
             window["too_short"].format(words=low - 1, min=low, max=high), "words.too_short"),
            (exercise, model + " and" * (high + 1 - size),
             window["too_long"].format(words=high + 1, min=low, max=high), "words.too_long")]
    for n, part in enumerate(spec["parts"], start=1):
        test = next(t for t in ("any", "all", "groups", "pattern") if t in part)
        groups = part.get("groups") or {}
        missing = list(groups)[:part.get("missing_shown")]
        fields = {"count": 0, "total": len(groups), "found": "none", "missing": ", ".join(missing) or "none"}
        answer = (_without(model, (), part["pattern"]) if test == "pattern"
                  else _without(model, [k for keys in groups.values() for k in keys] or part[test]))
        rows.append((exercise, answer, part["problem"].format_map(fields), f"part {n} ({test})"))
    if spec.get("sentences", True):
        rows.append((exercise, re.sub(r"[.!?]", ";", model), "write it as an argument in full sentences",
                     "sentences"))
    for n, advice in enumerate(spec.get("advice") or [], start=1):
        rows.append((exercise, _without(model, advice["any"]), advice["note"], f"advice {n}"))
    return rows


def _spec_notes() -> list[tuple[str, object, str, str]]:
    """(exercise, answer, text, where) for every note of the checks written as data: an answer that is
    right but for one item, which takes the answer the note is about. For a matching spec: each
    `when_paired` note, each `when_chosen` note (on an item without a note of its own for that
    answer) and `otherwise` (on an answer with no note); for an ordering spec, each rule's `why`
    (the model order with `later` moved just before `first`); for a written spec, `_written_notes`.
    `answer` is None where no item can take the note."""
    rows = []
    for exercise, (spec, _) in sorted(SPECS.items(), key=lambda item: exercise_order(item[0])):
        if spec["kind"] == "written":
            rows += _written_notes(exercise, spec)
            continue
        if spec["kind"] == "ordering":
            for rule in spec["rules"]:
                order = [step for step in MODEL[exercise] if step != rule["later"]]
                order.insert(order.index(rule["first"]), rule["later"])
                rows.append((exercise, order, rule["why"], f"rule {rule['first']} before {rule['later']}"))
            continue
        if spec["kind"] == "select":  # each item's why, on the right selection with that item changed
            for item in spec["items"]:
                chosen = [i for i in spec["include"] if i != item] + ([] if item in spec["include"] else [item])
                rows.append((exercise, chosen, spec["why"][item], f"why.{item}"))
            continue
        key = {item: entry["answer"] for item, entry in spec["key"].items()}
        answers = {item: list(entry.get("options") or spec.get("options") or spec["labels"])
                   for item, entry in spec["key"].items()}  # an item may have options of its own
        chosen = spec.get("when_chosen") or {}
        paired = {(item, answer): note for item, notes in (spec.get("when_paired") or {}).items()
                  for answer, note in notes.items()}
        for (item, answer), note in paired.items():
            rows.append((exercise, {**key, item: answer}, note, f"when_paired.{item}.{answer}"))
        for answer, note in chosen.items():
            item = next((i for i in key if key[i] != answer and answer in answers[i] and (i, answer) not in paired),
                        None)
            rows.append((exercise, item and {**key, item: answer}, note, f"when_chosen.{answer}"))
        if spec.get("otherwise"):
            item, answer = next(((i, a) for i in key for a in answers[i]
                                 if a != key[i] and a not in chosen and (i, a) not in paired), (None, None))
            rows.append((exercise, item and {**key, item: answer}, spec["otherwise"].format(letter=answer),
                         "otherwise"))
    return rows


SPEC_NOTES = _spec_notes()


def test_every_check_written_as_data_has_its_notes_tested():
    with_notes = {exercise for exercise, (spec, _) in read_specs().items()
                  if spec["kind"] in ("ordering", "written", "select") or spec.get("when_chosen") or spec.get("when_paired")
                  or spec.get("otherwise")}
    assert with_notes and {row[0] for row in SPEC_NOTES} == with_notes


@pytest.mark.parametrize("exercise, answer, note, where", SPEC_NOTES,
                         ids=[f"{row[0]}:{row[3]}" for row in SPEC_NOTES])
def test_every_note_of_a_check_written_as_data_is_reachable(exercise, answer, note, where):
    assert answer is not None, f"{exercise}: no item can take the answer of {where}"
    result = check(exercise, answer)
    assert result.status == ("complete" if where.startswith("advice") else rejected(exercise)), result.message
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
