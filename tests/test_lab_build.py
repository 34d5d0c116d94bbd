"""Building the in-browser lab: every file of Pyodide is verified before use (a tampered file stops
the build and leaves no lab behind), a source that cannot be had leaves the lab out without failing
the book, and what the book links to is in the lab."""

from __future__ import annotations

import io
import json
import re
import tarfile

import pytest

from conftest import BUILD_HTML, REPO
from peacekeeping_course.browser_lab import build, pyodide_dist
from peacekeeping_course.paths import download_cache

pytestmark = pytest.mark.slow
WHEEL = "pandas-2.2.3-cp312-cp312-pyodide_2024_0_wasm32.whl"


def stale_lab(tmp_path):
    out = tmp_path / "lab"
    out.mkdir()
    (out / "jupyter-lite.json").write_text("{}")  # a lab from an earlier build
    return out


@pytest.mark.parametrize("tampered", [WHEEL, "pyodide.asm.wasm"])
def test_a_tampered_file_stops_the_build_and_leaves_no_lab(built_book, tmp_path, tampered, capsys):
    # built_book has downloaded the distribution into the cache; this run verifies it again
    out, status = stale_lab(tmp_path), tmp_path / "status.json"
    assert build.run(out, status, tamper=tampered) == 2
    assert not out.exists()
    assert tampered in json.loads(status.read_text())["error"]
    message = capsys.readouterr().err
    assert "VERIFICATION FAILED" in message and tampered in message and "NOT built" in message


def test_the_npm_reference_is_itself_checked(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"pyodide-{pyodide_dist.VERSION}.tgz").write_bytes(b"not the npm package")
    with pytest.raises(pyodide_dist.VerifyError, match="integrity"):
        pyodide_dist.npm_reference(cache)
    assert not (cache / f"pyodide-{pyodide_dist.VERSION}.tgz").exists()  # downloaded again next time


def test_an_unreachable_source_leaves_the_lab_out_but_not_the_book(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pyodide_dist, "NPM_URL", "http://127.0.0.1:9/pyodide.tgz")  # nothing listens
    out, status = stale_lab(tmp_path), tmp_path / "status.json"
    assert build.run(out, status, cache=tmp_path / "empty-cache") == 0
    assert not out.exists()
    assert "could not download" in json.loads(status.read_text())["left_out"]
    assert "left out" in capsys.readouterr().out


def official_archive(tmp_path, files: dict[str, bytes]):
    path = tmp_path / "pyodide-0.27.7.tar.bz2"
    with tarfile.open(path, "w:bz2") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"pyodide/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_the_official_archive_must_carry_npm_s_lock(built_book, tmp_path):
    archive = official_archive(tmp_path, {"pyodide-lock.json": b"{}"})
    with pytest.raises(pyodide_dist.VerifyError, match="pyodide-lock.json .* differs"):
        pyodide_dist.verified_distribution(tmp_path / "dist", download_cache("lab"), archive)
    assert not (tmp_path / "dist").exists()


def test_an_archive_without_the_runtime_is_refused(built_book, tmp_path):
    npm = pyodide_dist.npm_reference(download_cache("lab"))
    archive = official_archive(tmp_path, {"pyodide-lock.json": npm["pyodide-lock.json"]})
    with pytest.raises(pyodide_dist.VerifyError, match="lacks the Pyodide runtime"):
        pyodide_dist.verified_distribution(tmp_path / "dist", download_cache("lab"), archive)


def test_every_run_in_browser_button_of_the_book_opens_a_notebook_of_the_lab(built_book):
    files = BUILD_HTML / "lab" / "files"
    opened = {}
    for page in BUILD_HTML.rglob("*.html"):
        if "lab" in page.relative_to(BUILD_HTML).parts[:1]:
            continue
        for path in re.findall(r'href="[./]*lab/lab/index\.html\?path=([^"]+)"', page.read_text(encoding="utf-8")):
            opened[page.relative_to(BUILD_HTML).as_posix()] = path
    lessons = {p for p in opened if p.startswith("notebooks/")}
    exercises = {p for p in opened if p.startswith("exercises/solutions/")}
    assert len(lessons) == len(list((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb")))
    assert len(exercises) == len(list((REPO / "exercises").glob("[0-9][0-9]-*.ipynb")))
    assert opened["book/my-progress.html"] == "notebooks/my-progress.ipynb"
    for page, path in opened.items():
        assert (files / path).is_file(), f"{page} opens {path}, which the lab does not have"
        assert "solutions" not in path
