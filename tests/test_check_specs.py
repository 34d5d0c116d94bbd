"""Content checks written as data (exercises/checks/*.yml): every spec loads and is registered, and a
malformed spec stops with a message naming the file, the exercise and the problem."""

from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from peacekeeping_course import course
from peacekeeping_course.checks import CHECKS, Invalid, evaluate
from peacekeeping_course.checks.kinds import SPEC_DIR, CheckSpecError, load_specs, read_specs

GOOD_MATCHING = {"exercise": "9.9", "kind": "matching", "item": "claim",
                 "options": {"a": "first reason", "b": "second reason"},
                 "key": {"A": {"answer": "b", "why": "because of the second."},
                         "B": {"answer": "a", "why": "because of the first."}},
                 "when_chosen": {"a": "(a) is not true here."},
                 "correct": "both right.", "wrong": "{item} is not ({letter}): {note}In fact {why}"}


def invalid_message(check, answer) -> str:
    """The message of the `Invalid` a spec's check raises for an answer it cannot read (`check()` turns it
    into "invalid" feedback with the exercise id)."""
    with pytest.raises(Invalid) as raised:
        check(answer)
    assert raised.value.status == "invalid"
    return raised.value.message


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
    ({"exercise": "3.1"}, "belongs to another chapter"),
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
    assert invalid_message(check, {"B": 3}) == "scenario B: write the answer as text, one of sofa, safety convention."
    assert invalid_message(check, {"B": "icc"}) == "scenario B: 'icc' is not one of sofa, safety convention."
    assert invalid_message(check, {"Q": "sofa", "C": "sofa"}) == "there is no scenario C, Q; they are A to B."
    assert invalid_message(check, ["sofa"]) == (
        'give a dictionary from each scenario (A to B) to its answer, one of: sofa, safety convention. '
        'For example {"A": "sofa", ...}.')
    assert check({"A": "safety-convention", "B": "Status of Forces agreement"}).status == "correct"


def test_option_text_and_defaults_of_a_letters_spec(tmp_path):
    spec = {**GOOD_MATCHING, "wrong": "{item} is not ({letter}), which means {option}; the answer is ({answer}). {why}"}
    check = load_specs(write(tmp_path, "09-x.yml", [spec]))["9.9"]
    assert check({"A": "a"}).message == ("0 of 2 right. A is not (a), which means first reason; the answer is (b). "
                                         "because of the second. Still to answer: B.")
    assert invalid_message(check, "a") == 'give a dictionary, for example {"A": "<letter>", ...}.'
    from types import MappingProxyType
    assert check(MappingProxyType({"A": "b", "B": "a"})).status == "correct"


@pytest.mark.parametrize("change, problem", [
    ({"options": {"a": "x"}}, "give either `options` (letters), `options` in every item of `key` (letters, each "
                              "item its own) or `labels`, and only one of them"),
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


@pytest.mark.parametrize("exercise", sorted(ex for ex, (spec, _) in read_specs().items() if spec["kind"] != "written"))
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

    assert named("A-Z") == set(spec.get("key") or spec.get("items") or spec["steps"])
    letters = set(spec.get("options") or {}) | {letter for entry in (spec.get("key") or {}).values()
                                                 for letter in entry.get("options", {})}
    if letters:
        assert named("a-z") == letters


# ---------------------------------------------------------------- matching: options of each item's own

GOOD_OWN_OPTIONS = {"exercise": "9.9", "kind": "matching", "item": "question",
                    "key": {"A": {"options": {"a": "first", "b": "second"}, "answer": "b", "why": "A's reason."},
                            "B": {"options": {"a": "third", "b": "fourth", "c": "fifth"}, "answer": "a",
                                  "why": "B's reason."}},
                    "correct": "both right.", "wrong": '{item} is not ({letter}) "{option}": {why}'}


def test_each_item_may_have_options_of_its_own(tmp_path):
    check = load_specs(write(tmp_path, "09-x.yml", [GOOD_OWN_OPTIONS]))["9.9"]
    assert check({"a": "(B)", "B": " a "}).status == "correct"
    assert check({"A": "a", "B": "c"}).message == ('0 of 2 right. A is not (a) "first": A\'s reason. '
                                                   'B is not (c) "fifth": B\'s reason.')
    assert invalid_message(check, {"A": "c", "B": "a"}) == "question A: 'c' is not one of the letters a to b."
    assert check({"A": "b", "B": " "}).message == "1 of 2 right. Still to answer: B."
    assert invalid_message(check, {"A": "b", "B": 3}) == "question B: 3 is not one of the letters a to c."


@pytest.mark.parametrize("change, problem", [
    ({"options": {"a": "x", "b": "y"}}, "give either `options` (letters), `options` in every item of `key`"),
    ({"key": {"A": {"options": {"a": "x"}, "answer": "a", "why": "w"}, "B": {"answer": "a", "why": "w"}}},
     "give either `options` (letters), `options` in every item of `key`"),
    ({"key": {"A": {"options": {"a": "x"}, "answer": "b", "why": "w"}}}, "key.A.answer must be one of the options a"),
    ({"key": {"A": {"options": {"a": ""}, "answer": "a", "why": "w"}}}, "key.A.options.a must be non-empty text"),
    ({"when_paired": {"A": {"c": "x"}}}, "when_paired.A.c is not a wrong answer of an item"),
])
def test_a_malformed_spec_with_options_of_each_item_names_the_problem(tmp_path, change, problem):
    with pytest.raises(CheckSpecError) as err:
        load_specs(write(tmp_path, "09-x.yml", [{**GOOD_OWN_OPTIONS, **change}]))
    assert str(err.value).startswith("09-x.yml, exercise 9.9") and problem in str(err.value)


# ---------------------------------------------------------------- written: the form of a written task (written.py)

GOOD_WRITTEN = {
    "exercise": "9.9", "kind": "written", "rubric_points": 10, "what": "note", "example": "Kestria shows",
    "words": {"min": 12, "max": 40, "too_short": "{words} words is too short ({min} to {max}).",
              "too_long": "{words} words is too long ({min} to {max})."},
    "parts": [{"all": ["Kestria", "Orlan"], "problem": "name both countries"},
              {"name": "themes", "groups": {"consent": ["consent"], "funding": ["fund", "budget"],
                                            "oversight": ["oversight"]},
               "at_least": 2, "missing_shown": 1, "problem": "{count} of {total} themes ({found}); add {missing}"},
              {"name": "figures", "pattern": r"\b\d+\b", "at_least": 2, "problem": "only {count} figure(s)"},
              {"any": ["however", "although"], "problem": "say what is uncertain"}],
    "incomplete": "Not yet ({words} words): {problems}.",
    "complete": "{words} words with {themes.count} themes ({themes.found}) and {figures.count} figures.",
    "advice": [{"any": ["synthetic", "fictional"], "note": "Say that the data are fictional."}]}
WRITTEN_ANSWER = ("Kestria (fictional) and Orlan agreed on consent in 2031. The budget was 12 million. However, "
                  "oversight lagged. It is fine.")


def test_a_written_spec_checks_length_parts_and_sentences(tmp_path):
    check = load_specs(write(tmp_path, "09-x.yml", [GOOD_WRITTEN]))["9.9"]
    done = check(WRITTEN_ANSWER)
    assert (done.status, done.message) == ("complete",
                                           "20 words with 3 themes (consent, funding, oversight) and 2 figures.")
    assert check(WRITTEN_ANSWER.upper()).status == "complete"  # keywords are found without regard to case
    assert invalid_message(check, 3) == (
        'write your note as text between triple quotes, for example """Kestria shows ...""".')
    assert (check("Kestria.").status, check("Kestria.").message) == ("incomplete", "1 words is too short (12 to 40).")
    assert check("word " * 41).message == "41 words is too long (12 to 40)."
    missing = check("Kestria agreed on consent in 2031 and 2031 again, then waited for a long time. It is fine. "
                    "Then more.")
    assert (missing.status, missing.message) == ("incomplete", "Not yet (20 words): name both countries; 1 of 3 themes "
                                                 "(consent); add funding; only 1 figure(s); say what is uncertain.")
    assert "0 of 3 themes (none); add consent" in check(WRITTEN_ANSWER.replace("consent", "peace").replace(
        "budget", "cost").replace("oversight", "control")).message


def test_a_written_spec_asks_for_sentences_unless_told_not_to(tmp_path):
    no_stops = WRITTEN_ANSWER.replace(".", ";")
    check = load_specs(write(tmp_path, "09-x.yml", [GOOD_WRITTEN]))["9.9"]
    assert check(no_stops).message == ("Not yet (20 words): it has 0 full sentences for 20 words; write it as an "
                                       "argument in full sentences (at least 3), not as a list of words or notes.")
    check = load_specs(write(tmp_path, "09-x.yml", [{**GOOD_WRITTEN, "sentences": False}]))["9.9"]
    assert check(no_stops).status == "complete"


def test_a_written_specs_advice_follows_a_complete_answer_only(tmp_path):
    check = load_specs(write(tmp_path, "09-x.yml", [GOOD_WRITTEN]))["9.9"]
    assert check(WRITTEN_ANSWER.replace(" (fictional)", "")).message == (
        "19 words with 3 themes (consent, funding, oversight) and 2 figures. Say that the data are fictional.")
    assert "fictional" not in check(WRITTEN_ANSWER.replace(" (fictional)", "").replace("Orlan", "Mirel")).message


def _written_part(**fields):
    return {"parts": [{"problem": "p", **fields}], "complete": "{words} words."}


@pytest.mark.parametrize("change, problem", [
    ({"rubric_points": None}, "rubric_points must be a whole number at least 1"),
    ({"rubric_points": 0}, "rubric_points must be a whole number at least 1"),
    ({"what": ""}, "what must be non-empty text"),
    ({"example": None}, "example must be non-empty text"),
    ({"problme": "x"}, "unknown field problme; use advice, complete"),
    ({"words": {"min": 12, "max": 40, "too_short": "x"}}, "words.too_long must be non-empty text"),
    ({"words": {**GOOD_WRITTEN["words"], "min": 50}}, "words.max must be a whole number at least 50"),
    ({"words": {**GOOD_WRITTEN["words"], "min": "12"}}, "words.min must be a whole number at least 1"),
    ({"words": {**GOOD_WRITTEN["words"], "too_short": "{count} words"}},
     "words.too_short: unknown {count}; use max, min, words"),
    ({"words": {**GOOD_WRITTEN["words"], "limit": 3}}, "words: unknown field limit"),
    ({"words": None}, "words must be a mapping of max, min, too_long, too_short"),
    ({"parts": []}, "parts must list the parts the task asks for"),
    (_written_part(), "part 1 must give one of any, all, groups, pattern"),
    (_written_part(any=["a"], all=["b"]), "part 1 must give one of any, all, groups, pattern"),
    (_written_part(any=[]), "part 1: any must be a list of keywords (text)"),
    (_written_part(all="however"), "part 1: all must be a list of keywords (text)"),
    (_written_part(any=["a"], problme="p"), "part 1: unknown field problme"),
    (_written_part(any=["a"], problem="{count} found"), "part 1: problem: unknown {count}"),
    (_written_part(any=["a"], problem=""), "part 1: problem must be non-empty text"),
    (_written_part(any=["a"], name="a"), "part 1: only a groups or pattern part has a name"),
    (_written_part(all=["a"], at_least=2), "part 1: only a groups or pattern part has at_least"),
    (_written_part(pattern="a", missing_shown=2), "part 1: only a groups part has missing_shown"),
    (_written_part(pattern="("), "part 1: pattern is not a regular expression"),
    (_written_part(pattern=r"\d", at_least=0), "part 1: at_least must be a whole number at least 1"),
    (_written_part(pattern=r"\d", problem="{found}"), "part 1: problem: unknown {found}; use count"),
    (_written_part(groups={}), "part 1: groups must map each name to a list of keywords"),
    (_written_part(groups={"a": ["x"], "b": "y"}), "part 1: groups.b must be a list of keywords"),
    (_written_part(groups={"a": ["x"], "b": ["y"]}, at_least=3), "part 1: at_least must be a whole number from 1 to 2"),
    (_written_part(groups={"a": ["x"]}, missing_shown=0), "part 1: missing_shown must be a whole number at least 1"),
    (_written_part(groups={"a": ["x"]}, name="two words"), "part 1: name must be one word"),
    ({"parts": [{"pattern": "a", "name": "n", "problem": "p"}, {"pattern": "b", "name": "n", "problem": "p"}]},
     "two parts have the same name"),
    ({"sentences": "yes"}, "sentences must be true or false"),
    ({"incomplete": "{problem}"}, "incomplete: unknown {problem}; use problems, words"),
    ({"complete": "{themes}"}, "complete: unknown {themes}; use figures.count, themes.count"),
    ({"complete": "{themes.count} and {figures.found}"}, "complete: unknown {figures.found}"),
    ({"advice": {"any": ["x"], "note": "n"}}, "advice must be a list of {any, note}"),
    ({"advice": [{"any": ["x"]}]}, "advice 1: note must be non-empty text"),
    ({"advice": [{"any": "x", "note": "n"}]}, "advice 1: any must be a list of keywords"),
    ({"advice": [{"any": ["x"], "note": "n", "when": "complete"}]}, "advice 1: unknown field when"),
])
def test_a_malformed_written_spec_names_the_problem(tmp_path, change, problem):
    with pytest.raises(CheckSpecError) as err:
        load_specs(write(tmp_path, "09-x.yml", [{**GOOD_WRITTEN, **change}]))
    assert str(err.value).startswith("09-x.yml, exercise 9.9") and problem in str(err.value), str(err.value)


def test_the_written_specs_are_graded_with_their_rubric_and_never_correct():
    from peacekeeping_course.checks import RUBRIC_POINTS

    written = {ex: spec for ex, (spec, _) in read_specs().items() if spec["kind"] == "written"}
    assert written and all(RUBRIC_POINTS[ex] == spec["rubric_points"] for ex, spec in written.items())


# ---------------------------------------------------------------- select: the items that belong

GOOD_SELECT = {"exercise": "9.9", "kind": "select", "items": {"A": "one", "B": "two", "C": "three"},
               "include": ["A", "C"], "why": {"A": "A's reason.", "B": "B's reason.", "C": "C's reason."},
               "correct": "right. {reasons} You left out {left_out}."}


def test_a_select_spec_explains_each_choice(tmp_path):
    check = load_specs(write(tmp_path, "09-x.yml", [GOOD_SELECT]))["9.9"]
    assert check((" c", "a")).message == "right. A: A's reason. C: C's reason. You left out B."
    assert check({"A", "C"}).status == "correct"
    assert check(["A", "B"]).message == ("2 choices to reconsider. Leave out B (two). B's reason. "
                                         "Include C (three). C's reason.")
    assert check(["A", "B", "C"]).message == "1 choice to reconsider. Leave out B (two). B's reason."
    assert invalid_message(check, "AC") == 'give a list of letters, for example ["<letter>", "<letter>", ...].'
    assert invalid_message(check, ["A", 3]) == 'every item must be a letter written as text, for example "A".'
    assert invalid_message(check, ["A", "Z"]) == "Z is not on the list; use the letters A, B, C."
    assert invalid_message(check, ["A", "a"]) == "A appears more than once; use each letter once."


@pytest.mark.parametrize("change, problem", [
    ({"include": ["A", "D"]}, "include must list the items that belong, each once, among A, B, C"),
    ({"include": ["A", "A"]}, "include must list the items that belong, each once"),
    ({"why": {"A": "x", "B": "y"}}, "why must give the reason for every item, A, B, C"),
    ({"why": {"A": "x", "B": "y", "C": ""}}, "why.C must be non-empty text"),
    ({"correct": "right: {reason}"}, "correct: unknown {reason}; use left_out, reasons"),
    ({"items": {}}, "items must map letters to text"),
])
def test_a_malformed_select_spec_names_the_problem(tmp_path, change, problem):
    with pytest.raises(CheckSpecError) as err:
        load_specs(write(tmp_path, "09-x.yml", [{**GOOD_SELECT, **change}]))
    assert str(err.value).startswith("09-x.yml, exercise 9.9") and problem in str(err.value)


# ---------------------------------------------------------------- the specs are written in the solutions notebooks

def spec_cell(text: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_raw_cell(text, metadata={"tags": ["check-spec", "remove-cell"]})
    cell.id = "spec"
    return cell


def notebook_with(*cells) -> nbformat.NotebookNode:
    answer = nbformat.v4.new_code_cell("answer_9_9 = None", metadata={"nbgrader": {"solution": True,
                                                                                  "grade_id": "answer-9-9"}})
    return nbformat.v4.new_notebook(cells=[answer, nbformat.v4.new_code_cell('check("9.9", answer_9_9)'),
                                           *cells])


def test_the_spec_files_are_what_the_notebooks_spec_cells_give():
    from peacekeeping_course.release import generate_check_specs

    assert generate_check_specs(check_only=True) == [], "check specs are stale: run `make student`"


def test_every_spec_is_written_in_its_chapters_solutions_notebook():
    from peacekeeping_course.release import notebook_specs

    in_notebooks = {}
    for chapter in course.chapters():
        in_notebooks.update(notebook_specs(nbformat.read(chapter.source, as_version=4), chapter.slug, chapter.number))
    assert in_notebooks == {ex: spec for ex, (spec, _) in read_specs().items()}


def test_a_spec_cell_becomes_an_item_of_the_file_and_reaches_no_learner():
    from peacekeeping_course.release import source_assignment, spec_file, student_version

    text = "# a note for authors\n" + yaml.safe_dump(GOOD_MATCHING, sort_keys=False)
    nb = notebook_with(spec_cell(text))
    written = spec_file(nb, "09-x", 9)
    assert written.startswith("# Made by `make student`") and "a note for authors" not in written
    assert yaml.safe_load(written) == {"checks": [GOOD_MATCHING]}
    assert not [c for c in student_version(nb).cells if c.cell_type == "raw"]
    assert spec_file(notebook_with(), "09-x", 9) is None


@pytest.mark.parametrize("cell, problem", [
    (spec_cell("exercise: '9.9'\nkind: [unclosed"), "check-spec cell 1: not valid YAML"),
    (spec_cell("- exercise: '9.9'"), "check-spec cell 1: the cell must hold one check spec"),
    (spec_cell(yaml.safe_dump({**GOOD_MATCHING, "exercise": "9.8"})),
     "the check-spec cell of exercise 9.8: the notebook has no answer cell for exercise 9.8"),
    (spec_cell(yaml.safe_dump({**GOOD_MATCHING, "exercise": "3.9"})), "belongs to another chapter"),
    (spec_cell(yaml.safe_dump({**GOOD_MATCHING, "key": {"A": {"answer": "z", "why": "w"}}})),
     "the check-spec cell of exercise 9.9"),
    (nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["check-spec"]}), "must be a raw cell"),
])
def test_a_mistake_in_a_spec_cell_names_the_notebook_and_the_cell(cell, problem):
    from peacekeeping_course.release import notebook_specs

    with pytest.raises(CheckSpecError) as err:
        notebook_specs(notebook_with(cell), "09-x", 9)
    assert str(err.value).startswith("exercises/solutions/09-x.ipynb, ") and problem in str(err.value)


def test_make_student_reports_a_spec_mistake_without_a_traceback(monkeypatch, capsys):
    from peacekeeping_course import release

    def broken(check_only=False):
        raise CheckSpecError("exercises/solutions/09-x.ipynb, check-spec cell 1: not valid YAML")
    monkeypatch.setitem(release.GENERATORS, "checks", broken)
    assert release.main(["--check"]) == 2
    assert capsys.readouterr().err == ("A check spec has a mistake: exercises/solutions/09-x.ipynb, check-spec "
                                       "cell 1: not valid YAML\n")


def test_no_released_notebook_carries_a_spec_cell():
    from peacekeeping_course.paths import EXERCISE_DIR, NBGRADER_DIR

    released = sorted(EXERCISE_DIR.glob("*.ipynb")) + sorted((NBGRADER_DIR / "source").glob("*/*.ipynb"))
    assert len(released) >= 2 * len(course.chapters())
    for path in released:
        nb = nbformat.read(path, as_version=4)
        assert not [c for c in nb.cells if "check-spec" in c.metadata.get("tags", []) or c.cell_type == "raw"
                    or "\nkind: " in c.source], path.name


# ---------------------------------------------------------------- the spec's wording follows the task's

def task_markdown(nb: nbformat.NotebookNode, exercise: str) -> str:
    """The Markdown of an exercise: from its heading to its check cell."""
    cells, inside = [], False
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.match(rf"## Exercise {re.escape(exercise)} ", cell.source):
            inside = True
        elif inside and cell.cell_type == "code" and cell.source.strip().startswith("check("):
            break
        if inside and cell.cell_type == "markdown":
            cells.append(cell.source)
    return "\n\n".join(cells)


def lettered(text: str, upper: bool) -> dict[str, str]:
    """Letter -> its entry in a task's text ("- **A.** ..." or "**A.** ..."), up to the next entry."""
    pattern = r"(?m)^(?:\s*[-*]\s+)?\*\*([A-Z])\.\*\*" if upper else r"(?m)^\s*[-*]\s+\*\*([a-z])\.\*\*"
    marks = list(re.finditer(pattern, text))
    return {m.group(1): text[m.end():marks[n + 1].start() if n + 1 < len(marks) else len(text)]
            for n, m in enumerate(marks)}


def words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}


def spec_texts(spec: dict) -> list[tuple[str, str, str]]:
    """(item letter or "", letter, the spec's text) for each option, step or item the spec words."""
    texts = [("", letter, text) for field in ("options", "steps", "items")
             for letter, text in (spec.get(field) or {}).items()]
    return texts + [(item, letter, text) for item, entry in (spec.get("key") or {}).items()
                    if isinstance(entry, dict) for letter, text in (entry.get("options") or {}).items()]


@pytest.mark.parametrize("chapter", course.chapters(), ids=lambda c: c.slug)
def test_a_specs_wording_says_what_the_task_says(chapter):
    """A spec names each option, step or item in a few words of its own (messages quote them); those words
    must come from the task the learner reads, so that a change to one is not missed in the other."""
    from peacekeeping_course.release import notebook_specs

    nb = nbformat.read(chapter.source, as_version=4)
    for exercise, spec in notebook_specs(nb, chapter.slug, chapter.number).items():
        task = task_markdown(nb, exercise)
        for item, letter, text in spec_texts(spec):
            block = lettered(task, upper=True).get(item, "") if item else task
            entry = lettered(block, upper=letter.isupper()).get(letter)
            assert entry, f"{exercise}: the task has no {item}{letter} for the spec's {text!r}"
            shared = words(text) & words(entry)
            assert len(shared) >= 0.6 * len(words(text)), (
                f"{exercise} {item}{letter}: the spec says {text!r}, the task {' '.join(entry.split())!r}")
