"""Course chart style: a colour-blind-safe palette and a source line on every figure."""

from __future__ import annotations

import base64
import inspect
import io

import matplotlib as mpl
import matplotlib.pyplot as plt
from cycler import cycler

# Okabe & Ito (2008) palette, distinguishable with the common forms of colour blindness.
PALETTE = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
}
PERSONNEL_COLOURS = {"troops": PALETTE["blue"], "police": PALETTE["orange"],
                     "military_observers": PALETTE["green"]}


def use_course_style() -> None:
    """Apply the course's matplotlib defaults (palette, sizes, no chart junk)."""
    mpl.rcParams.update({
        "axes.prop_cycle": cycler(color=[PALETTE[k] for k in
                                         ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]),
        "figure.figsize": (8, 4.2), "figure.dpi": 96, "savefig.dpi": 96,
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
        "axes.titlesize": 12, "axes.titleweight": "bold", "axes.labelsize": 10, "legend.frameon": False,
        "svg.hashsalt": "peacekeeping-course", "font.family": "DejaVu Sans",
    })
    _show_figures_as_compact_png()


def compact_png(fig: plt.Figure, colours: int = 96) -> bytes:
    """The figure as a palette PNG: about a third of the bytes of matplotlib's default PNG,
    which keeps book pages light for slow connections."""
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
    image = Image.open(buffer).convert("RGB").quantize(colours, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _show_figures_as_compact_png() -> None:
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "kernel"):
        shell.run_line_magic("matplotlib", "inline")  # configure the backend first, then override
        shell.display_formatter.formatters["image/png"].for_type(plt.Figure, _compact_png_base64)


def _compact_png_base64(fig: plt.Figure) -> str:
    # base64 text rather than bytes: ipykernel encodes bytes itself, the in-browser lab's
    # kernel (Pyodide) does not and would send a broken image
    return base64.b64encode(compact_png(fig)).decode("ascii")


def boxplot(ax: plt.Axes, data, labels, *, horizontal: bool = False, **kwargs):
    """`ax.boxplot` with one label per box, on Matplotlib 3.8 (the in-browser lab) and 3.10+
    (the desktop): 3.9 renamed `labels=` to `tick_labels=`, 3.10 replaced `vert=` by `orientation=`."""
    params = inspect.signature(ax.boxplot).parameters
    kwargs["tick_labels" if "tick_labels" in params else "labels"] = labels
    if horizontal:
        kwargs.update({"orientation": "horizontal"} if "orientation" in params else {"vert": False})
    return ax.boxplot(data, **kwargs)


def add_source(fig: plt.Figure, text: str) -> None:
    """Write 'Source: ...' under the chart, so the source travels with the image."""
    fig.text(0.01, 0.005, f"Source: {text}", fontsize=8, color="#444444", ha="left", va="bottom",
             wrap=True)
    fig.subplots_adjust(bottom=0.2)
