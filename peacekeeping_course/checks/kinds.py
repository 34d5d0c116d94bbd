"""Content checks as data: the answer keys and feedback of matching and ordering tasks live in
`exercises/checks/NN-slug.yml`, one file per chapter beside its exercise notebooks, and this module
reads, validates and runs them. Checks that compute their expected answer from the course data stay
in the chapter modules (`ch01.py` …).

A file holds `checks:`, a list of specs. Kinds:

- `matching`: every item (A, B, …) takes one option letter (a, b, …).
  `item` names an item in messages; `options` maps letter -> text; `key` maps item ->
  {answer: letter, why: text}; optional `when_chosen` (letter -> note, whatever the item),
  `when_paired` (item -> {letter: note}) and `otherwise` (a note for any other wrong letter; `{letter}`
  is filled in); `correct` (the message for a full right answer; `correct_lists_why: true` appends
  every item's `why`) and `wrong` (one sentence per wrong item, with `{item}`, `{letter}`, `{note}`
  and `{why}`; a note is followed by a space).
- `ordering`: every step (A, B, …) once, in an order that keeps each rule.
  `noun` names a step in messages; `steps` maps letter -> text; `rules` is a list of
  {first, later, why}: `first` must come before `later`; `correct` is the message for an order that
  keeps every rule.

A file with a mistake stops with `CheckSpecError`, naming the file, the exercise and the problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import yaml

from ..paths import EXERCISE_DIR
from .base import Feedback, check_order, correct, incorrect, invalid, letter_answers, register

SPEC_DIR = EXERCISE_DIR / "checks"


class CheckSpecError(ValueError):
    """A check spec file is malformed; the message names the file, the exercise and the problem."""


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CheckSpecError(f"{where} must be non-empty text")
    return value


def _letters(mapping: Any, where: str) -> dict[str, str]:
    if not isinstance(mapping, dict) or not mapping:
        raise CheckSpecError(f"{where} must map letters to text")
    return {str(k): _text(v, f"{where}.{k}") for k, v in mapping.items()}


def matching(spec: dict, where: str) -> Callable[[Any], Feedback]:
    """The check of a matching task, from its spec (validated here)."""
    ex = spec["exercise"]
    options = _letters(spec.get("options"), f"{where}: options")
    if not isinstance(spec.get("key"), dict) or not spec["key"]:
        raise CheckSpecError(f"{where}: key must map each item to its answer and why")
    key = {}
    for item, entry in spec["key"].items():
        if not isinstance(entry, dict) or entry.get("answer") not in options:
            raise CheckSpecError(f"{where}: key.{item}.answer must be one of the options {', '.join(options)}")
        key[str(item)] = (entry["answer"], _text(entry.get("why"), f"{where}: key.{item}.why"))
    chosen = {str(k): _text(v, f"{where}: when_chosen.{k}") for k, v in (spec.get("when_chosen") or {}).items()}
    paired = {(str(i), str(l)): _text(v, f"{where}: when_paired.{i}.{l}")
              for i, notes in (spec.get("when_paired") or {}).items() for l, v in notes.items()}
    for letter in [*chosen, *(l for _, l in paired)]:
        if letter not in options:
            raise CheckSpecError(f"{where}: a note names option {letter!r}, which is not one of {', '.join(options)}")
    for item, letter in paired:
        if item not in key or key[item][0] == letter:
            raise CheckSpecError(f"{where}: when_paired.{item}.{letter} is not a wrong answer of an item")
    otherwise = spec.get("otherwise")
    noun, success = _text(spec.get("item"), f"{where}: item"), _text(spec.get("correct"), f"{where}: correct")
    wrong_template = _text(spec.get("wrong"), f"{where}: wrong")
    if spec.get("correct_lists_why"):
        success = f"{success} " + " ".join(f"{item}: {why}" for item, (_, why) in key.items())

    def check(answer: Any) -> Feedback:
        parsed = letter_answers(ex, answer, key, options, noun)
        if isinstance(parsed, Feedback):
            return parsed
        labels, missing = parsed
        wrong = [item for item, letter in labels.items() if letter != key[item][0]]
        if not wrong and not missing:
            return correct(ex, success)
        parts = []
        for item in wrong:
            letter = labels[item]
            note = paired.get((item, letter)) or chosen.get(letter) or (otherwise or "").format(letter=letter)
            parts.append(wrong_template.format(item=item, letter=letter, note=f"{note} " if note else "",
                                               why=key[item][1]))
        if missing:
            parts.append(f"Still to answer: {', '.join(missing)}.")
        right = len(key) - len(wrong) - len(missing)
        return incorrect(ex, f"{right} of {len(key)} right. " + " ".join(parts))

    return check


def ordering(spec: dict, where: str) -> Callable[[Any], Feedback]:
    """The check of an ordering task, from its spec (validated here)."""
    ex = spec["exercise"]
    steps = _letters(spec.get("steps"), f"{where}: steps")
    rules = []
    for n, rule in enumerate(spec.get("rules") or [], start=1):
        if not (isinstance(rule, dict) and rule.get("first") in steps and rule.get("later") in steps):
            raise CheckSpecError(f"{where}: rule {n} must give `first` and `later`, two of the steps, and `why`")
        rules.append((rule["first"], rule["later"], _text(rule.get("why"), f"{where}: rule {n}: why")))
    if not rules:
        raise CheckSpecError(f"{where}: an ordering task needs rules")
    noun, success = _text(spec.get("noun"), f"{where}: noun"), _text(spec.get("correct"), f"{where}: correct")
    example = ", ".join(f'"{s}"' for s in steps)

    def check(answer: Any) -> Feedback:
        if isinstance(answer, (set, frozenset)):
            return invalid(ex, f"a set has no order. Give a list, for example [{example}].")
        return check_order(ex, answer, steps, rules, noun, success)

    return check


KINDS = {"matching": matching, "ordering": ordering}


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
        for n, spec in enumerate(data["checks"]):
            ex = spec.get("exercise") if isinstance(spec, dict) else None
            where = f"{path.name}, exercise {ex}" if ex else f"{path.name}, check {n + 1}"
            if not isinstance(ex, str) or not ex.replace(".", "").isdigit():
                raise CheckSpecError(f"{where}: `exercise` must be an id such as \"9.4\" (in quotes)")
            if not path.name.startswith(f"{int(ex.split('.')[0]):02d}-"):
                raise CheckSpecError(f"{where}: the exercise belongs to another chapter's file")
            if spec.get("kind") not in KINDS:
                raise CheckSpecError(f"{where}: `kind` must be one of {', '.join(KINDS)}")
            if ex in specs:
                raise CheckSpecError(f"{where}: exercise {ex} has two specs")
            specs[ex] = (spec, where)
    return specs


def load_specs(folder: Path = SPEC_DIR) -> dict[str, Callable[[Any], Feedback]]:
    """Exercise id -> its check, for every spec in `folder` (validated on load)."""
    return {ex: KINDS[spec["kind"]](spec, where) for ex, (spec, where) in read_specs(folder).items()}


def register_specs(folder: Path = SPEC_DIR) -> None:
    for exercise, check in load_specs(folder).items():
        register(exercise)(check)
