"""Exercise checks: `check("1.2", answer)` says what is right and, for common mistakes, what is wrong.

A check never raises for a learner's answer: a wrong type, None, an empty value or an
unexpected structure gets a friendly message instead of a traceback.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Callable

CHECKS: dict[str, Callable[[Any], "Feedback"]] = {}

_ICONS = {"correct": "✅", "incorrect": "❌", "unanswered": "✏️", "invalid": "⚠️"}
_COLOURS = {"correct": "#1b6e3a", "incorrect": "#a8321f", "unanswered": "#595959", "invalid": "#8a5a00"}


@dataclass(frozen=True)
class Feedback:
    exercise: str
    status: str  # correct | incorrect | unanswered | invalid
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


def correct(exercise: str, message: str) -> Feedback:
    return Feedback(exercise, "correct", message)


def incorrect(exercise: str, message: str) -> Feedback:
    return Feedback(exercise, "incorrect", message)


def invalid(exercise: str, message: str) -> Feedback:
    return Feedback(exercise, "invalid", message)


def is_unanswered(answer: Any) -> bool:
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, str) and not answer.strip():
        return True
    if isinstance(answer, (list, tuple, set, dict)) and len(answer) == 0:
        return True
    return False


def register(exercise: str):
    """Decorator: register the check for an exercise id such as '1.2'."""
    def wrap(func: Callable[[Any], Feedback]):
        if exercise in CHECKS:
            raise ValueError(f"a check for exercise {exercise} is already registered")
        CHECKS[exercise] = func
        return func
    return wrap


def check(exercise: str, answer: Any) -> Feedback:
    """Check a learner's answer to an exercise; returns feedback to display."""
    exercise = str(exercise).strip()
    if exercise not in CHECKS:
        known = ", ".join(sorted(CHECKS, key=lambda k: [int(p) for p in k.split(".")]))
        return Feedback(exercise, "invalid", f"there is no exercise {exercise!r}. Exercises with checks: {known}.")
    if is_unanswered(answer):
        return Feedback(exercise, "unanswered", "not answered yet. Write your answer in the cell above, "
                                                "then run this cell again.")
    try:
        feedback = CHECKS[exercise](answer)
    except Exception as err:  # a check must never show a learner a traceback
        feedback = Feedback(exercise, "invalid",
                            f"this answer could not be checked ({type(err).__name__}). Check that it has "
                            "the form the exercise asks for.")
    from ..progress import record_exercise

    record_exercise(exercise, feedback.status)  # never raises
    return feedback


def as_int(value: Any) -> int | None:
    """A whole number from an int, a whole float, a numpy number or text like '1,234'; else None."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace(" ", "")
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number != number or number % 1:
        return None
    return int(number)


def as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, str):
            value = value.strip().replace(",", "").rstrip("%").strip()
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def check_order(exercise: str, answer: Any, steps: dict[str, str], rules, noun: str,
                success: str) -> Feedback:
    """Check an ordering task: `answer` lists every key of `steps` once; each rule
    (first, later, why) says that `first` must come before `later`."""
    letters = f"{min(steps)} to {max(steps)}"
    count = _WORDS.get(len(steps), str(len(steps)))
    if isinstance(answer, (str, bytes, dict)) or not isinstance(answer, (list, tuple)):
        example = ", ".join(f'"{k}"' for k in list(steps)[:2])
        return invalid(exercise, f"give a list of the {count} letters in order, for example [{example}, ...].")
    if not all(isinstance(item, str) for item in answer):
        return invalid(exercise, f"every item must be one of the letters {letters}, written as text.")
    order = [item.strip().upper() for item in answer]
    unknown = sorted({item for item in order if item not in steps})
    if unknown:
        return invalid(exercise, f"{', '.join(unknown)} is not {noun}; use the letters {letters}.")
    repeated = sorted({item for item in order if order.count(item) > 1})
    if repeated:
        return invalid(exercise, f"{', '.join(repeated)} appears more than once; use each letter exactly once.")
    missing = sorted(set(steps) - set(order))
    if missing:
        return invalid(exercise, f"the order must include all {count} letters; missing: {', '.join(missing)}.")
    position = {step: i for i, step in enumerate(order)}
    broken = [(first, later, why) for first, later, why in rules if position[first] > position[later]]
    if not broken:
        return correct(exercise, success)
    parts = [f"{first} ({steps[first]}) should come before {later} ({steps[later]}). {why}"
             for first, later, why in broken]
    return incorrect(exercise, f"{len(broken)} dependenc{'y is' if len(broken) == 1 else 'ies are'} broken. "
                     + " ".join(parts))


def letter_answers(exercise: str, answer: Any, keys, letters, item: str):
    """Read a matching task's answer {key: letter}. Returns (letters by key, missing keys), or an
    `invalid` Feedback that says what is wrong with the answer's form."""
    first_key = next(iter(keys))
    if not isinstance(answer, dict):
        return invalid(exercise, f'give a dictionary, for example {{"{first_key}": "a", ...}}.')
    given = {str(k).strip().upper(): v for k, v in answer.items()}
    unknown = [k for k in given if k not in keys]
    if unknown:
        return invalid(exercise, f"there is no {item} {', '.join(unknown)}; the {item}s are "
                                 f"{min(keys)} to {max(keys)}.")
    chosen, missing = {}, []
    for key in keys:
        value = given.get(key)
        if value in (None, ""):
            missing.append(key)
            continue
        letter = str(value).strip().lower().strip("()").strip()
        if letter not in letters:
            return invalid(exercise, f"{item} {key}: {value!r} is not one of the letters "
                                     f"{min(letters)} to {max(letters)}.")
        chosen[key] = letter
    return chosen, missing


def written_answer(exercise: str, answer: Any, what: str, example: str) -> "str | Feedback":
    """A written answer's text, or an `invalid` Feedback showing how to write it as a string."""
    if not isinstance(answer, str):
        return invalid(exercise, f'write your {what} as text between triple quotes, for example """{example} ...""".')
    return answer


def length_feedback(exercise: str, words: int, low: int, high: int, too_short: str, too_long: str) -> "Feedback | None":
    """`incorrect` if a written answer has fewer than `low` or more than `high` words, else None."""
    if words < low:
        return incorrect(exercise, f"{words} words is too short{too_short}")
    if words > high:
        return incorrect(exercise, f"{words} words is too long{too_long}")
    return None


def _register_chapters() -> None:
    """Import every chapter module (ch01.py, ch02.py, ...) so that its checks register."""
    import importlib
    import pkgutil

    for module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("ch")):
        importlib.import_module(f"{__name__}.{module}")


_register_chapters()
