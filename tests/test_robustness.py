"""Robustness faults of issue 13: the progress store touches only its own files and survives bad
entries; course-data faults are not blamed on the learner; feedback never echoes a huge answer;
`make bench` / `make outputs` never record progress; data embedded in pages survives any text."""

from __future__ import annotations

import ast
import dataclasses
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from peacekeeping_course import check, progress
from peacekeeping_course import store as progress_store
from check_cases import RIGHT
from peacekeeping_course.checks import CHECKS, FORM_OK, check_form, evaluate, excerpt, excerpts


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv(progress_store.ENV_VAR, str(path))
    monkeypatch.setattr(progress_store, "_notified", False)
    monkeypatch.setattr(progress_store, "_refused", {}, raising=False)
    return path


def _listing(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


# ---------------------------------------------------------------- 1. only its own files

def test_a_folder_is_never_moved_and_recording_stays_off(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"  # e.g. PEACEKEEPING_PROGRESS=$HOME by mistake
    (home / "notes").mkdir(parents=True)
    (home / "notes" / "notes.txt").write_text("my notes")
    (home / ".bashrc").write_text("export X=1\n")
    before = _listing(tmp_path)
    monkeypatch.setenv(progress_store.ENV_VAR, str(home))
    monkeypatch.setattr(progress_store, "_notified", False)
    monkeypatch.setattr(progress_store, "_refused", {}, raising=False)

    assert check("5.5", "c").correct
    assert check("5.5", "c").correct  # checks go on working
    progress_store.record_quiz("05-unmil-liberia", "people-not-weapons", True)
    assert progress_store.learner_seed() == ""
    assert _listing(tmp_path) == before, "nothing may be moved, written or created"
    err = capsys.readouterr().err
    assert err.count("Note:") == 1, err
    assert f"{progress_store.ENV_VAR} points to a folder" in err and str(home / "progress.json") in err
    assert "restored" not in err and "Traceback" not in err
    assert progress_store.load() == progress_store.empty()
    assert "Recording is off" in progress.show()._repr_html_()


@pytest.mark.parametrize("name, content", [
    ("notes.txt", b"My notes on chapter 5.\n"),
    ("notes.txt", b""),
    ("package.json", b'{"name": "tool", "version": "1.0.0"}'),
    ("progress.json", b"[1, 2, 3]"),
    ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\xff"),
    ("progress.json", b'{"version": 2, "quizzes": {}, "exercises": {}}'),  # a newer course
], ids=["notes", "empty-notes", "other-json", "json-list", "binary", "newer-version"])
def test_a_file_that_is_not_ours_is_left_exactly_as_it_is(tmp_path, monkeypatch, capsys, name, content):
    target = tmp_path / name
    target.write_bytes(content)
    before = _listing(tmp_path)
    monkeypatch.setenv(progress_store.ENV_VAR, str(target))
    monkeypatch.setattr(progress_store, "_notified", False)
    monkeypatch.setattr(progress_store, "_refused", {}, raising=False)

    assert check("5.5", "c").correct
    assert check("5.1", "not the answer").status in ("incorrect", "invalid")
    assert progress.show()._repr_html_()
    assert _listing(tmp_path) == before, "nothing may be moved, written or created"
    err = capsys.readouterr().err
    assert err.count("Note:") == 1 and "left as it is" in err and "not being recorded" in err, err
    assert "restored" not in err and "Traceback" not in err


@pytest.mark.parametrize("name, content", [
    ("progress.json", '{"version": 1, "quizzes": {"01-pea'),    # cut short
    ("progress.json", "\x00\x00\x00"),                          # a disk error
    ("my-progress", '{\n "exercises": {\n  "5.1": {'),            # our own output, cut short
    ("notes.txt", '{"version": 1, "quizzes": [], "exercises": {}}'),  # our keys, wrong shape
], ids=["truncated", "zeros", "ours-by-content", "ours-by-keys"])
def test_a_damaged_file_of_ours_is_set_aside_and_progress_starts_afresh(tmp_path, monkeypatch, capsys,
                                                                         name, content):
    target = tmp_path / name
    target.write_text(content)
    monkeypatch.setenv(progress_store.ENV_VAR, str(target))
    monkeypatch.setattr(progress_store, "_notified", False)
    monkeypatch.setattr(progress_store, "_refused", {}, raising=False)

    assert check("5.5", "c").correct
    kept = list(tmp_path.glob(f"{name}.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text() == content
    assert progress_store.load()["exercises"]["5.5"]["ever_correct"] is True
    err = capsys.readouterr().err
    assert "restored" not in err, "no backup was restored"
    assert "starts afresh" in err and str(kept[0]) in err


def test_restored_is_said_only_when_the_backup_was_restored(store, capsys):
    progress_store.record_exercise("5.1", "correct")
    progress_store.record_exercise("5.2", "correct")  # the backup holds 5.1
    store.write_text('{"version": 1, "quizzes": {"01-pea')
    assert progress_store.load()["exercises"]["5.1"]["ever_correct"] is True
    err = capsys.readouterr().err
    assert "restored from the last good copy" in err and "starts afresh" not in err


def test_a_damaged_file_that_cannot_be_set_aside_is_never_written_over(store, monkeypatch, capsys):
    store.write_text('{"version": 1, "quizzes": {"01-pea')
    real_replace = progress_store.os.replace

    def no_set_aside(src, dst):
        if ".corrupt-" in str(dst):
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(progress_store.os, "replace", no_set_aside)
    assert check("5.5", "c").correct
    assert store.read_text() == '{"version": 1, "quizzes": {"01-pea'
    assert "left as it is" in capsys.readouterr().err


# ---------------------------------------------------------------- 2. a bad entry inside a valid file

BAD_ENTRIES = {
    "version": 1,
    "quizzes": {
        "05-unmil-liberia": {
            "people-not-weapons": {"attempts": 2},                       # fields missing
            "good": {"correct": True, "attempts": 1, "first_try_correct": True, "updated": "2026-01-01"},
        },
        "01-peacekeeping-role": "lost",                                   # not an object
    },
    "exercises": {
        "5.1": {"status": "incorrect", "attempts": "many", "ever_correct": False},
        "5.2": "solved",                                                  # not an object
        "5.3": {"status": "correct", "attempts": 3, "ever_correct": True, "updated": "2026-01-01"},
    },
    "learner": {"seed": "abc"},
}


def test_a_bad_entry_is_repaired_or_dropped_and_the_rest_kept(store, capsys):
    store.write_text(json.dumps(BAD_ENTRIES))
    check("5.1", "not the answer")
    check("5.2", "not the answer")
    progress_store.record_quiz("05-unmil-liberia", "people-not-weapons", True)
    data = json.loads(store.read_text())
    assert data["exercises"]["5.1"]["attempts"] == 2          # repaired to 1, then one more
    assert data["exercises"]["5.2"]["attempts"] == 1          # dropped, then recorded afresh
    assert data["exercises"]["5.3"] == BAD_ENTRIES["exercises"]["5.3"]
    assert data["quizzes"]["05-unmil-liberia"]["good"] == BAD_ENTRIES["quizzes"]["05-unmil-liberia"]["good"]
    assert data["quizzes"]["05-unmil-liberia"]["people-not-weapons"]["correct"] is True
    assert data["learner"] == {"seed": "abc"}
    assert not list(store.parent.glob("*.corrupt-*")), "the whole file must not be set aside"
    err = capsys.readouterr().err
    assert "AttributeError" not in err and "could not be saved" not in err and "Traceback" not in err
    notes = [line for line in err.splitlines() if line.startswith("Note:")]
    assert len(notes) == 1 and "repaired" in notes[0] and "everything else was kept" in notes[0]


def test_the_progress_views_survive_bad_entries(store):
    store.write_text(json.dumps(BAD_ENTRIES))
    data = progress_store.load()
    assert data["exercises"]["5.3"]["ever_correct"] is True and "5.2" not in data["exercises"]
    report = progress.show()
    assert "My progress" in repr(report) and "5.1" in report._repr_html_()
    row = next(r for r in progress.summary() if r.chapter == "05")
    assert row.exercises_correct == 1
    raw = {**BAD_ENTRIES, "quizzes": {"05-unmil-liberia": ["x"]}, "exercises": {"5.3": "x"},
           "exams": {"final": [{"score": "many"}, "x"]}}
    assert progress.summary(raw)  # a raw, unrepaired dict does not break the view either
    assert "Record of self-study" in repr(progress.CompletionRecord("A. Learner", data=raw))
    assert "not taken yet" in progress.exam_line("final", raw)


# ---------------------------------------------------------------- 3. course-data faults

@pytest.fixture
def course_data(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the checks read instead of the real one."""
    from peacekeeping_course import datasets

    copy = tmp_path / "data"
    shutil.copytree(datasets.DATA_DIR, copy)
    monkeypatch.setattr(datasets, "DATA_DIR", copy)
    return copy


@pytest.mark.parametrize("damage", ["column-missing", "file-missing", "not-csv"])
def test_a_course_data_fault_is_not_blamed_on_the_answer(course_data, store, damage):
    table = course_data / "un_peacekeeping_operations.csv"
    if damage == "column-missing":
        table.write_text("acronym,name\nUNMIL,Liberia\n")
    elif damage == "file-missing":
        table.unlink()
    else:
        table.write_bytes(b"\xff\xfe\x00garbage")
    result = evaluate("1.2", 12)  # the right answer
    assert result.status == "unchecked", result.message
    assert "un_peacekeeping_operations.csv" in result.message
    assert "not with your answer" in result.message
    assert "git checkout -- data/un_peacekeeping_operations.csv" in result.message
    assert "DataError" not in result.message and "form the exercise asks for" not in result.message
    assert repr(result).startswith("🛠️ Exercise 1.2:") and "Traceback" not in repr(result)
    assert check("1.2", 12).status == "unchecked"
    assert not store.exists(), "a course fault is not the learner's attempt: nothing is recorded"
    assert check_form("1.2", 12).message == result.message  # not the neutral "answered" reply


def test_a_missing_course_file_is_a_course_fault_and_other_errors_are_not(monkeypatch):
    from peacekeeping_course.datasets import DATA_DIR

    def missing_course_file(answer):
        raise FileNotFoundError(2, "No such file or directory", str(DATA_DIR / "extra_table.csv"))

    monkeypatch.setitem(CHECKS, "1.2", missing_course_file)
    result = evaluate("1.2", 12)
    assert result.status == "unchecked" and "git checkout -- data/extra_table.csv" in result.message

    def missing_other_file(answer):
        raise FileNotFoundError(2, "No such file or directory", "/nowhere/answer.csv")

    monkeypatch.setitem(CHECKS, "1.2", missing_other_file)
    assert evaluate("1.2", 12).status == "invalid"

    def broken_answer(answer):
        raise TypeError("unsupported operand")

    monkeypatch.setitem(CHECKS, "1.2", broken_answer)
    result = evaluate("1.2", 12)
    assert result.status == "invalid" and "form the exercise asks for" in result.message


# ---------------------------------------------------------------- 4. feedback never echoes a huge answer

BIG = "x" * 1_000_000
HUGE = {
    "1MB-string": BIG,
    "10k-list": list(range(10_000)),
    "10k-strings": ["zz"] * 10_000,
    "two-1MB-items": [BIG, BIG],
    "1MB-key": {BIG: "a"},
    "10k-keys": {f"K{i}": "a" for i in range(10_000)},
    "1MB-value": {"UN OIOS": BIG},  # a known key of 9.1, an unknown one elsewhere
}
LIMIT = 2_000
# ch09.py is being edited by another helper: its quoting sites get `excerpt` there ("ch09 pending").
CH09_PENDING: set[tuple[str, str]] = set()  # exercises whose feedback still quotes whole answers


def _cases():
    for exercise in sorted(CHECKS, key=lambda e: [int(p) for p in e.split(".")]):
        for kind in HUGE:
            marks = [pytest.mark.xfail(reason="ch09 pending", strict=False)] if (exercise, kind) in CH09_PENDING else []
            yield pytest.param(exercise, kind, id=f"{exercise}-{kind}", marks=marks)


@pytest.mark.parametrize("exercise, kind", list(_cases()))
def test_feedback_never_echoes_a_huge_answer(exercise, kind):
    result = evaluate(exercise, HUGE[kind])
    assert len(result.message) < LIMIT, result.message[:300]


def _solution(exercise: str):
    """The value the exercise's solution cell assigns last (in exercises/solutions)."""
    import nbformat

    from peacekeeping_course.course import chapter as course_chapter

    path = course_chapter(int(exercise.split('.')[0])).source
    cell = next(c for c in nbformat.read(path, as_version=4).cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "answer-" + exercise.replace(".", "-"))
    values = []
    for node in ast.walk(ast.parse(cell.source)):
        if isinstance(node, ast.Assign):
            try:
                values.append(ast.literal_eval(node.value))
            except ValueError:
                pass
    return values[-1] if values else None


def _one_part_huge(value):
    """The solution with one part made huge: each value of a dictionary or item of a list in turn."""
    if isinstance(value, dict):
        for key in value:
            yield {**value, key: BIG}
            yield {**value, key: value[key] + BIG if isinstance(value[key], str) else list(range(10_000))}
    elif isinstance(value, (list, tuple)):
        for i in range(len(value)):
            yield type(value)([*value[:i], BIG, *value[i + 1:]])
            yield type(value)([*value[:i], f"{value[i]}{BIG}", *value[i + 1:]])
    elif isinstance(value, str):
        yield value + BIG


@pytest.mark.parametrize("exercise", sorted(CHECKS, key=lambda e: [int(p) for p in e.split(".")]))
def test_feedback_never_echoes_a_huge_part_of_an_answer(exercise):
    sizes = [len(evaluate(exercise, answer).message) for answer in _one_part_huge(_solution(exercise))]
    assert all(size < LIMIT for size in sizes), sizes


def test_excerpt_is_short_and_never_raises():
    assert excerpt("abc") == "'abc'" and excerpt("abc", quote=False) == "abc"
    assert len(excerpt(BIG)) == 80 and excerpt(BIG).endswith("…")
    assert len(excerpt([BIG] * 10_000)) <= 80 and len(excerpt({BIG: BIG})) <= 80
    assert excerpt(10 ** 5000) == "<int>"  # too long to print: no ValueError
    assert excerpts(["A", "B"]) == "A, B"
    many = excerpts(f"K{i}" for i in range(10_000))
    assert len(many) < 120 and many.endswith("(10,000 in all)")


# ---------------------------------------------------------------- 5. make bench / make outputs record nothing

class _FakeClient:
    calls: list[dict] = []

    def __init__(self, nb, **kwargs):
        pass

    def execute(self, **kwargs):
        _FakeClient.calls.append(kwargs)


@pytest.mark.parametrize("runner", ["bench", "outputs"])
def test_notebooks_run_by_bench_and_outputs_have_recording_off(runner, tmp_path, monkeypatch):
    from peacekeeping_course import bench, notebooks

    monkeypatch.setenv(progress_store.ENV_VAR, str(tmp_path / "progress.json"))  # a developer's real setting
    monkeypatch.setattr(notebooks, "NotebookClient", _FakeClient)
    monkeypatch.setattr(_FakeClient, "calls", [])
    path = next((Path(notebooks.REPO_ROOT) / "exercises" / "solutions").glob("*.ipynb"))
    if runner == "bench":
        bench.run_notebook(path)
    else:
        notebooks.run(path)
    (call,) = _FakeClient.calls
    assert call["env"][progress_store.ENV_VAR] == "off"
    assert call["env"]["PATH"] == __import__("os").environ["PATH"]  # the rest of the environment is kept


# ---------------------------------------------------------------- 6. data embedded in pages

NASTY = 'Read <!--<script> and </script><script>alert(1)</script> & "quotes" \u2028 end'


class _ScriptData(HTMLParser):
    """Reads the JSON data blocks of a page as a browser does (a <script> ends at the first </script>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and ("type", "application/json") in attrs
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def _data_blocks(page: str) -> list:
    parser = _ScriptData()
    parser.feed(page)
    parser.close()
    assert page.count("<script") == page.count("</script>") == len(parser.blocks)
    return [json.loads(block) for block in parser.blocks]


def test_quiz_feedback_survives_the_page_round_trip():
    from peacekeeping_course.quiz import parse_bank, render_html

    raw = {"chapter": "99", "title": "Test", "questions": [
        {"id": "a", "type": "single", "level": "apply", "prompt": "Pick one.", "objectives": [1],
         "options": [{"text": "Right", "correct": True, "feedback": NASTY},
                     {"text": "Wrong", "correct": False, "feedback": "No."}]}]}
    (data,) = _data_blocks(render_html(parse_bank(raw, Path("99-test.yml"))))
    assert data["questions"][0]["options"][0]["feedback"] == NASTY


def test_exam_feedback_survives_the_page_round_trip():
    from peacekeeping_course.exam import key_script, render_exam_html
    from peacekeeping_course.quiz import load_exam

    bank = load_exam("final")
    first = next(i for i, q in enumerate(bank.questions) if q.options)
    q = bank.questions[first]
    nasty_q = dataclasses.replace(q, options=tuple(dataclasses.replace(o, feedback=NASTY) for o in q.options))
    bank = dataclasses.replace(bank, questions=(*bank.questions[:first], nasty_q, *bank.questions[first + 1:]))
    (data,) = _data_blocks(render_exam_html(bank))
    assert data["questions"][first] == {"id": q.id, "chapter": q.chapter}  # no key in the page
    # the marking data is a script of its own, loaded by <script src> (no HTML parsing): valid JSON
    # assigned to window.pkExamKeys, with every character outside ASCII escaped (U+2028 too)
    name, script = key_script(bank)
    assert data["key"] == f"_static/{name}" and script.isascii()
    head, assignment = script.rstrip("\n").split("\n")
    assert head == "window.pkExamKeys = window.pkExamKeys || {};"
    prefix = 'window.pkExamKeys["final"] = '
    assert assignment.startswith(prefix) and assignment.endswith(";")
    key = json.loads(assignment[len(prefix):-1])
    assert {o["feedback"] for o in key[first]["options"]} == {NASTY}


def test_progress_outline_survives_the_page_round_trip(monkeypatch):
    from peacekeeping_course import sphinx_ext

    monkeypatch.setattr(sphinx_ext, "course_outline", lambda: [("01", "01-test", NASTY, ["q"], ["1.1"])])
    env = SimpleNamespace(docname="book/my-progress", note_dependency=lambda path: None,
                          app=SimpleNamespace(builder=SimpleNamespace(get_relative_uri=lambda a, b: b + ".html")))
    page = f'<script type="application/json" class="pk-progress-outline">{sphinx_ext._outline_json(env)}</script>'
    (data,) = _data_blocks(page)
    assert data["chapters"][0]["title"] == NASTY


HUGE_OR_ODD_NUMBERS = [10**400, -10**400, 10**12, -1, 16112, float("nan"), float("inf"), "9" * 400]


def _with_each_value_replaced(answer):
    """The model answer with one of its values (or the whole answer) replaced by each odd number."""
    if isinstance(answer, (list, tuple)):
        for i in range(len(answer)):
            for odd in HUGE_OR_ODD_NUMBERS:
                changed = list(answer)
                changed[i] = odd
                yield type(answer)(changed) if isinstance(answer, tuple) else changed
    elif isinstance(answer, dict):
        for key in answer:
            for odd in HUGE_OR_ODD_NUMBERS:
                yield {**answer, key: odd}
    else:
        yield from HUGE_OR_ODD_NUMBERS


@pytest.mark.parametrize("exercise", sorted(RIGHT, key=lambda e: tuple(map(int, e.split(".")))))
def test_an_odd_number_in_an_answer_gets_a_plain_message_not_a_python_error(exercise):
    """A year of 16112, an int too large for a float (10**400), nan or inf: the learner is told what to
    give, never "could not be checked (OverflowError)"."""
    for answer in _with_each_value_replaced(RIGHT[exercise]):
        feedback = evaluate(exercise, answer)
        assert "could not be checked (" not in feedback.message, (answer, feedback.message)
