"""Run the course notebooks and store their outputs (`make outputs`).

Outputs are stored so that nbval can prove they are current; widget state is dropped (it
would add hundreds of kilobytes per notebook and the book cannot use it offline). Every kernel runs
with PEACEKEEPING_PROGRESS=off: running the course's notebooks must never write into anyone's
progress file (`make bench` runs them the same way).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .paths import REPO_ROOT

NOTEBOOKS = ("notebooks/*.ipynb", "exercises/solutions/*.ipynb")


def kernel_env() -> dict[str, str]:
    """The environment of a kernel that runs a course notebook: progress recording off."""
    return {**os.environ, "PEACEKEEPING_PROGRESS": "off"}


def run(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Execute a notebook on a fresh kernel with recording off; returns it with its outputs."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute(env=kernel_env())
    return nb


def execute(path: Path) -> None:
    nb = run(path)
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}  # no interpreter version: keeps diffs clean
    nbformat.write(nb, path)


def main(argv=None) -> int:
    os.environ["PEACEKEEPING_PROGRESS"] = "off"  # stored outputs must not show anyone's progress
    paths = [Path(p) for p in (argv or [])] or sorted(
        p for pattern in NOTEBOOKS for p in REPO_ROOT.glob(pattern))
    for path in paths:
        print(f"running {path.relative_to(REPO_ROOT) if path.is_absolute() else path}")
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
