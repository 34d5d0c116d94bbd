"""Shared code for the Peacekeeping & Security Sector Reform course.

    from peacekeeping_course import load, quiz, check
"""

from .checks import check
from .datasets import DataError, load
from .quiz import quiz

__all__ = ["check", "load", "quiz", "DataError"]
