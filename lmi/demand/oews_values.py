"""How a demand figure reads to a person, keeping BLS's footnotes' meaning.

- footnote 8: "not released" (BLS did not publish it; we never fill it in);
- footnote 4: "hourly only" / "annual only" (BLS publishes wages for some occupations one way);
- footnote 5: top-coded: BLS publishes only that the wage is at least a bound. The database keeps
  the footnote's bound ($239,200 a year / $115.00 an hour). In a few cells BLS publishes a lower
  percentile above that bound; the honest floor is then that higher published value, so the text
  says "at least" the larger of the two;
- a figure BLS has nothing for says why (``local_employment_missing_words`` of the demand model),
  an openings figure that was not estimated says how (``openings_basis``), never 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb

from lmi.db import query_rows
from lmi.demand.columns import help_text, label
from lmi.demand.openings import describe_openings
from lmi.i18n import N_, _

# the words below are English, marked for the catalog; every function here returns them translated
NOT_RELEASED = N_("not released")
NO_ESTIMATE = N_("no estimate")  # beside a jobs cell that already says why BLS has nothing there
NOT_RELEASED_FOOTNOTE, WAGE_BASIS_FOOTNOTE, TOP_CODED_FOOTNOTE = "8", "4", "5"
FOOTNOTE_WORDS = {NOT_RELEASED_FOOTNOTE: NOT_RELEASED, WAGE_BASIS_FOOTNOTE: N_("not published for this wage basis")}
TOP_CODED_WORDS = N_("top-coded")


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("<NA>", "nan")


def footnote_words(footnote) -> str:
    """Why a cell is empty, after BLS's footnote ("not released" unless the footnote says otherwise)."""
    return _(FOOTNOTE_WORDS.get(str(footnote), NOT_RELEASED))


def format_count(value, footnote=None) -> str:
    if is_missing(value):
        return footnote_words(footnote)
    return f"{int(value):,}"


def format_usd(value, footnote=None, floor=None, hourly=False) -> str:
    """Dollars as BLS means them; ``floor`` is the largest published lower percentile in the cell."""
    if str(footnote) == TOP_CODED_FOOTNOTE and not is_missing(value):
        bound = max(value, floor) if floor is not None and not is_missing(floor) else value
        return top_coded(_dollars(bound, hourly))
    if is_missing(value):
        return footnote_words(footnote)
    return _dollars(value, hourly)


def top_coded(amount: str) -> str:
    """ "≥ $239,200 (top-coded)": a top-coded wage as shown."""
    return _("≥ {amount} ({top_coded})").format(amount=amount, top_coded=_(TOP_CODED_WORDS))


def format_ratio(value, footnote=None, digits: int = 2) -> str:
    if is_missing(value):
        return footnote_words(footnote)
    return f"{value:.{digits}f}"


def _dollars(value: float, hourly: bool) -> str:
    return f"${value:,.2f}" if hourly else f"${value:,.0f}"


def top_code_floor(row) -> float | None:
    """Largest published (not top-coded) annual percentile below the 90th in a row: the honest
    floor for a top-coded 90th percentile when BLS published a lower percentile above the bound."""
    values = [
        row.get(c)
        for c in (
            "local_annual_wage_p10_usd",
            "annual_wage_p25_usd",
            "local_annual_wage_median_usd",
            "annual_wage_p75_usd",
        )
    ]
    published = [v for v in values if not is_missing(v)]
    return max(published) if published else None


def format_growth(pct) -> str:
    """BLS's projected national growth 2024-34 with its sign ("+4.5%"), or why there is none."""
    if is_missing(pct):
        return _("not projected by BLS")
    return f"{pct:+.1f}%"


def format_openings(row) -> str:
    """The one openings wording (``describe_openings``); where there is no estimate, why not."""
    value = row.get("local_annual_openings_est_count")
    if is_missing(value):
        return row.get("openings_basis_words") or describe_openings(None)
    return describe_openings(value)


def whose_numbers(row) -> str:
    """The group label where the figures are a BLS group's, blank where they are the occupation's own."""
    return (row.get("demand_basis") or "") if row.get("demand_is_shared") else ""


# Shown column -> the demand-model column whose words (``lmi.demand.columns``) it takes.
SHOWN_COLUMNS = {
    "jobs": "local_employment_count",
    "wage": "local_annual_wage_median_usd",
    "wage_range": None,
    "lq": "location_quotient",
    "growth": "national_growth_2024_34_pct",
    "openings": "local_annual_openings_est_count",
    "whose": "demand_basis",
}
WAGE_RANGE_LABEL = N_("10th–90th percentile")
WAGE_RANGE_HELP = N_(
    "BLS OEWS May 2025: a tenth of workers earn less than the first figure, a tenth more than the second"
)


def shown_labels() -> dict[str, str]:
    """The heading of each shown column, the same words as every demand table and CSV (in the visitor's
    language)."""
    return {key: (label(column) if column else _(WAGE_RANGE_LABEL)) for key, column in SHOWN_COLUMNS.items()}


def shown_help() -> dict[str, str]:
    """Tooltip of each shown column heading, keyed by heading."""
    labels = shown_labels()
    tips = {key: (help_text(column) if column else _(WAGE_RANGE_HELP)) for key, column in SHOWN_COLUMNS.items()}
    return {labels[key]: tips[key] for key in SHOWN_COLUMNS}


def format_estimates(frame):
    """Readable cells for a frame of demand figures (as returned by ``lmi.demand.area_comparison``), headed with
    the words of ``lmi.demand.columns``. A missing figure says why, never 0."""
    import pandas as pd

    labels = shown_labels()
    rows = []
    for row in frame.to_dict("records"):
        rows.append(
            {
                labels["jobs"]: _format_jobs(row),
                labels["wage"]: _format_median(row),
                labels["wage_range"]: _format_range(row),
                labels["lq"]: _format_lq(row),
                labels["growth"]: format_growth(row.get("national_growth_2024_34_pct")),
                labels["openings"]: format_openings(row),
                labels["whose"]: whose_numbers(row),
            }
        )
    return pd.DataFrame(rows, index=frame.index, columns=list(labels.values()))


def _format_jobs(row) -> str:
    if is_missing(row.get("local_employment_count")) and row.get("local_employment_missing_words"):
        return row["local_employment_missing_words"]
    return format_count(row.get("local_employment_count"), row.get("local_employment_footnote"))


def _no_jobs_figure(row) -> bool:
    return is_missing(row.get("local_employment_count")) and bool(row.get("local_employment_missing_words"))


def _format_median(row) -> str:
    value = row.get("local_annual_wage_median_usd")
    if is_missing(value) and _no_jobs_figure(row):
        return _(NO_ESTIMATE)
    if is_missing(value) and row.get("local_wage_missing_words"):
        return row["local_wage_missing_words"]
    return format_usd(value, row.get("local_annual_wage_median_footnote"))


def _format_range(row) -> str:
    if is_missing(row.get("local_annual_wage_p10_usd")) and is_missing(row.get("local_annual_wage_p90_usd")):
        return _(NO_ESTIMATE) if _no_jobs_figure(row) else (row.get("local_wage_missing_words") or _(NOT_RELEASED))
    low = format_usd(row.get("local_annual_wage_p10_usd"), row.get("local_annual_wage_p10_footnote"))
    high = format_usd(
        row.get("local_annual_wage_p90_usd"), row.get("local_annual_wage_p90_footnote"), floor=top_code_floor(row)
    )
    return f"{low} – {high}"


def _format_lq(row) -> str:
    if is_missing(row.get("location_quotient")):
        return _(NO_ESTIMATE) if _no_jobs_figure(row) else _(NOT_RELEASED)
    if row.get("area_kind") == "national":
        return _("1.00 (by definition)")
    return format_ratio(row.get("location_quotient"))


# ---------------------------------------------------------------- one occupation's headline figures
@dataclass(frozen=True)
class Figure:
    """One headline figure as a page shows it: heading, value, tooltip and the notes written under it."""

    key: str
    label: str
    value: str
    help: str
    notes: tuple[str, ...] = ()


LQ_MEANING = N_(
    "Share of the area's jobs in this occupation relative to the nation's share. "
    "Above 1: more concentrated here than nationally."
)
MEDIAN_MEANING = N_("Half of the workers earn more, half less.")
JOBS_MEANING = N_("wage and salary jobs, the self-employed excluded")


def headline_figures(row, openings_method: str) -> tuple[Figure, ...]:
    """Jobs, median wage, location quotient, estimated openings and projected growth of one row of
    ``lmi.demand.area_comparison.region_comparison`` (the chosen area), each with a tooltip that says
    what it means and, when the figures are a BLS group's, whose they are. ``openings_method`` is the
    demand model's own wording of the openings estimate."""
    labels = shown_labels()
    whose = whose_numbers(row)
    whose_note = _("{heading}: {whose}").format(heading=labels["whose"], whose=whose) if whose else ""
    whose_sentence = f" {whose_note}." if whose else ""
    whose_notes = (whose_note,) if whose else ()
    no_jobs = _no_jobs_figure(row)
    wage_range = _format_range(row)
    range_note = _("{heading}: {range}").format(heading=labels["wage_range"], range=wage_range)
    basis_words = row.get("openings_basis_words") or ""
    projections_code = row.get("projections_soc_code")
    growth_help = (
        _("{source}, national employment change 2024 to 2034 at BLS code {code}.").format(
            source=help_text("national_growth_2024_34_pct"), code=projections_code
        )
        if projections_code and not is_missing(projections_code)
        else _("{source}, national employment change 2024 to 2034.").format(
            source=help_text("national_growth_2024_34_pct")
        )
    )
    return (
        Figure(
            "jobs",
            labels["jobs"],
            _(NO_ESTIMATE) if no_jobs else _format_jobs(row),
            _("{source}; {meaning}.").format(source=help_text("local_employment_count"), meaning=_(JOBS_MEANING))
            + whose_sentence,
            ((_("Why: {reason}").format(reason=row["local_employment_missing_words"]),) if no_jobs else ())
            + whose_notes,
        ),
        Figure(
            "wage",
            labels["wage"],
            _format_median(row),
            f"{_(MEDIAN_MEANING)} {range_note}.{whose_sentence}",
            (range_note,),
        ),
        Figure("lq", labels["lq"], _format_lq(row), _(LQ_MEANING) + whose_sentence),
        Figure(
            "openings",
            labels["openings"],
            describe_openings(row.get("local_annual_openings_est_count")),
            _("{method} Basis: {basis}.").format(method=openings_method, basis=basis_words) + whose_sentence,
            (_("Basis: {basis}").format(basis=basis_words),),
        ),
        Figure(
            "growth",
            labels["growth"],
            format_growth(row.get("national_growth_2024_34_pct")),
            growth_help + whose_sentence,
        ),
    )


def figures_note() -> str:
    """What the words in a table of these figures mean, made from the constants that produce them."""
    return _(
        "“{not_released}”: BLS did not publish the estimate (footnote {not_released_footnote}). "
        "“{top_coded}”: BLS publishes only that the wage is at least this amount "
        "(footnote {top_coded_footnote}). Jobs exclude the self-employed. “{whose}” names the "
        "BLS group when the figures are a group's, shared with other occupations."
    ).format(
        not_released=_(NOT_RELEASED),
        not_released_footnote=NOT_RELEASED_FOOTNOTE,
        top_coded=top_coded("…"),
        top_coded_footnote=TOP_CODED_FOOTNOTE,
        whose=label("demand_basis"),
    )


def top_coding_bounds(con: duckdb.DuckDBPyConnection) -> tuple[float, float] | None:
    """BLS's top-coding bound (annual, hourly) as this release's footnote states it (None if absent)."""
    rows = query_rows(
        con,
        "SELECT annual_bound_usd, hourly_bound_usd FROM core_oews_topcode WHERE footnote_code = $code",
        {"code": TOP_CODED_FOOTNOTE},
    )
    return (rows[0][0], rows[0][1]) if rows else None


def top_coding_note(con: duckdb.DuckDBPyConnection) -> str:
    """How top-coded wages are kept and shown, with the bound of the release this database holds."""
    bounds = top_coding_bounds(con)
    if bounds is None:
        return _("This OEWS release top-codes no wages.")
    annual, hourly = bounds
    return _(
        "**Top-coded wages**: BLS publishes only that some wages are at least {annual} a year "
        "({hourly} an hour). They are stored as that bound with BLS's footnote and shown as "
        "“{shown}”. In a few cells BLS publishes a lower percentile above that "
        "bound; the page then shows the higher published value as the floor."
    ).format(
        annual=_dollars(annual, False), hourly=_dollars(hourly, True), shown=format_usd(annual, TOP_CODED_FOOTNOTE)
    )
