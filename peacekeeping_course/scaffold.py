"""Start a new chapter from templates.

    python -m peacekeeping_course.scaffold --number 14 --slug new-topic --title "New topic"
    make chapter N=14 SLUG=new-topic TITLE="New topic"

creates, from the plain-text templates in `peacekeeping_course/templates/chapter/` (`{number}`, `{nn}`,
`{slug}`, `{title}`, `{title_lower}` and `{session}` are filled in; every other brace is left alone):

- `book/NN-slug.md`, the reading (`reading.md`): title, learning objectives, sections, summary,
  discussion questions, further reading and the `{quiz}` block;
- `book/references-NN.bib`, the chapter's bibliography (`references.bib`): no entries yet, only a
  commented example;
- `notebooks/NN-slug.ipynb`, the lesson notebook (`lesson.ipynb`): a title, a setup cell, the quiz cell;
- `exercises/solutions/NN-slug.ipynb`, the exercises with solutions (`solutions.ipynb`): one placeholder
  matching exercise N.1 (nbgrader answer cell, objective 1, a check cell, and its content check as data
  in a raw cell tagged `check-spec`);
- `book/quizzes/NN-slug.yml`, the quiz bank (`quiz.yml`): three placeholder questions on objectives 1-3;
- `book/instructors/session-SS.md`, a session plan (`session.md`) for the next free session number,
  titled "(chapter N)" so that the catalogue finds it, with the `syllabus:` front matter from which the
  syllabus's table of sessions is made (`syllabus.py`);

adds the chapter's part (reading, lesson, exercises) and the session plan to `_toc.yml` and the
bibliography to `bibtex_bibfiles` in `_config.yml`, writes the check spec file and the student and nbgrader
versions (`release`),
puts the time line under the titles of the reading and the lesson and in the syllabus (`timing`), and runs
the two notebooks so that their stored outputs are current (unless `--no-execute`). Every placeholder
says TODO, and `tests/test_book.py` fails while one is left in a page, notebook or YAML file, so a
half-written chapter cannot slip into a release.

It never overwrites: if any file it would create exists, or the course already has a chapter with that
number or slug, or `_config.yml` already lists the bibliography, it stops before writing anything (exit
status 2). If a later step fails, it removes what it created and restores `_toc.yml`, `_config.yml` and the
syllabus (exit status 1).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import course, notebooks, release, timing
from .paths import (BANK_DIR, BOOK_DIR, CONFIG, EXERCISE_DIR, INSTRUCTOR_DIR, NBGRADER_DIR, NOTEBOOK_DIR,
                    REPO_ROOT, SOLUTION_DIR, TOC)

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "chapter"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACEHOLDER = re.compile(r"\{(number|nn|slug|title|title_lower|session)\}")


class Refused(Exception):
    """The scaffold would overwrite something, or its arguments are wrong (exit status 2)."""


@dataclass(frozen=True)
class Plan:
    number: int
    slug: str  # "14-new-topic"
    title: str
    session: int

    @property
    def values(self) -> dict[str, str]:
        lower = self.title if self.title[1:2].isupper() else self.title[:1].lower() + self.title[1:]
        return {"number": str(self.number), "nn": f"{self.number:02d}", "slug": self.slug, "title": self.title,
                "title_lower": lower, "session": f"{self.session:02d}"}

    def files(self) -> dict[Path, str]:
        """Every file the scaffold writes from a template -> the template's name."""
        return {
            BOOK_DIR / f"{self.slug}.md": "reading.md",
            self.bibliography: "references.bib",
            NOTEBOOK_DIR / f"{self.slug}.ipynb": "lesson.ipynb",
            SOLUTION_DIR / f"{self.slug}.ipynb": "solutions.ipynb",
            BANK_DIR / f"{self.slug}.yml": "quiz.yml",
            INSTRUCTOR_DIR / f"session-{self.session:02d}.md": "session.md",
        }

    @property
    def bibliography(self) -> Path:
        return BOOK_DIR / f"references-{self.number:02d}.bib"

    def generated(self) -> list[Path]:
        """The files `release` makes from the new chapter's exercises."""
        return [EXERCISE_DIR / "checks" / f"{self.slug}.yml", EXERCISE_DIR / f"{self.slug}.ipynb",
                NBGRADER_DIR / "source" / self.slug / f"{self.slug}.ipynb"]


def render(template: str, values: dict[str, str], kind: str) -> str:
    """The template with its placeholders filled in. In a notebook (JSON) or a quiz bank (YAML, where the
    title sits in double quotes) the values are escaped as JSON string contents; in a bibliography (where
    the title sits in a comment) an "@" is written "(at)"."""
    escape = (lambda v: json.dumps(v, ensure_ascii=False)[1:-1]) if kind in (".ipynb", ".yml") else (
        (lambda v: v.replace("@", "(at)")) if kind == ".bib" else (lambda v: v))  # "@" would start a BibTeX entry
    return PLACEHOLDER.sub(lambda m: escape(values[m.group(1)]), template)


def next_session() -> int:
    return max(course.session_plans(), default=0) + 1


def _rel(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))


def plan(number: int, slug: str, title: str) -> Plan:
    """Check the arguments and that nothing would be overwritten; raise Refused otherwise."""
    if not 1 <= number <= 99:
        raise Refused(f"--number must be a chapter number from 1 to 99, not {number}.")
    if not SLUG.match(slug) or re.match(r"^\d\d-", slug):
        raise Refused(f"--slug must be lowercase words joined by hyphens, without the number (e.g. new-topic), "
                      f"not {slug!r}.")
    title = " ".join(title.split())
    if not title:
        raise Refused("--title must not be empty.")
    p = Plan(number, f"{number:02d}-{slug}", title, next_session())
    problems = [f"{_rel(path)} already exists" for path in [*p.files(), *p.generated()] if path.exists()]
    problems += [f"{_rel(path)} already uses chapter number {number}"
                 for path in sorted(BOOK_DIR.glob(f"{number:02d}-*.md")) if path.stem != p.slug]
    toc = TOC.read_text(encoding="utf-8")
    if re.search(rf"\b(?:book|notebooks|exercises/solutions)/{re.escape(p.slug)}\b", toc):
        problems.append(f"_toc.yml already lists {p.slug}")
    if _rel(p.bibliography) in (yaml.safe_load(CONFIG.read_text(encoding="utf-8")) or {}).get("bibtex_bibfiles", []):
        problems.append(f"_config.yml already lists {_rel(p.bibliography)} under bibtex_bibfiles")
    if problems:
        raise Refused("The scaffold writes only new files, and nothing was written:\n  - " + "\n  - ".join(problems)
                      + "\nChoose another number or slug, or remove these files first.")
    return p


# ---------------------------------------------------------------- _toc.yml

def toc_with_chapter(text: str, p: Plan) -> str:
    """`_toc.yml` with a part for the chapter after the last chapter's part, and the session plan after
    the last session plan. Edited as text, so that comments and quoting stay as they are."""
    toc = yaml.safe_load(text)
    parts = toc.get("parts", [])
    last = max((i for i, part in enumerate(parts)
                if any(re.match(r"^book/\d\d-", c.get("file", "")) for c in part.get("chapters", []))), default=None)
    if last is None:
        raise ValueError("_toc.yml has no chapter part to put the new chapter after")
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"^  - caption:", line)]
    if len(starts) != len(parts):
        raise ValueError("_toc.yml: cannot find every part's `  - caption:` line")
    end = starts[last + 1] if last + 1 < len(starts) else len(lines)
    while end > starts[last] and not lines[end - 1].strip():
        end -= 1
    caption = json.dumps(f"Chapter {p.number} · {p.title}", ensure_ascii=False)
    block = [f"  - caption: {caption}\n", "    chapters:\n"] + [
        f"      - file: {folder}/{p.slug}\n" for folder in ("book", "notebooks", "exercises/solutions")]
    lines[end:end] = block
    sessions = [i for i, line in enumerate(lines) if re.match(r"^\s*- file: book/instructors/session-\d\d\s*$", line)]
    if sessions:
        at = sessions[-1]
        indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
        lines.insert(at + 1, f"{indent}- file: book/instructors/session-{p.session:02d}\n")
    new = "".join(lines)
    listed = {c["file"] for part in yaml.safe_load(new)["parts"] for c in part.get("chapters", [])}
    if not {f"book/{p.slug}", f"notebooks/{p.slug}", f"exercises/solutions/{p.slug}"} <= listed:
        raise ValueError("_toc.yml: the new part did not come out as expected")
    return new


# ---------------------------------------------------------------- _config.yml

BIB_NUMBER = re.compile(r"book/references(?:-(\d\d))?\.bib$")


def config_with_bibliography(text: str, p: Plan) -> str:
    """`_config.yml` with the chapter's bibliography in `bibtex_bibfiles`, after the last chapter
    bibliography with a lower number (`book/references.bib` counts as chapter 1). Edited as text, so that
    comments and the order of the other settings stay as they are."""
    name = _rel(p.bibliography)
    before = (yaml.safe_load(text) or {}).get("bibtex_bibfiles")
    if not isinstance(before, list):
        raise ValueError("_config.yml: bibtex_bibfiles is not a list")
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^bibtex_bibfiles:\s*$", line)), None)
    if start is None:
        raise ValueError("_config.yml: cannot find the `bibtex_bibfiles:` line")
    items = []
    for i in range(start + 1, len(lines)):
        match = re.match(r"^(\s+)- (\S+)\s*$", lines[i])
        if not match:
            break
        items.append((i, match.group(1), match.group(2)))
    if not items:
        raise ValueError("_config.yml: bibtex_bibfiles has no `  - file` lines")
    lower = [i for i, _, file in items if (m := BIB_NUMBER.search(file)) and int(m.group(1) or 1) < p.number]
    at = (lower[-1] if lower else items[0][0] - 1) + 1
    lines.insert(at, f"{items[0][1]}- {name}\n")
    new = "".join(lines)
    after = yaml.safe_load(new).get("bibtex_bibfiles")
    if sorted(after) != sorted([*before, name]):
        raise ValueError("_config.yml: bibtex_bibfiles did not come out as expected")
    return new


# ---------------------------------------------------------------- the steps

def create(p: Plan, execute: bool = True, log=print) -> list[Path]:
    """Write the chapter's files, edit _toc.yml and _config.yml, release, time lines, run the notebooks.
    Returns the files written from templates. On failure, removes everything it created and restores
    _toc.yml, _config.yml and the syllabus."""
    created: list[Path] = []
    toc_before = TOC.read_text(encoding="utf-8")
    config_before = CONFIG.read_text(encoding="utf-8")
    syllabus_before = timing.SYLLABUS.read_text(encoding="utf-8")
    try:
        for path, template in p.files().items():
            text = render((TEMPLATE_DIR / template).read_text(encoding="utf-8"), p.values, path.suffix)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
                f.write(text)
            created.append(path)
        TOC.write_text(toc_with_chapter(toc_before, p), encoding="utf-8")
        CONFIG.write_text(config_with_bibliography(config_before, p), encoding="utf-8")
        created += [path for path in p.generated() if not path.exists()]
        for name in release.generate():
            log(f"release: wrote {name}")
        # the Time lines of the new reading and lesson, and the syllabus's table of times
        for name in timing.stale(write=True):
            log(f"timing: wrote {name}")
        lesson_path = NOTEBOOK_DIR / f"{p.slug}.ipynb"
        if execute:
            for path in (lesson_path, SOLUTION_DIR / f"{p.slug}.ipynb"):
                log(f"running {_rel(path)}")
                notebooks.execute(path)
            release.generate()  # the stored outputs never reach the generated versions; this only confirms it
    except BaseException:
        for path in reversed(created):
            path.unlink(missing_ok=True)
        folder = NBGRADER_DIR / "source" / p.slug
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        TOC.write_text(toc_before, encoding="utf-8")
        CONFIG.write_text(config_before, encoding="utf-8")
        timing.SYLLABUS.write_text(syllabus_before, encoding="utf-8")
        raise
    return created[:len(p.files())]


def to_do(p: Plan) -> list[str]:
    n, s = p.number, p.slug
    return [
        f"book/{s}.md: the reading (objectives, sections, summary, discussion questions, further reading)",
        f"book/references-{n:02d}.bib: the chapter's sources (keys start c{n:02d}-)",
        f"notebooks/{s}.ipynb: the lesson (the data it loads, the steps, the summary)",
        f"exercises/solutions/{s}.ipynb: the exercises {n}.1, {n}.2, ... with their solutions (at least three), "
        f"and for each matching, select, ordering or written task its check as data in a raw cell tagged "
        f"check-spec (data checks go in peacekeeping_course/checks/ch{n:02d}.py)",
        f"book/quizzes/{s}.yml: the quiz questions",
        f"book/instructors/session-{p.session:02d}.md: the session plan, and at its top the session's row of "
        f"the syllabus (pre-work, in-class focus, assessment)",
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Create a new chapter's files from templates.")
    parser.add_argument("--number", type=int, required=True, help="the chapter number, e.g. 14")
    parser.add_argument("--slug", required=True, help="lowercase words joined by hyphens, e.g. new-topic")
    parser.add_argument("--title", required=True, help='the chapter title, e.g. "New topic"')
    parser.add_argument("--no-execute", action="store_true",
                        help="do not run the new notebooks (their stored outputs stay empty until `make outputs`)")
    args = parser.parse_args(argv)
    try:
        p = plan(args.number, args.slug, args.title)
    except Refused as err:
        print(f"scaffold: {err}", file=sys.stderr)
        return 2
    try:
        created = create(p, execute=not args.no_execute)
    except Exception as err:  # the files are removed again; say why
        print(f"scaffold: stopped, and removed the files it had created: {type(err).__name__}: {err}", file=sys.stderr)
        return 1
    print(f"\nChapter {p.number} ({p.slug}) created. Files written from templates:")
    for path in created:
        print(f"  {_rel(path)}")
    print(f"  and _toc.yml: a part for chapter {p.number}, and session {p.session} under the syllabus")
    print(f"  and _config.yml: {_rel(p.bibliography)} under bibtex_bibfiles")
    print(f"  generated: {', '.join(_rel(path) for path in p.generated())}")
    print("\nStill to write by hand (every placeholder says TODO; tests/test_book.py fails while one is left):")
    for item in to_do(p):
        print(f"  {item}")
    print("\nThen: make student, python -m peacekeeping_course.timing --write, make outputs, make test "
          "(see CONTRIBUTING.md, \"Adding a chapter\").")
    return 0


if __name__ == "__main__":
    sys.exit(main())
