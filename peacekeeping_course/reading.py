"""Reading the chapter pages (`book/NN-slug.md`): sections, learning objectives, and MyST turned
into plain Markdown. Used by the slide decks and the instructors' course map."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from .paths import REPO_ROOT

BOOK_DIR = REPO_ROOT / "book"


def reading_text(slug: str) -> str:
    return (BOOK_DIR / f"{slug}.md").read_text(encoding="utf-8")


def title(text: str) -> str:
    return re.search(r"^# (.+)$", text, flags=re.M).group(1).strip()


def section(text: str, heading: str) -> str:
    """The body of the `## heading` section ('' if there is none)."""
    found = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    return found.group(1).strip() if found else ""


def objectives(text: str) -> list[str]:
    """The numbered learning objectives, in order, as written (MyST)."""
    items = re.findall(r"^\d+\.\s+(.+(?:\n(?!\d+\.)\S.*)*)", section(text, "Learning objectives"), flags=re.M)
    return [" ".join(item.split()) for item in items]


@lru_cache(maxsize=1)
def citation_labels() -> dict[str, tuple[str, str]]:
    """Bibliography key -> (author label, year), from the book's BibTeX files."""
    from pybtex.database import parse_file

    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    labels = {}
    for bib in config["bibtex_bibfiles"]:
        for key, entry in parse_file(str(REPO_ROOT / bib)).entries.items():
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            names = [" ".join(p.last_names) for p in people]
            if not names:
                names = [entry.fields.get(f) for f in ("organization", "institution", "publisher")
                         if entry.fields.get(f)][:1] or ["Anon."]
            author = names[0] if len(names) == 1 else (
                f"{names[0]} and {names[1]}" if len(names) == 2 else f"{names[0]} et al.")
            year = entry.fields.get("year") or str(entry.fields.get("date", ""))[:4] or "n.d."
            labels[key] = (re.sub(r"[{}\\]", "", author), year)
    return labels


def _cite(keys: str, narrative: bool) -> str:
    labels = citation_labels()
    found = [labels.get(k.strip(), (k.strip(), "n.d.")) for k in keys.split(",") if k.strip()]
    if narrative:
        return "; ".join(f"{a} ({y})" for a, y in found)
    return "(" + "; ".join(f"{a} {y}" for a, y in found) + ")"


def _doc_label(target: str) -> str:
    slug = target.rsplit("/", 1)[-1]
    number = re.match(r"(\d\d)-", slug)
    return f"chapter {int(number.group(1))}" if number else f"the {slug.replace('-', ' ')} page"


def plain_markdown(text: str) -> str:
    """MyST roles, labels and links turned into plain Markdown: citations as "(Author year)",
    glossary terms as their text, chapter links as "chapter N", links as their text."""
    text = re.sub(r"^\(\S+\)=\s*$", "", text, flags=re.M)
    text = re.sub(r"\{cite:t\}`([^`]+)`", lambda m: _cite(m.group(1), True), text)
    text = re.sub(r"\{cite(?::p)?\}`([^`]+)`", lambda m: _cite(m.group(1), False), text)
    text = re.sub(r"\{term\}`([^`<]+?)\s*<[^`]+>`", r"\1", text)
    text = re.sub(r"\{doc\}`([^`<]+?)\s*<[^`]+>`", r"\1", text)
    text = re.sub(r"\{doc\}`([^`]+)`", lambda m: _doc_label(m.group(1)), text)
    text = re.sub(r"\{[a-z:]+\}`([^`]+)`", r"\1", text)
    text = re.sub(r"(?<!!)\[([^\]]+)\]\([^)]+\)", r"\1", text)  # links to text (images kept)
    return text.strip()
