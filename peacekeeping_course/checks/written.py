"""The `written` kind of check spec: the form of a written task graded by a person with a rubric. Its
check confirms the length and the parts the task asks for and answers `complete` or `incomplete`,
never `correct`; the argument itself is graded with the rubric.

A `written` spec (written like the matching and ordering specs of `kinds.py`, in a check-spec cell of
the solutions notebook) gives:

- `rubric_points`: the rubric's maximum score (a whole number, at least 1).
- `what` and `example`: an answer that is not text gets "write your {what} as text between triple
  quotes, for example \"\"\"{example} ...\"\"\"."
- `words`: the length window, `min` and `max` words (words are counted by splitting on white space),
  with `too_short` and `too_long`, the whole message for an answer outside it (`{words}`, `{min}`,
  `{max}` are filled in). An answer outside the window gets only that message.
- `parts`: the parts the task asks for, in the order their problems are listed. Each part gives one
  test and `problem`, the text listed when the part is missing:
  - `any`: a list of keywords, one of which must appear;
  - `all`: a list of keywords that must all appear;
  - `groups`: a mapping name -> keywords, and `at_least` (default: all of them): that many groups
    must have a keyword in the answer. Its `problem` may use `{count}` (groups found), `{total}`,
    `{found}` and `{missing}` (their names in the spec's order, joined by ", ", or "none");
    `missing_shown: N` lists at most the first N missing groups.
  - `pattern`: a regular expression, and `at_least` (default 1): the answer must hold that many
    different matches (for example `\\b\\d[\\d,.]*\\b` for figures). Its `problem` may use `{count}`.
  A keyword is found if it is part of the answer, without regard to case ("fund" finds "funding");
  a pattern is searched in the answer as written (use `(?i)` to ignore case). A `groups` or
  `pattern` part may have a `name`, to use its fields in `complete`: `{name.count}`, and for
  `groups` also `{name.found}`, `{name.missing}`, `{name.total}`.
- `sentences`: whether the answer must be written in sentences (optional, default true): at least
  one sentence per 40 words, and three (`base.sentence_problem`). Its problem comes after the parts'.
- `incomplete`: the message when something is missing; `{problems}` (the problems, joined by "; ")
  and `{words}` are filled in.
- `complete`: the message when every part is there; `{words}` and the named parts' fields are filled
  in.
- `advice` (optional): a list of {`any`: keywords, `note`}: an answer that is complete but has none of
  the keywords gets the note after the `complete` message (for example what the top band also asks).

A mistake in the spec stops with `CheckSpecError`, naming the file, the exercise and the problem; so
does a field this kind does not know, and a `{field}` that a message cannot fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Callable

from .base import (CheckSpecError, Feedback, complete, incomplete, sentence_problem, spec_template, spec_text,
                   written_answer)

SPEC_FIELDS = {"exercise", "kind", "rubric_points", "what", "example", "words", "parts", "sentences",
               "incomplete", "complete", "advice"}
PART_TESTS = ("any", "all", "groups", "pattern")
PART_FIELDS = {"groups": {"count", "total", "found", "missing"}, "pattern": {"count"}, "any": set(), "all": set()}


def _known(mapping: Any, allowed: set[str], where: str) -> dict:
    if not isinstance(mapping, dict):
        raise CheckSpecError(f"{where} must be a mapping of {', '.join(sorted(allowed))}")
    unknown = sorted(str(k) for k in mapping if k not in allowed)
    if unknown:
        raise CheckSpecError(f"{where}: unknown field {', '.join(unknown)}; use {', '.join(sorted(allowed))}")
    return mapping


def _count(value: Any, where: str, least: int = 1, most: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least or (most is not None and value > most):
        bounds = f"from {least} to {most}" if most is not None else f"at least {least}"
        raise CheckSpecError(f"{where} must be a whole number {bounds}")
    return value


def _keywords(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(k, str) and k.strip() for k in value):
        raise CheckSpecError(f"{where} must be a list of keywords (text)")
    return tuple(k.casefold() for k in value)


@dataclass(frozen=True)
class _Part:
    test: str  # any | all | groups | pattern
    problem: str
    name: str | None = None
    keywords: tuple[str, ...] = ()
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pattern: re.Pattern | None = None
    at_least: int = 1
    missing_shown: int | None = None

    def fields(self, answer: str, text: str) -> tuple[bool, SimpleNamespace]:
        """Whether the answer has this part, and the fields its messages can use."""
        if self.test == "any":
            return any(k in text for k in self.keywords), SimpleNamespace()
        if self.test == "all":
            return all(k in text for k in self.keywords), SimpleNamespace()
        if self.test == "pattern":
            count = len(set(self.pattern.findall(answer)))
            return count >= self.at_least, SimpleNamespace(count=count)
        found = [name for name, keys in self.groups.items() if any(k in text for k in keys)]
        missing = [name for name in self.groups if name not in found][:self.missing_shown]
        return len(found) >= self.at_least, SimpleNamespace(
            count=len(found), total=len(self.groups), found=", ".join(found) or "none",
            missing=", ".join(missing) or "none")


def _part(spec: Any, where: str) -> _Part:
    spec = _known(spec, {*PART_TESTS, "problem", "name", "at_least", "missing_shown"}, where)
    tests = [t for t in PART_TESTS if t in spec]
    if len(tests) != 1:
        raise CheckSpecError(f"{where} must give one of {', '.join(PART_TESTS)}")
    test = tests[0]
    if "name" in spec and test not in ("groups", "pattern"):
        raise CheckSpecError(f"{where}: only a groups or pattern part has a name")
    if "at_least" in spec and test not in ("groups", "pattern"):
        raise CheckSpecError(f"{where}: only a groups or pattern part has at_least")
    if "missing_shown" in spec and test != "groups":
        raise CheckSpecError(f"{where}: only a groups part has missing_shown")
    name = spec.get("name")
    if name is not None and not (isinstance(name, str) and name.isidentifier()):
        raise CheckSpecError(f"{where}: name must be one word (letters, digits and _), such as factors")
    problem = spec_template(spec.get("problem"), f"{where}: problem", PART_FIELDS[test])
    if test in ("any", "all"):
        return _Part(test, problem, keywords=_keywords(spec[test], f"{where}: {test}"))
    if test == "pattern":
        source = spec_text(spec["pattern"], f"{where}: pattern")
        try:
            pattern = re.compile(source)
        except re.error as err:
            raise CheckSpecError(f"{where}: pattern is not a regular expression ({err})") from None
        return _Part(test, problem, name, pattern=pattern,
                     at_least=_count(spec.get("at_least", 1), f"{where}: at_least"))
    groups = spec["groups"]
    if not isinstance(groups, dict) or not groups:
        raise CheckSpecError(f"{where}: groups must map each name to a list of keywords")
    groups = {spec_text(g, f"{where}: a group's name"): _keywords(keys, f"{where}: groups.{g}")
              for g, keys in groups.items()}
    shown = spec.get("missing_shown")
    return _Part(test, problem, name, groups=groups,
                 at_least=_count(spec.get("at_least", len(groups)), f"{where}: at_least", 1, len(groups)),
                 missing_shown=None if shown is None else _count(shown, f"{where}: missing_shown"))


def written(spec: dict, where: str) -> Callable[[Any], Feedback]:
    """The check of a written task, from its spec (validated here)."""
    _known(spec, SPEC_FIELDS, where)
    _count(spec.get("rubric_points"), f"{where}: rubric_points")
    what, example = spec_text(spec.get("what"), f"{where}: what"), spec_text(spec.get("example"), f"{where}: example")
    window = _known(spec.get("words"), {"min", "max", "too_short", "too_long"}, f"{where}: words")
    low = _count(window.get("min"), f"{where}: words.min")
    high = _count(window.get("max"), f"{where}: words.max", low)
    too_short, too_long = (spec_template(window.get(k), f"{where}: words.{k}", {"words", "min", "max"})
                           for k in ("too_short", "too_long"))
    if not isinstance(spec.get("parts"), list) or not spec["parts"]:
        raise CheckSpecError(f"{where}: parts must list the parts the task asks for")
    parts = [_part(p, f"{where}: part {n}") for n, p in enumerate(spec["parts"], start=1)]
    names = [p.name for p in parts if p.name]
    if len(set(names)) < len(names):
        raise CheckSpecError(f"{where}: two parts have the same name")
    sentences = spec.get("sentences", True)
    if not isinstance(sentences, bool):
        raise CheckSpecError(f"{where}: sentences must be true or false")
    not_yet = spec_template(spec.get("incomplete"), f"{where}: incomplete", {"words", "problems"})
    success = spec_template(spec.get("complete"), f"{where}: complete",
                            {"words"} | {f"{p.name}.{f}" for p in parts if p.name for f in PART_FIELDS[p.test]})
    if not isinstance(spec.get("advice", []), list):
        raise CheckSpecError(f"{where}: advice must be a list of {{any, note}}")
    advice = [(_keywords(_known(a, {"any", "note"}, f"{where}: advice {n}").get("any"), f"{where}: advice {n}: any"),
               spec_text(a.get("note"), f"{where}: advice {n}: note"))
              for n, a in enumerate(spec.get("advice", []), start=1)]

    def check(answer: Any) -> Feedback:
        answer = written_answer(answer, what, example)
        text = answer.casefold()
        words = len(answer.split())
        if not low <= words <= high:
            return incomplete((too_short if words < low else too_long).format(words=words, min=low, max=high))
        problems, named = [], {}
        for part in parts:
            has_it, fields = part.fields(answer, text)
            if part.name:
                named[part.name] = fields
            if not has_it:
                problems.append(part.problem.format_map(vars(fields)))
        not_sentences = sentences and sentence_problem(answer, words)
        if not_sentences:
            problems.append(not_sentences)
        if problems:
            return incomplete(not_yet.format(words=words, problems="; ".join(problems)))
        notes = [note for keys, note in advice if not any(k in text for k in keys)]
        return complete(" ".join([success.format_map({"words": words, **named}), *notes]))

    return check
