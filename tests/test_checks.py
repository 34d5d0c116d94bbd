"""The machinery of the exercise checks: unknown exercises, how feedback renders, what check_form may
show before grading, what is recorded, and matching keys that give no cue. The cases of every check
(right answers, typical mistakes, wrong forms, odd inputs) are in check_cases.py and test_check_cases.py."""

from __future__ import annotations

import pandas as pd
import pytest
from check_cases import ODD_INPUTS, RIGHT

from peacekeeping_course import progress
from peacekeeping_course import store as progress_store
from peacekeeping_course.checks import (CHECKS, FORM_OK, RUBRIC_POINTS, Invalid, as_int, check, check_choice,
                                        check_form, check_order, correct, evaluate, letter_answers, match_names,
                                        read_mapping, read_names, read_pair, written_answer)


def test_unknown_exercise_lists_the_known_ones():
    result = check("99.9", 1)
    assert result.status == "invalid" and "1.1, 1.2, 1.3, 1.4, 1.5" in result.message


def test_feedback_renders_as_escaped_html_and_text():
    result = check("1.4", {"A": "<b>"})
    assert "<b>" not in result._repr_html_() and "&lt;b&gt;" in result._repr_html_()
    assert repr(result).startswith("⚠️ Exercise 1.4:")


# ---------------------------------------------------------------- Invalid, and the exercise id stamped by check()

def test_a_check_that_raises_invalid_gets_invalid_feedback_with_the_exercise_id(tmp_path, monkeypatch):
    monkeypatch.setenv("PEACEKEEPING_PROGRESS", str(tmp_path / "progress.json"))

    def unreadable(answer):
        raise Invalid("give a pair (year, number), for example (2009, 1827).")

    monkeypatch.setitem(CHECKS, "1.2", unreadable)
    for result in (evaluate("1.2", 12), check("1.2", 12), check_form("1.2", 12)):
        assert (result.exercise, result.status) == ("1.2", "invalid")
        assert result.message == "give a pair (year, number), for example (2009, 1827)."
    assert repr(check("1.2", 12)).startswith("⚠️ Exercise 1.2: give a pair")
    assert progress_store.load(tmp_path / "progress.json")["exercises"]["1.2"]["status"] == "invalid"


def test_invalid_may_carry_another_status():
    from peacekeeping_course.checks import read_numbers

    with pytest.raises(Invalid) as raised:
        read_numbers({"a": 1}, ["a", "b"], {"a": "a", "b": "b"}, form="f", unknown="u", not_number="n",
                     missing="missing: {missing}.")
    assert (raised.value.status, raised.value.message) == ("incorrect", "missing: b.")


def test_a_check_names_no_exercise_id_and_check_stamps_it(monkeypatch):
    monkeypatch.setitem(CHECKS, "1.2", lambda answer: correct("well done."))
    assert correct("well done.").exercise == ""
    result = evaluate("1.2", 12)
    assert (result.exercise, result.status, result.message) == ("1.2", "correct", "well done.")
    assert correct("1.2", "well done.") == result, "the two-argument form still works"
    written = next(iter(RUBRIC_POINTS))  # a written task is never called correct, with or without an id
    monkeypatch.setitem(CHECKS, written, lambda answer: correct("all parts are there."))
    assert (evaluate(written, "text").exercise, evaluate(written, "text").status) == (written, "complete")


@pytest.mark.parametrize("error", [TypeError("unsupported operand"), KeyError("x"), ValueError("bad")])
def test_an_unexpected_exception_in_a_check_still_gets_the_friendly_message(monkeypatch, error):
    def broken(answer):
        raise error

    monkeypatch.setitem(CHECKS, "1.2", broken)
    result = evaluate("1.2", 12)
    assert (result.exercise, result.status) == ("1.2", "invalid")
    assert result.message == (f"this answer could not be checked ({type(error).__name__}). Check that it has "
                              "the form the exercise asks for.")


def _raises_invalid(call, message):
    with pytest.raises(Invalid) as raised:
        call()
    assert raised.value.status == "invalid" and message in raised.value.message


def test_the_readers_raise_invalid_and_return_what_they_read():
    steps = {"A": "first", "B": "second"}
    assert read_pair((2009, "1,827"), "m", as_int, as_int) == (2009, 1827)
    _raises_invalid(lambda: read_pair("2009", "give a pair."), "give a pair.")
    _raises_invalid(lambda: read_pair((2009, "x"), "give a pair.", as_int, as_int, "whole numbers"), "whole numbers")
    assert read_mapping(pd.Series({"a": 1}), "f") == {"a": 1}
    _raises_invalid(lambda: read_mapping([1], "give a dictionary."), "give a dictionary.")
    assert read_names(("  Kharvell ",), "district names", "[...]", "a district name") == ["Kharvell"]
    _raises_invalid(lambda: read_names("Kharvell", "district names", "[...]", "x"), "even if it has one name")
    _raises_invalid(lambda: read_names([1], "district names", "[...]", "a district name"),
                    "every item must be a district name written as text")
    assert match_names(["kharvell"], ["Kharvell"], "is not a district.") == ["Kharvell"]
    _raises_invalid(lambda: match_names(["Nowhere"], ["Kharvell"], "is not a district."),
                    "'Nowhere' is not a district.")
    assert letter_answers({"a": "(B)", "B": ""}, {"A": 0, "B": 0}, "ab", "item") == ({"A": "b"}, ["B"])
    _raises_invalid(lambda: letter_answers({"Z": "a"}, {"A": 0}, "ab", "item"), "there is no item Z")
    _raises_invalid(lambda: letter_answers({"A": "z"}, {"A": 0}, "ab", "item"), "is not one of the letters a to b")
    assert written_answer("text", "plan", "Phase 1") == "text"
    _raises_invalid(lambda: written_answer(3, "plan", "Phase 1"), 'write your plan as text')
    options = {"a": (True, "yes."), "b": (False, "no.")}
    assert check_choice("(a)", options).status == "correct" and check_choice("b", options).exercise == ""
    _raises_invalid(lambda: check_choice(1, options), "give one letter as text")
    _raises_invalid(lambda: check_choice("c", options), "choose one of the letters a or b")
    assert check_order(["A", "B"], steps, [("A", "B", "why")], "a step", "right.").status == "correct"
    _raises_invalid(lambda: check_order(["A"], steps, [("A", "B", "why")], "a step", "right."), "missing: B")
    _raises_invalid(lambda: check_order(["A", "Z"], steps, [], "a step", "right."), "Z is not a step")


# ---------------------------------------------------------------- what a graded notebook may show

@pytest.mark.parametrize("exercise", sorted(CHECKS))
@pytest.mark.parametrize("answer", ODD_INPUTS, ids=lambda a: type(a).__name__)
def test_check_form_never_gives_a_verdict(exercise, answer):
    """check_form is all a learner sees before submitting an nbgrader assignment: a form message, or
    one fixed reply whatever the answer; written tasks get their self-check, never "correct"."""
    form = check_form(exercise, answer)
    if exercise in RUBRIC_POINTS:
        assert form.status in {"incomplete", "complete", "invalid", "unanswered"}
    else:
        assert form.status in {"answered", "invalid", "unanswered"}
        assert form.status != "answered" or form.message == FORM_OK


@pytest.mark.parametrize("answer", [RIGHT["1.4"], {**RIGHT["1.4"], "D": "consent"}, {"A": "consent"}],
                         ids=["right", "wrong", "partial"])
def test_check_form_replies_the_same_to_right_wrong_and_partial_answers(answer):
    assert repr(check_form("1.4", answer)) == repr(check_form("1.4", RIGHT["1.4"])) == f"📨 Exercise 1.4: {FORM_OK}"
    assert check_form("1.4", answer)._repr_html_() == check_form("1.4", RIGHT["1.4"])._repr_html_()


def test_check_form_passes_form_problems_through():
    assert check_form("1.1", None).status == "unanswered"
    assert check_form("1.1", "2015").message == check("1.1", "2015").message


def test_written_tasks_are_the_rubric_graded_ones():
    assert RUBRIC_POINTS == {"6.5": 15, "7.5": 15, "11.5": 15, "13.6": 100}


def test_only_check_records_progress_and_complete_counts_as_done(tmp_path, monkeypatch):
    from conftest import model_answer

    store = tmp_path / "progress.json"
    monkeypatch.setenv("PEACEKEEPING_PROGRESS", str(store))
    check_form("1.1", RIGHT["1.1"])
    evaluate("1.1", RIGHT["1.1"])
    assert not store.exists(), "check_form and evaluate must not record anything"
    assert check("6.5", model_answer("6.5")).status == "complete"
    check("1.1", RIGHT["1.1"])
    data = progress_store.load(store)
    assert data["exercises"]["6.5"]["status"] == "complete"
    chapter6 = next(row for row in progress.summary(data) if row.chapter == "06")
    assert "6.5" not in chapter6.exercises_left


# ---------------------------------------------------------------- matching keys give no cue

def _matching_specs() -> dict:
    from peacekeeping_course.checks.kinds import read_specs

    return {exercise: spec for exercise, (spec, _) in read_specs().items() if spec["kind"] == "matching"}


def _matching_keys():
    return {exercise: {item: (entry["answer"], entry["why"]) for item, entry in spec["key"].items()}
            for exercise, spec in _matching_specs().items()}


def _solution_dict(exercise: str) -> dict:
    """The dictionary the exercise's solution cell assigns (in exercises/solutions)."""
    import ast

    import nbformat

    from peacekeeping_course.course import chapter as course_chapter

    path = course_chapter(int(exercise.split('.')[0])).source
    cell = next(c for c in nbformat.read(path, as_version=4).cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "answer-" + exercise.replace(".", "-"))
    return next(ast.literal_eval(node.value) for node in ast.walk(ast.parse(cell.source))
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict))


# Matching tasks answered with option letters (`options`, shared or each item's own) or with labels.
LETTER_MATCHING = sorted((ex for ex, spec in _matching_specs().items() if "labels" not in spec),
                         key=lambda ex: [int(p) for p in ex.split(".")])
LABEL_MATCHING = sorted((ex for ex, spec in _matching_specs().items() if "labels" in spec),
                        key=lambda ex: [int(p) for p in ex.split(".")])


@pytest.mark.parametrize("exercise", LETTER_MATCHING)
def test_matching_keys_are_not_the_letters_in_order(exercise):
    keys = {key: letter for key, (letter, _) in _matching_keys()[exercise].items()}
    assert all(letter != key.lower() for key, letter in keys.items()), keys
    shifts = {ord(letter) - ord(key.lower()) for key, letter in keys.items()}
    assert len(shifts) > 1, f"the keys of {exercise} are a simple shift: {keys}"
    assert list(keys.values()) != sorted(keys.values()), f"the keys of {exercise} are in alphabetical order"
    assert _solution_dict(exercise) == keys, "the solution notebook and the check disagree"
    assert check(exercise, keys).correct


@pytest.mark.parametrize("exercise", LABEL_MATCHING)
def test_label_matching_keys_agree_with_the_solution(exercise):
    keys = {key: label for key, (label, _) in _matching_keys()[exercise].items()}
    assert check(exercise, _solution_dict(exercise)).correct, "the solution notebook and the check disagree"
    assert check(exercise, keys).correct
