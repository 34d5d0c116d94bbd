"""Widget explorations that degrade gracefully: live in JupyterLab, a short note in the book."""

from __future__ import annotations

import html

import ipywidgets as w


class Exploration:
    """An `ipywidgets.interactive` with a text/html fallback for pages with no kernel."""

    def __init__(self, function, title: str, **controls):
        self.title = title
        self.widget = w.interactive(function, **controls)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/plain"] = f"Interactive exploration: {self.title}"
        bundle["text/html"] = (
            '<div class="admonition note"><p class="admonition-title">Interactive exploration: '
            f"{html.escape(self.title)}</p><p>This control runs Python, so it works when you run the "
            "notebook: with the <em>Run in your browser</em> button at the top of the page (if this copy "
            "of the book has one), or in "
            "JupyterLab (<code>make lab</code>). The chart above shows the same data for one "
            "choice.</p></div>")
        return bundle


def explore(function, title: str, **controls) -> Exploration:
    """Like `ipywidgets.interact`, with a fallback note for the static book."""
    return Exploration(function, title, **controls)
