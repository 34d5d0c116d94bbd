"""Launch buttons follow one setting, the repository URL: none while it is unset, Binder, Colab and
(with a hub address) JupyterHub links once it is set, and exercise pages open the student version.
"Run in your browser" buttons appear exactly when the in-browser lab was built into the book."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent

CONF = """
project = "launch test"
extensions = ["myst_nb", "peacekeeping_course.sphinx_ext"]
html_theme = "sphinx_book_theme"
nb_execution_mode = "off"
exclude_patterns = ["_build"]
html_theme_options = {theme_options}
"""


def build_mini_book(tmp_path: Path, repository_url: str, hub: str = "", lab: bool = False) -> dict[str, str]:
    """Build a two-notebook book with the course's extension; return the HTML of its pages."""
    src = tmp_path / "src"
    for page in ("notebooks/demo", "exercises/solutions/demo"):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Demo\\n\\nText."),
                                             nbformat.v4.new_code_cell("1 + 1")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        (src / page).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, src / f"{page}.ipynb")
    (src / "index.md").write_text("# Home\n\n```{toctree}\nnotebooks/demo\nexercises/solutions/demo\n```\n")
    options = {"repository_url": repository_url, "repository_branch": "main",
               "launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "https://mybinder.org",
                                  "colab_url": "https://colab.research.google.com", "jupyterhub_url": hub}}
    (src / "conf.py").write_text(CONF.format(theme_options=json.dumps(options)))
    out = tmp_path / "html"
    if lab:  # what browser_lab leaves when it built the in-browser lab
        (out / "lab").mkdir(parents=True, exist_ok=True)
        (out / "lab" / "jupyter-lite.json").write_text("{}")
    else:
        shutil.rmtree(out / "lab", ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", str(src), str(out)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    return {page: (out / f"{page}.html").read_text(encoding="utf-8")
            for page in ("notebooks/demo", "exercises/solutions/demo")}


def launch_links(page: str) -> list[str]:
    return re.findall(r'href="(https://(?:mybinder\.org|colab\.research\.google\.com|hub\.example\.org)[^"]*)"', page)


@pytest.fixture(scope="module")
def launch_book(tmp_path_factory) -> dict[str, str]:
    url = "https://github.com/example-org/peacekeeping-ssr"
    return build_mini_book(tmp_path_factory.mktemp("launch"), url, hub="https://hub.example.org")


def test_no_launch_buttons_while_the_repository_url_is_unset(tmp_path):
    pages = build_mini_book(tmp_path, "")
    for page in pages.values():
        assert launch_links(page) == [] and "launch-buttons" not in page


def test_one_setting_turns_on_binder_colab_and_jupyterhub(launch_book):
    pages = launch_book
    links = launch_links(pages["notebooks/demo"])
    assert "https://mybinder.org/v2/gh/example-org/peacekeeping-ssr/main?urlpath=lab/tree/notebooks/demo.ipynb" in links
    assert ("https://colab.research.google.com/github/example-org/peacekeeping-ssr/blob/main/notebooks/demo.ipynb"
            in links)
    hub = [link for link in links if link.startswith("https://hub.example.org/hub/user-redirect/git-pull?")]
    assert hub and "repo=https%3A//github.com/example-org/peacekeeping-ssr" in hub[0]
    assert "urlpath=lab/tree/peacekeeping-ssr/notebooks/demo.ipynb" in hub[0]


def test_exercise_pages_launch_the_student_version(launch_book):
    pages = launch_book
    links = launch_links(pages["exercises/solutions/demo"])
    assert links and all("exercises/demo.ipynb" in link and "solutions" not in link for link in links)


def test_the_course_config_has_one_documented_setting():
    import yaml

    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    assert "url" in config["repository"] and config["launch_buttons"]["binderhub_url"]
    assert "repository.url" in (REPO / "book" / "instructors" / "index.md").read_text(encoding="utf-8")


def run_in_browser_links(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"[^>]*btn-run-in-browser-button', page)


def test_run_in_browser_buttons_open_the_page_notebook_in_the_local_lab(tmp_path):
    pages = build_mini_book(tmp_path, "", lab=True)
    assert run_in_browser_links(pages["notebooks/demo"]) == ["../lab/lab/index.html?path=notebooks/demo.ipynb"]
    # the exercise page shows solutions; the lab opens the student version
    assert run_in_browser_links(pages["exercises/solutions/demo"]) == [
        "../../lab/lab/index.html?path=exercises/demo.ipynb"]
    assert "Run in your browser" in pages["notebooks/demo"]


def test_no_run_in_browser_button_without_the_lab_even_after_a_build_with_it(tmp_path):
    build_mini_book(tmp_path, "", lab=True)
    pages = build_mini_book(tmp_path, "", lab=False)  # same output folder, lab now left out
    for page in pages.values():
        assert run_in_browser_links(page) == [] and "Run in your browser" not in page
