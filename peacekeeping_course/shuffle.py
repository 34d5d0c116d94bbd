"""Seeded option orders and exam draws, the same in Python and in the book (static/quiz.js).

- `permutation(seed, key, n)`: the order in which one learner sees a question's options. The seed is
  the learner's (kept in their progress), the key names the question, so a reload keeps the order
  and two learners see different ones.
- `print_orders(questions, key)`: the order for printed sheets, answer keys and the book without
  JavaScript: seeded, and placing each single-choice question's right option on the letter used
  least so far in the bank, so right answers are spread over the letters.
- `draw(chapters, n, seed, attempt)`: the questions of one exam attempt, at least
  n // number-of-chapters from every chapter, the rest from the whole pool.

The generator is FNV-1a (32-bit) for the key and mulberry32 for the stream, both exactly
reproducible in JavaScript.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence, TypeVar

T = TypeVar("T")
_MASK = 0xFFFFFFFF


def fnv1a(text: str) -> int:
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & _MASK
    return value


def rng(seed: str, key: str) -> Callable[[], float]:
    """A stream of floats in [0, 1) for (seed, key): mulberry32 seeded by FNV-1a."""
    state = fnv1a(f"{seed}|{key}")

    def next_float() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & _MASK
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & _MASK
        t = (t ^ ((t + ((t ^ (t >> 7)) * (t | 61))) & _MASK)) & _MASK
        return ((t ^ (t >> 14)) & _MASK) / 4294967296

    return next_float


def shuffled(items: Sequence[T], seed: str, key: str) -> list[T]:
    """Fisher-Yates with the seeded stream."""
    out, random = list(items), rng(seed, key)
    for i in range(len(out) - 1, 0, -1):
        j = int(random() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def permutation(seed: str, key: str, n: int) -> list[int]:
    """Display position -> original option index."""
    return shuffled(range(n), seed, key)


PRINT_SEED = "print"


def print_orders(questions: Iterable, key: str) -> dict[str, list[int]]:
    """Question id -> printed order of its options (see the module docstring).
    `questions` have .id, .type and .choices() (options with .correct)."""
    used: dict[int, int] = {}
    orders = {}
    for q in questions:
        options = q.choices()
        n = len(options)
        if q.type == "truefalse" or n == 0:
            orders[q.id] = list(range(n))
            continue
        order = permutation(PRINT_SEED, f"{key}/{q.id}", n)
        if q.type == "single":
            right = next(i for i, o in enumerate(options) if o.correct)
            fewest = min(used.get(p, 0) for p in range(n))
            candidates = [p for p in range(n) if used.get(p, 0) == fewest]
            target = candidates[int(rng(PRINT_SEED, f"{key}/{q.id}/letter")() * len(candidates))]
            order.remove(right)
            order.insert(target, right)
            used[target] = used.get(target, 0) + 1
        orders[q.id] = order
    return orders


def draw(chapters: dict[str, Sequence[T]], n: int, seed: str, attempt: int = 1) -> list[T]:
    """An exam attempt of n questions from pools by chapter, in chapter order."""
    names = sorted(c for c in chapters if chapters[c])
    total = sum(len(chapters[c]) for c in names)
    n = min(n, total)
    each = n // len(names) if names else 0
    picked: dict[str, list[T]] = {}
    rest: list[tuple[str, T]] = []
    for c in names:
        pool = shuffled(chapters[c], seed, f"draw/{attempt}/{c}")
        picked[c] = pool[:each]
        rest.extend((c, item) for item in pool[each:])
    for c, item in shuffled(rest, seed, f"draw/{attempt}/rest")[:n - each * len(names)]:
        picked[c].append(item)
    return [item for c in names for item in picked[c]]
