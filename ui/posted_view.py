"""The "Job postings" sections the pages share: employers' postings (``lmi.demand.posted``) beside the OEWS jobs
of the same BLS code, with their monthly trend, where they come from (files, imports, months), the "generated
example data" label when they are, and a CSV download. Without postings, one line says how to import them.

- ``render_occupation_postings``: one occupation in a region (Occupation explorer);
- ``render_codes_postings``: several BLS codes added up, each once (a program's target occupations).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lmi.demand import posted as posted_demand
from lmi.demand.columns import for_download, help_text, label
from lmi.i18n import _
from ui import posted_data
from ui.components import csv_download, md
from ui.figures import OKABE_ITO, chart_figure, hover_template, show_figure

# The columns of a postings table as shown (and downloaded with the source and period beside them).
SHOWN_COLUMNS = [
    "soc_code",
    "soc_title",
    "postings_soc_codes",
    "postings_count",
    "postings_trend_pct",
    "local_employment_count",
    "postings_per_1000_jobs",
]
DOWNLOAD_COLUMNS = [
    "area_code",
    "soc_code",
    "soc_title",
    "postings_soc_codes",
    "postings_is_group_sum",
    "postings_basis",
    "postings_count",
    "postings_per_month_avg",
    "postings_trend_pct",
    "local_employment_count",
    "postings_per_1000_jobs",
    "postings_period_start",
    "postings_period_end",
    "postings_missing_words",
    "postings_includes_generated_example",
]
MONTHLY_DOWNLOAD_COLUMNS = ["posted_month", "postings_count", "reposts_removed_count"]


# ------------------------------------------------------------------------------------------------ words


def count_words(value) -> str:
    return f"{value:,.0f}" if _present(value) else "—"


def per_jobs_words(value) -> str:
    """Postings per 1,000 jobs with two significant decimals for the small ratios postings give."""
    if not _present(value):
        return _("no jobs figure to compare")
    return f"{value:,.1f}" if value >= 10 else f"{value:,.2f}"


def trend_words(value) -> str:
    return f"{value:+.0f}%" if _present(value) else _("too few to compare")


def no_postings_line() -> None:
    """The one line shown where postings would be, when none are imported (no empty chart)."""
    st.caption(md(posted_demand.no_postings_words()))


def render_generated_label(posted: posted_demand.PostedDemand) -> None:
    """The "generated example data" label above anything counted from generated example postings."""
    if posted.includes_generated_example_data:
        st.badge(_("Generated example data"), icon=":material/science:", color="orange")
        st.caption(posted_demand.generated_note())


# ------------------------------------------------------------------------------------------------ chart


def monthly_chart(monthly: pd.DataFrame, title: str) -> go.Figure:
    """Postings per posted month as bars (one series: nothing is told by colour)."""
    months = [posted_demand.month_words(m) for m in monthly.posted_month]
    bars = dict(
        type="bar",
        x=months,
        y=monthly.postings_count.tolist(),
        marker={"color": OKABE_ITO[0]},
        customdata=monthly.reposts_removed_count.tolist(),
        hovertemplate=hover_template(
            "%{x}", [(label("postings_count"), "%{y:,}"), (label("reposts_removed_count"), "%{customdata:,}")]
        ),
    )
    return chart_figure(
        [bars], title, label("posted_month"), label("postings_count"), height_px=360, layout={"showlegend": False}
    )


def monthly_summary(monthly: pd.DataFrame) -> str:
    """The chart's text alternative: the period, the busiest month and the latest month."""
    if monthly.empty or not monthly.postings_count.sum():
        return _("No posting was counted in any month.")
    top = monthly.loc[monthly.postings_count.idxmax()]
    last = monthly.iloc[-1]
    return _(
        "{total} postings from {start} to {end}; most in {top_month} ({top}); {last_month}, the latest month: {last}."
    ).format(
        total=f"{int(monthly.postings_count.sum()):,}",
        start=posted_demand.month_words(monthly.posted_month.iloc[0]),
        end=posted_demand.month_words(last.posted_month),
        top_month=posted_demand.month_words(top.posted_month),
        top=f"{int(top.postings_count):,}",
        last_month=posted_demand.month_words(last.posted_month),
        last=f"{int(last.postings_count):,}",
    )


# ------------------------------------------------------------------------------------------------ one occupation


def render_occupation_postings(onet_soc_code: str, title: str, area_code: str, region_label: str) -> None:
    """Postings of the BLS code the occupation's figures are measured at, in the region: the last 12 months,
    per 1,000 OEWS jobs, the trend, whose postings they are, a monthly chart, the source and a CSV."""
    st.subheader(_("Job postings — {region}").format(region=region_label))
    posted = posted_data.posted()
    if posted is None:
        no_postings_line()
        return
    render_generated_label(posted)
    row = posted_data.for_occupation(area_code, onet_soc_code)
    if row is None:
        st.caption(_("No code BLS publishes numbers for covers this occupation, so its postings stand beside no jobs."))
        render_sources(posted, area_code)
        return
    if row.postings_missing_words:
        st.info(_("No postings figure here: {reason}.").format(reason=row.postings_missing_words))
        st.caption(md(posted.source_words()))
        return
    render_row_metrics(row, posted)
    render_whose_postings(row, title)
    monthly = posted_data.monthly(area_code, tuple(posted_demand.member_codes(row)))
    chart_title = _("Job postings a month: {code} {title}, {region}").format(
        code=row.soc_code, title=row.soc_title, region=region_label
    )
    show_figure(monthly_chart(monthly, chart_title), monthly_summary(monthly), key=f"posted_chart_{onet_soc_code}")
    render_sources(posted, area_code)
    stem = _("{title}-postings-{region}").format(title=title, region=region_label)
    csv_download(
        for_download(row.to_frame().T, ["onet_soc_code", "occupation_title", "demand_basis", *DOWNLOAD_COLUMNS]),
        _("Download these postings figures (CSV)"),
        stem,
        posted.source_words(),
        key="dl_posted_figures",
    )
    csv_download(
        monthly_for_csv(monthly, row),
        _("Download the postings by month (CSV)"),
        f"{stem}-monthly",
        posted.source_words(),
        key="dl_posted_monthly",
    )


def render_row_metrics(row: pd.Series, posted: posted_demand.PostedDemand) -> None:
    """Postings in the period, per 1,000 OEWS jobs beside the jobs figure, and the trend: two rows of two, so
    the labels are read whole; a figure that cannot be given shows a dash with the reason under it."""
    period = posted.period_words(row.postings_period_start, row.postings_period_end)
    first, second = st.columns(2), st.columns(2)
    first[0].metric(
        _("Job postings, {period}").format(period=period),
        count_words(row.postings_count),
        help=help_text("postings_count"),
    )
    first[1].metric(
        _("OEWS jobs at the same BLS code"),
        count_words(row.local_employment_count),
        help=help_text("local_employment_count"),
    )
    _metric_or_reason(second[0], "postings_per_1000_jobs", row.postings_per_1000_jobs, per_jobs_words)
    _metric_or_reason(second[1], "postings_trend_pct", row.postings_trend_pct, trend_words)


def _metric_or_reason(column, name: str, value, words) -> None:
    """The figure, or a dash with the words that say why there is none (a metric's value is no place for them)."""
    column.metric(label(name), words(value) if _present(value) else "—", help=help_text(name))
    if not _present(value):
        column.caption(words(value))


def render_whose_postings(row: pd.Series, title: str) -> None:
    """Says at the figures whose postings they are when they are a group's, not the occupation's own."""
    if bool(row.postings_is_group_sum):
        st.info(
            _(
                "OEWS measures jobs for **{code} {group}**, not for {title} alone, so the postings beside them are "
                "those of {codes} added up."
            ).format(
                code=row.soc_code, group=row.soc_title, title=title, codes=", ".join(posted_demand.member_codes(row))
            )
        )
    elif bool(row.get("demand_is_shared", False)):
        st.caption(
            _("Postings are coded by SOC code: these are all postings of {code} {group}, as the jobs are.").format(
                code=row.soc_code, group=row.soc_title
            )
        )


def render_area_note(area_code: str, posted: posted_demand.PostedDemand) -> None:
    """The area's postings no occupation counts (not coded, or no BLS code), stated as counts."""
    note = posted_data.area(area_code)
    if note is not None:
        st.caption(note.words())


def render_sources(posted: posted_demand.PostedDemand, area_code: str) -> None:
    """Source and period, the area's postings no row counts, and how postings are counted."""
    st.caption(md(posted.source_words()))
    render_area_note(area_code, posted)
    with st.expander(_("How postings are counted")):
        st.markdown(md(posted.method_words()))


def monthly_for_csv(monthly: pd.DataFrame, row: pd.Series) -> pd.DataFrame:
    """The monthly counts with the codes they add up, the area and whether they are generated."""
    out = monthly[MONTHLY_DOWNLOAD_COLUMNS].copy()
    for column in ("area_code", "soc_code", "soc_title", "postings_soc_codes", "postings_includes_generated_example"):
        out[column] = row[column]
    return for_download(
        out,
        [
            *["area_code", "soc_code", "soc_title", "postings_soc_codes"],
            *MONTHLY_DOWNLOAD_COLUMNS,
            "postings_includes_generated_example",
        ],
    )


# ------------------------------------------------------------------------------------------------ several codes


def render_codes_postings(area_code: str, soc_codes: tuple[str, ...], file_stem: str, key: str) -> None:
    """Postings of several BLS codes in one region (a program's targets), each code once: the total, per 1,000
    OEWS jobs of the codes with a jobs figure, and a row per code, with the source and a CSV."""
    st.markdown("#### " + _("Job postings for these occupations"))
    posted = posted_data.posted()
    if posted is None:
        no_postings_line()
        return
    frame = posted_data.for_codes(area_code, soc_codes=tuple(soc_codes))
    if frame is None or frame.empty:
        st.caption(_("No target occupation has a code BLS publishes numbers for, so there are no postings to show."))
        return
    render_generated_label(posted)
    if frame.postings_count.isna().all():
        st.info(_("No postings figure here: {reason}.").format(reason=frame.postings_missing_words.iloc[0]))
        st.caption(md(posted.source_words()))
        return
    totals = posted_demand.posted_totals(frame)
    period = posted.period_words(frame.postings_period_start.iloc[0], frame.postings_period_end.iloc[0])
    cols = st.columns(2)
    cols[0].metric(
        _("Job postings, {period}").format(period=period),
        count_words(totals.postings_count),
        help=help_text("postings_count"),
    )
    cols[1].metric(
        label("postings_per_1000_jobs"),
        per_jobs_words(totals.postings_per_1000_jobs),
        help=_("Postings of the codes with a jobs figure here, per 1,000 of their BLS OEWS May 2025 jobs"),
    )
    st.dataframe(shown_table(frame), hide_index=True, width="stretch", column_config=column_config())
    if frame.postings_is_group_sum.any():
        st.caption(
            _("Where OEWS measures a BLS group, the postings of its detailed occupations are added up (listed).")
        )
    render_sources(posted, area_code)
    csv_download(
        for_download(frame, DOWNLOAD_COLUMNS),
        _("Download the postings (CSV)"),
        file_stem,
        posted.source_words(),
        key=key,
    )


def shown_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A postings table as text a person reads: counts with separators, the ratio and trend in words."""
    shown = pd.DataFrame(
        {
            "soc_code": frame.soc_code.values,
            "soc_title": frame.soc_title.values,
            "postings_soc_codes": frame.postings_soc_codes.values,
            "postings_count": [
                count_words(v) if _present(v) else why
                for v, why in zip(frame.postings_count, frame.postings_missing_words)
            ],
            "postings_trend_pct": [trend_words(v) for v in frame.postings_trend_pct],
            "local_employment_count": [count_words(v) for v in frame.local_employment_count],
            "postings_per_1000_jobs": [per_jobs_words(v) for v in frame.postings_per_1000_jobs],
        }
    )
    return shown.rename(columns={c: label(c) for c in SHOWN_COLUMNS})


def column_config() -> dict:
    return {label(c): st.column_config.TextColumn(label(c), help=help_text(c)) for c in SHOWN_COLUMNS}


def _present(value) -> bool:
    return value is not None and not pd.isna(value)
