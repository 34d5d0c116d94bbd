"""Exercise checks: `check("1.2", answer)` says what is right and, for common mistakes, what is wrong.

A check never raises for a learner's answer: a wrong type, None, an empty value or an
unexpected structure gets a friendly message instead of a traceback.

Inside a check, an answer that cannot be read is not returned but raised: the readers (`read_pair`,
`read_numbers`, `read_names`, `match_names`, `letter_answers`, `written_answer`, `check_choice`,
`check_order`, ...) and the chapter modules' own readers raise `Invalid("…")` with the learner-facing
message, and `evaluate` turns it into `invalid` feedback. A check names no exercise id: it returns
`correct(message)`, `incorrect(message)`, `complete(message)` or `incomplete(message)`, and `evaluate`
stamps the exercise id on the feedback. Any other exception in a check still gives the friendly
"could not be checked" message (or `unchecked`, below).

Three ways to run a check:

- `check(exercise, answer)`: the self-study check, with the full feedback; it records the result in
  the learner's progress file.
- `evaluate(exercise, answer)`: the same feedback, recorded nowhere (the hidden nbgrader tests).
- `check_form(exercise, answer)`: what a learner may see before submitting an nbgrader assignment.
  It says only whether the answer is there and has the form the exercise asks for, never whether it
  is right, and records nothing.

Written tasks (registered with `rubric_points`) are graded by a person with a rubric. Their check
only confirms the length and the parts the task asks for: it says "complete" or "incomplete", never
"correct".

A check that cannot run because a course file is missing or damaged (a `DataError` from
`datasets.load`, or a missing course file) answers with status `unchecked`: the message names the
file, says what is wrong with it and how to restore it, and says that this is not a problem with the
answer. An `unchecked` result is not recorded as an attempt.

Feedback that quotes a learner's answer quotes it with `excerpt` (or `excerpts` for several items), so
that a huge answer (a 1 MB string, a list of 10,000 items) never comes back as huge feedback.
"""

from __future__ import annotations

import html
import math
import re
import reprlib
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from .. import datasets
from ..numeric import read_number
from ..paths import REPO_ROOT
from ..store import record_exercise


class CheckSpecError(ValueError):
    """A check spec file is malformed; the message names the file, the exercise and the problem."""


CHECKS: dict[str, Callable[[Any], "Feedback"]] = {}
# Written tasks graded by a person with a rubric: exercise -> the rubric's maximum score.
RUBRIC_POINTS: dict[str, int] = {}

_ICONS = {"correct": "✅", "incorrect": "❌", "unanswered": "✏️", "invalid": "⚠️",
          "complete": "📝", "incomplete": "✏️", "answered": "📨", "unchecked": "🛠️"}
_COLOURS = {"correct": "#1b6e3a", "incorrect": "#a8321f", "unanswered": "#595959", "invalid": "#8a5a00",
            "complete": "#1f4e79", "incomplete": "#595959", "answered": "#1f4e79", "unchecked": "#595959"}

# check_form's only message for an answer that has the right form, whether it is right or wrong.
FORM_OK = ("answered, in the form the exercise asks for. This does not say whether the answer is right: "
           "that is graded after you submit.")


@dataclass(frozen=True)
class Feedback:
    exercise: str
    # correct | incorrect: the verdict of an autograded exercise
    # complete | incomplete: a written task has (or lacks) the length and parts asked for; never a verdict
    # unanswered | invalid: nothing yet, or not in the form asked for
    # answered: check_form's neutral reply (the form is right; nothing said about correctness)
    # unchecked: the check could not run because a course file is missing or damaged (not recorded)
    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"{_ICONS[self.status]} Exercise {self.exercise}: {self.message}"

    def _repr_html_(self) -> str:
        return (f'<div class="pk-check pk-check-{self.status}" style="border-left:4px solid '
                f'{_COLOURS[self.status]};padding:0.3rem 0.7rem"><strong>{_ICONS[self.status]} '
                f"Exercise {html.escape(self.exercise)}:</strong> {html.escape(self.message)}</div>")


class Invalid(Exception):
    """Raised by a reader (or a check) when an answer cannot be read: `message` is the learner-facing
    text. `evaluate` turns it into feedback with `status` (`invalid` unless told) and the exercise id,
    so a check neither tests what a reader returns nor types its exercise id."""

    def __init__(self, message: str, status: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.status = status


def _feedback(status: str, parts: tuple[str, ...]) -> Feedback:
    """Feedback from `(message,)`, inside a registered check (`evaluate` stamps the exercise id), or from
    `(exercise, message)`."""
    if len(parts) == 1:
        return Feedback("", status, parts[0])
    exercise, message = parts
    return Feedback(exercise, status, message)


def correct(*parts: str) -> Feedback:
    """`correct(message)` in a registered check, or `correct(exercise, message)`."""
    return _feedback("correct", parts)


def incorrect(*parts: str) -> Feedback:
    """`incorrect(message)` in a registered check, or `incorrect(exercise, message)`."""
    return _feedback("incorrect", parts)


def invalid(*parts: str) -> Feedback:
    """`invalid(exercise, message)`. Inside a check, raise `Invalid(message)` instead."""
    return _feedback("invalid", parts)


def complete(*parts: str) -> Feedback:
    """A written task has the length and the parts asked for (the argument is graded with the rubric)."""
    return _feedback("complete", parts)


def incomplete(*parts: str) -> Feedback:
    """A written task is too short or too long, or lacks a part the task asks for."""
    return _feedback("incomplete", parts)


def is_unanswered(answer: Any) -> bool:
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, str) and not answer.strip():
        return True
    if isinstance(answer, (list, tuple, set, dict)) and len(answer) == 0:
        return True
    return False


def register(exercise: str, rubric_points: int | None = None):
    """Decorator: register the check for an exercise id such as '1.2'. A written task graded by a
    person gives `rubric_points`, the maximum score of its rubric; its check must answer
    `complete` or `incomplete`, never `correct`."""
    def wrap(func: Callable[[Any], Feedback]):
        if exercise in CHECKS:
            raise ValueError(f"a check for exercise {exercise} is already registered")
        CHECKS[exercise] = func
        if rubric_points is not None:
            RUBRIC_POINTS[exercise] = int(rubric_points)
        return func
    return wrap


def evaluate(exercise: str, answer: Any) -> Feedback:
    """The full feedback on an answer, recorded nowhere (used by `check` and the hidden nbgrader tests)."""
    exercise = str(exercise).strip()
    if exercise not in CHECKS:
        known = ", ".join(sorted(CHECKS, key=lambda k: [int(p) for p in k.split(".")]))
        return Feedback(exercise, "invalid",
                        f"there is no exercise {excerpt(exercise)}. Exercises with checks: {known}.")
    if is_unanswered(answer):
        return Feedback(exercise, "unanswered", "not answered yet. Write your answer in the cell above, "
                                                "then run this cell again.")
    try:
        feedback = CHECKS[exercise](answer)
    except Invalid as err:  # a reader could not read the answer; its message says why
        feedback = Feedback(exercise, err.status, err.message)
    except Exception as err:  # a check must never show a learner a traceback
        feedback = course_fault(exercise, err) or Feedback(
            exercise, "invalid", f"this answer could not be checked ({type(err).__name__}). Check that it has "
                                 "the form the exercise asks for.")
    status = feedback.status
    if exercise in RUBRIC_POINTS:  # a written task is never called correct or incorrect
        status = {"correct": "complete", "incorrect": "incomplete"}.get(status, status)
    return Feedback(exercise, status, feedback.message)  # the exercise id is stamped here


_COURSE_FILE = re.compile(r"[^\s'\"`()]+\.(?:csv|json|ya?ml|ipynb)\b")


def course_fault(exercise: str, err: BaseException) -> Feedback | None:
    """`unchecked` feedback if `err` is a fault in the course's own files (a DataError, or a course file
    that is missing or cannot be read), else None: then the answer itself is the problem."""
    root = REPO_ROOT
    if isinstance(err, datasets.DataError):
        detail = str(err).strip()
        match = _COURSE_FILE.search(detail)
        named = match.group(0) if match else None
    elif isinstance(err, OSError) and err.filename and (_inside(err.filename, root)
                                                        or _inside(err.filename, datasets.DATA_DIR)):
        named = str(err.filename)
        reason = ("is missing" if isinstance(err, FileNotFoundError)
                  else f"could not be read ({err.strerror or type(err).__name__})")
        detail = f"{Path(named).name} {reason}."
    else:
        return None
    where = "a course data file"
    restore = "download the course again"
    if named:  # the data files are in the course's data/ folder; DataError names them by file name
        path = Path(named)
        if not path.is_absolute():
            relative = path.as_posix() if len(path.parts) > 1 else f"data/{path.name}"
        elif _inside(path, root):
            relative = path.resolve().relative_to(root.resolve()).as_posix()
        else:
            relative = f"{path.parent.name}/{path.name}"
        where = f"the course file {relative}"
        restore = (f"run `git checkout -- {relative}` in the course folder (if you got the course with git) "
                   "or download the course again")
    return Feedback(exercise, "unchecked",
                    f"this answer could not be checked: {where} has a problem. "
                    f"{excerpt(detail, 300, quote=False)} This is a problem with the course files, not with "
                    f"your answer. To restore the file, {restore}, then run this cell again.")


def _inside(path: Any, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
    except (ValueError, OSError, TypeError, RuntimeError):
        return False
    return True


def check(exercise: str, answer: Any) -> Feedback:
    """Check a learner's answer to an exercise; returns feedback to display."""
    feedback = evaluate(exercise, answer)
    if feedback.exercise in CHECKS and feedback.status not in ("unanswered", "unchecked"):
        record_exercise(feedback.exercise, feedback.status)  # never raises
    return feedback


def check_form(exercise: str, answer: Any) -> Feedback:
    """What a learner may see before submitting a graded (nbgrader) notebook; records nothing.

    For an autograded exercise: the form message if the answer is missing or not in the form the
    exercise asks for; otherwise the same neutral reply (status `answered`) for a right and a wrong
    answer. For a written task: its self-check (length and parts asked for), which never gives a
    verdict either.
    """
    feedback = evaluate(exercise, answer)
    if feedback.exercise in RUBRIC_POINTS or feedback.status in ("unanswered", "invalid", "unchecked"):
        return feedback
    return Feedback(feedback.exercise, "answered", FORM_OK)


def as_int(value: Any) -> int | None:
    """A whole number from an int, a whole float, a numpy number or text like '1,234'; else None."""
    number = read_number(value).value
    if number is None or number % 1:
        return None
    return int(number)


def as_float(value: Any) -> float | None:
    """A number from a number or text ('25.6', '25,6', '1,234', '12%'); the rules of numeric.py."""
    return read_number(value).value


def near(value: float, target: float, tolerance: float, digits: int | None = None) -> bool:
    """Whether `value` is within `tolerance` of `target`, or, with `digits`, of `target` rounded to that
    many decimals (the figure a learner who rounds as asked would give)."""
    if digits is not None:
        target = round(target, digits)
    return abs(value - target) <= tolerance


def read_pair(answer: Any, message: str, first: Callable[[Any], Any] | None = None,
              second: Callable[[Any], Any] | None = None, unreadable: str | None = None) -> tuple:
    """Read a two-part answer: a list or tuple of two items (not text, bytes or a mapping). Returns its two
    parts, each read by `first` and `second` if given (such as `as_int`; None from a reader means the part
    cannot be read). Raises `Invalid`: `message` if the answer is not two parts, `unreadable` (by default
    `message`) if a part cannot be read."""
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Sequence) or len(answer) != 2:
        raise Invalid(message)
    readers = (first, second)
    parts = tuple(part if read is None else read(part) for read, part in zip(readers, (answer[0], answer[1])))
    if any(read is not None and part is None for read, part in zip(readers, parts)):
        raise Invalid(message if unreadable is None else unreadable)
    return parts


def as_finite(value: Any) -> float | None:
    """A number as `as_float` reads it, but None for an infinite one (a very long row of digits)."""
    number = as_float(value)
    return None if number is None or math.isinf(number) else number


def as_text(value: Any) -> str | None:
    """Text that is not blank, with the spaces around it removed; else None."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def _lower(key: Any) -> str:
    return str(key).strip().lower()


def read_mapping(answer: Any, form: str) -> Mapping:
    """A mapping answer (a pandas Series counts as its dictionary); else raises `Invalid` with `form`."""
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        raise Invalid(form)
    return answer


def read_numbers(answer: Any, names: Sequence[str], aliases: Mapping[str, str], *, form: str,
                 unknown: str, not_number: str, missing: str, missing_status: str = "incorrect", norm=_lower,
                 ignore=(), read: Callable[[Any], float | None] = as_float) -> "tuple[dict[str, float], list[str]]":
    """Read an answer {name: number}: a dictionary or a pandas Series. Each key, spelled as `norm` writes it,
    is one of `ignore` (left out, and listed) or an alias of one of `names`; each value is read by `read`.

    Returns (numbers by name, the ignored keys as given). Raises `Invalid`: with `form` if the answer is
    not a mapping, with `unknown` (`{key}`: the key) for a key that is no alias, with `not_number` (`{name}`,
    `{value}`) for a value that cannot be read; with `missing` (`{missing}`: the names not given) and the
    status `missing_status` (`incorrect` unless told) if a name has no value."""
    answer = read_mapping(answer, form)
    given: dict[str, float] = {}
    ignored: list[str] = []
    for key, value in answer.items():
        spelled = norm(key)
        if spelled in ignore:
            ignored.append(str(key))
            continue
        name = aliases.get(spelled)
        if name is None:
            raise Invalid(unknown.format(key=excerpt(key)))
        number = read(value)
        if number is None:
            raise Invalid(not_number.format(name=name, value=excerpt(value)))
        given[name] = number
    left = [name for name in names if name not in given]
    if left:
        raise Invalid(missing.format(missing=", ".join(left)), missing_status)
    return given, ignored


def read_names(answer: Any, names: str, example: str, item: str) -> list[str]:
    """Read a list of names (a list, tuple or set, or a pandas Series or Index or a numpy array of text): the
    names with the spaces around them removed. Raises `Invalid` asking for a list of `names`, for example
    `example`, each item `item` written as text."""
    if isinstance(answer, (str, bytes)):
        raise Invalid(f"give a list of {names}, for example {example}, even if it has one name.")
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray)):
        answer = list(answer)
    if not isinstance(answer, (list, tuple, set, frozenset)):
        raise Invalid(f"give a list of {names}, for example {example}.")
    if not all(isinstance(name, str) for name in answer):
        raise Invalid(f"every item must be {item} written as text.")
    return [name.strip() for name in answer]


def match_names(names: Sequence[str], known, not_known: str,
                key: Callable[[str], str] = str.casefold) -> list[str]:
    """Each of `names` as it is spelled in `known`, compared by `key`. Raises `Invalid` quoting the names
    not known, followed by `not_known` ("is not a district. The districts are: …")."""
    spelling = {key(str(name)): str(name) for name in known}
    unknown = [name for name in names if key(name) not in spelling]
    if unknown:
        raise Invalid(f"{excerpts(unknown, quote=True)} {not_known}")
    return [spelling[key(name)] for name in names]


def check_choice(answer: Any, options: dict[str, tuple[bool, str]], strip: str = "()") -> Feedback:
    """Check a single-choice task: `answer` is one letter of `options` (letter -> (right, why)), written
    with or without the characters `strip` around it ("(b)"); else raises `Invalid`."""
    if not isinstance(answer, str):
        raise Invalid('give one letter as text, for example "a".')
    key = answer.strip().lower().strip(strip).strip()
    if key not in options:
        letters = list(options)
        raise Invalid(f"choose one of the letters {', '.join(letters[:-1])} or {letters[-1]}.")
    right, why = options[key]
    return correct(f"({key}) {why}") if right else incorrect(f"({key}) not quite: {why}")


# ---------------------------------------------------------------- quoting a learner's answer

_SHORT = reprlib.Repr()
_SHORT.maxlevel = 3
_SHORT.maxstring = _SHORT.maxother = 80
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxfrozenset = _SHORT.maxdeque = _SHORT.maxarray = 6
_SHORT.maxdict = 4


def excerpt(value: Any, limit: int = 80, quote: bool = True) -> str:
    """A short form of (part of) a learner's answer, to quote in feedback: its repr (or, with
    `quote=False`, its text) in at most `limit` characters, cut with "…". Never raises, and never
    builds the full text of a huge value."""
    try:
        if isinstance(value, str):
            cut = len(value) > limit
            text = repr(value[:limit]) if quote else value[:limit]
            if quote and cut:
                text = text[:-1]  # no closing quote: the text goes on
        else:
            text, cut = " ".join(_SHORT.repr(value).split()), False
    except Exception:  # e.g. an int too long to print, or a broken __repr__
        text, cut = f"<{type(value).__name__}>", False
    if cut or len(text) > limit:
        return text[:limit - 1] + "…"
    return text


def excerpts(items: Any, limit: int = 80, quote: bool = False, sep: str = ", ") -> str:
    """Several items of a learner's answer (say, unknown keys) joined by `sep` in about `limit`
    characters, each as `excerpt` gives it; if some are cut or left out, says how many there were."""
    shown: list[str] = []
    size = count = 0
    for count, item in enumerate(items, start=1):
        if size <= limit:
            shown.append(excerpt(item, limit, quote))
            size += len(shown[-1]) + len(sep)
    text = sep.join(shown)
    if len(text) > limit:
        text = text[:limit - 1].rstrip(sep) + "…"
    elif count > len(shown):
        text += sep + "…"
    if text.endswith("…") and count > 1:
        text += f" ({count:,} in all)"
    return text


_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def check_order(answer: Any, steps: dict[str, str], rules, noun: str, success: str) -> Feedback:
    """Check an ordering task: `answer` lists every key of `steps` once (else `Invalid` is raised); each
    rule (first, later, why) says that `first` must come before `later`."""
    letters = f"{min(steps)} to {max(steps)}"
    count = _WORDS.get(len(steps), str(len(steps)))
    if isinstance(answer, (str, bytes, dict)) or not isinstance(answer, (list, tuple)):
        example = ", ".join(f'"{k}"' for k in list(steps)[:2])
        raise Invalid(f"give a list of the {count} letters in order, for example [{example}, ...].")
    if not all(isinstance(item, str) for item in answer):
        raise Invalid(f"every item must be one of the letters {letters}, written as text.")
    order = [item.strip().upper() for item in answer]
    unknown = sorted({item for item in order if item not in steps})
    if unknown:
        raise Invalid(f"{excerpts(unknown)} is not {noun}; use the letters {letters}.")
    repeated = sorted(item for item, times in Counter(order).items() if times > 1)
    if repeated:
        raise Invalid(f"{excerpts(repeated)} appears more than once; use each letter exactly once.")
    missing = sorted(set(steps) - set(order))
    if missing:
        raise Invalid(f"the order must include all {count} letters; missing: {', '.join(missing)}.")
    position = {step: i for i, step in enumerate(order)}
    broken = [(first, later, why) for first, later, why in rules if position[first] > position[later]]
    if not broken:
        return correct(success)
    parts = [f"{first} ({steps[first]}) should come before {later} ({steps[later]}). {why}"
             for first, later, why in broken]
    return incorrect(f"{len(broken)} dependenc{'y is' if len(broken) == 1 else 'ies are'} broken. "
                     + " ".join(parts))


def letter_answers(answer: Any, keys, letters, item: str):
    """Read a matching task's answer {key: letter}. Returns (letters by key, missing keys); raises
    `Invalid` that says what is wrong with the answer's form."""
    first_key = next(iter(keys))
    if not isinstance(answer, dict):
        raise Invalid(f'give a dictionary, for example {{"{first_key}": "a", ...}}.')
    given = {str(k).strip().upper(): v for k, v in answer.items()}
    unknown = [k for k in given if k not in keys]
    if unknown:
        raise Invalid(f"there is no {item} {excerpts(unknown)}; the {item}s are "
                      f"{min(keys)} to {max(keys)}.")
    chosen, missing = {}, []
    for key in keys:
        value = given.get(key)
        if value in (None, ""):
            missing.append(key)
            continue
        letter = str(value).strip().lower().strip("()").strip()
        if letter not in letters:
            raise Invalid(f"{item} {key}: {excerpt(value)} is not one of the letters "
                          f"{min(letters)} to {max(letters)}.")
        chosen[key] = letter
    return chosen, missing


def written_answer(answer: Any, what: str, example: str) -> str:
    """A written answer's text; else raises `Invalid` showing how to write it as a string."""
    if not isinstance(answer, str):
        raise Invalid(f'write your {what} as text between triple quotes, for example """{example} ...""".')
    return answer


def length_feedback(words: int, low: int, high: int, too_short: str, too_long: str) -> "Feedback | None":
    """`incomplete` if a written answer has fewer than `low` or more than `high` words, else None."""
    if words < low:
        return incomplete(f"{words} words is too short{too_short}")
    if words > high:
        return incomplete(f"{words} words is too long{too_long}")
    return None


_SENTENCE_END = re.compile(r"[^\s.!?][.!?][\"')\]]*(?=\s|$)")
WORDS_PER_SENTENCE = 40


def sentence_problem(answer: str, words: int) -> str | None:
    """A note if a written answer is not written in sentences: a list of keywords is not an argument.
    Asks for at least one sentence per 40 words (and at least three)."""
    sentences = len(_SENTENCE_END.findall(answer))
    needed = max(3, words // WORDS_PER_SENTENCE)
    if sentences >= needed:
        return None
    return (f"it has {sentences} full sentence{'' if sentences == 1 else 's'} for {words} words; write it as "
            f"an argument in full sentences (at least {needed}), not as a list of words or notes")


# ---------------------------------------------------------------- reading a check spec (kinds.py, written.py)

def spec_text(value: Any, where: str) -> str:
    """A spec field that must be non-empty text, or `CheckSpecError` naming `where`."""
    if not isinstance(value, str) or not value.strip():
        raise CheckSpecError(f"{where} must be non-empty text")
    return value


def spec_template(value: Any, where: str, fields: set[str]) -> str:
    """Message text whose `{…}` fields are all among `fields` (checked here, not when a learner answers)."""
    text = spec_text(value, where)
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as err:
        raise CheckSpecError(f"{where}: {err}") from None
    if used - fields:
        raise CheckSpecError(f"{where}: unknown {{{', '.join(sorted(used - fields))}}}; use {', '.join(sorted(fields))}")
    return text
