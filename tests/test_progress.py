"""Learner progress in JupyterLab: recorded by quizzes and checks, safe against crashes,
corrupt files and concurrent writers."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from peacekeeping_course import check, progress
from peacekeeping_course import store as progress_store
from peacekeeping_course.quiz import QuizWidget, load_bank


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv(progress_store.ENV_VAR, str(path))
    monkeypatch.setattr(progress_store, "_notified", False)
    return path


def test_quiz_and_check_results_are_recorded_and_summarised(store):
    progress_store.record_quiz("05-unmil-liberia", "people-not-weapons", False)
    progress_store.record_quiz("05-unmil-liberia", "people-not-weapons", True)
    assert check("5.5", "c").correct
    data = json.loads(store.read_text())
    entry = data["quizzes"]["05-unmil-liberia"]["people-not-weapons"]
    assert entry["correct"] is True and entry["attempts"] == 2 and entry["first_try_correct"] is False
    assert data["exercises"]["5.5"]["ever_correct"] is True

    row = next(r for r in progress.summary() if r.chapter == "05")
    assert (row.quiz_correct, row.exercises_correct) == (1, 1)
    assert "Q1" not in row.quiz_left and "5.5" not in row.exercises_left and "5.1" in row.exercises_left
    html = progress.show()._repr_html_()
    assert "My progress" in html and "5.1" in html and str(store) in html


def test_an_unanswered_check_is_not_recorded_and_a_wrong_one_is(store):
    check("5.5", None)
    assert not store.exists()
    check("5.5", "a")
    assert json.loads(store.read_text())["exercises"]["5.5"] == {
        **json.loads(store.read_text())["exercises"]["5.5"], "status": "incorrect", "ever_correct": False}


def test_the_widget_quiz_records_each_checked_answer(store):
    bank = load_bank("01-peacekeeping-role")
    widget = QuizWidget(bank)
    first = bank.questions[0]
    entry, buttons, _ = widget.box.children[2].children[-3:]
    right = next(i for i, o in enumerate(first.choices()) if o.correct)
    if first.type == "multiple":
        for i, o in enumerate(first.choices()):
            entry.children[i].value = o.correct
    else:
        entry.value = right
    buttons.children[0].click()
    saved = progress_store.load()["quizzes"]["01-peacekeeping-role"][first.id]
    assert saved["correct"] is True


def test_a_corrupt_file_is_set_aside_and_the_backup_restores_progress(store, capsys):
    progress_store.record_exercise("5.1", "correct")
    progress_store.record_exercise("5.2", "correct")  # the backup now holds 5.1
    store.write_text('{"version": 1, "quizzes": {"01-pea')  # e.g. a disk error or a bad hand edit
    assert check("5.3", "not the answer").status in ("incorrect", "invalid")  # checks still work
    data = progress_store.load()
    assert "5.1" in data["exercises"] and "5.3" in data["exercises"]
    corrupt = list(store.parent.glob("progress.json.corrupt-*"))
    assert len(corrupt) == 1 and corrupt[0].read_text().startswith('{"version": 1')
    assert "damaged" in capsys.readouterr().err


def test_both_copies_corrupt_starts_afresh_without_deleting_anything(store):
    store.write_text("\x00\x00garbage")
    progress_store._backup(store).write_text("[]")
    assert progress_store.load() == progress_store.empty()
    progress_store.record_quiz("02-understanding-ssr", "x", True)
    assert progress_store.load()["quizzes"]["02-understanding-ssr"]["x"]["correct"] is True
    assert len(list(store.parent.glob("progress.json.corrupt-*"))) == 1


def test_a_failed_write_keeps_the_previous_file_whole(store, monkeypatch):
    progress_store.record_exercise("5.1", "correct")
    before = store.read_text()

    def crash(*args):
        raise KeyboardInterrupt  # as if the kernel were interrupted mid-write

    monkeypatch.setattr(progress_store.os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        progress_store.record_exercise("5.2", "correct")
    assert store.read_text() == before
    assert not [p for p in store.parent.iterdir() if p.suffix == ".tmp"]


WRITER = """
import sys
from peacekeeping_course import progress
from peacekeeping_course import store as progress_store
n = 0
while True:
    progress_store.record_quiz("01-peacekeeping-role", f"q{n % 500}", n % 2 == 0)
    if n == 0:
        print("writing", flush=True)
    n += 1
"""


def test_killing_a_writer_at_any_moment_never_corrupts_the_file(store):
    env = {**os.environ, progress_store.ENV_VAR: str(store)}
    for delay in (0.003, 0.011, 0.029, 0.047, 0.083, 0.131):
        writer = subprocess.Popen([sys.executable, "-c", WRITER], env=env, stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline() == "writing\n"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        data = json.loads(store.read_text())  # always a whole, valid file
        assert progress_store._valid(data) and data["quizzes"]["01-peacekeeping-role"]


def _write_many(path: str, worker: int) -> None:
    os.environ[progress_store.ENV_VAR] = path
    for n in range(20):
        progress_store.record_quiz(f"worker-{worker}", f"q{n}", True)


def test_concurrent_writers_lose_nothing(store):
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_many, args=(str(store), w)) for w in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    data = progress_store.load()
    assert all(len(data["quizzes"][f"worker-{w}"]) == 20 for w in range(4))


def test_an_unwritable_location_never_breaks_a_check(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(progress_store.ENV_VAR, str(blocker / "progress.json"))  # parent is a file
    monkeypatch.setattr(progress_store, "_notified", False)
    assert check("5.5", "c").correct
    assert check("5.5", "c").correct
    err = capsys.readouterr().err
    assert err.count("could not be saved") == 1 and "checked as usual" in err


def test_recording_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(progress_store.ENV_VAR, "off")
    assert progress_store.progress_path() is None and progress_store.record_exercise("5.5", "correct") is None
    assert "Recording is off" in progress.show()._repr_html_()


def test_in_the_browser_lab_my_progress_says_the_file_is_in_the_browser(monkeypatch):
    from pathlib import Path

    from peacekeeping_course.progress import ProgressReport, empty, summary

    drive = Path("/drive/.peacekeeping-course/progress.json")
    desktop = ProgressReport(summary(empty()), drive, empty())._repr_html_()
    assert "Saved in <code>/drive" in desktop and "browser" not in desktop.split("Saved in")[1][:80]
    monkeypatch.setattr("sys.platform", "emscripten")
    lab = ProgressReport(summary(empty()), drive, empty())._repr_html_()
    assert "Saved in this browser's storage" in lab and "site data" in lab
