"""Content checks as data: the answer keys and feedback of matching and ordering tasks live in
`exercises/checks/NN-slug.yml`, one file per chapter beside its exercise notebooks, and this module
reads, validates and runs them. Checks that compute their expected answer from the course data stay
in the chapter modules (`ch01.py` …).

A file holds `checks:`, a list of specs. Kinds:

- `matching`: every item (A, B, …) takes one answer: an option letter (a, b, …) or a label.
  `item` names an item in messages; either `options` maps letter -> text, or `labels` maps each label
  to a list of its other spellings (aliases; a label is read as text, without regard to case,
  underscores or repeated spaces, and names the answer in messages). `key` maps item ->
  {answer: letter or label, why: text}; optional `when_chosen` (answer -> note, whatever the item),
  `when_paired` (item -> {answer: note}) and `otherwise` (a note for any other wrong answer; `{letter}`
  is filled in); `correct` (the message for a full right answer; `correct_lists_why: true` appends
  every item's `why`) and `wrong` (one sentence per wrong item, with `{item}`, `{letter}` (the answer
  given), `{option}` (its text; with `labels`, the label), `{answer}` (the right answer), `{note}`
  (followed by a space), `{why}`, and `{reason}` (the note if there is one, else `why`)).
  Optional: `example`, the dictionary shown when the answer is not one (default `{"A": "a", ...}`,
  with `labels` `{"A": "<first label>", ...}`), and `still_to_answer`, the sentence on unanswered
  items (`{missing}` is filled in; default `Still to answer: {missing}.`).
  An answer is any mapping. With `options` it is read by `letter_answers`; with `labels` every value
  must be text, unknown items are listed in sorted order and values are read in the answer's order.
- `ordering`: every step (A, B, …) once, in an order that keeps each rule.
  `noun` names a step in messages; `steps` maps letter -> text; `rules` is a list of
  {first, later, why}: `first` must come before `later`; `correct` is the message for an order that
  keeps every rule.

A file with a mistake stops with `CheckSpecError`, naming the file, the exercise and the problem; a
`{field}` in a message that the message does not fill in is such a mistake.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable

import yaml

from ..paths import EXERCISE_DIR
from .written import written
from .base import CheckSpecError, Feedback, check_order, correct, excerpt, excerpts, incorrect, invalid, letter_answers, register

SPEC_DIR = EXERCISE_DIR / "checks"


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CheckSpecError(f"{where} must be non-empty text")
    return value


def _letters(mapping: Any, where: str) -> dict[str, str]:
    if not isinstance(mapping, dict) or not mapping:
        raise CheckSpecError(f"{where} must map letters to text")
    return {str(k): _text(v, f"{where}.{k}") for k, v in mapping.items()}


def _template(value: Any, where: str, fields: set[str]) -> str:
    """Message text whose `{…}` fields are all among `fields` (checked here, not when a learner answers)."""
    text = _text(value, where)
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as err:
        raise CheckSpecError(f"{where}: {err}") from None
    if used - fields:
        raise CheckSpecError(f"{where}: unknown {{{', '.join(sorted(used - fields))}}}; use {', '.join(sorted(fields))}")
    return text


def _norm_label(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split())


def _labels(mapping: Any, where: str) -> tuple[dict[str, str], dict[str, str]]:
    """(label -> label, spelling -> label) from `labels`: each label maps to a list of other spellings."""
    if not isinstance(mapping, dict) or not mapping:
        raise CheckSpecError(f"{where} must map each label to a list of its other spellings")
    labels, spellings = {}, {}
    for label, aliases in mapping.items():
        label = _text(label, f"{where}: a label")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise CheckSpecError(f"{where}.{label} must be a list of other spellings (text), or []")
        labels[label] = label
        for spelling in [label, *aliases]:
            other = spellings.setdefault(_norm_label(spelling), label)
            if other != label:
                raise CheckSpecError(f"{where}: {spelling!r} is a spelling of both {other!r} and {label!r}")
    return labels, spellings


def _label_answers(ex: str, answer: Mapping, key: dict, labels: dict, spellings: dict, noun: str):
    """Read a classification answer {item: label}: (labels by item, missing items) or `invalid` Feedback."""
    given = {str(k).strip().upper(): v for k, v in answer.items()}
    unknown = [k for k in given if k not in key]
    if unknown:
        return invalid(ex, f"there is no {noun} {excerpts(sorted(unknown))}; they are {min(key)} to {max(key)}.")
    chosen = {}
    for item, value in given.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str):
            return invalid(ex, f"{item}: write the answer as text, one of {', '.join(labels)}.")
        label = spellings.get(_norm_label(value))
        if label is None:
            return invalid(ex, f"{item}: {excerpt(value)} is not one of {', '.join(labels)}.")
        chosen[item] = label
    return {item: chosen[item] for item in key if item in chosen}, [item for item in key if item not in chosen]


def matching(spec: dict, where: str) -> Callable[[Any], Feedback]:
    """The check of a matching task, from its spec (validated here)."""
    ex = spec["exercise"]
    if ("options" in spec) == ("labels" in spec):
        raise CheckSpecError(f"{where}: give either `options` (letters) or `labels`, not both")
    if "options" in spec:
        options, spellings = _letters(spec.get("options"), f"{where}: options"), None
    else:
        options, spellings = _labels(spec.get("labels"), f"{where}: labels")
    kind_of = "option" if spellings is None else "label"
    if not isinstance(spec.get("key"), dict) or not spec["key"]:
        raise CheckSpecError(f"{where}: key must map each item to its answer and why")
    key = {}
    for item, entry in spec["key"].items():
        if not isinstance(entry, dict) or entry.get("answer") not in options:
            raise CheckSpecError(f"{where}: key.{item}.answer must be one of the {kind_of}s {', '.join(options)}")
        key[str(item)] = (entry["answer"], _text(entry.get("why"), f"{where}: key.{item}.why"))
    chosen = {str(k): _text(v, f"{where}: when_chosen.{k}") for k, v in (spec.get("when_chosen") or {}).items()}
    paired = {(str(i), str(l)): _text(v, f"{where}: when_paired.{i}.{l}")
              for i, notes in (spec.get("when_paired") or {}).items() for l, v in notes.items()}
    for letter in [*chosen, *(l for _, l in paired)]:
        if letter not in options:
            raise CheckSpecError(f"{where}: a note names {kind_of} {letter!r}, which is not one of {', '.join(options)}")
    for item, letter in paired:
        if item not in key or key[item][0] == letter:
            raise CheckSpecError(f"{where}: when_paired.{item}.{letter} is not a wrong answer of an item")
    otherwise = spec.get("otherwise") and _template(spec["otherwise"], f"{where}: otherwise", {"letter"})
    noun, success = _text(spec.get("item"), f"{where}: item"), _text(spec.get("correct"), f"{where}: correct")
    wrong_template = _template(spec.get("wrong"), f"{where}: wrong",
                               {"item", "letter", "option", "answer", "note", "why", "reason"})
    first = next(iter(key))
    example = _text(spec.get("example", f'{{"{first}": "{"a" if spellings is None else next(iter(options))}", ...}}'),
                    f"{where}: example")
    still = _template(spec.get("still_to_answer", "Still to answer: {missing}."), f"{where}: still_to_answer",
                      {"missing"})
    if spec.get("correct_lists_why"):
        success = f"{success} " + " ".join(f"{item}: {why}" for item, (_, why) in key.items())

    def check(answer: Any) -> Feedback:
        if not isinstance(answer, Mapping):
            return invalid(ex, f"give a dictionary, for example {example}.")
        if spellings is None:
            parsed = letter_answers(ex, dict(answer), key, options, noun)
        else:
            parsed = _label_answers(ex, answer, key, options, spellings, noun)
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
            parts.append(wrong_template.format(item=item, letter=letter, option=options[letter], answer=key[item][0],
                                               note=f"{note} " if note else "", why=key[item][1],
                                               reason=note or key[item][1]))
        if missing:
            parts.append(still.format(missing=", ".join(missing)))
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


KINDS = {"matching": matching, "ordering": ordering, "written": written}


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
    specs = read_specs(folder)
    for exercise, check in load_specs(folder).items():
        register(exercise, rubric_points=specs[exercise][0].get("rubric_points"))(check)
