"""Generate student exercise notebooks from the source notebooks with solutions.

    python -m peacekeeping_course.student          # write exercises/*.ipynb
    python -m peacekeeping_course.student --check  # fail if a committed student notebook is stale

Solutions are marked once, in `exercises/solutions/*.ipynb`, with nbgrader's
`### BEGIN SOLUTION` / `### END SOLUTION` markers; nbgrader's own ClearSolutions and ClearOutput
preprocessors remove them and every output.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearOutput, ClearSolutions

from .course import chapters
from .paths import EXERCISE_DIR as STUDENT_DIR, REPO_ROOT
CODE_STUB = "# YOUR CODE HERE"


def student_version(source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = copy.deepcopy(source)
    resources = {"language": "python"}
    nb, resources = ClearSolutions(code_stub={"python": CODE_STUB}, text_stub="YOUR ANSWER HERE",
                                   enforce_metadata=True).preprocess(nb, resources)
    nb, resources = ClearOutput().preprocess(nb, resources)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def sync(outputs: dict[Path, str], check_only: bool = False) -> list[Path]:
    """Write each generated file whose committed text differs (unless check_only); return those."""
    stale = []
    for target, text in outputs.items():
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(target)
        if not check_only:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return stale


def generator_main(argv, description: str, generate, make_target: str) -> int:
    """Command line of a generator: write the stale files, or with --check only list them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="only report stale files, write nothing")
    args = parser.parse_args(argv)
    stale = generate(check_only=args.check)
    if args.check and stale:
        print(f"Out of date (run `make {make_target}`): " + ", ".join(stale), file=sys.stderr)
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


def generate(check_only: bool = False) -> list[str]:
    """Write (or, with check_only, compare) every student notebook; return the stale ones."""
    outputs = {STUDENT_DIR / path.name: render(student_version(nbformat.read(path, as_version=4)))
               for path in (c.source for c in chapters())}
    return [str(path.relative_to(REPO_ROOT)) for path in sync(outputs, check_only)]


def main(argv=None) -> int:
    return generator_main(argv, "Generate student exercise notebooks.", generate, "student")


if __name__ == "__main__":
    sys.exit(main())
