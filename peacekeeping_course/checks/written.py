"""The `written` kind of check spec: the form of a written task (length, sentences, required parts).

Not built yet: a spec of this kind stops with `CheckSpecError`.
"""

from __future__ import annotations

from typing import Any, Callable

from .base import CheckSpecError, Feedback


def written(spec: dict, where: str) -> Callable[[Any], Feedback]:
    raise CheckSpecError(f"{where}: the `written` kind is not built yet")
