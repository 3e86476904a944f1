"""Maps drawn from the project's own shapes, with no request to any map server or CDN: outlines are
projected here (Albers equal-area, ``lmi.geography.projection``) and drawn as filled polygons on hidden
axes with equal aspect. Plotly's geo and tile maps are never used, since they fetch their base maps.

- ``state_map``: a state's metro areas as a choropleth of one measure, the state's outline over them and its
  neighbours in grey; an area without a true outline (Connecticut's, see ``lmi.geography.shapes``) is a
  labelled point at the Census internal point, and ``MapFigure.notes`` says why under the map.
- ``national_map``: the states as a choropleth, Alaska, Hawaii and the territories as insets.

The measure is shown in a few classed bins (``class_breaks``) of a colour-blind-safe sequential palette
(cividis, light for low values, dark for high), with a legend naming each bin's range; an area without a
figure is white with grey hatching. The largest areas by the measure are named on the map as far as names
fit without overlapping; every area's name and figures are in its hover label and in the table the page
puts under the map. Each builder also returns the one-sentence summary that ``ui.figures.show_figure``
writes under the figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from plotly.colors import sample_colorscale
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from lmi.geography.projection import Albers, fitted_albers, has_inset, lon_lat_bounds, national_projection
from lmi.i18n import _, ngettext
from ui.figures import FONT_FAMILY, TEXT_COLOR, chart_figure

MAP_HEIGHT_PX = 560
PLOT_WIDTH_PX = 720  # the width a map is laid out for (labels are spaced for it); Streamlit stretches it
MAX_CLASSES = 5
PALETTE = "cividis"
NO_FIGURE_FILL = "#FFFFFF"
NO_FIGURE_HATCH = "#8C8C8C"
AREA_EDGE = "#FFFFFF"
STATE_EDGE = TEXT_COLOR
CONTEXT_FILL = "#F2F2F2"
CONTEXT_EDGE = "#BDBDBD"
INSET_FRAME = "#BDBDBD"
LABEL_FONT_PX = 12
LABEL_CHAR_PX = 6.6  # average width of a character of the label font, for spacing names
LABEL_PAD_PX = 4
POINT_SIZE_PX = 16
NATIONAL_SIMPLIFY_KM = 2.0
# The legend under the map, its title above its entries and both from the map's left edge, so the bins'
# ranges wrap within the map's width on a narrow screen.
MAP_LEGEND = {
    "title": {"side": "top"},
    "orientation": "h",
    "xref": "paper",
    "x": 0,
    "xanchor": "left",
    "yref": "paper",
    "y": -0.02,
    "yanchor": "top",
}


@dataclass(frozen=True)
class MapMeasure:
    """The figure a map colours areas by: its column, its name (in the visitor's language) and how a value
    is written."""

    column: str
    title: str
    value_words: Callable[[float], str]


@dataclass(frozen=True)
class Bins:
    """Classed bins of a measure: ``edges`` (ascending, first = lowest value, last = highest), one colour
    and one label per bin."""

    edges: tuple[float, ...]
    colors: tuple[str, ...]
    labels: tuple[str, ...]

    def index(self, value) -> int | None:
        """The bin of ``value`` (None for a missing value)."""
        if value is None or pd.isna(value) or not self.colors:
            return None
        inner = np.asarray(self.edges[1:-1], dtype=float)
        return int(np.searchsorted(inner, float(value), side="right"))


@dataclass
class MapFigure:
    """A map, the one sentence that sums it up (its text alternative beside the title) and the notes to write
    under it (areas shown as points or not at all, and why)."""

    figure: go.Figure
    summary: str
    notes: list[str] = field(default_factory=list)


def short_area_name(area_name: str) -> str:
    """ "Hartford" for "Hartford-West Hartford-East Hartford, CT": the first place an area is named after,
    short enough to write on a map."""
    return re.split(r"[-,]", str(area_name))[0].strip()


# ---------------------------------------------------------------- bins


def class_breaks(values: pd.Series, value_words: Callable[[float], str], max_classes: int = MAX_CLASSES) -> Bins:
    """Up to ``max_classes`` bins holding about equal numbers of areas (quantiles), inner edges rounded to two
    significant digits so the legend reads easily; fewer bins when there are fewer distinct values."""
    numbers = pd.to_numeric(values, errors="coerce").dropna().astype(float)
    if numbers.empty:
        return Bins((), (), ())
    low, high = float(numbers.min()), float(numbers.max())
    classes = min(max_classes, numbers.nunique())
    inner = sorted({_two_digits(float(numbers.quantile(i / classes))) for i in range(1, classes)} - {low})
    inner = [edge for edge in inner if low < edge <= high]
    edges = (low, *inner, high) if inner or high > low else (low, high)
    count = len(edges) - 1
    labels = tuple(
        _("{low} to {high}").format(low=value_words(edges[i]), high=value_words(edges[i + 1])) for i in range(count)
    )
    return Bins(tuple(edges), palette(count), labels)


def _two_digits(value: float) -> float:
    if value == 0:
        return 0.0
    digits = 1 - int(np.floor(np.log10(abs(value))))
    return float(round(value, digits))


def palette(count: int) -> tuple[str, ...]:
    """``count`` colours of cividis from light (low) to dark (high), each bin told apart in lightness too."""
    if count <= 0:
        return ()
    positions = [0.95] if count == 1 else list(np.linspace(0.98, 0.05, count))
    return tuple(_hex(color) for color in sample_colorscale(PALETTE, positions))


def _hex(color: str) -> str:
    if color.startswith("#"):
        return color
    parts = [int(float(p)) for p in color[color.index("(") + 1 : color.index(")")].split(",")[:3]]
    return "#{:02X}{:02X}{:02X}".format(*parts)


def label_color(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (WCAG relative luminance)."""
    rgb = [int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if luminance > 0.179 else "#FFFFFF"


# ---------------------------------------------------------------- geometry to traces


def ring_xy(geometry: BaseGeometry) -> tuple[list, list]:
    """x and y lists of every ring of a (projected) polygon or multipolygon, rings separated by None, outer
    rings counter-clockwise and holes clockwise, so a filled trace leaves holes empty."""
    xs: list = []
    ys: list = []
    for polygon in _polygons(geometry):
        oriented = shapely.geometry.polygon.orient(polygon, sign=1.0)
        for ring in (oriented.exterior, *oriented.interiors):
            coords = np.asarray(ring.coords)
            xs.extend(coords[:, 0].round(2).tolist() + [None])
            ys.extend(coords[:, 1].round(2).tolist() + [None])
    return xs, ys


def _coordinates(values: list) -> np.ndarray:
    """Ring coordinates as a float array, the None between rings as NaN (a gap to Plotly, as None is): Plotly
    checks an array in one step where it walks a list number by number, and sends it as compact binary; a map
    of the states has some 50,000 coordinates, and checking them as lists was most of a map's cost."""
    return np.array(values, dtype="float64")


def _polygons(geometry: BaseGeometry) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]


def hover_text(row: pd.Series, measure: MapMeasure) -> str:
    """An area's hover label: its full name, then its ``hover_lines`` ((label, words) pairs: the page's table
    row, so the map and the table say the same), or the measure alone when it has none."""
    lines = row.get("hover_lines")
    if not isinstance(lines, list | tuple) or not lines:
        value = row.get(measure.column)
        shown = _("not published") if value is None or pd.isna(value) else measure.value_words(value)
        lines = [(measure.title, shown)]
    return "<br>".join([f"<b>{row.area_name}</b>"] + [f"{label}: {words}" for label, words in lines])


def _area_trace(xs, ys, fill: str | None, text: str, name: str) -> dict:
    """One area: a filled polygon (white with grey hatching when it has no figure) whose hover is its figures.

    Traces are plain dicts, checked by Plotly once when the map's figure is made (``_map_figure``): a ``go.Scatter``
    per area was checked when made and again when added, most of a map's cost."""
    pattern = {} if fill else {"fillpattern": {"shape": "/", "fgcolor": NO_FIGURE_HATCH, "size": 8, "solidity": 0.2}}
    return {
        "type": "scatter",
        "x": _coordinates(xs),
        "y": _coordinates(ys),
        "mode": "lines",
        "fill": "toself",
        "fillcolor": fill or NO_FIGURE_FILL,
        "line": {"color": AREA_EDGE if fill else NO_FIGURE_HATCH, "width": 1},
        "hoveron": "fills",
        "hoverinfo": "text",
        "text": text,
        "name": name,
        "showlegend": False,
        **pattern,
    }


def _outline_trace(geometries: Sequence[BaseGeometry], color: str, width: float, fill: str | None = None) -> dict:
    xs: list = []
    ys: list = []
    for geometry in geometries:
        gx, gy = ring_xy(geometry)
        xs += gx
        ys += gy
    outline = {
        "type": "scatter",
        "x": _coordinates(xs),
        "y": _coordinates(ys),
        "mode": "lines",
        "fill": "toself" if fill else "none",
        "line": {"color": color, "width": width},
        "hoverinfo": "skip",
        "showlegend": False,
    }
    return {**outline, "fillcolor": fill} if fill else outline


def _legend_entries(bins: Bins, any_missing: bool) -> list[dict]:
    """One legend entry per bin (a square of its colour and its range), and one for "no figure"."""
    entries = [
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "marker": {"symbol": "square", "size": 14, "color": color, "line": {"color": TEXT_COLOR, "width": 0.5}},
            "name": text,
            "legendrank": 100 + rank,
            "hoverinfo": "skip",
        }
        for rank, (color, text) in enumerate(zip(bins.colors, bins.labels))
    ]
    if any_missing:
        entries.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "marker": {"symbol": "square-open", "size": 14, "color": NO_FIGURE_HATCH},
                "name": _("No published figure (hatched)"),
                "legendrank": 200,
                "hoverinfo": "skip",
            }
        )
    return entries


# ---------------------------------------------------------------- labels


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float
    priority: float  # larger first
    above_px: float = 0.0  # written this far above (x, y): the name of a point sits over its marker


def place_labels(labels: Sequence[Label], km_per_px: float) -> list[Label]:
    """The labels that fit without overlapping, most important first: each takes a box of its text's
    estimated size at the map's scale; one that would overlap a placed box is left off (its area's name is
    still in its hover label and in the table)."""
    placed: list[Label] = []
    boxes: list[tuple[float, float, float, float]] = []
    for label in sorted(labels, key=lambda item: -item.priority):
        half_w = (len(label.text) * LABEL_CHAR_PX / 2 + LABEL_PAD_PX) * km_per_px
        half_h = (LABEL_FONT_PX / 2 + LABEL_PAD_PX) * km_per_px
        y = label.y + label.above_px * km_per_px
        box = (label.x - half_w, y - half_h, label.x + half_w, y + half_h)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        placed.append(label)
        boxes.append(box)
    return placed


def _annotations(labels: Sequence[Label]) -> list[dict]:
    """The labels as layout annotations, checked with the rest of the layout when the figure is made
    (``fig.add_annotation`` per label re-validated every annotation so far each time: quadratic)."""
    font = {"size": LABEL_FONT_PX, "color": TEXT_COLOR, "family": FONT_FAMILY}
    return [
        {
            "x": label.x,
            "y": label.y,
            "text": label.text,
            "showarrow": False,
            "font": font,
            "bgcolor": "rgba(255,255,255,0.85)",
            "borderpad": 2,
            "yshift": label.above_px,
        }
        for label in labels
    ]


# ---------------------------------------------------------------- a state's metro areas


def state_map(
    areas: pd.DataFrame,
    state_outlines: pd.DataFrame,
    state_fips: str,
    measure: MapMeasure,
    title: str,
) -> MapFigure:
    """A choropleth of ``measure`` across the state's areas.

    ``areas``: one row per area with ``area_name``, the measure's column, ``hover_lines`` and the shape
    columns of ``lmi.geography.shapes.state_area_shapes`` (``geometry``, ``shape_missing_words``, the
    gazetteer point). ``state_outlines``: ``lmi.geography.shapes.state_shapes``. The projection is fitted to
    the state; metro areas crossing its line are drawn whole, the state's outline over them."""
    state_row = state_outlines[state_outlines.state_fips == state_fips]
    state_shape = state_row.geometry.iloc[0] if len(state_row) else None
    drawn = areas[areas.geometry.map(_is_shape)]
    pointed = areas[~areas.geometry.map(_is_shape) & areas.point_longitude_deg.notna()]
    unplaced = areas[~areas.geometry.map(_is_shape) & areas.point_longitude_deg.isna()]
    extent_shapes = [g for g in [state_shape, *drawn.geometry] if _is_shape(g)]
    if extent_shapes:
        projection = fitted_albers(*lon_lat_bounds(shapely.union_all(extent_shapes).envelope))
    else:
        lon, lat = areas.point_longitude_deg.dropna(), areas.point_latitude_deg.dropna()
        projection = fitted_albers(lon.min() - 1, lat.min() - 1, lon.max() + 1, lat.max() + 1)
    bins = class_breaks(areas[measure.column], measure.value_words)
    traces: list[dict] = []
    x_range, y_range = _extent(projection, extent_shapes, pointed)
    context = [
        projection.shape(g)
        for g, fips in zip(state_outlines.geometry, state_outlines.state_fips)
        if fips != state_fips and _is_shape(g) and _overlaps_box(projection.shape(g.envelope), x_range, y_range)
    ]
    if context:
        traces.append(_outline_trace(context, CONTEXT_EDGE, 0.6, CONTEXT_FILL))
    labels = []
    for _index, row in drawn.iterrows():
        value = row[measure.column]
        color = _color(bins, value)
        xs, ys = ring_xy(projection.shape(row.geometry))
        name = short_area_name(row.area_name)
        traces.append(_area_trace(xs, ys, color, hover_text(row, measure), name))
        lx, ly = projection.project(row.label_longitude_deg, row.label_latitude_deg)
        labels.append(Label(name, float(lx), float(ly), _priority(value)))
    if state_shape is not None:
        traces.append(_outline_trace([projection.shape(state_shape)], STATE_EDGE, 1.6))
    km_per_px = (x_range[1] - x_range[0]) / PLOT_WIDTH_PX
    if not pointed.empty:
        point_trace, point_labels = _points(pointed, projection, bins, measure)
        traces.append(point_trace)
        labels += point_labels
    traces += _legend_entries(bins, areas[measure.column].isna().any())
    fig = _map_figure(traces, title, measure.title, x_range, y_range, place_labels(labels, km_per_px))
    notes = missing_shape_notes(pd.concat([pointed, unplaced]))
    return MapFigure(fig, state_summary(areas, drawn, pointed, measure, bins), notes)


def _points(pointed: pd.DataFrame, projection: Albers, bins: Bins, measure: MapMeasure) -> tuple[dict, list[Label]]:
    """Areas without a true outline: a diamond at the Census internal point, coloured like an outline, its
    name written above it."""
    xs, ys = projection.project(pointed.point_longitude_deg.to_numpy(), pointed.point_latitude_deg.to_numpy())
    colors = [_color(bins, v) or NO_FIGURE_FILL for v in pointed[measure.column]]
    texts = [
        hover_text(r, measure) + "<br>" + _("No outline: see the note under the map.")
        for _index, r in pointed.iterrows()
    ]
    trace = {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "markers",
        "marker": {
            "symbol": "diamond",
            "size": POINT_SIZE_PX,
            "color": colors,
            "line": {"color": TEXT_COLOR, "width": 1.5},
        },
        "hovertext": texts,
        "hoverinfo": "text",
        "name": _("Area without an outline, shown as a point"),
        "legendrank": 300,
    }
    labels = [
        Label(short_area_name(r.area_name), float(x), float(y), _priority(r[measure.column]), POINT_SIZE_PX + 2)
        for (_index, r), x, y in zip(pointed.iterrows(), xs, ys)
    ]
    return trace, labels


def state_summary(
    areas: pd.DataFrame, drawn: pd.DataFrame, pointed: pd.DataFrame, measure: MapMeasure, bins: Bins
) -> str:
    """Whole sentences: how many areas are drawn, how many as points, and which has the highest figure."""
    if bins.colors:
        sentences = [
            ngettext(
                "{n} metro area is drawn as its outline, coloured by {measure} in {bins} classes.",
                "{n} metro areas are drawn as their outlines, coloured by {measure} in {bins} classes.",
                len(drawn),
            ).format(n=len(drawn), measure=measure.title.lower(), bins=len(bins.colors))
        ]
    else:
        sentences = [
            ngettext(
                "{n} metro area is drawn as its outline; no area has a published figure.",
                "{n} metro areas are drawn as their outlines; no area has a published figure.",
                len(drawn),
            ).format(n=len(drawn))
        ]
    if len(pointed):
        sentences.append(
            ngettext(
                "{n} more is shown as a point: it has no outline.",
                "{n} more are shown as points: they have no outline.",
                len(pointed),
            ).format(n=len(pointed))
        )
    sentences.append(highest_words(pd.concat([drawn, pointed]), measure))
    return " ".join(s for s in sentences if s)


def highest_words(frame: pd.DataFrame, measure: MapMeasure) -> str:
    """ "Highest: St. Louis, MO-IL (35,200)." ("" when no area has a figure)."""
    ranked = frame.dropna(subset=[measure.column])
    if ranked.empty:
        return ""
    top = ranked.loc[pd.to_numeric(ranked[measure.column]).idxmax()]
    return _("Highest: {name} ({value}).").format(name=top.area_name, value=measure.value_words(top[measure.column]))


# ---------------------------------------------------------------- the nation's states


def national_map(states: pd.DataFrame, measure: MapMeasure, title: str) -> MapFigure:
    """A choropleth of ``measure`` across the states: ``states`` has one row per state with ``area_name``,
    ``state_fips``, ``state_postal``, the measure's column, ``hover_lines`` and the shape columns of
    ``lmi.geography.shapes.state_shapes``. Alaska, Hawaii and the territories are insets (each framed)."""
    bins = class_breaks(states[measure.column], measure.value_words)
    labels, projected_all, frames, traces = [], [], {}, []
    for _index, row in states.iterrows():
        if not _is_shape(row.geometry):
            continue
        projection = national_projection(row.state_fips)
        projected = projection.shape(row.geometry).simplify(NATIONAL_SIMPLIFY_KM, preserve_topology=True)
        projected_all.append(projected)
        if has_inset(row.state_fips):
            frames[row.state_fips] = projected.bounds
        value = row[measure.column]
        xs, ys = ring_xy(projected)
        traces.append(_area_trace(xs, ys, _color(bins, value), hover_text(row, measure), row.state_postal))
        lx, ly = projection.project(row.label_longitude_deg, row.label_latitude_deg)
        labels.append(Label(row.state_postal, float(lx), float(ly), _priority(value)))
    pad = 40.0
    insets = [
        {
            "type": "rect",
            "x0": x0 - pad,
            "y0": y0 - pad,
            "x1": x1 + pad,
            "y1": y1 + pad,
            "line": {"color": INSET_FRAME, "width": 1},
        }
        for x0, y0, x1, y1 in frames.values()
    ]
    traces += _legend_entries(bins, states[measure.column].isna().any())
    x0, y0, x1, y1 = shapely.total_bounds(projected_all) if projected_all else (0, 0, 1, 1)
    x_range, y_range = (x0 - 60, x1 + 60), (y0 - 60, y1 + 60)
    km_per_px = (x_range[1] - x_range[0]) / PLOT_WIDTH_PX
    fig = _map_figure(traces, title, measure.title, x_range, y_range, place_labels(labels, km_per_px), shapes=insets)
    summary = " ".join(
        s
        for s in (
            _("{n} states and territories, coloured by {measure} in {bins} classes.").format(
                n=len(projected_all), measure=measure.title.lower(), bins=len(bins.colors)
            ),
            highest_words(states, measure),
        )
        if s
    )
    return MapFigure(fig, summary, missing_shape_notes(states[~states.geometry.map(_is_shape)]))


# ---------------------------------------------------------------- shared helpers


def missing_shape_notes(missing: pd.DataFrame) -> list[str]:
    """One note per reason: the areas it concerns (bold, as published), then why they have no outline."""
    notes = []
    for words, group in missing.groupby("shape_missing_words", sort=False):
        names = ", ".join(f"**{name}**" for name in group.area_name)
        notes.append(_("{areas}: {why}").format(areas=names, why=words))
    return notes


def _is_shape(geometry) -> bool:
    return isinstance(geometry, BaseGeometry) and not geometry.is_empty


def _color(bins: Bins, value) -> str | None:
    index = bins.index(value)
    return None if index is None else bins.colors[index]


def _priority(value) -> float:
    return float(value) if value is not None and not pd.isna(value) else -1.0


def _extent(projection: Albers, shapes: Sequence[BaseGeometry], points: pd.DataFrame) -> tuple[tuple, tuple]:
    """The x and y ranges (km) that hold every shape and point, with a margin."""
    boxes = [projection.shape(g).bounds for g in shapes]
    if not points.empty:
        xs, ys = projection.project(points.point_longitude_deg.to_numpy(), points.point_latitude_deg.to_numpy())
        boxes.append((float(np.min(xs)), float(np.min(ys)), float(np.max(xs)), float(np.max(ys))))
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = 0.04 * max(x1 - x0, y1 - y0, 1.0)
    return (x0 - pad, x1 + pad), (y0 - pad, y1 + pad)


def _overlaps_box(geometry: BaseGeometry, x_range: tuple, y_range: tuple) -> bool:
    x0, y0, x1, y1 = geometry.bounds
    return x0 < x_range[1] and x_range[0] < x1 and y0 < y_range[1] and y_range[0] < y1


def _map_figure(
    traces: list[dict], title: str, legend_title: str, x_range: tuple, y_range: tuple, labels: list[Label], **extra
) -> go.Figure:
    """The map as a chart with the shared look (``ui.figures.chart_figure``, checked by Plotly once): hidden axes
    of equal scale over the map's extent, the legend under the map, the area names, and ``extra`` layout."""
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": False}
    layout = {
        "xaxis": {"range": list(x_range), **hidden},
        "yaxis": {"range": list(y_range), "scaleanchor": "x", "scaleratio": 1, **hidden},
        "hovermode": "closest",
        "dragmode": "pan",
        "showlegend": True,
        "legend": MAP_LEGEND,
        "annotations": _annotations(labels),
        **extra,
    }
    return chart_figure(traces, title, None, None, MAP_HEIGHT_PX, legend_title, layout)
