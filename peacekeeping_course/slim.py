"""Lighter pages for weak links: remove the CSS that no page of the built book uses.

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
script, the copy buttons and the toggle script only if it has one of the course's widgets, code, or
a toggle.
"""

from __future__ import annotations

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
SAFELIST = (r"^show$", r"^showing$", r"^collapsing$", r"^collapsed$", r"^active$", r"^fade$", r"^modal",
            r"^dropdown", r"^tooltip", r"^bs-tooltip", r"^popover", r"^search-button", r"^bd-search",
            r"^sidebar-", r"^bd-sidebar", r"^primary-toggle", r"^secondary-toggle", r"^pst-", r"^theme-switch",
            r"^toggle", r"^copybtn", r"^o-tooltip", r"^highlighted$", r"^headerlink$", r"^admonition")


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


def lighter_head(html: str) -> str:
    """The page with its head's scripts deferred, script preloads removed, and the scripts it does not
    need left out (idempotent; the search page keeps its scripts as they are)."""
    head, sep, body = html.partition("</head>")
    if not sep or "searchtools.js" in head:
        return html
    head = PRELOAD.sub("", head)
    head = BLOCKING_SCRIPT.sub('<script defer src="', head)
    for script, needed in ONLY_WHERE_NEEDED.items():
        if not needed(body):
            head = re.sub(r'[ \t]*<script (?:defer(?:="defer")? )?src="[^"]*/' + re.escape(script) + r'[^"]*"></script>\n?',
                          "", head)
    return head + sep + body


class Unavailable(RuntimeError):
    """PurgeCSS could not be installed or run (no Node.js, no registry on first use)."""


@dataclass(frozen=True)
class Slimmed:
    files: int
    before: int
    after: int

    def __str__(self) -> str:
        return (f"{self.files} third-party stylesheets slimmed from {self.before / 1000:,.0f} KB to "
                f"{self.after / 1000:,.0f} KB")


def install(cache: Path | None = None) -> Path:
    """The folder holding PurgeCSS's node_modules and the runner (installed with `npm ci` if missing)."""
    cache = cache or download_cache("purgecss")
    lock = (TOOL / "package-lock.json").read_bytes()
    ready = cache / "node_modules" / "purgecss" / "package.json"
    if not (ready.exists() and (cache / "package-lock.json").read_bytes() == lock):
        npm = shutil.which("npm")
        if not shutil.which("node") or not npm:
            raise Unavailable("Node.js and npm are not installed")
        cache.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(TOOL / name, cache / name)
        done = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                              cwd=cache, capture_output=True, text=True, timeout=300)
        if done.returncode or not ready.exists():
            raise Unavailable(f"npm ci failed: {(done.stderr or done.stdout).strip()[-300:]}")
    shutil.copyfile(TOOL / "purge.mjs", cache / "purge.mjs")
    return cache


def purge(html: Path, cache: Path | None = None) -> Slimmed:
    """Rewrite the third-party stylesheets under `html/_static` to the rules the built pages use."""
    static = html / "_static"
    css = sorted(str(p) for pattern in STYLESHEETS for p in static.glob(pattern))
    if not css:
        return Slimmed(0, 0, 0)
    tool = install(cache)
    pages = [str(p) for p in html.rglob("*.html") if "lab" not in p.relative_to(html).parts[:1]]
    scripts = [str(p) for p in static.rglob("*.js")]
    with tempfile.TemporaryDirectory() as tmp:
        job = Path(tmp) / "job.json"
        job.write_text(json.dumps({"content": pages + scripts, "css": css, "safelist": list(SAFELIST)}))
        done = subprocess.run(["node", str(tool / "purge.mjs"), str(job)], capture_output=True, text=True,
                              timeout=300)
    if done.returncode:
        raise Unavailable(f"PurgeCSS failed: {done.stderr.strip()[-300:]}")
    sizes = json.loads(done.stdout)
    return Slimmed(len(sizes), sum(s[1] for s in sizes), sum(s[2] for s in sizes))
