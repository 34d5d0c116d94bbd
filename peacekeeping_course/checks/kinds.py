"""Content checks as data: the answer keys and feedback of matching, select and ordering tasks (and
the form of written tasks, `written.py`). Each is written once, in the exercise's solutions notebook, in a
raw cell tagged `check-spec` below its check cell; `make student` (`release.py`) validates those cells and
copies them into `exercises/checks/NN-slug.yml`, one file per chapter, which this module reads, validates
and runs. Checks that compute their expected answer from the course data stay in the chapter modules
(`ch01.py` …).

A cell holds one spec (a file holds `checks:`, the list of a chapter's specs). Kinds:

- `matching`: every item (A, B, …) takes one answer: an option letter (a, b, …) or a label.
  `item` names an item in messages. The answers are given in one of three ways, and only one:
  `options` maps letter -> text, the same options for every item; or every item of `key` has its
  own `options` (letter -> text); or `labels` maps each label to a list of its other spellings
  (aliases; a label is read as text, without regard to case, hyphens, underscores or repeated
  spaces, and names the answer in messages). `key` maps item -> {answer: letter or label, why:
  text, and the item's own `options` if it has them}; optional `when_chosen` (answer -> note,
  whatever the item), `when_paired` (item -> {answer: note}) and `otherwise` (a note for any other
  wrong answer; `{letter}` is filled in); `correct` (the message for a full right answer;
  `correct_lists_why: true` appends every item's `why`) and `wrong` (one sentence per wrong item,
  with `{item}`, `{letter}` (the answer given), `{option}` (its text, the item's own if it has
  options of its own; with `labels`, the label), `{answer}` (the right answer), `{note}` (followed
  by a space), `{why}`, and `{reason}` (the note if there is one, else `why`)).
  Optional: `example`, the dictionary shown when the answer is not one (default `{"A": "<letter>",
  ...}`, with `labels` `{"A": "<label>", ...}`: a placeholder, never a real answer, which would be a
  cue), and `still_to_answer`, the sentence on unanswered
  items (`{missing}` is filled in; default `Still to answer: {missing}.`).
  An answer is any mapping. An item whose value is None or blank text is still to answer; wrong
  items are explained in the order of `key`. With letters the answer is read by `letter_answers`
  (an item with options of its own takes only its own letters). With `labels` every value must be
  text (or a whole number that is a spelling of a label, such as 2719); unknown items are listed in
  sorted order and values are read in the answer's order; an answer that is not a mapping is told
  the items and the labels.
- `select`: the learner lists the items (A, B, …) that belong, as a list, tuple or set of letters.
  `items` maps letter -> text; `include` lists the letters that belong; `why` maps every letter to
  the reason it belongs or not; `correct` is the message for the right selection, with `{reasons}`
  (each included item as "<letter>: <why>") and `{left_out}` (the letters rightly left out);
  optional `example`, the list shown when the answer is not one (default `["<letter>", "<letter>", ...]`).
  A wrong selection gets "N choice(s) to reconsider.", then "Leave out" and "Include", each
  followed by every item concerned as "<letter> (<text>). <why>", in the order of `items`.
- `ordering`: every step (A, B, …) once, in an order that keeps each rule.
  `noun` names a step in messages; `steps` maps letter -> text; `rules` is a list of
  {first, later, why}: `first` must come before `later`; `correct` is the message for an order that
  keeps every rule.
- `written`: see `written.py`.

A spec with a mistake stops `make student` (and, in a spec file, every import) with `CheckSpecError`,
naming the notebook cell or file, the exercise and the problem; a `{field}` in a message that the
message does not fill in is such a mistake.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable

import yaml

from ..paths import EXERCISE_DIR
from .written import written
from .base import (CheckSpecError, Feedback, Invalid, check_order, correct, excerpt, excerpts, incorrect,
                   letter_answers, register, spec_template, spec_text)

SPEC_DIR = EXERCISE_DIR / "checks"


def _letters(mapping: Any, where: str) -> dict[str, str]:
    if not isinstance(mapping, dict) or not mapping:
        raise CheckSpecError(f"{where} must map letters to text")
    return {str(k): spec_text(v, f"{where}.{k}") for k, v in mapping.items()}


def _norm_label(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def _labels(mapping: Any, where: str) -> tuple[dict[str, str], dict[str, str]]:
    """(label -> label, spelling -> label) from `labels`: each label maps to a list of other spellings."""
    if not isinstance(mapping, dict) or not mapping:
        raise CheckSpecError(f"{where} must map each label to a list of its other spellings")
    labels, spellings = {}, {}
    for label, aliases in mapping.items():
        label = spec_text(label, f"{where}: a label")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise CheckSpecError(f"{where}.{label} must be a list of other spellings (text), or []")
        labels[label] = label
        for spelling in [label, *aliases]:
            other = spellings.setdefault(_norm_label(spelling), label)
            if other != label:
                raise CheckSpecError(f"{where}: {spelling!r} is a spelling of both {other!r} and {label!r}")
    return labels, spellings


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _label_answers(answer: Mapping, key: dict, labels: dict, spellings: dict, noun: str):
    """Read a classification answer {item: label}: (labels by item, missing items); else raises `Invalid`."""
    given = {str(k).strip().upper(): v for k, v in answer.items()}
    unknown = [k for k in given if k not in key]
    if unknown:
        raise Invalid(f"there is no {noun} {excerpts(sorted(unknown))}; they are {min(key)} to {max(key)}.")
    chosen = {}
    for item, value in given.items():
        if _blank(value):
            continue
        if isinstance(value, int) and not isinstance(value, bool) and _norm_label(str(value)) in spellings:
            value = str(value)
        if not isinstance(value, str):
            raise Invalid(f"{noun} {item}: write the answer as text, one of {', '.join(labels)}.")
        label = spellings.get(_norm_label(value))
        if label is None:
            raise Invalid(f"{noun} {item}: {excerpt(value)} is not one of {', '.join(labels)}.")
        chosen[item] = label
    return {item: chosen[item] for item in key if item in chosen}, [item for item in key if item not in chosen]


def _item_letters(answer: Mapping, options: dict[str, dict[str, str]], noun: str):
    """Read an answer {item: letter} with `letter_answers` (a blank value is still to answer); an item
    with options of its own takes only its own letters."""
    letters = dict.fromkeys(letter for own in options.values() for letter in own)
    given = {k: (None if _blank(v) else v) for k, v in answer.items()}
    parsed = letter_answers(given, options, letters, noun)
    for item, letter in parsed[0].items():
        if letter not in options[item]:
            own = options[item]
            raise Invalid(f"{noun} {item}: {excerpt(letter)} is not one of the letters {min(own)} to {max(own)}.")
    return parsed


def _answers(spec: dict, where: str) -> tuple[dict[str, dict[str, str]], dict[str, str] | None]:
    """(item -> its answers (letter or label -> text), spelling -> label or None for letters)."""
    if not isinstance(spec.get("key"), dict) or not spec["key"]:
        raise CheckSpecError(f"{where}: key must map each item to its answer and why")
    own = [isinstance(entry, dict) and "options" in entry for entry in spec["key"].values()]
    if ("options" in spec) + ("labels" in spec) + any(own) != 1 or (any(own) and not all(own)):
        raise CheckSpecError(f"{where}: give either `options` (letters), `options` in every item of `key` "
                             "(letters, each item its own) or `labels`, and only one of them")
    if "labels" in spec:
        labels, spellings = _labels(spec.get("labels"), f"{where}: labels")
        return {str(item): labels for item in spec["key"]}, spellings
    if "options" in spec:
        options = _letters(spec.get("options"), f"{where}: options")
        return {str(item): options for item in spec["key"]}, None
    return {str(item): _letters(entry["options"], f"{where}: key.{item}.options")
            for item, entry in spec["key"].items()}, None


def matching(spec: dict, where: str) -> Callable[[Any], Feedback]:
    """The check of a matching task, from its spec (validated here)."""
    options, spellings = _answers(spec, where)
    every = dict.fromkeys(answer for own in options.values() for answer in own)
    kind_of = "option" if spellings is None else "label"
    key = {}
    for item, entry in spec["key"].items():
        item = str(item)
        if entry.get("answer") not in options[item]:
            raise CheckSpecError(f"{where}: key.{item}.answer must be one of the {kind_of}s {', '.join(options[item])}")
        key[item] = (entry["answer"], spec_text(entry.get("why"), f"{where}: key.{item}.why"))
    chosen = {str(k): spec_text(v, f"{where}: when_chosen.{k}") for k, v in (spec.get("when_chosen") or {}).items()}
    paired = {(str(i), str(l)): spec_text(v, f"{where}: when_paired.{i}.{l}")
              for i, notes in (spec.get("when_paired") or {}).items() for l, v in notes.items()}
    for letter in [*chosen, *(l for _, l in paired)]:
        if letter not in every:
            raise CheckSpecError(f"{where}: a note names {kind_of} {letter!r}, which is not one of {', '.join(every)}")
    for item, letter in paired:
        if item not in key or key[item][0] == letter or letter not in options[item]:
            raise CheckSpecError(f"{where}: when_paired.{item}.{letter} is not a wrong answer of an item")
    otherwise = spec.get("otherwise") and spec_template(spec["otherwise"], f"{where}: otherwise", {"letter"})
    noun, success = spec_text(spec.get("item"), f"{where}: item"), spec_text(spec.get("correct"), f"{where}: correct")
    wrong_template = spec_template(spec.get("wrong"), f"{where}: wrong",
                               {"item", "letter", "option", "answer", "note", "why", "reason"})
    first = next(iter(key))
    # a placeholder, not a real answer: an example that gave (or avoided) an answer would be a cue
    placeholder = "<letter>" if spellings is None else "<label>"
    example = spec_text(spec.get("example", f'{{"{first}": "{placeholder}", ...}}'), f"{where}: example")
    if spellings is None:
        not_a_mapping = f"give a dictionary, for example {example}."
    else:
        not_a_mapping = (f"give a dictionary from each {noun} ({min(key)} to {max(key)}) to its answer, one of: "
                         f"{', '.join(every)}. For example {example}.")
    still = spec_template(spec.get("still_to_answer", "Still to answer: {missing}."), f"{where}: still_to_answer",
                      {"missing"})
    if spec.get("correct_lists_why"):
        success = f"{success} " + " ".join(f"{item}: {why}" for item, (_, why) in key.items())

    def check(answer: Any) -> Feedback:
        if not isinstance(answer, Mapping):
            raise Invalid(not_a_mapping)
        if spellings is None:
            parsed = _item_letters(answer, options, noun)
        else:
            parsed = _label_answers(answer, key, every, spellings, noun)
        labels, missing = parsed
        wrong = [item for item, letter in labels.items() if letter != key[item][0]]
        if not wrong and not missing:
            return correct(success)
        parts = []
        for item in wrong:
            letter = labels[item]
            note = paired.get((item, letter)) or chosen.get(letter) or (otherwise or "").format(letter=letter)
            parts.append(wrong_template.format(item=item, letter=letter, option=options[item][letter],
                                               answer=key[item][0], note=f"{note} " if note else "",
                                               why=key[item][1], reason=note or key[item][1]))
        if missing:
            parts.append(still.format(missing=", ".join(missing)))
        right = len(key) - len(wrong) - len(missing)
        return incorrect(f"{right} of {len(key)} right. " + " ".join(parts))

    return check


def select(spec: dict, where: str) -> Callable[[Any], Feedback]:
    """The check of a task that selects the items that belong, from its spec (validated here)."""
    items = _letters(spec.get("items"), f"{where}: items")
    include = spec.get("include")
    if not (isinstance(include, list) and include and all(i in items for i in include)
            and len(set(include)) == len(include)):
        raise CheckSpecError(f"{where}: include must list the items that belong, each once, among {', '.join(items)}")
    include = set(include)
    why = spec.get("why")
    if not isinstance(why, dict) or {str(k) for k in why} != set(items):
        raise CheckSpecError(f"{where}: why must give the reason for every item, {', '.join(items)}")
    why = {str(k): spec_text(v, f"{where}: why.{k}") for k, v in why.items()}
    success = spec_template(spec.get("correct"), f"{where}: correct", {"reasons", "left_out"}).format(
        reasons=" ".join(f"{k}: {why[k]}" for k in items if k in include),
        left_out=", ".join(k for k in items if k not in include))
    example = spec_text(spec.get("example", '["<letter>", "<letter>", ...]'), f"{where}: example")

    def explain(letters: list[str]) -> str:
        return " ".join(f"{k} ({items[k]}). {why[k]}" for k in letters)

    def check(answer: Any) -> Feedback:
        if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, (list, tuple, set, frozenset)):
            raise Invalid(f"give a list of letters, for example {example}.")
        if not all(isinstance(item, str) for item in answer):
            raise Invalid("every item must be a letter written as text, for example \"A\".")
        letters = [item.strip().upper() for item in answer]
        unknown = sorted({item for item in letters if item not in items})
        if unknown:
            raise Invalid(f"{excerpts(unknown)} {'is' if len(unknown) == 1 else 'are'} not on the list; use "
                          f"the letters {', '.join(sorted(items))}.")
        repeated = sorted({item for item in letters if letters.count(item) > 1})
        if repeated:
            raise Invalid(f"{excerpts(repeated)} appears more than once; use each letter once.")
        wrongly_in = [k for k in items if k in letters and k not in include]
        left_out = [k for k in items if k in include and k not in letters]
        if not wrongly_in and not left_out:
            return correct(success)
        parts = [f"{lead} {explain(group)}" for lead, group in (("Leave out", wrongly_in), ("Include", left_out))
                 if group]
        count = len(wrongly_in) + len(left_out)
        return incorrect(f"{count} choice{'' if count == 1 else 's'} to reconsider. " + " ".join(parts))

    return check


def ordering(spec: dict, where: str) -> Callable[[Any], Feedback]:
    """The check of an ordering task, from its spec (validated here)."""
    steps = _letters(spec.get("steps"), f"{where}: steps")
    rules = []
    for n, rule in enumerate(spec.get("rules") or [], start=1):
        if not (isinstance(rule, dict) and rule.get("first") in steps and rule.get("later") in steps):
            raise CheckSpecError(f"{where}: rule {n} must give `first` and `later`, two of the steps, and `why`")
        rules.append((rule["first"], rule["later"], spec_text(rule.get("why"), f"{where}: rule {n}: why")))
    if not rules:
        raise CheckSpecError(f"{where}: an ordering task needs rules")
    noun, success = spec_text(spec.get("noun"), f"{where}: noun"), spec_text(spec.get("correct"), f"{where}: correct")
    example = ", ".join(f'"{s}"' for s in steps)

    def check(answer: Any) -> Feedback:
        if isinstance(answer, (set, frozenset)):
            raise Invalid(f"a set has no order. Give a list, for example [{example}].")
        return check_order(answer, steps, rules, noun, success)

    return check


KINDS = {"matching": matching, "select": select, "ordering": ordering, "written": written}


def spec_exercise(spec: Any, where: str, chapter: int) -> str:
    """The exercise id of one spec of chapter `chapter`, after checking its id and kind; `where` says
    where the spec is written (a `CheckSpecError` names it)."""
    ex = spec.get("exercise") if isinstance(spec, dict) else None
    if not isinstance(ex, str) or not ex.replace(".", "").isdigit():
        raise CheckSpecError(f"{where}: `exercise` must be an id such as \"9.4\" (in quotes)")
    if int(ex.split(".")[0]) != chapter:
        raise CheckSpecError(f"{where}: the exercise belongs to another chapter")
    if spec.get("kind") not in KINDS:
        raise CheckSpecError(f"{where}: `kind` must be one of {', '.join(KINDS)}")
    return ex


def read_specs(folder: Path = SPEC_DIR) -> dict[str, tuple[dict, str]]:
    """Exercise id -> (its spec, where it is written), for every spec file in `folder`."""
    specs = {}
    for path in sorted(folder.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as err:
            raise CheckSpecError(f"{path.name}: not valid YAML ({err})") from None
        if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
            raise CheckSpecError(f"{path.name}: the file must hold `checks:`, a list of check specs")
        chapter = int(path.name[:2]) if path.name[:2].isdigit() else -1
        for n, spec in enumerate(data["checks"]):
            ex = spec.get("exercise") if isinstance(spec, dict) else None
            where = f"{path.name}, exercise {ex}" if ex else f"{path.name}, check {n + 1}"
            ex = spec_exercise(spec, where, chapter)
            if ex in specs:
                raise CheckSpecError(f"{where}: exercise {ex} has two specs")
            specs[ex] = (spec, where)
    return specs


def load_specs(folder: Path = SPEC_DIR) -> dict[str, Callable[[Any], Feedback]]:
    """Exercise id -> its check, for every spec in `folder` (validated on load)."""
    return {ex: KINDS[spec["kind"]](spec, where) for ex, (spec, where) in read_specs(folder).items()}


def register_specs(folder: Path = SPEC_DIR) -> None:
    specs = read_specs(folder)
    for exercise, check in load_specs(folder).items():
        register(exercise, rubric_points=specs[exercise][0].get("rubric_points"))(check)
