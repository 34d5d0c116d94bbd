"""Lighter pages for weak links: remove the CSS that no page of the built book uses, load scripts and
stylesheets only where they are needed, shorten citations' hover text, and minify the scripts.

The theme ships about 500 KB of CSS for every page (pydata-sphinx-theme.css alone is 397 KB), most of
it for components the course never shows. After each build, PurgeCSS (npm `purgecss`, pinned with its
dependencies by `purgecss/package-lock.json`) reads every built page and every script in `_static`,
and rewrites the third-party stylesheets in `_build/html/_static` to the rules they can match. The
course's own stylesheets (course.css, quiz.css, print.css) are left whole. Nothing vendored in the
repository is edited: only the build output.

PurgeCSS is installed once with `npm ci` into the download cache (`paths.download_cache("purgecss")`,
or PEACEKEEPING_PURGECSS_CACHE) and runs offline after that. Without Node.js, or without the registry
on first use, the book is built whole and `purge` says why (the pages are then heavier, nothing breaks).

Classes that scripts add at run time and that no page or script names literally are kept by SAFELIST.

`lighter_head` does the rest for each page: the theme's scripts no longer block the first paint
(`defer`, and no preloads competing with the stylesheets for a slow link), and a page loads the quiz
script, the copy buttons and the toggle script (and their stylesheets, and the code colours) only if
it has one of the course's widgets, code, or a toggle. `lighter_page` also shortens the citations'
hover text: sphinxcontrib-bibtex copies the whole bibliography entry, notes included, into the
`title` of every citation (80 KB of chapter 9); the hover keeps the entry up to its date, and the
link still leads to the whole entry.

`minify` (after `purge`) runs terser (npm, pinned in the same lock file) on the scripts in `_static`
that are not minified yet: the course's quiz.js, figure-zoom.js and sidebar-toggles.js, and Sphinx's
and the extensions' own (doctools.js, searchtools.js, togglebutton.js, copybutton.js...). Only the
copies in the build are rewritten, never the sources.

What stays heavy, and why (measured first loads, uncompressed): the search page carries Sphinx's whole
search index (searchindex.js, about 380 KB; the search runs in the browser, offline and from a USB
stick, so the index must be there before the first query; a reader reaches it from another page, whose
theme files the browser already has). Long reference pages are split so that each stays under 500 KB:
the bibliography (authors A-T, then U-Z) and the answer keys (chapters 1-7, then 8 onwards); the exams
load their marking data only once a learner starts answering (exam.key_script). Served compressed
(`make serve`, or any server's gzip) pages are 3.5 to 4.5 times smaller. Every page also carries the
theme's fixed part, about 200 KB: its purged stylesheet (about 105 KB) and its scripts (bootstrap.js,
81 KB, already minified; the menus and tooltips use it).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .paths import download_cache

TOOL = Path(__file__).resolve().parent / "purgecss"
# third-party stylesheets of the built book (globs under _static); the course's own are not purged
STYLESHEETS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "mystnb.*.css", "basic.css",
               "pygments.css", "togglebutton.css", "copybutton.css", "sphinx-design.min.css", "sphinx-thebe.css")
# regular expressions of selectors to keep whatever the pages say (states the theme's scripts set)
SAFELIST = (r"^show$", r"^showing$", r"^collapsing$", r"^collapsed$", r"^active$", r"^fade$",
            r"^dropdown", r"^tooltip", r"^bs-tooltip", r"^search-button", r"^bd-search",
            r"^sidebar-", r"^bd-sidebar", r"^primary-toggle", r"^secondary-toggle", r"^theme-switch",
            r"^toggle", r"^copybtn", r"^o-tooltip", r"^highlighted$", r"^headerlink$", r"^admonition")
# code colours: their classes (.k, .n, …) are written into the pages by the build, never by a script, and
# short names like these occur in any minified script, so this stylesheet is purged against the pages alone
PAGES_ONLY = ("pygments.css",)


PRELOAD = re.compile(r'[ \t]*<link rel="preload" as="script"[^>]*>\n?')
BLOCKING_SCRIPT = re.compile(r'<script src="')
# script -> a test of the page's HTML: the script is dropped from pages that fail it
ONLY_WHERE_NEEDED = {
    # the course's script: quizzes, exams, My progress, the record, print buttons, the lab's buttons
    "quiz.js": lambda html: 'class="pk-' in html or "btn-run-in-browser-button" in html,
    "clipboard.min.js": lambda html: "<pre" in html,
    "copybutton.js": lambda html: "<pre" in html,
    "togglebutton.js": lambda html: re.search(r'class="(?:[^"]* )?(?:toggle|admonition dropdown|dropdown admonition)[ "]',
                                              html) is not None,
}


# stylesheet -> the same kind of test: the code colours, and the styles of the copy buttons and toggles
STYLES_ONLY_WHERE_NEEDED = {
    "pygments.css": lambda html: re.search(r'class="(?:[^"]* )?highlight[ "]', html) is not None,
    "copybutton.css": ONLY_WHERE_NEEDED["copybutton.js"],
    "togglebutton.css": ONLY_WHERE_NEEDED["togglebutton.js"],
}


def lighter_head(html: str) -> str:
    """The page with its head's scripts deferred, script preloads removed, and the scripts and
    stylesheets it does not need left out (idempotent; the search page keeps the order of its scripts,
    which Sphinx's search needs, and only loses those it does not need)."""
    head, sep, body = html.partition("</head>")
    if not sep:
        return html
    if "searchtools.js" not in head:
        head = PRELOAD.sub("", head)
        head = BLOCKING_SCRIPT.sub('<script defer src="', head)
    for script, needed in ONLY_WHERE_NEEDED.items():
        if not needed(body):
            head = re.sub(r'[ \t]*<script (?:defer(?:="defer")? )?src="[^"]*/' + re.escape(script) + r'[^"]*"></script>\n?',
                          "", head)
    for sheet, needed in STYLES_ONLY_WHERE_NEEDED.items():
        if not needed(body):
            head = re.sub(r'[ \t]*<link rel="stylesheet" (?:type="text/css" )?href="[^"]*/' + re.escape(sheet)
                          + r'[^"]*" ?/?>\n?', "", head)
    return head + sep + body


# a citation: a link to an entry of the bibliography, whose title is the whole entry
CITATION_TITLE = re.compile(r'(<a class="reference internal" href="(?:\.\./)*(?:book/)?bibliography(?:-[a-z-]+)?\.html#[^"]*" '
                            r'title=")([^"]*)(")')
TITLE_LIMIT = 240  # characters of a citation's hover text (HTML-escaped) kept whole
SHORTENED = " …"


def short_citation_title(title: str) -> str:
    """A bibliography entry (as HTML-escaped text) cut after its date, the end of the bibliographic
    part of the entries ("Author. Title. Journal, 28(4):553-578, 2021. <notes> URL: ..."), or else
    after its last sentence that fits TITLE_LIMIT, or a word; short entries are kept whole."""
    if len(title) <= TITLE_LIMIT or title.endswith(SHORTENED):
        return title
    ends = range(40, TITLE_LIMIT + 2)
    dated = [m.end() for m in re.finditer(r"\b(?:1[5-9]|20)\d\d[a-z]?\. ", title) if m.end() in ends]
    sentences = [m.end() for m in re.finditer(r"[.?!] ", title) if m.end() in ends]
    if dated:
        cut = dated[0]
    elif sentences:
        cut = sentences[-1]
    else:
        cut = title.rfind(" ", 0, TITLE_LIMIT)
        cut = cut if cut > 0 else TITLE_LIMIT
    return title[:cut].rstrip() + SHORTENED


def shorter_citation_titles(html: str) -> str:
    """The page with each citation's hover text (title) shortened by short_citation_title."""
    return CITATION_TITLE.sub(lambda m: m.group(1) + short_citation_title(m.group(2)) + m.group(3), html)


def lighter_page(html: str) -> str:
    """lighter_head, and the citations' hover text shortened (idempotent)."""
    return lighter_head(shorter_citation_titles(html))


class Unavailable(RuntimeError):
    """PurgeCSS could not be installed or run (no Node.js, no registry on first use)."""


@dataclass(frozen=True)
class Shrunk:
    """What a build step made smaller: how many files, their bytes before and after."""
    files: int
    before: int
    after: int
    what: str = "files"

    def __str__(self) -> str:
        return f"{self.files} {self.what} from {self.before / 1000:,.0f} KB to {self.after / 1000:,.0f} KB"


def _run(tool: Path, runner: str, job: dict, what: str) -> Shrunk:
    """Run one of the node runners (purge.mjs, minify.mjs) on a job; they print [file, before, after]."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "job.json"
        path.write_text(json.dumps(job))
        done = subprocess.run(["node", str(tool / runner), str(path)], capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise Unavailable(f"{runner} failed: {done.stderr.strip()[-300:]}")
    sizes = json.loads(done.stdout)
    return Shrunk(len(sizes), sum(s[1] for s in sizes), sum(s[2] for s in sizes), what)


def install(cache: Path | None = None) -> Path:
    """The folder holding PurgeCSS's and terser's node_modules and the runners (installed with
    `npm ci` if missing or if the lock file changed)."""
    cache = cache or download_cache("purgecss")
    lock = (TOOL / "package-lock.json").read_bytes()

    tools = json.loads((TOOL / "package.json").read_text(encoding="utf-8"))["dependencies"]

    def tools_ready() -> bool:
        return all((cache / "node_modules" / name / "package.json").exists() for name in tools)

    if not (tools_ready() and (cache / "package-lock.json").read_bytes() == lock):
        npm = shutil.which("npm")
        if not shutil.which("node") or not npm:
            raise Unavailable("Node.js and npm are not installed")
        cache.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(TOOL / name, cache / name)
        done = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                              cwd=cache, capture_output=True, text=True, timeout=300)
        if done.returncode or not tools_ready():
            raise Unavailable(f"npm ci failed: {(done.stderr or done.stdout).strip()[-300:]}")
    for runner in ("purge.mjs", "minify.mjs"):
        shutil.copyfile(TOOL / runner, cache / runner)
    return cache


def purge(html: Path, cache: Path | None = None) -> Shrunk:
    """Rewrite the third-party stylesheets under `html/_static` to the rules the built pages use."""
    static = html / "_static"
    css = sorted(str(p) for pattern in STYLESHEETS for p in static.glob(pattern))
    what = "third-party stylesheets slimmed"
    if not css:
        return Shrunk(0, 0, 0, what)
    tool = install(cache)
    _whole_stylesheets(html, [Path(c) for c in css])
    pages = [str(p) for p in html.rglob("*.html") if "lab" not in p.relative_to(html).parts[:1]]
    scripts = [str(p) for p in static.rglob("*.js")]
    pages_only = [c for c in css if Path(c).name in PAGES_ONLY]
    runs = [_run(tool, "purge.mjs", {"content": content, "css": sheets, "safelist": list(SAFELIST)}, what)
            for sheets, content in ((sorted(set(css) - set(pages_only)), pages + scripts), (pages_only, pages))
            if sheets]
    _record_purged(html, [Path(c) for c in css])
    return Shrunk(sum(r.files for r in runs), sum(r.before for r in runs), sum(r.after for r in runs), what)


def _originals(html: Path) -> Path:
    """Where the whole stylesheets are kept between builds (beside the output folder, not in it)."""
    return html.parent / ".slim-originals"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _whole_stylesheets(html: Path, css: list[Path]) -> None:
    """Put back the whole stylesheet wherever the output still holds the one purged last time.
    Sphinx does not copy a theme's static file again when it exists in the output, so without this a
    cached rebuild would purge the purged file, and a page that starts using a rule removed earlier
    would find it missing until a clean build. A stylesheet Sphinx did copy anew is kept as the whole one."""
    kept = _originals(html)
    manifest_file = kept / "purged.json"
    purged = json.loads(manifest_file.read_text()) if manifest_file.is_file() else {}
    for path in css:
        rel = str(path.relative_to(html))
        whole = kept / rel
        if purged.get(rel) == _digest(path) and whole.is_file():
            shutil.copyfile(whole, path)
        else:
            whole.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, whole)


def _record_purged(html: Path, css: list[Path]) -> None:
    kept = _originals(html)
    kept.mkdir(parents=True, exist_ok=True)
    (kept / "purged.json").write_text(json.dumps({str(p.relative_to(html)): _digest(p) for p in css}, indent=1))


# the course's own stylesheets (peacekeeping_course/static), minified in the built book only
COURSE_STYLESHEETS = ("course.css", "quiz.css", "print.css")


def scripts_to_minify(html: Path) -> list[Path]:
    """The scripts directly in `html/_static` (the course's, Sphinx's and the extensions'), but not
    those already minified (*.min.js, and the theme's bundles in _static/scripts and vendor), and the
    course's own stylesheets."""
    static = html / "_static"
    return sorted([*(p for p in static.glob("*.js") if not p.name.endswith(".min.js")),
                   *(static / name for name in COURSE_STYLESHEETS if (static / name).is_file())])


def minify(html: Path, cache: Path | None = None) -> Shrunk:
    """Minify the scripts (terser) and the course's stylesheets (csso) of the built book in `html/_static`
    (scripts_to_minify), in place; the sources are not touched. Run it after each build: Sphinx copies the course's scripts
    anew every time (sphinx_ext._refresh_static), and minifying a minified script changes nothing."""
    files = [str(p) for p in scripts_to_minify(html)]
    what = "scripts and stylesheets minified"
    if not files:
        return Shrunk(0, 0, 0, what)
    return _run(install(cache), "minify.mjs", {"files": files}, what)
