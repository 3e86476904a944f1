"""The shared figure helpers (ui/figures.py): a colour-blind-safe palette whose categories also differ by
marker shape and bar pattern, the common layout, dashed reference lines with their words, the offline
Plotly options, and ``show_figure`` drawing a chart with its text alternative (title and summary) in
English and Spanish."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from lmi.i18n import use_language
from ui import figures


def test_categories_differ_by_colour_shape_and_pattern():
    styles = figures.category_styles(["WIOA Adult", "State grant", "WIOA Adult", "Employer-funded"])
    assert list(styles) == ["WIOA Adult", "State grant", "Employer-funded"]  # each once, in order
    for attribute in ("color", "symbol", "pattern"):
        values = [getattr(style, attribute) for style in styles.values()]
        assert len(set(values)) == len(values)
    assert all(style.color in figures.OKABE_ITO for style in styles.values())


def test_palette_wraps_after_eight_categories():
    styles = figures.category_styles([f"c{i}" for i in range(10)])
    assert styles["c8"] == styles["c0"] and len(styles) == 10


def test_layout_sets_title_axis_titles_legend_and_font():
    fig = figures.chart_figure([], "A title", "Across", "Up", height_px=300, legend_title="Kind")
    assert fig.layout.title.text == "A title" and fig.layout.height == 300
    assert fig.layout.xaxis.title.text == "Across" and fig.layout.yaxis.title.text == "Up"
    assert fig.layout.legend.title.text == "Kind"
    assert fig.layout.font.size == figures.FONT_SIZE_PX and fig.layout.hoverlabel.font.size == figures.FONT_SIZE_PX


def test_reference_lines_are_dashed_shapes_with_their_words():
    fig = go.Figure(go.Scatter(x=[0.1, 0.9], y=[1, 2]))
    figures.reference_line(fig, "x", 0.37, "37%", legend_name="Conventional retraining")
    figures.reference_line(fig, "y", 1.5, "1.5")
    vertical, horizontal = fig.layout.shapes
    assert (vertical.x0, vertical.x1, vertical.yref) == (0.37, 0.37, "paper")
    assert (horizontal.y0, horizontal.y1, horizontal.xref) == (1.5, 1.5, "paper")
    assert vertical.line.dash == horizontal.line.dash == "dash"
    assert vertical.label.text == "37%" and vertical.showlegend and vertical.name == "Conventional retraining"
    assert horizontal.label.text == "1.5" and not horizontal.showlegend


def test_hover_template_lists_labelled_values_without_the_trace_box():
    template = figures.hover_template("%{y}", [("Placement rate", "%{x:.1%}"), ("Cost", "$%{y:,.0f}")])
    assert template == "<b>%{y}</b><br>Placement rate: %{x:.1%}<br>Cost: $%{y:,.0f}<extra></extra>"


def test_bubble_areas_grow_with_the_value_and_missing_values_stay_visible():
    sizes = figures.bubble_sizes(pd.Series([0, None, 25, 100]), smallest_px=5, largest_px=45)
    assert sizes[0] == sizes[1] == 5 and sizes[3] == 45
    assert sizes[2] == pytest.approx(5 + 40 * 0.5)  # a quarter of the value: half the diameter step
    assert figures.bubble_sizes(pd.Series([0.0, 0.0])) == [7, 7]


def test_plotly_options_keep_the_png_download_and_drop_the_logo():
    config = figures.plotly_config("placement-rate-by-program")
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "placement-rate-by-program", "scale": 2}
    assert "toImage" not in config["modeBarButtonsToRemove"]


def test_file_stem_and_number_words():
    assert figures.file_stem("Cost per placement (USD): 2024–25") == "cost-per-placement-usd-2024-25"
    assert figures.file_stem("") == "chart"
    assert figures.percent(0.8234) == "82%" and figures.percent(0.893, 1) == "89.3%"
    assert figures.usd(4200.4) == "$4,200"


def test_summary_text_names_the_title_in_both_languages():
    fig = figures.chart_figure([], "Placement rate by program", None, None)
    assert figures.summary_text(fig, "One sentence.") == ("**Chart summary:** Placement rate by program. One sentence.")
    with use_language("es"):
        assert figures.summary_text(fig, "Una oración.") == (
            "**Resumen del gráfico:** Placement rate by program. Una oración."
        )


def _chart_page() -> None:
    from ui.figures import chart_figure, show_figure

    fig = chart_figure([{"type": "bar", "x": [1, 2], "y": ["a", "b"], "orientation": "h"}], "Two bars", "Count", None)
    show_figure(fig, "Bar b costs $2, twice bar a.")


def test_show_figure_draws_the_chart_offline_with_its_text_alternative():
    app = AppTest.from_function(_chart_page).run()
    assert not app.exception
    (chart,) = app.get("plotly_chart")
    assert chart.proto.alt == "Two bars"
    assert json.loads(chart.proto.spec)["layout"]["title"]["text"] == "Two bars"
    config = json.loads(chart.proto.config)
    assert config["displaylogo"] is False and config["toImageButtonOptions"]["filename"] == "two-bars"
    # "$" would start LaTeX in Markdown: it is escaped so the amount reads as written
    assert app.markdown[0].value == "**Chart summary:** Two bars. Bar b costs \\$2, twice bar a."


def test_log_ticks_are_round_numbers_around_the_data():
    assert figures.log_ticks(7.5, 126) == [5, 10, 20, 50, 100, 200]
    assert figures.log_ticks(1200, 56000) == [1000, 2000, 5000, 10000, 20000, 50000, 100000]


def test_summaries_show_staff_typed_names_literally():
    """A program named like a link or a colour directive is shown as typed, not as markup."""
    fig = go.Figure(layout={"title": {"text": "Placement rate by program"}})
    text = figures.summary_text(fig, "[Log in](https://evil.example) **now** :red[alert] <b>x</b> costs $2.")
    assert (
        "\\[Log in\\](https\\:\u2060//evil.example) \\*\\*now\\*\\* \\:red\\[alert\\] \\<b\\>x\\</b\\> costs \\$2."
        in text
    )
    assert text.startswith("**Chart summary:** Placement rate by program.")
