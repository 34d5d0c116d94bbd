"""The syllabus's table of sessions, made at build time from the session plans, so that adding a session
(or a chapter) needs no edit of `book/instructors/syllabus.md`.

Each session plan `book/instructors/session-NN.md` starts with a front-matter block that holds its row:

    ---
    syllabus:
      pre-work: >-
        Chapter 5; notebook `05-unmil-liberia` (the longest so far)
      in-class focus: >-
        People or weapons in disarmament; rebuilding the army and the police; ...
      assessment: >-
        Chapter quiz; exercises 5.1–5.6
      also: [capstone]      # optional: other pages of book/instructors/ for the Chapter(s) column
    ---

The three texts are MyST Markdown, written as they appear in the table (links are relative to the
syllabus page); `>-` lets a text run over several lines and needs no quoting. The Session and
Chapter(s) columns come from the plan itself: its file name, and the chapters its title names
("(chapter 5)", "(chapters 0–1)", read by `course.session_map`). Sphinx keeps front matter out of the
page, so the session plan looks as before.

The syllabus shows the table with the directive

    ```{syllabus-table}
    ```

registered by `setup` below (listed under `sphinx.extra_extensions` in `_config.yml`).
`python -m peacekeeping_course.syllabus` prints the table's Markdown.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import course
from .paths import BOOK_DIR, INSTRUCTOR_DIR, REPO_ROOT, TOC

KEY = "syllabus"
FIELDS = ("pre-work", "in-class focus", "assessment")
OPTIONAL = ("also",)
HEADER = ("| Session | Chapter(s) | Pre-work: reading and notebook | In-class focus | Assessment |\n"
          "|---|---|---|---|---|")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)


class SyllabusError(ValueError):
    """A session plan's `syllabus:` block is missing or malformed."""


@dataclass(frozen=True)
class Row:
    session: int
    chapters: tuple[str, ...]  # docnames relative to book/instructors/, e.g. "../05-unmil-liberia"
    pre_work: str
    focus: str
    assessment: str

    def markdown(self) -> str:
        cells = [f"{{doc}}`session-{self.session:02d}`", ", ".join(f"{{doc}}`{d}`" for d in self.chapters),
                 self.pre_work, self.focus, self.assessment]
        return "| " + " | ".join(cells) + " |"


def front_matter(text: str) -> dict:
    """The YAML front matter at the top of a page ({} if it has none)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    data = yaml.safe_load(match.group(1))
    return data if isinstance(data, dict) else {}


def _reading(chapter: int) -> str:
    """'../05-unmil-liberia' for chapter 5 (chapter 0 is the course guide, 00-how-to-use)."""
    found = sorted(BOOK_DIR.glob(f"{chapter:02d}-*.md"))
    if not found:
        raise SyllabusError(f"there is no reading book/{chapter:02d}-*.md for chapter {chapter}")
    return f"../{found[0].stem}"


def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SyllabusError(f"{where} must be a non-empty text")
    text = " ".join(value.split())
    if "|" in text:
        raise SyllabusError(f"{where} must not contain '|' (it would split the table's cell)")
    return text


def _name(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def row(number: int, path: Path, chapters: tuple[int, ...]) -> Row:
    """A session plan's row; raises SyllabusError, naming the file, if its block is wrong."""
    name = _name(path)
    try:
        data = front_matter(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise SyllabusError(f"{name}: the front matter is not valid YAML: {err}") from None
    block = data.get(KEY)
    if not isinstance(block, dict):
        raise SyllabusError(f"{name}: no `{KEY}:` block in the front matter at the top of the file (it holds the "
                            f"session's row of the syllabus: {', '.join(FIELDS)}; see peacekeeping_course/syllabus.py)")
    unknown = sorted(set(block) - set(FIELDS) - set(OPTIONAL))
    missing = [f for f in FIELDS if f not in block]
    if unknown or missing:
        problems = ([f"has no {', '.join(missing)}"] if missing else []) + (
            [f"has unknown key(s) {unknown}"] if unknown else [])
        raise SyllabusError(f"{name}: `{KEY}:` {'; '.join(problems)} (expected {', '.join(FIELDS)}, and "
                            f"optionally {', '.join(OPTIONAL)})")
    also = block.get("also", [])
    if not isinstance(also, list) or not all(isinstance(d, str) for d in also):
        raise SyllabusError(f"{name}: `{KEY}: also` must be a list of page names, e.g. [capstone]")
    for doc in also:
        if not (INSTRUCTOR_DIR / f"{doc}.md").is_file():
            raise SyllabusError(f"{name}: `{KEY}: also` names {doc!r}, but book/instructors/{doc}.md does not exist")
    return Row(number, tuple(_reading(c) for c in chapters) + tuple(also),
               *(_text(block[f], f"{name}: `{KEY}: {f}`") for f in FIELDS))


def rows() -> list[Row]:
    """Every session's row, in session order."""
    taught = course.session_map()
    result = []
    for number, path in course.session_plans().items():
        if number not in taught:
            raise SyllabusError(f"{_name(path)}: the title does not name its chapters, e.g. "
                                "'(chapter 5)' or '(chapters 0–1)'")
        result.append(row(number, path, taught[number]))
    return result


def table_markdown() -> str:
    """The table of sessions as MyST Markdown."""
    return "\n".join([HEADER, *(r.markdown() for r in rows())])


def dependencies() -> list[Path]:
    """The files the table is made from (the build redoes the syllabus when one changes)."""
    return [*course.session_plans().values(), *sorted(BOOK_DIR.glob("[0-9][0-9]-*.md")), TOC]


# ---------------------------------------------------------------- Sphinx

def _directive():
    from docutils import nodes
    from docutils.parsers.rst import Directive
    from docutils.statemachine import StringList

    class SyllabusTableDirective(Directive):
        """``{syllabus-table}``: the syllabus's table of sessions, from the session plans' front matter."""

        has_content = False

        def run(self):
            env = self.state.document.settings.env
            for path in dependencies():
                if path.exists():
                    env.note_dependency(str(path))
            try:
                text = table_markdown()
            except SyllabusError as err:
                raise self.error(f"syllabus-table: {err}")
            container = nodes.container()
            self.state.nested_parse(StringList(text.splitlines(), source=env.doc2path(env.docname)),
                                    self.content_offset, container)
            return container.children

    return SyllabusTableDirective


def setup(app):
    app.add_directive("syllabus-table", _directive())
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}


def main() -> int:
    try:
        print(table_markdown())
    except SyllabusError as err:
        print(f"syllabus: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
