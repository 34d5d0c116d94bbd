"""Run the course notebooks and store their outputs (`make outputs`).

Outputs are stored so that nbval can prove they are current; widget state is dropped (it
would add hundreds of kilobytes per notebook and the book cannot use it offline).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .datasets import REPO_ROOT

NOTEBOOKS = ("notebooks/*.ipynb", "exercises/solutions/*.ipynb")


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
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
