"""Reading a number a learner typed, the same way in Python and in the book (static/quiz.js).

Rules (one place, mirrored in quiz.js `readNumber`):
- spaces and narrow no-break spaces are ignored, and so is a trailing percent sign;
- a point is a decimal point: "25.6", ".5";
- a comma followed by exactly three digits is a thousands separator: "1,115", "12,345,678";
  "1.234,5" (points between groups of three, a decimal comma at the end) is read as 1234.5;
- any other single comma is a decimal comma: "25,6" is 25.6, "0,75" is 0.75;
- "1,234" could be either, so it is read as 1234 with a hint on how to write a decimal.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

_GROUPED = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")         # 1,115  12,345.5
_EUROPEAN = re.compile(r"[-+]?\d{1,3}(\.\d{3})+,\d+")            # 1.234,5
_DECIMAL_COMMA = re.compile(r"[-+]?\d*,\d+")                     # 25,6  ,5
_PLAIN = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")                 # 25.6  12

AMBIGUOUS_HINT = ("read as {value:g}, taking the comma as a thousands separator; for a decimal, "
                  "write a point ({point}) or one or two digits after the comma")


@dataclass(frozen=True)
class Reading:
    value: float | None  # None: not a number
    hint: str = ""       # set when the text could mean two numbers


def read_number(text: Any) -> Reading:
    """A learner's number from text or a number. Never raises."""
    if isinstance(text, bool):
        return Reading(None)
    if not isinstance(text, str):
        try:  # ints, floats, numpy numbers and the like; an int too large for a float is no number here
            value = float(text)
        except (TypeError, ValueError, OverflowError):
            return Reading(None)
        return Reading(value if math.isfinite(value) else None)
    cleaned = re.sub(r"[\s\u202f\u00a0]", "", text).removesuffix("%")
    if _PLAIN.fullmatch(cleaned):
        return Reading(float(cleaned))
    if _GROUPED.fullmatch(cleaned):
        value = float(cleaned.replace(",", ""))
        if cleaned.count(",") == 1 and "." not in cleaned:
            return Reading(value, AMBIGUOUS_HINT.format(value=value, point=cleaned.replace(",", ".")))
        return Reading(value)
    if _EUROPEAN.fullmatch(cleaned):
        return Reading(float(cleaned.replace(".", "").replace(",", ".")))
    if _DECIMAL_COMMA.fullmatch(cleaned):
        return Reading(float(cleaned.replace(",", ".")))
    return Reading(None)


def parse_number(text: Any) -> float | None:
    """The number alone (None if the text is not a number)."""
    return read_number(text).value
