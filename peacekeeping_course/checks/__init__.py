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
        return CHECKS[exercise](answer)
    except Exception as err:  # a check must never show a learner a traceback
        return Feedback(exercise, "invalid",
                        f"this answer could not be checked ({type(err).__name__}). Check that it has the "
                        "form the exercise asks for.")


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


def _register_chapters() -> None:
    """Import every chapter module (ch01.py, ch02.py, ...) so that its checks register."""
    import importlib
    import pkgutil

    for module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("ch")):
        importlib.import_module(f"{__name__}.{module}")


_register_chapters()
