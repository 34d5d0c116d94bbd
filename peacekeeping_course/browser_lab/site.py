"""Lay out and build the JupyterLite site: a trimmed local Pyodide, the course's wheels, its
notebooks and data, then `jupyter lite build` (run in the lab's own build environment)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

from . import wheels
from .pyodide_dist import RUNTIME_FILES, sha256

# what the course imports in the browser, and what the kernel installs at every start (micropip,
# ssl, sqlite3, ipython); their dependency closure in pyodide-lock.json is kept, the rest dropped
PYODIDE_ROOTS = ["micropip", "ssl", "sqlite3", "ipython", "pandas", "matplotlib", "pillow", "numpy"]
# the learner's files in the lab, laid out as in the course folder so relative paths hold
CONTENTS = ["notebooks/*.ipynb", "exercises/*.ipynb", "exercises/checks/*.yml", "data/*", "book/quizzes/*.yml",
            "book/exams/*.yml", "_toc.yml"]  # _toc.yml: the course catalogue (course.py) reads the chapters from it


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def closure(packages: dict, roots: list[str]) -> list[str]:
    """The packages `roots` need, following `depends` in the lock."""
    todo, seen = list(roots), set()
    while todo:
        name = _norm(todo.pop())
        if name not in seen:
            if name not in packages:
                raise ValueError(f"pyodide-lock.json has no package {name!r}")
            seen.add(name)
            todo.extend(packages[name]["depends"])
    return sorted(seen)


def lock_entry(wheel: Path, name: str, version: str, depends: list[str], imports: list[str]) -> dict:
    return {"name": name, "version": version, "file_name": wheel.name, "install_dir": "site",
            "sha256": sha256(wheel.read_bytes()), "package_type": "package",
            "imports": imports, "depends": depends, "unvendored_tests": False}


def pyodide_folder(dist: Path, dest: Path, added: list[tuple[Path, dict]]) -> dict:
    """Copy the runtime and the needed packages from the verified `dist` into `dest`, and extend the
    lock with the course's wheels, so that `import peacekeeping_course` in a cell loads everything
    (the kernel loads packages from a cell's imports): no install cell in any notebook."""
    lock = json.loads((dist / "pyodide-lock.json").read_text())
    packages = {_norm(k): v for k, v in lock["packages"].items()}
    official_yaml = (dist / packages["pyyaml"]["file_name"]).exists()
    keep = closure(packages, PYODIDE_ROOTS + (["pyyaml"] if official_yaml else []))
    missing = [k for k in keep if not (dist / packages[k]["file_name"]).exists()]
    if missing:
        raise ValueError(f"the verified Pyodide distribution lacks packages the lab needs: {missing}")
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in RUNTIME_FILES:
        shutil.copy2(dist / name, dest / name)
    kept = {k: packages[k] for k in keep}
    for k in keep:
        shutil.copy2(dist / packages[k]["file_name"], dest / packages[k]["file_name"])
    for wheel, entry in added:
        if entry["name"] == "pyyaml" and official_yaml:
            continue  # the official, verified wasm wheel is already there
        shutil.copy2(wheel, dest / wheel.name)
        kept[entry["name"]] = entry
    lock["packages"] = kept
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, sort_keys=True))
    return {"packages": sorted(kept), "pyyaml": "official" if official_yaml else "pure wheel from the sdist"}


def copy_contents(course: Path, dest: Path) -> int:
    count = 0
    for pattern in CONTENTS:
        for path in sorted(course.glob(pattern)):
            if path.is_file():
                target = dest / path.relative_to(course)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                count += 1
    return count


def jupyter_lite_config(out: Path, comm_wheel: Path) -> tuple[dict, dict]:
    """(jupyter-lite.json, jupyter_lite_config.json) for the lab."""
    runtime = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Peacekeeping and SSR course: in-browser lab",
            "exposeAppInBrowser": True,  # window.jupyterapp, which the browser tests drive
            "disabledExtensions": ["@jupyterlab/apputils-extension:announcements"],
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {"disablePyPIFallback": True},
            },
        },
    }
    build = {
        "LiteBuildConfig": {"apps": ["lab"], "contents": ["contents"], "no_sourcemaps": True,
                            "no_unused_shared_packages": True, "output_dir": str(out)},
        # the kernel installs comm at every start; offline, it must come from the lab itself
        "PipliteAddon": {"piplite_urls": [str(comm_wheel)]},
    }
    return runtime, build


def build(course: Path, dist: Path, work: Path, out: Path, cache: Path, jupyter: Path) -> dict:
    """Build the lab from the verified distribution `dist` into `out`; return a report."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    built = work / "wheels"
    version = _project_version(course)
    course_whl = wheels.course_wheel(built, version)
    font_whl = wheels.fontcache_wheel(built)
    yaml_whl = wheels.pure_pyyaml_wheel(built, cache)
    ipywidgets_whl = wheels.pinned_file("ipywidgets-8.1.9-py3-none-any.whl", cache)
    comm_whl = wheels.pinned_file("comm-0.2.3-py3-none-any.whl", cache)

    lite = work / "lite"
    added = [
        (yaml_whl, lock_entry(yaml_whl, "pyyaml", "6.0.4", [], ["yaml"])),
        # comm comes from piplite (below); the widgets' front end is the lab's extension
        (ipywidgets_whl, lock_entry(ipywidgets_whl, "ipywidgets", "8.1.9", ["ipython", "traitlets"], ["ipywidgets"])),
        (font_whl, lock_entry(font_whl, "course-mpl-fontcache", "3.8.4", ["matplotlib"], [])),
        (course_whl, lock_entry(course_whl, "peacekeeping-course", version,
                                ["pandas", "matplotlib", "pillow", "pyyaml", "ipywidgets", "course-mpl-fontcache"],
                                ["peacekeeping_course"])),
    ]
    pyodide = pyodide_folder(dist, lite / "static" / "pyodide", added)
    files = copy_contents(course, lite / "contents")
    runtime, build_config = jupyter_lite_config(out, comm_whl)
    (lite / "jupyter-lite.json").write_text(json.dumps(runtime, indent=1))
    (lite / "jupyter_lite_config.json").write_text(json.dumps(build_config, indent=1))

    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([str(jupyter), "lite", "build", "--lite-dir", str(lite)], cwd=lite,
                            capture_output=True, text=True)
    if result.returncode:
        shutil.rmtree(out, ignore_errors=True)
        raise RuntimeError(f"jupyter lite build failed:\n{(result.stdout + result.stderr)[-3000:]}")
    pruned = _prune(out)
    return {"pyodide": pyodide, "files": files, "pruned_MB": round(pruned / 1e6, 1),
            "size_MB": round(folder_bytes(out) / 1e6, 1)}


def _prune(out: Path) -> int:
    """Drop what no browser the lab supports fetches: source maps, the build database, and the
    .eot/.ttf/.woff/.svg copies of web fonts that also come as .woff2 (listed first)."""
    pruned = 0
    for path in list(out.rglob("*")):
        if path.is_file() and (path.suffix == ".map" or path.name == ".jupyterlite.doit.db"
                               or (path.suffix in (".eot", ".ttf", ".woff", ".svg")
                                   and path.with_suffix(".woff2").exists())):
            pruned += path.stat().st_size
            path.unlink()
    return pruned


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _project_version(course: Path) -> str:
    return tomllib.loads((course / "pyproject.toml").read_text())["project"]["version"]
