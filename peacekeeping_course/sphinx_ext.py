"""Sphinx extension for the course book.

- ``{quiz} <quiz-id>`` directive: renders a chapter's question bank as the static HTML quiz.
- Ships quiz.js / quiz.css and a small local icon stylesheet.
- Keeps pages light and offline: the theme's 1.5 MB Font Awesome script is replaced by
  CSS glyphs (templates/static/webpack-macros.html), and no asset is loaded from another host.
"""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from . import course, instructor, slim
from .course import course_outline
from .datasets import DATASETS
from .exam import key_script, render_exam_html
from .paths import TOC, files_digest
from .quiz import EXAM_DIR, QuizBankError, bank_path, json_for_html, load_bank, load_exam, render_html

HERE = Path(__file__).resolve().parent
LOGGER = logging.getLogger(__name__)


class QuizDirective(Directive):
    required_arguments = 1
    has_content = False

    def run(self):
        quiz_id = self.arguments[0].strip()
        env = self.state.document.settings.env
        env.note_dependency(str(bank_path(quiz_id)))
        # the markup is written here and in quiz.py: a change to either re-reads the chapter
        env.note_dependency(__file__)
        env.note_dependency(str(HERE / "quiz.py"))
        try:
            bank = load_bank(quiz_id)
        except QuizBankError as err:
            raise self.error(f"quiz {quiz_id}: {err}")
        if QUIZ_SHEETS_DOC not in env.found_docs:
            raise self.error(f"quiz {quiz_id}: its printed note points to {QUIZ_SHEETS_DOC}, "
                             "which is not in the book")
        return [nodes.raw("", render_html(bank) + "\n" + _quiz_print_note(env, bank), format="html")]


QUIZ_SHEETS_DOC = "book/instructors/quiz-sheets"  # the printable quiz sheets (instructor.render_quiz_sheets)


def quiz_sheet_anchor(quiz_id: str) -> str:
    """The id of a chapter's section on the quiz-sheets page (as instructor.render_quiz_sheets writes it;
    _post_process_pages checks that every printed note's target exists)."""
    return f"sheet-{quiz_id}"


def _quiz_print_note(env, bank) -> str:
    """Printed in place of the interactive quiz (hidden on screen by quiz.css, shown by print.css):
    where the chapter's printable quiz sheet is, as a link and as an address a reader of the paper
    can type (from the book's home, or absolute when html_baseurl is set)."""
    anchor = quiz_sheet_anchor(bank.quiz_id)
    href = env.app.builder.get_relative_uri(env.docname, QUIZ_SHEETS_DOC) + "#" + anchor
    base = (env.config.html_baseurl or "").rstrip("/")
    address = f"{base + '/' if base else ''}{QUIZ_SHEETS_DOC}.html#{anchor}"
    where = "on the course website" if base else "in the course book's folder or on its website"
    chapter = int(bank.chapter)
    return (f'<div class="pk-quiz-print-note" data-quiz="{escape(bank.quiz_id)}">'
            f"<p><strong>Quiz on paper.</strong> The {len(bank.questions)} questions of this chapter's quiz "
            f'are also on the <a class="pk-quiz-sheet-link" href="{escape(href)}">printable quiz sheet for '
            f"Chapter {chapter}</a>, with a line for the learner's name and the option letters that the "
            f"answer keys use (the options above may be in another order). In the course book, "
            f"open “Printable quiz sheets” (For instructors) and press “Print this quiz sheet” under "
            f"Chapter {chapter}. Its address {where}:</p>"
            f'<p class="pk-quiz-print-address">{escape(address)}</p></div>')


class ExamDirective(Directive):
    """``{exam} final`` or ``{exam} pretest``: the pool as static HTML; quiz.js draws and grades."""
    required_arguments = 1
    has_content = False

    def run(self):
        kind = self.arguments[0].strip()
        env = self.state.document.settings.env
        env.note_dependency(str(EXAM_DIR / f"{kind}.yml"))
        try:
            bank = load_exam(kind)
            body = render_exam_html(bank, "../" * env.docname.count("/") + "_static/")
        except QuizBankError as err:
            raise self.error(f"exam {kind}: {err}")
        return [nodes.raw("", body, format="html")]


SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def _hide_solution_markers(app: Sphinx, docname: str, source: list[str]) -> None:
    """In the book, solution cells show the solution without nbgrader's marker lines."""
    if not docname.startswith("exercises/solutions/"):
        return
    nb = json.loads(source[0])
    for cell in nb.get("cells", []):
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if any(marker in text for marker in SOLUTION_MARKERS):
            kept = [line for line in text.split("\n") if line.strip() not in SOLUTION_MARKERS]
            cell["source"] = "\n".join(kept)
    source[0] = json.dumps(nb)


class DatasetsDirective(Directive):
    """``{datasets}``: the table of course datasets, written from their descriptions in datasets.py."""

    has_content = False

    def run(self):
        env = self.state.document.settings.env
        env.note_dependency(str(HERE / "datasets.py"))
        rows = []
        for ds in DATASETS.values():
            kind = "synthetic (fictional country)" if ds.name.startswith("fictional_") else (
                "compiled by hand, one source per row" if ds.hand_made else "derived by make data")
            publishers = "; ".join(escape(s.publisher) for s in ds.sources)
            rows.append(f"<tr><td><code>{escape(ds.filename)}</code></td><td>{escape(ds.title)}</td>"
                        f"<td>{publishers}</td><td>{kind}</td></tr>")
        table = ('<table class="table pk-datasets"><caption>Course tables and their sources</caption>'
                 '<thead><tr><th scope="col">File</th><th scope="col">What it holds</th>'
                 '<th scope="col">Original publisher</th><th scope="col">How it is made</th></tr></thead>'
                 f"<tbody>{''.join(rows)}</tbody></table>")
        return [nodes.raw("", table, format="html")]


def _outline_json(env) -> str:
    chapters = []
    for chapter, quiz_id, title, questions, exercises in course_outline():
        env.note_dependency(str(bank_path(quiz_id)))
        chapters.append({"number": int(chapter), "title": title, "quiz": quiz_id, "questions": questions,
                         "exercises": exercises,
                         "url": env.app.builder.get_relative_uri(env.docname, f"book/{quiz_id}")})
    return json_for_html({"chapters": chapters})


class ProgressDirective(Directive):
    """``{progress}``: the "My progress" view; quiz.js fills it from the browser's localStorage."""

    has_content = False

    def run(self):
        env = self.state.document.settings.env
        view = (
            '<section class="pk-progress" aria-label="My progress" hidden>'
            '<p class="pk-progress-total" aria-live="polite"></p><p class="pk-progress-exams"></p>'
            '<p class="pk-progress-storage"></p>'
            '<table class="table"><caption>Progress by chapter</caption><thead><tr>'
            '<th scope="col">Chapter</th><th scope="col">Quiz: correct</th>'
            '<th scope="col">Exercises done (tick when finished)</th><th scope="col">Still to do</th>'
            '</tr></thead><tbody></tbody></table>'
            '<button type="button" class="pk-progress-reset">Reset my progress</button>'
            f'<script type="application/json" class="pk-progress-outline">{_outline_json(env)}</script></section>'
            '<noscript><p>Progress tracking needs JavaScript.</p></noscript>')
        return [nodes.raw("", view, format="html")]


class CompletionRecordDirective(Directive):
    """``{completion-record}``: a printable record of self-study from the browser's saved progress."""

    has_content = False

    def run(self):
        env = self.state.document.settings.env
        view = (
            '<section class="pk-record" aria-label="Record of completion" hidden>'
            '<p class="pk-record-form"><label for="pk-record-name">Your name, as it should appear on the record'
            '</label> <input type="text" id="pk-record-name" class="pk-record-name" autocomplete="name"> '
            '<button type="button" class="pk-record-print">Print the record</button></p>'
            '<div class="pk-record-sheet"><h2>Record of self-study</h2>'
            '<p class="pk-record-course">Peacekeeping and Security Sector Reform: an open, interactive course</p>'
            '<p>Learner: <strong class="pk-record-learner"></strong></p>'
            '<p>Date: <span class="pk-record-date"></span></p>'
            '<p class="pk-record-chapters"></p><p class="pk-record-exams"></p>'
            '<table class="table"><caption>Chapters: quiz questions answered correctly and exercises marked '
            'done</caption><thead><tr><th scope="col">Chapter</th><th scope="col">Quiz</th>'
            '<th scope="col">Exercises</th><th scope="col">Status</th></tr></thead><tbody></tbody></table>'
            '<p class="pk-record-note"><strong>This is a self-study record, not a certificate.</strong> It was '
            "produced by the learner's own browser from the progress saved there; no institution has "
            "checked it, and exercises are ticked by the learner. A trainer who needs proof of learning "
            "should use a supervised final exam or the nbgrader assignments.</p></div>"
            f'<script type="application/json" class="pk-progress-outline">{_outline_json(env)}</script></section>'
            '<noscript><p>The record is made from progress saved in the browser and needs JavaScript.</p></noscript>')
        return [nodes.raw("", view, format="html")]


class InstructorDirective(Directive):
    """``{course-map}``, ``{quiz-sheets}``, ``{answer-keys}``: generated from the banks, readings and
    exercise notebooks (see instructor.py); the page is rebuilt when any of them changes."""

    has_content = False
    optional_arguments = 1  # {answer-keys} 1-7: only those chapters (8-: from chapter 8 on)

    def run(self):
        env = self.state.document.settings.env
        for chapter in course.chapters():
            for path in (chapter.bank_path, chapter.source, chapter.reading):
                env.note_dependency(str(path))
        for path in [*EXAM_DIR.glob("*.yml"), *course.session_plans().values(), TOC]:
            env.note_dependency(str(path))
        try:
            if self.name == "course-map":
                body = instructor.render_course_map(lambda doc: env.app.builder.get_relative_uri(env.docname, doc))
            elif self.name == "quiz-sheets":
                body = instructor.render_quiz_sheets()
            else:
                body = instructor.render_answer_keys(self.arguments[0] if self.arguments else "")
        except (QuizBankError, ValueError) as err:
            raise self.error(f"{self.name}: {err}")
        return [nodes.raw("", f'<div class="pk-sheets pk-{self.name}">{body}</div>', format="html")]


def _add_paths(app: Sphinx, config) -> None:
    config.html_static_path.append(str(HERE / "static"))
    config.templates_path.insert(0, str(HERE / "templates"))


def _configure_launch_buttons(app: Sphinx, config) -> None:
    """Launch buttons follow one setting, `repository.url` in _config.yml (the course's public
    repository). Unset, no launch or repository button is shown (the theme would otherwise fail or
    link nowhere); set, Binder and Colab buttons appear on every notebook page, plus JupyterHub
    (through nbgitpuller) when `launch_buttons.jupyterhub_url` names the class's hub."""
    options = config.html_theme_options
    url = str(options.get("repository_url") or "").strip().rstrip("/")
    if not url or "executablebooks/jupyter-book" in url:  # empty, or Jupyter Book's own default
        options.pop("launch_buttons", None)
        options.pop("repository_url", None)
        options["use_repository_button"] = False
        return
    options["repository_url"] = url
    options["use_repository_button"] = True


def _launch_student_versions(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """An exercise page shows the solutions, but its launch buttons open the student version."""
    if not pagename.startswith(SOLUTIONS_PREFIX):
        return

    def retarget(buttons):
        for button in buttons:
            if isinstance(button.get("url"), str):
                button["url"] = student_version(button["url"])
            if isinstance(button.get("buttons"), list):
                retarget(button["buttons"])

    retarget(context.get("header_buttons", []))


SOLUTIONS_PREFIX = "exercises/solutions/"


def student_version(path: str) -> str:
    """The student version of an exercise: exercises/solutions/X -> exercises/X, in a page name, a path or a
    URL (also where the URL encodes the slashes)."""
    return path.replace(SOLUTIONS_PREFIX, "exercises/").replace(quote(SOLUTIONS_PREFIX, safe=""),
                                                               quote("exercises/", safe=""))


def _reading_order(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Prev/next a learner expects: reading N -> lesson N -> exercises N -> reading N+1 (next links
    unchanged). The exercises page (exercises/solutions/NN: the exercises, with their solutions folded
    and the checks' answers shown) is reached forward from the lesson, but is never the "previous"
    page of another page: "previous" from reading N+1 goes back to lesson N, skipping it. The sidebar
    (the _toc.yml order) is not touched."""
    prev = context.get("prev")
    if not prev or pagename.startswith(SOLUTIONS_PREFIX):
        return
    env = app.builder.env
    relations = getattr(app.builder, "relations", None) or env.collect_relations()
    target = relations.get(pagename, [None, None, None])[1]
    if not target or not target.startswith(SOLUTIONS_PREFIX):
        return
    while target and target.startswith(SOLUTIONS_PREFIX):
        target = relations.get(target, [None, None, None])[1]
    rellinks = [link for link in context.get("rellinks", []) if link[2] != "P"]
    if not target:
        context["prev"] = None
    else:
        context["prev"] = {"link": app.builder.get_relative_uri(pagename, target),
                           "title": app.builder.render_partial(env.titles[target])["title"]}
        rellinks.append((target, context["prev"]["title"], "P", "previous"))
    if "rellinks" in context:
        context["rellinks"] = rellinks


LAB_START = "lab/lab/index.html"  # the in-browser lab (browser_lab/), built into the book's folder


def _fingerprint_assets(app: Sphinx, config) -> None:
    """A digest of this extension, slim.py (which rewrites each page's head) and the static files and
    templates: when it changes, Sphinx rewrites every page (it would otherwise keep pages written with
    the old scripts or markup)."""
    files = [Path(__file__).resolve(), HERE / "slim.py", *(HERE / "static").rglob("*"), *(HERE / "templates").rglob("*")]
    config.course_assets = files_digest(HERE, files)


def _detect_lab(app: Sphinx, config) -> None:
    """Whether `make book` built the in-browser lab into this output folder; a change in this
    rewrites every page, so no button is left pointing at a lab that is gone."""
    config.course_lab_built = (Path(app.outdir) / "lab" / "jupyter-lite.json").is_file()


def lab_notebook(pagename: str) -> str | None:
    """The notebook a book page opens in the lab: lesson pages their notebook, exercise pages the
    student version, the My progress page the My progress notebook."""
    if pagename.startswith("notebooks/"):
        return pagename + ".ipynb"
    if pagename.startswith(SOLUTIONS_PREFIX):
        return student_version(pagename) + ".ipynb"
    if pagename == "book/my-progress":
        return "notebooks/my-progress.ipynb"
    return None


def _run_in_browser_button(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """A "Run in your browser" button next to the launch buttons, opening the page's notebook in
    the local lab; none when the lab was not built."""
    notebook = lab_notebook(pagename)
    if not app.config.course_lab_built or notebook is None or "header_buttons" not in context:
        return
    url = "../" * pagename.count("/") + f"{LAB_START}?path={quote(notebook)}"
    context["header_buttons"].insert(0, {
        "type": "link", "url": url, "icon": "fas fa-play", "text": "Run in your browser",
        "tooltip": "Open this notebook in the in-browser lab: nothing to install, works offline",
        "label": "run-in-browser-button"})


def _unwanted(asset) -> bool:
    """Thebe live-code assets (they point at a CDN and are added twice by the theme), and stored
    ipywidgets state (large, and useless without the widget manager, which would come from a CDN)."""
    name = str(getattr(asset, "filename", asset) or "")
    attributes = getattr(asset, "attributes", {}) or {}
    return ("thebe" in name or "THEBE_JS_URL" in str(attributes.get("body", ""))
            or attributes.get("type") == "application/vnd.jupyter.widget-state+json")


def _check_offline(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Drop unwanted assets, then fail the build if a page would still load one from another host."""
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _unwanted(a)]
    # sphinx-design's 55 KB stylesheet and tab script, only on pages that use its components
    if 'class="sd-' not in context.get("body", ""):
        for key in ("script_files", "css_files"):
            if key in context:
                context[key] = [a for a in context[key]
                                if not str(getattr(a, "filename", a)).endswith(("sphinx-design.min.css",
                                                                                 "design-tabs.js"))]
    # docutils marks the citation list role="list" but its items are doc-biblioentry, which axe
    # reports as a critical ARIA error; the list role adds nothing here.
    if "body" in context:
        context["body"] = context["body"].replace('<div role="list" class="citation-list">',
                                                  '<div class="citation-list">')
    for key in ("script_files", "css_files"):
        for asset in context.get(key, []):
            name = getattr(asset, "filename", asset)
            if isinstance(name, str) and name.startswith(("http://", "https://", "//")):
                raise ExtensionError(f"{pagename}: {key} would load {name} from another host; "
                                     "the book must work offline.")


SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[./]*(searchindex\.js|_static/searchtools\.js|_static/language_data\.js)"></script>')


def _refresh_static(app: Sphinx, exception) -> None:
    """Sphinx 7.4 does not overwrite a static file that already exists in the output, so an
    incremental build would keep a stale quiz.js; copy the course's own assets every time, and write
    the exams' key scripts."""
    if exception is None and app.builder.format == "html":
        out = Path(app.outdir) / "_static"
        for asset in (HERE / "static").iterdir():
            shutil.copyfile(asset, out / asset.name)
        # the exams' marking data, loaded by quiz.js once a learner starts answering (exam.key_script)
        for old in out.glob("exam-*.js"):
            old.unlink()
        for path in sorted(EXAM_DIR.glob("*.yml")):
            name, text = key_script(load_exam(path.stem))
            (out / name).write_text(text, encoding="utf-8")


# (theme markup, fixed markup) pairs applied to every page by _post_process_pages
ACCESSIBLE_NAMES = (
    # pydata-sphinx-theme's search button is labelled "Search" but shows "Search Ctrl+K" (on a Mac
    # the theme's script writes the command-key sign instead of Ctrl): let the visible text be its name
    ('<button class="btn search-button-field search-button__button pst-js-only" title="Search" '
     'aria-label="Search" ', '<button class="btn search-button-field search-button__button pst-js-only" '
     'title="Search" '),
    ('<i class="fa-solid fa-magnifying-glass"></i>\n <span class="search-button__default-text">',
     '<i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>\n '
     '<span class="search-button__default-text">'),
    # myst-nb labels its hidden-cell toggles "Toggle hidden content"; readers see "Show the solution"
    # or "Hide the solution" (the other line is display:none), which then is the name
    ('<summary aria-label="Toggle hidden content">', '<summary>'),
)
# docutils marks bibliography entries role="doc-biblioentry", deprecated in DPUB-ARIA 1.1 (axe:
# aria-deprecated-role); the entries are plain blocks with their own labels
CITATION_ROLE = re.compile(r'(<div class="citation" id="[^"]+") role="doc-biblioentry">')


BARE_REDIRECT = re.compile(r'\s*<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*')


def _root_index(outdir: Path, title: str) -> None:
    """sphinx-external-toc (its build-finished handler runs before this one) writes the root
    index.html as a bare <meta> redirect to the book's home: no viewport, so a phone first paints the
    zoomed-out desktop width. Make it a small, complete page with a viewport, the same redirect, and
    a link for browsers that do not follow it."""
    index = outdir / "index.html"
    if not index.is_file():
        return
    match = BARE_REDIRECT.fullmatch(index.read_text(encoding="utf-8"))
    if not match:
        return
    url = escape(match.group(1))
    index.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f'<meta http-equiv="Refresh" content="0; url={url}">\n<title>{escape(title)}</title>\n'
        f'<link rel="canonical" href="{url}">\n</head>\n'
        f'<body>\n<p><a href="{url}">Open the course: {escape(title)}</a></p>\n</body>\n</html>\n',
        encoding="utf-8")


QUIZ_SHEET_LINK = re.compile(r'<a class="pk-quiz-sheet-link" href="([^"#]+)#([^"]+)">')


def _check_quiz_sheet_links(page: Path, text: str) -> None:
    """Every printed quiz note must point to a section that exists on the quiz-sheets page."""
    for href, anchor in QUIZ_SHEET_LINK.findall(text):
        target = (page.parent / href).resolve()
        if not target.is_file() or f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
            raise ExtensionError(f"{page.name}: its printed quiz note points to {href}#{anchor}, "
                                 "which does not exist")


def _post_process_pages(app: Sphinx, exception) -> None:
    """Fixes to every written page. The theme loads the whole search index (it grows with every
    chapter) on every page, for a search-as-you-type feature the course does not use: only the
    search page keeps it. Images load lazily. Accessible names (axe-core 4.14, WCAG 2.0-2.2 A/AA):
    the sidebar's icon-only expand toggles get one; the controls whose fixed `aria-label` differs
    from their visible text (WCAG 2.5.3 label in name) take their name from that text instead."""
    if exception is not None or app.builder.format != "html":
        return
    _root_index(Path(app.outdir), app.config.html_title or app.config.project)
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        _check_quiz_sheet_links(page, text)
        lighter = SEARCH_SCRIPTS.sub("", text) if page.name != "search.html" else text
        # the sidebar's expand/collapse toggles are icon-only <summary> elements: give them a name
        # charts load as the reader scrolls to them: a first visit on a weak link gets the text first
        lighter = re.sub(r'<img (?![^>]*\bloading=)', '<img loading="lazy" ', lighter)
        lighter = lighter.replace('<summary><span class="toctree-toggle" role="presentation">',
                                  '<summary aria-label="Show or hide the pages of this section">'
                                  '<span class="toctree-toggle" role="presentation">')
        for before, after in ACCESSIBLE_NAMES:
            lighter = lighter.replace(before, after)
        lighter = CITATION_ROLE.sub(r"\1>", lighter)
        if page.relative_to(app.outdir).parts[0] != "lab":
            lighter = slim.lighter_page(lighter)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")
    try:
        LOGGER.info(f"[course] {slim.purge(Path(app.outdir))}")
        LOGGER.info(f"[course] {slim.minify(Path(app.outdir))}")
    except slim.Unavailable as err:
        LOGGER.info(f"[course] the theme's stylesheets are kept whole ({err}): pages are heavier on a weak link")


def setup(app: Sphinx):
    app.add_directive("quiz", QuizDirective)
    app.add_directive("datasets", DatasetsDirective)
    app.add_directive("progress", ProgressDirective)
    app.add_directive("exam", ExamDirective)
    app.add_directive("completion-record", CompletionRecordDirective)
    for name in ("course-map", "quiz-sheets", "answer-keys"):
        app.add_directive(name, InstructorDirective)
    app.connect("config-inited", _add_paths)
    app.connect("config-inited", _configure_launch_buttons)
    app.connect("html-page-context", _launch_student_versions, priority=900)
    app.add_config_value("course_lab_built", False, "html")
    app.add_config_value("course_assets", "", "html")
    app.connect("config-inited", _fingerprint_assets)
    app.connect("config-inited", _detect_lab)
    app.connect("html-page-context", _run_in_browser_button, priority=910)
    app.connect("source-read", _hide_solution_markers)
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_js_file("sidebar-toggles.js", loading_method="defer")
    app.add_js_file("figure-zoom.js", loading_method="defer")
    app.add_css_file("quiz.css")
    app.add_css_file("course.css")
    app.add_css_file("print.css", media="print")
    app.connect("html-page-context", _check_offline)
    app.connect("html-page-context", _reading_order)
    app.connect("build-finished", _refresh_static)
    # after the theme's own build-finished step, which rewrites pygments.css (priority 500)
    app.connect("build-finished", _post_process_pages, priority=600)
    app.setup_extension("peacekeeping_course.search_excerpts")  # file:// search excerpts (search.html only)
    # env_version: raise it when the doctrees must be re-read (a directive writes new markup that no
    # recorded dependency would trigger); 2: the quiz's print note (issue 15); 3: the exams load their key script
    return {"version": "0.1", "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
