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

from .datasets import REPO_ROOT

SOURCE_DIR = REPO_ROOT / "exercises" / "solutions"
STUDENT_DIR = REPO_ROOT / "exercises"
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


def generate(check_only: bool = False) -> list[str]:
    """Write (or, with check_only, compare) every student notebook; return the stale ones."""
    stale = []
    for source_path in sorted(SOURCE_DIR.glob("*.ipynb")):
        text = render(student_version(nbformat.read(source_path, as_version=4)))
        target = STUDENT_DIR / source_path.name
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(target.name)
        if not check_only:
            target.write_text(text, encoding="utf-8")
    return stale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Generate student exercise notebooks.")
    parser.add_argument("--check", action="store_true", help="only report stale student notebooks")
    args = parser.parse_args(argv)
    stale = generate(check_only=args.check)
    if args.check and stale:
        print("Student notebooks out of date (run `make student`): " + ", ".join(stale), file=sys.stderr)
        return 1
    for name in stale:
        print(f"wrote exercises/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
