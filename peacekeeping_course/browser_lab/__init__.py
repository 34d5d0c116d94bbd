"""The in-browser lab: the course's notebooks running in JupyterLite on Pyodide, with nothing
installed and no network, built into the book at _build/html/lab/.

    python -m peacekeeping_course.browser_lab            # what `make book` runs first

Stack (the newest one whose packages the registries serve): JupyterLite 0.5.1, Pyodide kernel
0.5.2, Pyodide 0.27.7 (Python 3.12, numpy 2.0, pandas 2.2, matplotlib 3.8). The build tools live
in their own environment, .venv-lab (pins in requirements.txt); downloads are kept in a cache
(PEACEKEEPING_LAB_CACHE, default ~/.cache/peacekeeping-course/lab). PYODIDE_ARCHIVE may name the
official pyodide-0.27.7.tar.bz2; otherwise a copy on PyPI is used. Either way every file is
verified against npm pyodide@0.27.7 (pyodide_dist.py) and a mismatch stops the build.

Modules: pyodide_dist (get and verify Pyodide), wheels (the course's wheels), site (lay out and
build the site), build (the command: stamps, build environment, left-out handling).
"""
