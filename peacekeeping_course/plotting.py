"""Course chart style: a colour-blind-safe palette and a source line on every figure."""

from __future__ import annotations

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


def add_source(fig: plt.Figure, text: str) -> None:
    """Write 'Source: ...' under the chart, so the source travels with the image."""
    fig.text(0.01, 0.005, f"Source: {text}", fontsize=8, color="#444444", ha="left", va="bottom",
             wrap=True)
    fig.subplots_adjust(bottom=0.2)
