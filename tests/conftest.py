"""Shared fixtures: the built book (built once per test run, warnings as errors)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUILD_HTML = REPO / "_build" / "html"


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book exactly as `make book` does; fail on any Sphinx warning."""
    jb = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jb), "build", str(REPO), "--warningiserror", "--nitpick", "--keep-going"],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"book build failed:\n{log[-6000:]}"
    sphinx_warnings = re.findall(r"^.*\bWARNING: .*$", log, flags=re.M)
    assert "build succeeded" in log and not sphinx_warnings, "\n".join(sphinx_warnings)
    return BUILD_HTML
