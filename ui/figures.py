"""What every chart shares, so the pages' Plotly figures read alike and stay readable for everyone:

- a colour-blind-safe palette (Okabe & Ito's eight colours for categories, a vermillion-to-blue scale for
  a measure around a midpoint; the maps' sequential cividis is in ``ui.maps``), and for each category also a
  marker shape and a bar pattern, so no category is told by colour alone;
- one layout (font, title, margins, axis titles, hover labels) and dashed reference lines with their words;
- ``show_figure``: draws a figure with the Plotly that Streamlit bundles (no CDN; a PNG download in the
  mode bar, no Plotly logo) and writes its text alternative under it: the figure's title and a sentence
  computed from its data, as text a screen reader reads."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lmi.i18n import _
from ui.components import literal_markdown

OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "triangle-down", "star")
PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")
DIVERGING_SCALE = ((0.0, "#D55E00"), (0.5, "#F2F2F2"), (1.0, "#0072B2"))  # vermillion below the midpoint, blue above
TEXT_COLOR = "#31333F"  # Streamlit's body text: 12.6:1 on white
GUIDE_COLOR = "#4D4D4D"  # reference lines and their words: 8.5:1 on white
FONT_FAMILY = '"Source Sans", "Source Sans Pro", Arial, sans-serif'  # Streamlit's own font first
FONT_SIZE_PX = 14
MARKER_OUTLINE = {"color": "#000000", "width": 0.6}


@dataclass(frozen=True)
class Style:
    """How one category is drawn: its colour, and the marker shape (points) or pattern (bars) that tells it
    apart without colour."""

    color: str
    symbol: str
    pattern: str


def category_marker(style: Style, sizes) -> dict:
    """The marker of one category's points: its colour and shape, sized per point, outlined so light
    colours stay visible on white."""
    return {"symbol": style.symbol, "color": style.color, "size": sizes, "opacity": 0.85, "line": MARKER_OUTLINE}


def category_styles(categories: Iterable[str]) -> dict[str, Style]:
    """A style per category, in the order given (each once); the palette repeats after eight."""
    ordered = list(dict.fromkeys(categories))
    return {
        name: Style(OKABE_ITO[i % len(OKABE_ITO)], SYMBOLS[i % len(SYMBOLS)], PATTERNS[i % len(PATTERNS)])
        for i, name in enumerate(ordered)
    }


def chart_figure(
    traces: list[dict],
    title: str,
    x_title: str | None,
    y_title: str | None,
    height_px: int = 460,
    legend_title: str | None = None,
    layout: dict | None = None,
) -> go.Figure:
    """A chart with the shared look from plain trace dicts (``{"type": "bar", ...}``) and the chart's own layout
    (``layout``, merged over the shared one: an axis's range or type, ``barmode``): Plotly checks it all once,
    where a ``go.Bar`` per trace is checked when made, again when added, and each ``update_*`` after it on its
    own (about a fifth of the transitions page's CPU went to its three charts)."""
    shared = _shared_layout(title, x_title, y_title, height_px, legend_title)
    return go.Figure(data=traces, layout=_merged(shared, layout or {}))


AXIS_STYLE = {"automargin": True, "showline": True, "linecolor": GUIDE_COLOR, "gridcolor": "#E5E5E5", "zeroline": False}


def _shared_layout(
    title: str, x_title: str | None, y_title: str | None, height_px: int = 460, legend_title: str | None = None
) -> dict:
    """The layout every chart shares, as a dict: a left-aligned title, readable axis titles, a legend under the
    title, hover labels in the page's font."""
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": FONT_SIZE_PX + 4}},
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE_PX, "color": TEXT_COLOR},
        "height": height_px,
        "margin": {"l": 10, "r": 10, "t": 90, "b": 10},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": FONT_SIZE_PX}, "bgcolor": "#FFFFFF", "align": "left"},
        "legend": {
            "title": {"text": legend_title or "", "side": "top left"},
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 0,
            "yanchor": "bottom",
            "yref": "container",
        },
        "xaxis": _axis(x_title),
        "yaxis": _axis(y_title),
    }


def _axis(axis_title: str | None) -> dict:
    return {**AXIS_STYLE, "title": {"text": axis_title}}


def _merged(base: dict, update: dict) -> dict:
    """``base`` with ``update`` written over it, nested dicts merged key by key (as ``update_layout`` does)."""
    result = dict(base)
    for key, value in update.items():
        inner = result.get(key)
        result[key] = _merged(inner, value) if isinstance(value, dict) and isinstance(inner, dict) else value
    return result


def reference_line(fig: go.Figure, axis: str, value: float, label: str = "", legend_name: str | None = None) -> None:
    """A dashed guide at ``value`` across the plot (``axis`` "x": a vertical line; "y": a horizontal one),
    ``label`` written at its far end (top or right) and, when given, ``legend_name`` in the legend. Shapes
    take data values on log axes too, so one call serves linear and log axes."""
    shape = {
        "type": "line",
        "line": {"color": GUIDE_COLOR, "width": 1.5, "dash": "dash"},
        "layer": "above",
        "label": {
            "text": label,
            "textposition": "end",
            "textangle": 0,
            "font": {"color": GUIDE_COLOR},
            **({"yanchor": "bottom"} if axis == "x" else {"xanchor": "right", "yanchor": "bottom"}),
        },
    }
    if legend_name:
        shape.update(showlegend=True, name=legend_name)
    if axis == "x":
        fig.add_shape(**shape, xref="x", x0=value, x1=value, yref="paper", y0=0, y1=1)
    else:
        fig.add_shape(**shape, yref="y", y0=value, y1=value, xref="paper", x0=0, x1=1)


def plotly_text(text: object) -> str:
    """Text from records (a program's name as staff typed it) as Plotly shows it literally: Plotly reads tags
    such as ``<b>`` and ``<a href=...>`` in tick labels, hover labels and titles, and decodes entities, so
    ``&``, ``<`` and ``>`` are written as entities."""
    return html.escape(str(text), quote=False)


def hover_template(heading: str, lines: Sequence[tuple[str, str]]) -> str:
    """A hover label: ``heading`` in bold, then one "label: value" line per pair (values are Plotly
    template fields such as ``%{x:.1%}``); the trace's name box is left out."""
    rows = [f"<b>{heading}</b>"] + [f"{label}: {value}" for label, value in lines]
    return "<br>".join(rows) + "<extra></extra>"


def bubble_sizes(values: pd.Series, smallest_px: float = 7, largest_px: float = 42) -> list[float]:
    """Marker diameters whose areas grow with ``values`` (the largest value gets ``largest_px``); missing
    or zero values get the smallest marker, still visible."""
    numbers = pd.to_numeric(values, errors="coerce").fillna(0).clip(lower=0)
    top = float(numbers.max()) if len(numbers) else 0.0
    if top <= 0:
        return [smallest_px] * len(numbers)
    return [smallest_px + (largest_px - smallest_px) * math.sqrt(v / top) for v in numbers]


def log_ticks(low: float, high: float) -> list[float]:
    """Ticks 1, 2, 5, 10, 20, 50 … from just below ``low`` to just above ``high``: round numbers a reader can
    place on a log axis (Plotly's own minor ticks read "2" for 20)."""
    ticks, decade = [], 10 ** math.floor(math.log10(low))
    while decade <= high * 10:
        ticks += [step * decade for step in (1, 2, 5) if low / 2.5 <= step * decade <= high * 2.5]
        decade *= 10
    return ticks


def plotly_config(file_stem: str) -> dict:
    """Plotly's options for every chart: no Plotly logo or link out, the mode bar's "download as PNG"
    kept (drawn in the browser, so it works offline), zoom by scrolling off so the page scrolls."""
    return {
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
    }


def figure_title(fig: go.Figure) -> str:
    return fig.layout.title.text or ""


def summary_text(fig: go.Figure, summary: str) -> str:
    """The text alternative written under a figure, as Markdown: its title and the sentence that sums up its
    data, both shown literally."""
    return _("**Chart summary:** {title}. {summary}").format(
        title=literal_markdown(figure_title(fig)), summary=literal_markdown(summary)
    )


def show_figure(fig: go.Figure, summary: str, key: str | None = None) -> None:
    """Draw ``fig`` (its title is the chart's accessible name) and its text alternative under it."""
    title = figure_title(fig)
    st.plotly_chart(
        fig, width="stretch", theme=None, key=key, config=plotly_config(file_stem(title)), alt=title or None
    )
    st.markdown(summary_text(fig, summary))


def file_stem(title: str) -> str:
    """A PNG file name from a title: lower case, words joined by hyphens."""
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words) or "chart"


def percent(rate: float, digits: int = 0) -> str:
    """A share as people read it: 0.8234 -> "82%" (US number format in both languages)."""
    return f"{100 * rate:.{digits}f}%"


def usd(amount: float) -> str:
    return f"${amount:,.0f}"
