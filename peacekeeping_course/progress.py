"""My progress: per-chapter scores and what is left, the exams, and the record of completion, read
from the progress store (`store.py`) against the course catalogue (`course.py`).

    from peacekeeping_course import progress
    progress.show()          # "My progress"
    progress.completion_record("Ama Mensah").save()
    progress.reset()         # start again (the old state is kept as the backup)
"""

from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import course
from .store import (ENV_VAR, empty, exam_attempts, in_browser_lab, learner_seed, load, progress_path,
                    record_exam, record_exercise, record_quiz, recording_off_reason, reset, update)

__all__ = ["ENV_VAR", "ChapterProgress", "CompletionRecord", "ProgressReport", "completion_record", "empty",
           "exam_attempts", "exam_line", "learner_seed", "load", "progress_path", "record_exam",
           "record_exercise", "record_quiz", "recording_off_reason", "reset", "show", "summary", "update"]


@dataclass(frozen=True)
class ChapterProgress:
    chapter: str
    title: str
    quiz_total: int
    quiz_correct: int
    quiz_left: tuple[str, ...]      # question numbers not yet answered correctly, e.g. "Q3"
    exercises_total: int
    exercises_correct: int
    exercises_left: tuple[str, ...]  # exercise ids not yet solved


def _objects(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def summary(data: dict | None = None) -> list[ChapterProgress]:
    data = load() if data is None else data
    quizzes, done = _objects(_objects(data).get("quizzes")), _objects(_objects(data).get("exercises"))
    rows = []
    for chapter, quiz_id, title, question_ids, exercises in course.course_outline():
        answers = _objects(quizzes.get(quiz_id))
        right = [q for q in question_ids if _objects(answers.get(q)).get("correct") is True]
        solved = [e for e in exercises if _objects(done.get(e)).get("ever_correct") is True]
        rows.append(ChapterProgress(
            chapter, title, len(question_ids), len(right),
            tuple(f"Q{n}" for n, q in enumerate(question_ids, start=1) if q not in right),
            len(exercises), len(solved), tuple(e for e in exercises if e not in solved)))
    return rows


class ProgressReport:
    """Display object: a table in JupyterLab, plain text elsewhere."""

    def __init__(self, rows: list[ChapterProgress], path: Path | None, data: dict | None = None,
                 off_reason: str | None = None):
        self.rows, self.path, self.off_reason = rows, path, off_reason
        data = data if data is not None else empty()
        self.exams = f"{exam_line('pretest', data)} {exam_line('final', data)}"

    def _left(self, row: ChapterProgress) -> str:
        parts = []
        if row.quiz_left:
            parts.append("quiz " + ", ".join(row.quiz_left))
        if row.exercises_left:
            parts.append("exercises " + ", ".join(row.exercises_left))
        return "; ".join(parts) or "nothing: chapter complete"

    def __repr__(self) -> str:
        lines = ["My progress", self.exams] + ([f"Recording is off: {self.off_reason}"] if self.off_reason else [])
        for r in self.rows:
            lines.append(f"Chapter {int(r.chapter)} {r.title}: quiz {r.quiz_correct}/{r.quiz_total}, "
                         f"exercises {r.exercises_correct}/{r.exercises_total}. Left: {self._left(r)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        quiz_done = sum(r.quiz_correct for r in self.rows)
        quiz_all = sum(r.quiz_total for r in self.rows)
        ex_done = sum(r.exercises_correct for r in self.rows)
        ex_all = sum(r.exercises_total for r in self.rows)
        body = "".join(
            f"<tr><th scope='row'>{int(r.chapter)}. {e(r.title)}</th>"
            f"<td>{r.quiz_correct} of {r.quiz_total}</td><td>{r.exercises_correct} of {r.exercises_total}</td>"
            f"<td>{e(self._left(r))}</td></tr>" for r in self.rows)
        where = (f"Saved in <code>{e(str(self.path))}</code>." if self.path
                 and not in_browser_lab(self.path)
                 else f"Saved in this browser's storage (<code>{e(str(self.path))}</code>): only in this "
                      "browser on this computer, and erased if you clear the browser's site data."
                 if self.path
                 else f"Recording is off: {e(self.off_reason)}" if self.off_reason
                 else f"Recording is off ({ENV_VAR}=off).")
        return (f"<div class='pk-progress'><h3>My progress</h3><p>Quiz questions answered correctly: "
                f"<b>{quiz_done} of {quiz_all}</b>. Exercises solved: <b>{ex_done} of {ex_all}</b>. {where}</p>"
                f"<p>{e(self.exams)}</p>"
                "<table><thead><tr><th scope='col'>Chapter</th><th scope='col'>Quiz</th>"
                "<th scope='col'>Exercises</th><th scope='col'>Still to do</th></tr></thead>"
                f"<tbody>{body}</tbody></table></div>")


def show() -> ProgressReport:
    """Per-chapter scores and what is left, from this learner's progress file."""
    data = load()
    path = progress_path()
    reason = recording_off_reason(path)
    return ProgressReport(summary(data), None if reason else path, data, reason)


# ---------------------------------------------------------------- exams and the record of completion

def exam_line(kind: str, data: dict | None = None) -> str:
    """'Pre-test: 5 of 13 (38%).' / 'Final exam: best 26 of 30 (87%), passed; 2 attempts.'"""
    attempts = exam_attempts(kind, data)
    name = "Pre-test" if kind == "pretest" else "Final exam"
    if not attempts:
        return f"{name}: not taken yet."
    if kind == "pretest":
        first = attempts[0]
        return f"{name}: {first['score']} of {first['total']} ({round(100 * first['score'] / first['total'])}%)."
    best = max(attempts, key=lambda a: a["score"] / a["total"])
    verdict = "passed" if best.get("passed") else "not passed yet"
    plural = "s" if len(attempts) > 1 else ""
    return (f"{name}: best {best['score']} of {best['total']} ({round(100 * best['score'] / best['total'])}%), "
            f"{verdict}; {len(attempts)} attempt{plural}.")


class CompletionRecord:
    """A printable record of self-study from the progress file (not a certificate)."""

    NOTE = ("This is a self-study record, not a certificate. It was produced from the learner's own "
            "progress file; no institution has checked it. A trainer who needs proof of learning should "
            "use a supervised final exam or the nbgrader assignments.")

    def __init__(self, name: str, data: dict | None = None, today: _dt.date | None = None):
        self.name = " ".join(str(name).split())[:120] or "(no name given)"
        self.data = load() if data is None else data
        self.rows = summary(self.data)
        self.today = today or _dt.date.today()

    def completed(self) -> list[ChapterProgress]:
        return [r for r in self.rows if r.quiz_correct == r.quiz_total and r.exercises_correct == r.exercises_total]

    def __repr__(self) -> str:
        done = ", ".join(str(int(r.chapter)) for r in self.completed()) or "none"
        return (f"Record of self-study: {self.name}, {self.today.isoformat()}. Chapters completed: {done}. "
                f"{exam_line('pretest', self.data)} {exam_line('final', self.data)} {self.NOTE}")

    def _repr_html_(self) -> str:
        e = html.escape
        done = self.completed()
        chapters = (f"{len(done)} of {len(self.rows)} chapters completed "
                    f"({', '.join(str(int(r.chapter)) for r in done)})." if done else "No chapter completed yet.")
        body = "".join(
            f"<tr><th scope='row'>{int(r.chapter)}. {e(r.title)}</th><td>{r.quiz_correct} of {r.quiz_total}</td>"
            f"<td>{r.exercises_correct} of {r.exercises_total}</td>"
            f"<td>{'completed' if r in done else 'not completed'}</td></tr>" for r in self.rows)
        return (f"<div class='pk-record-sheet'><h2>Record of self-study</h2>"
                "<p>Peacekeeping and Security Sector Reform: an open, interactive course</p>"
                f"<p>Learner: <strong>{e(self.name)}</strong></p><p>Date: {self.today.isoformat()}</p>"
                f"<p>{e(chapters)}</p><p>{e(exam_line('pretest', self.data))} {e(exam_line('final', self.data))}</p>"
                "<table><caption>Chapters: quiz questions answered correctly and exercises solved</caption>"
                "<thead><tr><th scope='col'>Chapter</th><th scope='col'>Quiz</th><th scope='col'>Exercises</th>"
                f"<th scope='col'>Status</th></tr></thead><tbody>{body}</tbody></table>"
                f"<p><strong>{e(self.NOTE)}</strong></p></div>")

    def save(self, folder: Path | str = ".") -> Path:
        """Write the record as a web page to print; never overwrites a file (adds -2, -3, ...)."""
        folder = Path(folder)
        stem = f"completion-record-{self.today.isoformat()}"
        path, n = folder / f"{stem}.html", 1
        while path.exists():
            n += 1
            path = folder / f"{stem}-{n}.html"
        page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Record of self-study</title>"
                "<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto}table{border-collapse:collapse}"
                "th,td{border:1px solid #767676;padding:0.25rem 0.5rem;text-align:left}</style></head>"
                f"<body>{self._repr_html_()}</body></html>")
        with open(path, "x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
            handle.write(page)
        return path


def completion_record(name: str) -> CompletionRecord:
    """Your record of self-study, to display; `.save()` writes it as a page to print."""
    return CompletionRecord(name)
