"""An npm package tarball, downloaded once into a cache and checked, every time it is used, against
the sha512 integrity the npm registry published for it (pinned by the caller). Used for Pyodide (the
in-browser lab's reference) and axe-core (the accessibility tests)."""

from __future__ import annotations

import base64
import hashlib
import tarfile
import urllib.request
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"


class NpmUnavailable(OSError):
    """The package could not be downloaded."""


class NpmMismatch(ValueError):
    """The downloaded package does not match its pinned integrity (it is deleted)."""


def tarball_url(name: str, version: str) -> str:
    return f"{REGISTRY}/{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"


def package(name: str, version: str, integrity: str, cache: Path, url: str | None = None) -> Path:
    """The verified tarball of name@version in `cache` (downloaded if missing)."""
    url = url or tarball_url(name, version)
    tgz = cache / f"{name.rsplit('/', 1)[-1]}-{version}.tgz"
    if not tgz.exists():
        cache.mkdir(parents=True, exist_ok=True)
        try:
            with urllib.request.urlopen(url, timeout=120) as response:
                data = response.read()
        except OSError as err:
            raise NpmUnavailable(f"could not download {url} ({err})") from None
        part = tgz.with_suffix(".part")
        part.write_bytes(data)
        part.replace(tgz)
    found = "sha512-" + base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if found != integrity:
        tgz.unlink()
        raise NpmMismatch(f"{tgz} does not match the integrity the npm registry published for "
                          f"{name}@{version} ({found} != {integrity}); it was removed")
    return tgz


def files(tgz: Path) -> dict[str, bytes]:
    """Every file of a package tarball, by its path inside the package (e.g. "package/axe.min.js")."""
    with tarfile.open(tgz) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
