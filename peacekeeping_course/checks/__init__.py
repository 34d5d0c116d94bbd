"""Exercise checks: `check("1.2", answer)` says what is right and, for common mistakes, what is wrong.

- `base.py`: the machinery (feedback, `check`, `evaluate`, `check_form`, reading answers: `read_pair`,
  `read_numbers` (a mapping name -> number, with aliases), `read_names` and `match_names` (a list of names),
  `letter_answers`, `check_choice` (one letter), `near` for a number within a tolerance). A reader that
  cannot read an answer raises `Invalid("…")`; `evaluate` (and so `check`) turns it into `invalid`
  feedback and stamps the exercise id on every feedback, so a check writes `correct("…")` without one;
- `kinds.py`: content checks written as data (matching, select, ordering; and `written.py`, the form of
  written tasks), in check-spec cells of the solutions notebooks that `make student` copies into
  `exercises/checks/NN-slug.yml`;
- `ch01.py` … `ch13.py`: the checks that compute their expected answers from the course data.

Importing this package registers every check: the specs, then each chapter module.
"""

import importlib
import pkgutil

from .base import (CHECKS, FORM_OK, RUBRIC_POINTS, WORDS_PER_SENTENCE, Feedback, Invalid, as_finite, as_float, as_int,
                   as_text, check, check_choice, check_form, check_order, complete, correct, course_fault, evaluate,
                   excerpt, excerpts, incomplete, incorrect, invalid, is_unanswered, length_feedback, letter_answers,
                   match_names, near, read_mapping, read_names, read_numbers, read_pair, register, sentence_problem,
                   written_answer)
from .kinds import CheckSpecError, register_specs

__all__ = ["CHECKS", "FORM_OK", "RUBRIC_POINTS", "WORDS_PER_SENTENCE", "CheckSpecError", "Feedback", "Invalid",
           "as_finite", "as_float", "as_int", "as_text", "check", "check_choice", "check_form", "check_order",
           "complete", "correct", "course_fault", "evaluate", "excerpt", "excerpts", "incomplete", "incorrect",
           "invalid", "is_unanswered", "length_feedback", "letter_answers", "match_names", "near", "read_mapping",
           "read_names", "read_numbers", "read_pair", "register", "sentence_problem", "written_answer"]

register_specs()
# the chapter modules (ch01.py, ch02.py, ...) register their checks when imported
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("ch")):
    importlib.import_module(f"{__name__}.{_module}")
