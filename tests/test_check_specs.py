"""Content checks written as data (exercises/checks/*.yml): every spec loads and is registered, and a
malformed spec stops with a message naming the file, the exercise and the problem."""

from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from peacekeeping_course import course
from peacekeeping_course.checks import CHECKS, evaluate
from peacekeeping_course.checks.kinds import SPEC_DIR, CheckSpecError, load_specs, read_specs

GOOD_MATCHING = {"exercise": "9.9", "kind": "matching", "item": "claim",
                 "options": {"a": "first reason", "b": "second reason"},
                 "key": {"A": {"answer": "b", "why": "because of the second."},
                         "B": {"answer": "a", "why": "because of the first."}},
                 "when_chosen": {"a": "(a) is not true here."},
                 "correct": "both right.", "wrong": "{item} is not ({letter}): {note}In fact {why}"}


def write(tmp_path, name, checks):
    (tmp_path / name).write_text(yaml.safe_dump({"checks": checks}, sort_keys=False), encoding="utf-8")
    return tmp_path


def test_every_spec_file_loads_and_its_checks_are_registered():
    specs = read_specs()
    assert specs and {p.name[:3] for p in SPEC_DIR.glob("*.yml")}
    for exercise, (spec, _) in specs.items():
        assert CHECKS[exercise].__qualname__.startswith(spec["kind"]), exercise


def test_a_spec_runs_like_a_hand_written_check(tmp_path):
    check = load_specs(write(tmp_path, "09-x.yml", [GOOD_MATCHING]))["9.9"]
    assert check({"A": "b", "B": "a"}).status == "correct"
    wrong = check({"A": "a", "B": "a"})
    assert wrong.status == "incorrect"
    assert wrong.message == "1 of 2 right. A is not (a): (a) is not true here. In fact because of the second."


@pytest.mark.parametrize("change, problem", [
    ({"kind": "guess"}, "`kind` must be one of"),
    ({"exercise": 9.9}, "`exercise` must be an id"),
    ({"exercise": "3.1"}, "belongs to another chapter's file"),
    ({"key": {"A": {"answer": "z", "why": "x"}}}, "key.A.answer must be one of the options a, b"),
    ({"key": {"A": {"answer": "a"}}}, "key.A.why must be non-empty text"),
    ({"when_chosen": {"q": "note"}}, "names option 'q'"),
    ({"correct": ""}, "correct must be non-empty text"),
])
def test_a_malformed_spec_names_file_exercise_and_problem(tmp_path, change, problem):
    with pytest.raises(CheckSpecError) as err:
        load_specs(write(tmp_path, "09-x.yml", [{**GOOD_MATCHING, **change}]))
    assert str(err.value).startswith("09-x.yml") and problem in str(err.value)


def test_an_ordering_spec_needs_rules_between_its_steps(tmp_path):
    spec = {"exercise": "9.9", "kind": "ordering", "noun": "a step", "steps": {"A": "one", "B": "two"},
            "rules": [{"first": "A", "later": "C", "why": "x"}], "correct": "fine."}
    with pytest.raises(CheckSpecError, match=r"09-x.yml, exercise 9.9: rule 1 must give `first` and `later`"):
        load_specs(write(tmp_path, "09-x.yml", [spec]))


def test_two_specs_for_one_exercise_are_refused(tmp_path):
    with pytest.raises(CheckSpecError, match="has two specs"):
        load_specs(write(tmp_path, "09-x.yml", [GOOD_MATCHING, GOOD_MATCHING]))


def test_a_set_is_not_an_order():
    assert "a set has no order" in evaluate("3.5", {"A", "B"}).message


GOOD_LABELS = {"exercise": "9.9", "kind": "matching", "item": "scenario",
               "labels": {"sofa": ["status of forces agreement"], "safety convention": ["1994 convention"]},
               "key": {"A": {"answer": "safety convention", "why": "states must prosecute attackers."},
                       "B": {"answer": "sofa", "why": "the contributing country has jurisdiction."}},
               "when_paired": {"B": {"safety convention": "an assault is not an attack on the mission."}},
               "correct": "both right.", "wrong": "{item} is not {letter} but {answer}: {reason}",
               "still_to_answer": "Still to answer: {missing}", "example": '{"A": "sofa", ...}'}


def test_a_labels_spec_reads_aliases_and_explains_with_the_note_or_why(tmp_path):
    check = load_specs(write(tmp_path, "09-x.yml", [GOOD_LABELS]))["9.9"]
    assert check({"a": "1994_Convention", "B": "  Status of  forces agreement "}).status == "correct"
    assert check({"A": "sofa", "B": "safety convention"}).message == (
        "0 of 2 right. A is not sofa but safety convention: states must prosecute attackers. "
        "B is not safety convention but sofa: an assault is not an attack on the mission.")
    assert check({"A": "sofa"}).message == ("0 of 2 right. A is not sofa but safety convention: states must "
                                           "prosecute attackers. Still to answer: B")
    assert check({"B": 3}).message == "B: write the answer as text, one of sofa, safety convention."
    assert check({"B": "icc"}).message == "B: 'icc' is not one of sofa, safety convention."
    assert check({"Q": "sofa", "C": "sofa"}).message == "there is no scenario C, Q; they are A to B."
    assert check(["sofa"]).message == 'give a dictionary, for example {"A": "sofa", ...}.'


def test_option_text_and_defaults_of_a_letters_spec(tmp_path):
    spec = {**GOOD_MATCHING, "wrong": "{item} is not ({letter}), which means {option}; the answer is ({answer}). {why}"}
    check = load_specs(write(tmp_path, "09-x.yml", [spec]))["9.9"]
    assert check({"A": "a"}).message == ("0 of 2 right. A is not (a), which means first reason; the answer is (b). "
                                         "because of the second. Still to answer: B.")
    assert check("a").message == 'give a dictionary, for example {"A": "a", ...}.'
    from types import MappingProxyType
    assert check(MappingProxyType({"A": "b", "B": "a"})).status == "correct"


@pytest.mark.parametrize("change, problem", [
    ({"options": {"a": "x"}}, "give either `options` (letters) or `labels`, not both"),
    ({"labels": {"sofa": "status of forces agreement"}}, "labels.sofa must be a list of other spellings"),
    ({"labels": {"sofa": ["SOFA agreement"], "safety convention": ["sofa_agreement"]}},
     "'sofa_agreement' is a spelling of both 'sofa' and 'safety convention'"),
    ({"key": {"A": {"answer": "icc", "why": "x"}}}, "key.A.answer must be one of the labels sofa, safety convention"),
    ({"when_paired": {"B": {"icc": "x"}}}, "names label 'icc'"),
    ({"still_to_answer": ""}, "still_to_answer must be non-empty text"),
    ({"wrong": "{item} is not {label}"}, "wrong: unknown {label}; use answer, item, letter"),
    ({"still_to_answer": "Missing: {missing"}, "still_to_answer: "),
])
def test_a_malformed_labels_spec_names_the_problem(tmp_path, change, problem):
    with pytest.raises(CheckSpecError) as err:
        load_specs(write(tmp_path, "09-x.yml", [{**GOOD_LABELS, **change}]))
    assert str(err.value).startswith("09-x.yml, exercise 9.9") and problem in str(err.value)


@pytest.mark.parametrize("exercise", sorted(read_specs()))
def test_the_exercise_notebook_lists_the_items_and_options_of_its_spec(exercise):
    """The task's wording is in the notebook and its key in the spec: they must name the same items
    (A, B, …) and option letters (a, b, …), so that neither can drift from the other."""
    spec = read_specs()[exercise][0]
    cells = nbformat.read(course.chapter(int(exercise.split(".")[0])).source, as_version=4).cells
    answer = next(i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("grade_id")
                  == course.grade_id(exercise))
    text = "\n".join(c.source for c in cells[max(0, answer - 3):answer] if c.cell_type == "markdown")

    def named(letters: str) -> set[str]:
        return (set(re.findall(rf"^\s*[-*]?\s*\*\*\(?([{letters}])[.)]\)?\*\*", text, re.M))
                | set(re.findall(rf"^\|\s*\(?([{letters}])\)?\s*\|", text, re.M)))

    assert named("A-Z") == set(spec.get("key") or spec["steps"])
    if spec.get("options"):
        assert named("a-z") == set(spec["options"])
