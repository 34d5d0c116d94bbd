"""The built book: complete, offline, accessible markup, solutions folded away."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
TOC = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))


def toc_files() -> list[str]:
    files = [TOC["root"]]
    for part in TOC["parts"]:
        for chapter in part["chapters"]:
            files += [chapter["file"]] + [section["file"] for section in chapter.get("sections", [])]
    return files


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append((tag, attrs["src"]))
        if tag == "link" and attrs.get("href") and attrs.get("rel") in ("stylesheet", "preload", "icon", "modulepreload"):
            self.urls.append((tag, attrs["href"]))
        if tag in ("img", "iframe", "audio", "video", "source") and attrs.get("src"):
            self.urls.append((tag, attrs["src"]))
        if tag == "img":
            self.images.append(attrs)


def parse(path: Path) -> _Assets:
    parser = _Assets()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_toc_entry_is_built(built_book):
    for entry in toc_files():
        assert (built_book / f"{entry}.html").exists(), entry


def test_no_page_loads_anything_from_another_host(built_book):
    for page in built_book.rglob("*.html"):
        remote = [(tag, url) for tag, url in parse(page).urls if re.match(r"^(https?:)?//", url)]
        assert not remote, f"{page.relative_to(built_book)} loads {remote}"
    for css in (built_book / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"@import\s+url\(['\"]?https?:|url\(['\"]?https?://", text), css.name


def test_every_image_has_alt_text(built_book):
    for entry in toc_files():
        for image in parse(built_book / f"{entry}.html").images:
            assert len(image.get("alt", "").strip()) > 10, f"{entry}: image {image.get('src')} lacks alt text"


CHAPTERS = sorted(p.stem for p in (REPO / "book").glob("[0-9][0-9]-*.md") if not p.stem.startswith("00"))
SOLUTIONS = sorted(p.stem for p in (REPO / "exercises/solutions").glob("*.ipynb"))


@pytest.mark.parametrize("name", SOLUTIONS)
def test_solutions_are_in_closed_dropdowns(built_book, name):
    page = (built_book / f"exercises/solutions/{name}.html").read_text(encoding="utf-8")
    source = (REPO / f"exercises/solutions/{name}.ipynb").read_text(encoding="utf-8")
    details = re.findall(r"<details class=\"[^\"]*\bhide above-input\">(.*?)</details>", page, flags=re.S)
    assert len(details) == source.count("### BEGIN SOLUTION") >= 3
    assert all("BEGIN SOLUTION" not in d and "Show the solution" in d for d in details)
    assert not re.search(r"<details[^>]*\bopen\b", page)


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_reading_meets_the_anatomy(built_book, name):
    source = (REPO / f"book/{name}.md").read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```|\{[a-z:]+\}`[^`]*`|\(.*?\)=", " ", source, flags=re.S)
    assert len(re.findall(r"[A-Za-z][A-Za-z'’-]*", prose)) >= 1500
    for heading in ("## Learning objectives", "## Summary", "## Discussion questions", "## Further reading"):
        assert heading in source
    assert source.count("{term}") >= 5 and source.count("{cite") >= 10
    html = (built_book / f"book/{name}.html").read_text(encoding="utf-8")
    assert 'class="pk-quiz"' in html
    assert "??" not in re.sub(r"<[^>]+>", "", html), "unresolved citation or reference"


def test_no_unfinished_markers_in_course_content():
    pattern = re.compile(r"\b(lorem ipsum|TODO|TBD|FIXME|placeholder text|coming soon)\b", re.I)
    for folder in ("book", "notebooks", "exercises"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix in (".md", ".ipynb", ".yml"):
                assert not pattern.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("folder", ["notebooks", "exercises/solutions"])
def test_every_notebook_is_in_the_toc(folder):
    listed = set(toc_files())
    for nb in (REPO / folder).glob("*.ipynb"):
        if nb.stem in ("my-progress", "pre-test", "final-exam"):  # JupyterLab tools; the book has its own pages
            continue
        assert f"{folder}/{nb.stem}" in listed
