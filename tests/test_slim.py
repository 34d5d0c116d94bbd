"""Lighter pages for weak links (issue 15, peacekeeping_course/slim.py), on small inputs: each page's
head (deferred scripts, no preloads, the course's and the extensions' scripts and stylesheets only
where the page needs them, the search page left alone), the citations' shortened hover text, and the
scripts minified with terser (pinned with PurgeCSS in slim.TOOL's lock file) in the build only."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from peacekeeping_course import slim

HEAD = """<!DOCTYPE html>
<html lang="en"><head>
  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=55c2" />
<link rel="preload" as="script" href="../_static/scripts/pydata-sphinx-theme.js?digest=55c2" />
    <link rel="stylesheet" type="text/css" href="../_static/pygments.css?v=03e4" />
    <link rel="stylesheet" type="text/css" href="../_static/togglebutton.css?v=9c3e" />
    <link rel="stylesheet" type="text/css" href="../_static/copybutton.css?v=76b2" />
    <link rel="stylesheet" type="text/css" href="../_static/course.css?v=c6b5" />
    <link media="print" rel="stylesheet" type="text/css" href="../_static/print.css?v=df31" />
    <script src="../_static/documentation_options.js?v=9eb3"></script>
    <script src="../_static/doctools.js?v=9a2d"></script>
    <script src="../_static/clipboard.min.js?v=a789"></script>
    <script src="../_static/copybutton.js?v=f281"></script>
    <script src="../_static/togglebutton.js?v=b8b1"></script>
    <script defer="defer" src="../_static/quiz.js?v=5fcb"></script>
    <script defer="defer" src="../_static/figure-zoom.js?v=794b"></script>
    <script>let toggleHintShow = 'Click to show';</script>
</head>
<body>{body}</body></html>
"""
READING = HEAD.format(body='<article class="bd-article"><p>Text with a '
                           '<a class="reference internal" href="glossary.html#term-SSR">term</a>.</p></article>')
QUIZ = HEAD.format(body='<section aria-label="Quiz: Chapter 1" class="pk-quiz" data-quiz="01-x"></section>')
CODE = HEAD.format(body='<div class="highlight-python notranslate"><div class="highlight"><pre>'
                        '<span class="n">x</span></pre></div></div>')
TOGGLE = HEAD.format(body='<div class="toggle docutils container"><p>Hidden</p></div>')
SEARCH = HEAD.replace('<script src="../_static/doctools.js?v=9a2d"></script>',
                      '<script src="../_static/doctools.js?v=9a2d"></script>\n'
                      '    <script src="_static/searchtools.js"></script>').format(
                          body="<div id='search-results'></div>")


def _head(html: str) -> str:
    return html.partition("</head>")[0]


def _loads(html: str, name: str) -> bool:
    return re.search(r'(?:src|href)="[^"]*/' + re.escape(name) + r'[?"]', _head(html)) is not None


def test_head_scripts_are_deferred_and_preloads_dropped():
    head = _head(slim.lighter_head(CODE))
    assert 'rel="preload"' not in head
    scripts = re.findall(r"<script[^>]*\bsrc=[^>]*>", head)
    assert scripts and all(re.match(r'<script defer(?:="defer")? src="', tag) for tag in scripts), scripts
    assert "<script>let toggleHintShow = 'Click to show';</script>" in head, "inline scripts stay as they are"
    assert _loads(head, "documentation_options.js") and _loads(head, "doctools.js")


def test_a_reading_loads_only_what_it_uses():
    lighter = slim.lighter_head(READING)
    for name in ("quiz.js", "copybutton.js", "clipboard.min.js", "togglebutton.js",
                 "pygments.css", "copybutton.css", "togglebutton.css"):
        assert not _loads(lighter, name), f"a reading without it still loads {name}"
    for name in ("course.css", "print.css", "figure-zoom.js", "doctools.js"):
        assert _loads(lighter, name), f"{name} was dropped"
    assert lighter.partition("</head>")[2] == READING.partition("</head>")[2], "the body is not touched"


def test_quiz_js_only_where_a_course_widget_is():
    assert _loads(slim.lighter_head(QUIZ), "quiz.js")
    assert not _loads(slim.lighter_head(READING), "quiz.js")
    lab = HEAD.format(body='<button class="btn-run-in-browser-button">Run</button>')
    assert _loads(slim.lighter_head(lab), "quiz.js")


def test_code_keeps_its_colours_and_copy_buttons_and_toggles_their_script():
    code = slim.lighter_head(CODE)
    assert all(_loads(code, name) for name in ("pygments.css", "copybutton.js", "clipboard.min.js", "copybutton.css"))
    assert not _loads(code, "togglebutton.js")
    toggle = slim.lighter_head(TOGGLE)
    assert _loads(toggle, "togglebutton.js") and _loads(toggle, "togglebutton.css")
    assert not _loads(toggle, "pygments.css")


def test_the_search_page_keeps_its_script_order_and_loses_only_what_it_does_not_need():
    lighter = slim.lighter_head(SEARCH)
    # Sphinx's search needs its scripts in order: none is deferred, no preload is removed
    assert re.findall(r'<script [^>]*>', lighter) == [tag for tag in re.findall(r'<script [^>]*>', SEARCH)
                                                     if not re.search(r"/(quiz|clipboard\.min|copybutton|togglebutton)\.js", tag)]
    assert lighter.count('rel="preload"') == SEARCH.count('rel="preload"') == 2
    for name in ("quiz.js", "pygments.css", "copybutton.js", "togglebutton.css"):
        assert not _loads(lighter, name), f"the search page still loads {name}"
    for name in ("searchtools.js", "course.css", "doctools.js"):
        assert _loads(lighter, name), f"{name} was dropped"
    assert lighter.partition("</head>")[2] == SEARCH.partition("</head>")[2]
    assert slim.lighter_head("<p>no head</p>") == "<p>no head</p>"


@pytest.mark.parametrize("page", [READING, QUIZ, CODE, TOGGLE, SEARCH])
def test_lighter_is_idempotent(page):
    once = slim.lighter_page(page)
    assert slim.lighter_page(once) == once
    assert slim.lighter_head(slim.lighter_head(page)) == slim.lighter_head(page)


ENTRY = ("Timothy Donais. Protection of Civilians and Peacekeeping&#x27;s Accountability Deficit. "
         "<em>International Peacekeeping</em>, 28(4):553–578, 2021. Argues that the harder challenge is "
         "performance accountability. The publisher&#x27;s page was not reached; a library record was "
         "used instead, which lists a single author and gives the abstract. " * 2).strip()


def _citation(title: str, href: str = "bibliography.html#id320") -> str:
    return f'<a class="reference internal" href="{href}" title="{title}">Donais, 2021</a>'


def test_a_long_citation_title_keeps_the_entry_up_to_its_date():
    short = slim.short_citation_title(ENTRY)
    assert short == ("Timothy Donais. Protection of Civilians and Peacekeeping&#x27;s Accountability Deficit. "
                     "<em>International Peacekeeping</em>, 28(4):553–578, 2021. …")
    assert slim.short_citation_title(short) == short


def test_citation_titles_without_a_date_are_cut_at_a_sentence_or_a_word():
    undated = ("United Nations. Good practices on conduct and discipline. Web page, Conduct in UN Field "
               "Missions. " + "Describes calls to prevent and respond to misconduct. " * 6).strip()
    short = slim.short_citation_title(undated)
    assert len(short) <= slim.TITLE_LIMIT + 2 and short.endswith(". …") and undated.startswith(short[:-2])
    words = "word " * 100
    cut = slim.short_citation_title(words.strip())
    assert cut.endswith("word …") and len(cut) <= slim.TITLE_LIMIT + 2


def test_only_citations_are_shortened_and_short_ones_kept():
    page = (_citation(ENTRY) + _citation("Short entry. 2020.", "../bibliography.html#id2")
            + f'<a class="reference internal" href="glossary.html#x" title="{ENTRY}">term</a>'
            + _citation(ENTRY, "../book/bibliography.html#id9")
            + _citation(ENTRY, "bibliography-u-z.html#id11"))  # the bibliography's second page
    lighter = slim.shorter_citation_titles(page)
    titles = re.findall(r'title="([^"]*)"', lighter)
    assert titles[0].endswith("2021. …") and titles[1] == "Short entry. 2020."
    assert titles[2] == ENTRY, "a link that is not a citation keeps its title"
    assert titles[3] == titles[4] == titles[0]
    assert lighter.count("Donais, 2021</a>") == 4, "the links themselves stay"
    assert slim.shorter_citation_titles(lighter) == lighter


def test_the_npm_tools_are_pinned_exactly():
    package = json.loads((slim.TOOL / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((slim.TOOL / "package-lock.json").read_text(encoding="utf-8"))
    assert set(package["dependencies"]) == {"purgecss", "terser", "csso"}
    assert package["dependencies"]["purgecss"] == "8.0.0"
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version} is not an exact version"
        assert lock["packages"][""]["dependencies"][name] == version
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert all(entry.get("integrity") for path, entry in lock["packages"].items() if path)
    assert (slim.TOOL / "minify.mjs").is_file()


def test_the_scripts_to_minify_are_those_in_static_not_yet_minified(tmp_path):
    static = tmp_path / "_static"
    (static / "scripts").mkdir(parents=True)
    for name in ("quiz.js", "doctools.js", "clipboard.min.js", "scripts/bootstrap.js", "course.css", "basic.css"):
        (static / name).write_text("x", encoding="utf-8")
    # the course's own stylesheets too; a theme's stylesheet is purged, not minified here
    assert [p.name for p in slim.scripts_to_minify(tmp_path)] == ["course.css", "doctools.js", "quiz.js"]


SAMPLE = """/*! Example licence: kept */
// a remark that is dropped
function courseGreeting(learnerName) {
    var greetingWithName = "Hello, " + learnerName;   // local names may be shortened
    return greetingWithName + "!";
}
"""


@pytest.fixture(scope="module")
def node():
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("Node.js and npm are needed to minify")
    return shutil.which("node")


def _minify(html):
    try:
        return slim.minify(html)
    except slim.Unavailable as err:  # no registry on first use: the build then keeps scripts whole too
        pytest.skip(str(err))


def test_minify_rewrites_the_built_scripts_only_and_keeps_what_they_do(node, tmp_path):
    static = tmp_path / "_static"
    (static / "scripts").mkdir(parents=True)
    (static / "sample.js").write_text(SAMPLE, encoding="utf-8")
    untouched = {"clipboard.min.js": "var a = 1;  // already minified\n",
                 "scripts/bootstrap.js": "var b = 2;  // the theme's bundle\n"}
    for name, text in untouched.items():
        (static / name).write_text(text, encoding="utf-8")
    result = _minify(tmp_path)
    out = (static / "sample.js").read_text(encoding="utf-8")
    assert result.files == 1 and result.after == len(out.encode()) < result.before == len(SAMPLE.encode())
    assert "/*! Example licence: kept */" in out and "remark" not in out and "greetingWithName" not in out
    run = subprocess.run([node, "-e", out + '\nprocess.stdout.write(courseGreeting("Amina"))'],
                         capture_output=True, text=True, timeout=30)
    assert run.stdout == "Hello, Amina!", run.stderr
    for name, text in untouched.items():
        assert (static / name).read_text(encoding="utf-8") == text
    _minify(tmp_path)
    assert (static / "sample.js").read_text(encoding="utf-8") == out, "minifying twice changes nothing"


def test_the_course_scripts_survive_minification(node, tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    sources = sorted((slim.TOOL.parent / "static").glob("*.js"))
    assert {"quiz.js", "figure-zoom.js", "sidebar-toggles.js"} <= {p.name for p in sources}
    for source in sources:
        shutil.copyfile(source, static / source.name)
    result = _minify(tmp_path)
    assert result.files == len(sources) and result.after < result.before
    for source in sources:
        built = static / source.name
        assert built.stat().st_size < source.stat().st_size, f"{source.name} is not smaller"
        check = subprocess.run([node, "--check", str(built)], capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, f"{source.name}: {check.stderr}"
    assert "pk-quiz" in (static / "quiz.js").read_text(encoding="utf-8"), "class names and strings stay"


def test_a_cached_rebuild_purges_the_whole_stylesheet_not_the_purged_one(node, tmp_path):
    """Sphinx does not copy a theme's stylesheet again into an existing output, so purge keeps the whole
    one beside the output: a page that starts using a rule removed by the last purge gets it back."""
    html = tmp_path / "html"
    (html / "_static").mkdir(parents=True)
    (html / "_static" / "basic.css").write_text(".pk-used { color: red }\n.pk-later { color: blue }\n")
    page = html / "page.html"
    page.write_text('<html><head></head><body><p class="pk-used">text</p></body></html>')
    slim.purge(html)
    assert "pk-later" not in (html / "_static" / "basic.css").read_text()
    page.write_text('<html><head></head><body><p class="pk-used pk-later">text</p></body></html>')
    slim.purge(html)  # a cached rebuild: the output still holds the purged file
    assert "pk-later" in (html / "_static" / "basic.css").read_text()
    assert not (html / ".slim-originals").exists(), "the whole stylesheets are kept outside the book's folder"


def test_a_course_stylesheet_is_minified_with_the_same_rules_in_the_same_order(node, tmp_path):
    static = tmp_path / "_static"
    static.mkdir()
    css = ('/* Print: notes for the maintainer */\n@media print {\n  .pk-quiz .pk-option::before {\n'
           '    content: "(" counter(pk-option, lower-alpha) ") ";\n  }\n}\n.a  >  .b { color : #000000 }\n'
           '.c { margin: 0 0 0.5em }\n')
    (static / "print.css").write_text(css, encoding="utf-8")
    _minify(tmp_path)
    out = (static / "print.css").read_text(encoding="utf-8")
    assert "maintainer" not in out and len(out) < len(css)
    assert 'content:"("counter(pk-option,lower-alpha)") "' in out, "strings (the printed option letters) are kept"
    assert out.index(".pk-option") < out.index(".a>.b") < out.index(".c")
