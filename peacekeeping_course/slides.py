"""Slide decks of each chapter's key points, built with nbconvert's reveal.js exporter (`make slides`).

    python -m peacekeeping_course.slides [OUT]     # default: _build/slides

A deck is a notebook assembled from the chapter's own materials, so it never drifts from them:
the learning objectives, summary (as key points) and discussion questions of the reading (`book/NN-slug.md`), and,
its section headings as an outline, and every figure of the lesson notebook under its section's
heading (with its alt text and source line). Citations are written out as "Author (year)". reveal.js is loaded from a local copy
(`peacekeeping_course/reveal/`), so the decks work offline: open `_build/slides/index.html`.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from . import course
from .paths import REPO_ROOT
from .reading import plain_markdown, reading_text, section as reading_section, title as reading_title

HERE = Path(__file__).resolve().parent
REVEAL_DIR = HERE / "reveal"
DEFAULT_OUT = REPO_ROOT / "_build" / "slides"


# ---------------------------------------------------------------- the deck notebook

def _slide(source: str, kind: str = "slide") -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(source, metadata={"slideshow": {"slide_type": kind}})


def _figures(cell) -> list[tuple[str, str]]:
    """(alt text, base64 PNG) for each figure a code cell shows."""
    alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
    return [(alt, out["data"]["image/png"].replace("\n", "")) for out in cell.get("outputs", [])
            if "image/png" in out.get("data", {})]


def deck(slug: str) -> nbformat.NotebookNode:
    """The slide notebook for chapter `slug` (e.g. '05-unmil-liberia')."""
    reading = reading_text(slug)
    lesson = nbformat.read(REPO_ROOT / "notebooks" / f"{slug}.ipynb", as_version=4)
    title = reading_title(reading)
    number = int(slug[:2])
    cells = [_slide(f"# Chapter {number}\n\n## {plain_markdown(title)}\n\n"
                    "Key points for teaching: *Peacekeeping and Security Sector Reform*")]
    objectives = reading_section(reading, "Learning objectives")
    if objectives:
        cells.append(_slide("## Learning objectives\n\n" + plain_markdown(objectives)))

    skip = {"Learning objectives", "Summary", "Discussion questions", "Further reading",
            "Check your understanding"}
    sections = [h for h in re.findall(r"^## (.+)$", reading, flags=re.M) if h.strip() not in skip]
    if sections:
        cells.append(_slide("## The chapter in brief\n\n" + "\n".join(f"- {plain_markdown(h)}" for h in sections)))

    section = None
    for cell in lesson.cells:  # each figure of the lesson, under its section's heading
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## "):
            section = plain_markdown(cell.source.lstrip().splitlines()[0][3:])
        elif cell.cell_type == "code" and section:
            for alt, png in _figures(cell):
                cells.append(_slide(f"### {section}\n\n![{alt.replace(']', ')')}](data:image/png;base64,{png})"))

    summary = plain_markdown(reading_section(reading, "Summary"))
    if summary:
        points = re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(summary.split()))
        cells.append(_slide("## Key points\n\n" + "\n".join(f"- {point}" for point in points)))
    questions = reading_section(reading, "Discussion questions")
    if questions:
        cells.append(_slide(f"## Discussion questions\n\n{plain_markdown(questions)}"))
    cells.append(_slide(f"## Where to go next\n\n- Reading: `book/{slug}.md`\n- Lesson notebook: "
                        f"`notebooks/{slug}.ipynb`\n- Exercises: `exercises/{slug}.ipynb`\n\n"
                        "Full references are in the reading's bibliography."))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["title"] = f"Chapter {number}: {plain_markdown(title)}"
    nb.metadata["kernelspec"] = lesson.metadata.get("kernelspec", {})
    return nb


# ---------------------------------------------------------------- export

STYLE = """<link rel="icon" href="data:,">
<style>
.reveal { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 30px; }
.reveal h1, .reveal h2, .reveal h3 { font-family: inherit; text-transform: none; color: #1a1a1a; }
.reveal section img { max-height: 520px; background: #fff; }
.reveal .slides section { text-align: left; }
.reveal a { color: #1a4f8b; }
.reveal .controls { color: #1a4f8b; }
</style>"""


def export(nb: nbformat.NotebookNode) -> str:
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        reveal_url_prefix="reveal", reveal_theme="white", reveal_transition="none", reveal_number="c/t",
        reveal_scroll=True, reveal_width="1100", reveal_height="760",
        # nothing from other hosts: these scripts are not needed by markdown-only decks
        jquery_url="", require_js_url="", mathjax_url="", mermaid_js_url="", mermaid_layout_elk_js_url="",
        font_awesome_url="", widget_renderer_url="", jupyter_widgets_base_url="")
    body, _ = exporter.from_notebook_node(nb)
    return _localise(body)


def _localise(page: str) -> str:
    """Drop everything nbconvert's template would load from other hosts, and start reveal.js from
    the local copy without require.js."""
    page = re.sub(r'<script src=""></script>\s*', "", page)
    page = re.sub(r'<script type="module">\s*import mermaid.*?</script>\s*', "", page, flags=re.S)
    page = re.sub(r"<script[^>]*>\s*require\(.*?</script>", """<script src="reveal/dist/reveal.js"></script>
<script>
Reveal.initialize({ controls: true, progress: true, hash: true, transition: "none", slideNumber: "c/t",
                    width: 1100, height: 760 });
</script>""", page, flags=re.S)
    page = re.sub(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->\s*", "", page, flags=re.S)
    page = re.sub(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>\s*', "", page)
    page = page.replace("</head>", STYLE + "\n</head>", 1)
    return page


def chapters() -> list[str]:
    return [c.slug for c in course.chapters()]


def build(out: Path = DEFAULT_OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REVEAL_DIR, out / "reveal", dirs_exist_ok=True)
    written, links = [], []
    for slug in chapters():
        nb = deck(slug)
        target = out / f"{slug}.slides.html"
        target.write_text(export(nb), encoding="utf-8")
        written.append(target)
        links.append(f'<li><a href="{target.name}">{html.escape(nb.metadata["title"])}</a></li>')
    (out / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Course slides</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
        "<main><h1>Peacekeeping and Security Sector Reform: slides</h1>"
        "<p>One deck per chapter. Use the arrow keys or the space bar to move; press Esc for an overview."
        " The decks need no internet connection.</p>"
        f"<ul>{''.join(links)}</ul></main></body></html>", encoding="utf-8")
    return written


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else DEFAULT_OUT
    for path in build(out):
        print(f"wrote {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}")
    print(f"Open {out / 'index.html'} in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
