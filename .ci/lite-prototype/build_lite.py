#!/usr/bin/env python3
"""Build the in-browser lab (JupyterLite + Pyodide 0.27.7) for the course, fully offline-capable.

    venv/bin/python build_lite.py [--course /work/main] [--out site] [--apps lab notebook]

Steps
  1. get_pyodide.py: fetch and VERIFY Pyodide 0.27.7 (stops on any mismatch).
  2. Wheels: the course package (pure-Python wheel built from a COPY of the course), a pure-Python
     PyYAML (the registry copy of Pyodide has no pyyaml wheel; PyPI has no pure one: built from the
     sdist, without the optional C extension), ipywidgets and comm (pure wheels from PyPI, pinned).
  3. A trimmed Pyodide folder (lite_dir/static/pyodide, JupyterLite's "well-known" local Pyodide):
     the core runtime + only the lock packages the course and the kernel need (dependency closure),
     + lock entries for pyyaml / ipywidgets / peacekeeping-course, so that `import peacekeeping_course`
     in a notebook auto-loads everything (the kernel calls pyodide.loadPackagesFromImports per cell):
     no install cell in any notebook.
  4. Contents (a copy, laid out as in the repository so relative paths hold): notebooks/, exercises/,
     data/, book/quizzes/, book/exams/.
  5. `jupyter lite build` with no source maps, PyPI fallback disabled, comm in the piplite index
     (the kernel installs it at start).
"""
from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable

PINS = {"ipywidgets": "8.1.9", "comm": "0.2.3", "pyyaml": "6.0.4"}
# what the course imports in the browser (+ what the kernel installs at start: micropip, ssl, sqlite3,
# ipython); their dependency closure in pyodide-lock.json is kept, everything else is dropped
PYODIDE_ROOTS = ["micropip", "ssl", "sqlite3", "ipython", "pandas", "matplotlib", "pillow", "numpy"]
COURSE_CONTENT = ["notebooks/*.ipynb", "exercises/*.ipynb", "data/*", "book/quizzes/*.yml", "book/exams/*.yml"]


def sh(cmd, **kw):
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------------ wheels

def copy_course(course: Path, work: Path, patches: list[Path]) -> Path:
    """A copy of what the lab needs from the course (nothing is ever written into the course),
    with the proposed package changes applied."""
    src = work / "course-copy"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    shutil.copy2(course / "pyproject.toml", src)
    for folder in ("peacekeeping_course", "notebooks", "exercises", "data", "book/quizzes", "book/exams"):
        shutil.copytree(course / folder, src / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "nbgrader", "solutions"))
    for patch in patches:
        sh(["patch", "-p1", "--forward", "--quiet", "-d", src, "-i", patch.resolve()])
    return src


def build_course_wheel(src: Path, work: Path) -> Path:
    """A pure wheel of the course package (from the copy)."""
    out = work / "wheels"
    out.mkdir(exist_ok=True)
    for old in out.glob("peacekeeping_course-*.whl"):
        old.unlink()
    sh([PY, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, src])
    return next(out.glob("peacekeeping_course-*.whl"))


def build_pure_pyyaml(work: Path) -> Path:
    """PyYAML's pure-Python package from its sdist (the C extension `_yaml` is optional)."""
    out = work / "wheels"
    out.mkdir(exist_ok=True)
    found = list(out.glob(f"pyyaml-{PINS['pyyaml']}-py3-none-any.whl"))
    if found:
        return found[0]
    dl = work / "sdist"
    dl.mkdir(exist_ok=True)
    sh([PY, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q", "-d", dl,
        f"pyyaml=={PINS['pyyaml']}"])
    import tarfile
    sdist = next(dl.glob("pyyaml-*.tar.gz"))
    src = work / "pyyaml-src"
    shutil.rmtree(src, ignore_errors=True)
    with tarfile.open(sdist) as tar:
        tar.extractall(src, filter="data")
    root = next(src.iterdir())
    pure = work / "pyyaml-pure"
    shutil.rmtree(pure, ignore_errors=True)
    shutil.copytree(root / "lib" / "yaml", pure / "yaml")
    shutil.copy2(root / "LICENSE", pure / "LICENSE")
    (pure / "pyproject.toml").write_text(f"""[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"
[project]
name = "PyYAML"
version = "{PINS['pyyaml']}"
description = "PyYAML {PINS['pyyaml']}, pure-Python part only (built from the sdist without the libyaml extension)"
license = "MIT"
requires-python = ">=3.8"
[tool.setuptools]
packages = ["yaml"]
""")
    sh([PY, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, pure])
    whl = next(out.glob("pyyaml-*-py3-none-any.whl"))
    with zipfile.ZipFile(whl) as zf:
        assert not [n for n in zf.namelist() if n.endswith((".so", ".pyd", ".c"))], "PyYAML wheel not pure"
    return whl


def download_pure(work: Path, name: str) -> Path:
    out = work / "wheels"
    out.mkdir(exist_ok=True)
    stem = name.replace("-", "_")
    found = list(out.glob(f"{stem}-{PINS[name]}-py3-none-any.whl"))
    if not found:
        sh([PY, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q", "-d", out,
            f"{name}=={PINS[name]}"])
        found = list(out.glob(f"{stem}-{PINS[name]}-py3-none-any.whl"))
    return found[0]


def make_wheel(out: Path, name: str, version: str, files: dict[str, bytes], summary: str) -> Path:
    """A minimal py3-none-any wheel holding `files` (path in site-packages -> bytes)."""
    dist = f"{name.replace('-', '_')}-{version}"
    meta = {f"{dist}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\n".encode(),
            f"{dist}.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: build_lite.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    allfiles = {**files, **meta}
    record = "".join(f"{n},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}\n"
                     for n, d in allfiles.items()) + f"{dist}.dist-info/RECORD,,\n"
    whl = out / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(whl, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in sorted(allfiles.items()):
            zi = zipfile.ZipInfo(n, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(zi, d)
        zf.writestr(zipfile.ZipInfo(f"{dist}.dist-info/RECORD", date_time=(2024, 1, 1, 0, 0, 0)), record)
    return whl


def build_fontcache_wheel(work: Path) -> Path | None:
    """matplotlib's font cache for the shipped matplotlib (see make_fontcache.js), as a wheel that
    Pyodide installs right after matplotlib (it depends on it), before the first cell runs."""
    out = work / "wheels"
    target = work / "fontlist.json"
    node = shutil.which("node")
    if not node:
        print("note: no node: matplotlib will rebuild its font cache at each kernel start", file=sys.stderr)
        return None
    sh([node, HERE / "make_fontcache.js", work / "pyodide-dist", target])
    return make_wheel(out, "course-mpl-fontcache", "3.8.4", {"matplotlib/fontlist.json": target.read_bytes()},
                      "matplotlib 3.8.4 font cache for Pyodide 0.27.7 (the wheel ships one of the wrong version)")


def wheel_imports(whl: Path) -> list[str]:
    with zipfile.ZipFile(whl) as zf:
        try:
            top = zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/top_level.txt")))
            return sorted({t for t in top.decode().split() if t})
        except StopIteration:
            return sorted({n.split("/")[0] for n in zf.namelist()
                           if "/" in n and not n.split("/")[0].endswith((".dist-info", ".data"))})


def lock_entry(whl: Path, name: str, version: str, depends: list[str], imports: list[str] | None = None) -> dict:
    return {"name": name, "version": version, "file_name": whl.name, "install_dir": "site",
            "sha256": sha256_file(whl), "package_type": "package", "imports": imports or wheel_imports(whl),
            "depends": depends, "unvendored_tests": False}


# ------------------------------------------------------------------------------------------ pyodide

def norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def closure(packages: dict, roots: list[str]) -> list[str]:
    todo, seen = list(roots), set()
    while todo:
        name = norm(todo.pop())
        if name in seen:
            continue
        if name not in packages:
            raise SystemExit(f"pyodide-lock.json has no package {name!r}")
        seen.add(name)
        todo.extend(packages[name]["depends"])
    return sorted(seen)


def make_pyodide_dir(dist: Path, dest: Path, extra: list[tuple[Path, dict]]) -> dict:
    lock = json.loads((dist / "pyodide-lock.json").read_text())
    packages = {norm(k): v for k, v in lock["packages"].items()}
    have_pyyaml = (dist / packages["pyyaml"]["file_name"]).exists()
    roots = PYODIDE_ROOTS + (["pyyaml"] if have_pyyaml else [])
    keep = closure(packages, roots)
    missing = [k for k in keep if not (dist / packages[k]["file_name"]).exists()]
    if missing:
        raise SystemExit(f"the verified Pyodide distribution lacks packages the lab needs: {missing}")
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for f in ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip"):
        shutil.copy2(dist / f, dest / f)
    new = {k: packages[k] for k in keep}
    for k in keep:
        shutil.copy2(dist / packages[k]["file_name"], dest / packages[k]["file_name"])
    for whl, entry in extra:
        if entry["name"] == "pyyaml" and have_pyyaml:
            continue  # the official wasm wheel, verified, is already there
        shutil.copy2(whl, dest / whl.name)
        new[entry["name"]] = entry
    lock["packages"] = new
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, sort_keys=True))
    return {"kept": sorted(new), "pyyaml": "official wasm wheel" if have_pyyaml else "pure wheel from sdist"}


# ------------------------------------------------------------------------------------------ site

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--course", default="/work/main", type=Path)
    ap.add_argument("--out", default=HERE / "site", type=Path)
    ap.add_argument("--work", default=HERE / "build", type=Path)
    ap.add_argument("--apps", nargs="+", default=["lab", "notebook"])
    ap.add_argument("--archive", default=os.environ.get("PYODIDE_ARCHIVE"))
    ap.add_argument("--tamper", help=argparse.SUPPRESS)  # test hook, passed to get_pyodide.py
    ap.add_argument("--patch", nargs="*", type=Path, default=[HERE / "patched" / "course.diff"],
                    help="diffs applied to the copy of the course (default: the proposed changes)")
    args = ap.parse_args(argv)
    course, work, out = args.course.resolve(), args.work.resolve(), args.out.resolve()
    work.mkdir(parents=True, exist_ok=True)
    timings = {}

    t = time.perf_counter()
    cmd = [PY, HERE / "get_pyodide.py", "--cache", HERE / "dl", "--out", work / "pyodide-dist"]
    if args.archive:
        cmd += ["--archive", args.archive]
    if args.tamper:
        cmd += ["--tamper", args.tamper]
    proc = subprocess.run([str(c) for c in cmd])
    if proc.returncode:
        shutil.rmtree(out, ignore_errors=True)  # never leave a lab built from an older distribution
        print("The lab was NOT built: the Pyodide distribution could not be had or did not verify.",
              file=sys.stderr)
        return proc.returncode
    timings["pyodide_verify_s"] = round(time.perf_counter() - t, 1)

    t = time.perf_counter()
    src = copy_course(course, work, args.patch)
    course_whl = build_course_wheel(src, work)
    yaml_whl = build_pure_pyyaml(work)
    ipyw_whl = download_pure(work, "ipywidgets")
    comm_whl = download_pure(work, "comm")
    font_whl = build_fontcache_wheel(work)
    timings["wheels_s"] = round(time.perf_counter() - t, 1)

    lite = work / "lite"
    shutil.rmtree(lite, ignore_errors=True)
    lite.mkdir()
    extra = [
        (yaml_whl, lock_entry(yaml_whl, "pyyaml", PINS["pyyaml"], [], ["yaml"])),
        # comm is installed by the kernel itself (piplite, below); jupyterlab_widgets and
        # widgetsnbextension are front-end only (the lab has the extension; the kernel ships a shim)
        (ipyw_whl, lock_entry(ipyw_whl, "ipywidgets", PINS["ipywidgets"], ["ipython", "traitlets"], ["ipywidgets"])),
        (course_whl, lock_entry(course_whl, "peacekeeping-course", course_whl.name.split("-")[1],
                                ["pandas", "matplotlib", "pillow", "pyyaml", "ipywidgets"]
                                + (["course-mpl-fontcache"] if font_whl else []),
                                ["peacekeeping_course"])),
    ]
    if font_whl:
        extra.append((font_whl, lock_entry(font_whl, "course-mpl-fontcache", "3.8.4", ["matplotlib"], [])))
    pyodide_info = make_pyodide_dir(work / "pyodide-dist", lite / "static" / "pyodide", extra)

    contents = lite / "contents"
    for pattern in COURSE_CONTENT:
        for f in sorted(src.glob(pattern)):
            if f.is_file():
                target = contents / f.relative_to(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(f, target)

    (lite / "jupyter-lite.json").write_text(json.dumps({
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Peacekeeping and SSR — in-browser lab",
            "exposeAppInBrowser": True,  # window.jupyterapp, for the browser tests
            "disabledExtensions": ["@jupyterlab/apputils-extension:announcements"],
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {
                    "disablePyPIFallback": True,
                },
            },
        },
    }, indent=1))
    (lite / "jupyter_lite_config.json").write_text(json.dumps({
        "LiteBuildConfig": {
            "apps": args.apps,
            "contents": ["contents"],
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            "output_dir": str(out),
        },
        "PipliteAddon": {"piplite_urls": [str(comm_whl)]},
    }, indent=1))

    t = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    jupyter = Path(PY).parent / "jupyter"
    sh([jupyter, "lite", "build", "--lite-dir", lite], cwd=lite)
    timings["lite_build_s"] = round(time.perf_counter() - t, 1)

    # belt and braces: no source maps, no doit/cache leftovers in the site
    for p in list(out.rglob("*.map")):
        p.unlink()
    # web fonts: every browser the lab supports takes the .woff2 (listed first); the .eot/.ttf/.woff/
    # .svg copies of the same font are never fetched (about 3 MB)
    pruned = 0
    for p in list(out.rglob("*")):
        if p.suffix in (".eot", ".ttf", ".woff", ".svg") and p.with_suffix(".woff2").exists():
            pruned += p.stat().st_size
            p.unlink()
    timings["pruned_font_MB"] = round(pruned / 1e6, 2)
    for p in (out / ".jupyterlite.doit.db",):
        if p.exists():
            p.unlink()

    sizes = {"site_total_MB": round(folder_bytes(out) / 1e6, 1)}
    for sub in sorted(p for p in out.iterdir() if p.is_dir()):
        sizes[sub.name + "_MB"] = round(folder_bytes(sub) / 1e6, 2)
    report = {"timings": timings, "sizes": sizes, "pyodide": pyodide_info,
              "wheels": {w.name: w.stat().st_size for w in (course_whl, yaml_whl, ipyw_whl, comm_whl, font_whl) if w}}
    (HERE / "build-report.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
