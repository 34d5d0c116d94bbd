"""The progress store: one small JSON file of quiz results, exercise checks, exam attempts and the
learner's seed. It imports nothing of the course package; `progress.py` is the "My progress" view.

Where: the file named by the environment variable PEACEKEEPING_PROGRESS, otherwise
~/.peacekeeping-course/progress.json (on a JupyterHub, each learner's own home).
PEACEKEEPING_PROGRESS=off turns recording off; nothing is recorded while nbgrader autogrades.

Safety: every write goes to a temporary file that is flushed, synced and then renamed over the
old one, so a crash mid-write leaves the previous file whole. The previous good state is also
kept as progress.json.bak. A corrupt file is set aside (progress.json.corrupt-<time>), never
deleted, and the backup is used. Writers take a lock, so two notebooks checking answers at the
same moment do not overwrite each other. Recording never stops a quiz or a check: if the file
cannot be written, the learner sees one short notice and carries on.

Only its own files: the store creates, replaces or sets aside only the progress file, its .bak,
.lock and temporary files, and .corrupt-<time> copies. What is found at the progress path is one of:

- missing: a new progress file is made there (or the .bak is used, if there is one);
- a progress file (a JSON object with version 1 and "quizzes" and "exercises" objects): used. A
  single bad entry inside it (say "attempts": "many", or an exercise entry that is text) is
  repaired or dropped with a one-line notice; everything else is kept;
- a damaged progress file: set aside, then the .bak is restored if it is good, else progress
  starts afresh; the notice says which, and where the damaged copy was kept. A file counts as a
  damaged progress file only if it is recognisably ours: it is JSON, an object with a "version"
  key (not a newer version than this one) and no keys other than the ones this module writes
  (version, quizzes, exercises, learner, exams); or it is not JSON at all (cut short, empty, garbled by a
  disk error) and either its name ends in .json or its text begins the way this module writes
  the file ('{' then one of those keys);
- anything else (a folder, a learner's notes.txt, another program's JSON, a file written by a
  newer version of the course, a file that cannot be read or is over 16 MB): left exactly as it
  is. The learner sees one clear notice and recording stays off for that path for the rest of
  the session.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

try:  # POSIX; on Windows writes are still atomic, only not locked against each other
    import fcntl
    fcntl.flock  # the in-browser lab's kernel puts an empty stand-in module in sys.modules
except (ImportError, AttributeError):  # pragma: no cover
    fcntl = None

VERSION = 1
ENV_VAR = "PEACEKEEPING_PROGRESS"
_notified = False
# Progress paths that hold a folder or a file that is not ours: recording stays off for them for
# the rest of the session (path -> the notice the learner saw).
_refused: dict[str, str] = {}
OUR_KEYS = frozenset({"version", "quizzes", "exercises", "learner", "exams"})
_OUR_START = re.compile(r'\s*\{\s*"(?:%s)"' % "|".join(sorted(OUR_KEYS)))
MAX_BYTES = 16_000_000  # a progress file is a few kilobytes; a larger file is not one


def progress_path() -> Path | None:
    """The progress file, or None when recording is turned off."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value.lower() in ("off", "0", "no", "false") or os.environ.get("NBGRADER_EXECUTION"):
        # off, or nbgrader is autograding / validating: not the learner's own study
        return None
    if value:
        return Path(value).expanduser()
    if sys.platform == "emscripten" and Path("/drive").is_dir():
        # the in-browser lab (JupyterLite): the home folder is in memory and lost on reload;
        # /drive is the lab's file browser, kept in the browser's storage
        return Path("/drive/.peacekeeping-course/progress.json")
    return Path.home() / ".peacekeeping-course" / "progress.json"


def in_browser_lab(path: Path) -> bool:
    """Whether `path` is in the in-browser lab's storage (JupyterLite's /drive)."""
    return sys.platform == "emscripten" and Path(path).parts[:2] == ("/", "drive")


def empty() -> dict:
    return {"version": VERSION, "quizzes": {}, "exercises": {}}


def _valid(data: Any) -> bool:
    """The shape of a progress file; bad entries inside it are repaired by `_repair`."""
    return (isinstance(data, dict) and data.get("version") == VERSION
            and isinstance(data.get("quizzes"), dict) and isinstance(data.get("exercises"), dict))


def _read(path: Path) -> dict | None:
    """The file's content if it is a valid progress file; None if missing or corrupt."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return data if _valid(data) else None


def _backup(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _inspect(path: Path) -> tuple[str, Any]:
    """What is at the progress path: ("missing", None), ("ok", data), ("damaged", None) for a
    damaged file of ours, or ("refused", notice) for anything that must be left alone."""
    if not path.exists():
        return "missing", None
    if path.is_dir():
        return "refused", (f"{_pointer(path)} a folder ({path}), not a file, so your progress is not being "
                           f"recorded. Set {ENV_VAR} to a file path such as {path / 'progress.json'}.")
    try:
        if path.stat().st_size > MAX_BYTES:
            return "refused", _not_ours(path)
        raw = path.read_bytes()
    except OSError as err:
        return "refused", (f"your progress file {path} could not be read ({type(err).__name__}), so it was left "
                           "as it is and your progress is not being recorded.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError:  # not JSON (UnicodeDecodeError is a ValueError too)
        start = raw[:200].decode("utf-8", "replace")
        ours = path.name.lower().endswith(".json") or _OUR_START.match(start)
        return ("damaged", None) if ours else ("refused", _not_ours(path))
    if _valid(data):
        return "ok", data
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        return "refused", (f"your progress file {path} was written by a newer version of the course, so it was "
                           "left as it is and your progress is not being recorded. Update the course package.")
    if isinstance(data, dict) and "version" in data and set(data) <= OUR_KEYS:
        return "damaged", None
    return "refused", _not_ours(path)


def _pointer(path: Path) -> str:
    return f"{ENV_VAR} points to" if os.environ.get(ENV_VAR, "").strip() else "the progress file is"


def _not_ours(path: Path) -> str:
    other = path.parent / ("course-progress.json" if path.name == "progress.json" else "progress.json")
    return (f"{path} is not a course progress file, so it was left as it is and your progress is not being "
            f"recorded. Set {ENV_VAR} to a file path such as {other}.")


def _refuse(path: Path, notice: str) -> None:
    """Recording stays off for this path for the rest of the session; the learner is told once."""
    if str(path) not in _refused:
        _refused[str(path)] = notice
        print(f"Note: {notice}", file=sys.stderr)


def recording_off_reason(path: Path | None = None) -> str | None:
    """Why recording is off for this session's progress path, if it was refused; else None."""
    path = path or progress_path()
    return _refused.get(str(path)) if path is not None else None


def load(path: Path | None = None) -> dict:
    """Read progress; falls back to the backup if the file is corrupt, never raises. A folder or
    a file that is not a progress file is left alone (recording stays off) and reads as empty."""
    path = path or progress_path()
    if path is None or str(path) in _refused:
        return empty()
    state, found = _inspect(path)
    if state == "ok":
        return _repair(found, path)
    if state == "refused":
        _refuse(path, found)
        return empty()
    if state == "damaged":
        kept = _set_aside(path)
        if kept is None:
            return empty()
        backup = _read(_backup(path))
        if backup is not None:
            _notify(f"your progress file {path} was damaged; it was kept as {kept.name} and your progress "
                    f"was restored from the last good copy ({_backup(path).name}).")
            return _repair(backup, path)
        _notify(f"your progress file {path} was damaged and there was no good copy to restore, so your "
                f"progress starts afresh. The damaged file was kept as {kept}.")
        return empty()
    backup = _read(_backup(path))  # missing: the backup, if a crash left only that
    return _repair(backup, path) if backup is not None else empty()


def _set_aside(path: Path) -> Path | None:
    """Keep a corrupt file for inspection under a new name; never delete it. If it cannot be
    moved, it is left as it is and recording stays off (it is never written over)."""
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    kept = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        os.replace(path, kept)
    except OSError as err:
        _refuse(path, f"your progress file {path} is damaged and could not be set aside ({type(err).__name__}), "
                      "so it was left as it is and your progress is not being recorded.")
        return None
    return kept


# ---------------------------------------------------------------- repairing single entries

def _count(value: Any) -> int:
    """A stored number of attempts; an entry exists, so at least 1."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else 1


def _repair(data: dict, path: Path | None = None) -> dict:
    """Repair or drop single bad entries (a quiz answer or an exercise that is not an object, or
    has fields of the wrong type); keep everything else. Says so in one line."""
    fixed: list[str] = []
    for quiz_id, answers in list(data["quizzes"].items()):
        if not isinstance(answers, dict):
            del data["quizzes"][quiz_id]
            fixed.append(f"quiz {quiz_id}")
            continue
        for question_id, entry in list(answers.items()):
            if not isinstance(entry, dict):
                del answers[question_id]
                fixed.append(f"quiz {quiz_id} {question_id}")
                continue
            good = {"correct": entry.get("correct") if isinstance(entry.get("correct"), bool) else False,
                    "attempts": _count(entry.get("attempts"))}
            good["first_try_correct"] = (entry["first_try_correct"] if isinstance(entry.get("first_try_correct"), bool)
                                         else good["correct"] and good["attempts"] == 1)
            if any(entry.get(k) != v or type(entry.get(k)) is not type(v) for k, v in good.items()):
                entry.update(good)
                fixed.append(f"quiz {quiz_id} {question_id}")
    for exercise, entry in list(data["exercises"].items()):
        if not isinstance(entry, dict):
            del data["exercises"][exercise]
            fixed.append(f"exercise {exercise}")
            continue
        status = entry.get("status") if isinstance(entry.get("status"), str) else "invalid"
        good = {"status": status, "attempts": _count(entry.get("attempts")),
                "ever_correct": (entry["ever_correct"] if isinstance(entry.get("ever_correct"), bool)
                                 else status in DONE_STATUSES)}
        if any(entry.get(k) != v or type(entry.get(k)) is not type(v) for k, v in good.items()):
            entry.update(good)
            fixed.append(f"exercise {exercise}")
    if fixed:
        shown = ", ".join(f[:60] for f in fixed[:3]) + (f" and {len(fixed) - 3} more" if len(fixed) > 3 else "")
        one = len(fixed) == 1
        _notify(f"{'one entry' if one else f'{len(fixed)} entries'} in your progress file "
                f"{path or ''} could not be read ({shown}); {'it was' if one else 'they were'} repaired or "
                "left out, and everything else was kept.")
    return data


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_UN)


def update(change, path: Path | None = None) -> dict | None:
    """Apply `change(data)` to the stored progress under the lock and save it atomically.
    Returns the new data, or None if recording is off or failed (the learner is told once)."""
    path = path or progress_path()
    if path is None or str(path) in _refused:
        return None
    state, notice = _inspect(path)
    if state == "refused":  # checked before the lock, so no lock file is made beside someone else's file
        _refuse(path, notice)
        return None
    try:
        with _locked(path):
            data = load(path)
            if str(path) in _refused:  # damaged, and could not be set aside: never written over
                return None
            previous = json.dumps(data, indent=1, sort_keys=True)
            change(data)
            if path.exists():
                _write_atomic(_backup(path), previous)
            _write_atomic(path, json.dumps(data, indent=1, sort_keys=True))
        return data
    except Exception as err:  # progress must never break a quiz or a check
        _notify(f"your progress could not be saved ({type(err).__name__}: {err}). Your answer was "
                f"checked as usual. To save progress elsewhere, set {ENV_VAR} to a writable file.")
        return None


def _notify(message: str) -> None:
    global _notified
    if not _notified:
        _notified = True
        print(f"Note: {message}", file=sys.stderr)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def record_quiz(quiz_id: str, question_id: str, correct: bool, path: Path | None = None) -> dict | None:
    def change(data: dict) -> None:
        entry = data["quizzes"].setdefault(quiz_id, {}).get(question_id) or {}
        data["quizzes"][quiz_id][question_id] = {
            "correct": bool(correct), "attempts": int(entry.get("attempts", 0)) + 1,
            "first_try_correct": entry.get("first_try_correct", bool(correct)), "updated": _now()}
    return update(change, path)


# Exercise statuses that count as done: a right answer, or a written task (graded with a rubric)
# whose check found the length and every part asked for.
DONE_STATUSES = ("correct", "complete")


def record_exercise(exercise: str, status: str, path: Path | None = None) -> dict | None:
    """Record one check; `ever_correct` (kept under that name for old files) means "ever done"."""
    def change(data: dict) -> None:
        entry = data["exercises"].get(exercise) or {}
        data["exercises"][exercise] = {
            "status": status, "attempts": int(entry.get("attempts", 0)) + 1,
            "ever_correct": bool(entry.get("ever_correct")) or status in DONE_STATUSES, "updated": _now()}
    return update(change, path)


def learner_seed(path: Path | None = None) -> str:
    """This learner's seed for option orders and exam draws, created once and kept in the progress
    file; '' when recording is off (then everyone sees the printed order)."""
    path = path or progress_path()
    if path is None:
        return ""
    learner = load(path).get("learner")
    if str(path) in _refused:
        return ""
    if isinstance(learner, dict) and isinstance(learner.get("seed"), str) and learner["seed"]:
        return learner["seed"]
    seed = os.urandom(8).hex()

    def change(data: dict) -> None:
        old = data.get("learner")
        if isinstance(old, dict) and isinstance(old.get("seed"), str) and old["seed"]:
            return  # another notebook made one first
        data["learner"] = {"seed": seed}
    saved = update(change, path)
    return saved["learner"]["seed"] if saved else seed


def record_exam(kind: str, score: int, total: int, passed: bool | None, detail: dict | None = None,
                path: Path | None = None) -> dict | None:
    """One finished attempt at the pre-test or the final exam."""
    def change(data: dict) -> None:
        exams = data.get("exams") if isinstance(data.get("exams"), dict) else {}
        attempts = exams.get(kind) if isinstance(exams.get(kind), list) else []
        attempts.append({"score": int(score), "total": int(total), "passed": passed,
                         "detail": detail or {}, "finished": _now()})
        exams[kind] = attempts
        data["exams"] = exams
    return update(change, path)


def exam_attempts(kind: str, data: dict | None = None) -> list[dict]:
    """Finished attempts at an exam, oldest first (malformed entries skipped)."""
    data = load() if data is None else data
    exams = data.get("exams") if isinstance(data.get("exams"), dict) else {}
    attempts = exams.get(kind) if isinstance(exams.get(kind), list) else []
    return [a for a in attempts if isinstance(a, dict) and isinstance(a.get("score"), int)
            and isinstance(a.get("total"), int) and a["total"] > 0]


def reset() -> None:
    """Start again: the current file is kept as a backup, then emptied."""
    def change(data: dict) -> None:
        seed = data.get("learner")
        data.clear()
        data.update(empty())
        if isinstance(seed, dict):
            data["learner"] = seed  # the same learner: option orders stay as they were
    update(change)
