"""The wheels the lab adds to Pyodide: the course package, pure-Python PyYAML, ipywidgets, comm and
matplotlib's font cache. Each is pinned by version and sha256 or built here, reproducibly."""

from __future__ import annotations

import base64
import hashlib
import tarfile
import zipfile
from pathlib import Path

from .pyodide_dist import Unavailable, VerifyError, pip_download, sha256

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
# pure wheels from PyPI (the versions the desktop uses), and PyYAML's sdist: PyPI has no pure wheel
PINNED = {
    "ipywidgets-8.1.9-py3-none-any.whl": "f2b8cbcaae10252b809fbe4d7470db75c09b769a32cbf816d20e5ca6d3c5a79d",
    "comm-0.2.3-py3-none-any.whl": "c615d91d75f7f04f095b30d1c1711babd43bdc6419c1be9886a85f2f4e489417",
    "pyyaml-6.0.4.tar.gz": "e24bf71af8a432d7808fabff134d38dfe16d3cbb41f2873bb4b1e42422de0a1a",
}
FIXED_TIME = (2025, 1, 1, 0, 0, 0)


def make_wheel(out: Path, name: str, version: str, files: dict[str, bytes], summary: str,
               requires: tuple[str, ...] = ()) -> Path:
    """A py3-none-any wheel holding `files` (path in site-packages -> bytes), byte-reproducible."""
    dist = f"{name.replace('-', '_')}-{version}"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\n"
    metadata += "".join(f"Requires-Dist: {r}\n" for r in requires)
    files = {**files,
             f"{dist}.dist-info/METADATA": metadata.encode(),
             f"{dist}.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: peacekeeping_course\n"
                                        b"Root-Is-Purelib: true\nTag: py3-none-any\n"}
    record = "".join(
        f"{n},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}\n"
        for n, d in files.items()) + f"{dist}.dist-info/RECORD,,\n"
    files[f"{dist}.dist-info/RECORD"] = record.encode()
    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in sorted(files):
            archive.writestr(zipfile.ZipInfo(n, date_time=FIXED_TIME), files[n], zipfile.ZIP_DEFLATED)
    return wheel


def course_wheel(out: Path, version: str) -> Path:
    """The course package as the browser needs it: its Python modules and the static files they
    read, without this build code (which never runs in the browser)."""
    files = {}
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE.parent)
        if (not path.is_file() or "__pycache__" in relative.parts or HERE in path.parents
                or path.suffix == ".pyc" or "reveal" in relative.parts):
            continue
        files[relative.as_posix()] = path.read_bytes()
    return make_wheel(out, "peacekeeping-course", version, files,
                      "The peacekeeping and SSR course package, for the in-browser lab")


def fontcache_wheel(out: Path) -> Path:
    """matplotlib's font cache for Pyodide's matplotlib 3.8.4 (its wheel ships one of the wrong
    version, so every kernel start would print 'building the font cache'); see make_fontlist.js."""
    return make_wheel(out, "course-mpl-fontcache", "3.8.4",
                      {"matplotlib/fontlist.json": (HERE / "mpl-fontlist.json").read_bytes()},
                      "matplotlib 3.8.4 font cache for Pyodide 0.27.7")


def pinned_file(name: str, cache: Path) -> Path:
    """A pinned file from PyPI, downloaded once into `cache` and checked against its sha256."""
    path = cache / name
    if not path.exists():
        project, version = name.split("-")[:2]
        version = version.removesuffix(".tar.gz")
        pip_download(f"{project}=={version}", cache,
                     *(["--no-binary=:all:"] if name.endswith(".tar.gz") else ["--only-binary=:all:"]))
    if not path.exists():
        raise Unavailable(f"the package index did not give {name}")
    if sha256(path.read_bytes()) != PINNED[name]:
        path.unlink()
        raise VerifyError(f"{name} from the package index does not match its pinned sha256 {PINNED[name]}")
    return path


def pure_pyyaml_wheel(out: Path, cache: Path) -> Path:
    """PyYAML's pure-Python part from its sdist (the libyaml extension is optional)."""
    sdist = pinned_file("pyyaml-6.0.4.tar.gz", cache)
    files = {}
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if member.isfile() and parts[1:3] == ("lib", "yaml") and member.name.endswith(".py"):
                files["yaml/" + "/".join(parts[3:])] = tar.extractfile(member).read()
            elif member.isfile() and parts[1:] == ("LICENSE",):
                files["PyYAML-6.0.4.dist-info/licenses/LICENSE"] = tar.extractfile(member).read()
    if "yaml/__init__.py" not in files:
        raise VerifyError(f"{sdist.name} has no lib/yaml package")
    return make_wheel(out, "PyYAML", "6.0.4", files, "PyYAML 6.0.4, its pure-Python part")
