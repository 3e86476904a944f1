"""How an OEWS value reads to a person, keeping BLS's footnotes' meaning.

- footnote 8: "not released" (BLS did not publish it; we never fill it in);
- footnote 4: "hourly only" / "annual only" (BLS publishes wages for some occupations one way);
- footnote 5: top-coded: BLS publishes only that the wage is at least a bound. The database keeps
  the footnote's bound ($239,200 a year / $115.00 an hour). In a few cells BLS publishes a lower
  percentile above that bound; the honest floor is then that higher published value, so the text
  says "at least" the larger of the two.
"""

from __future__ import annotations

import math

NOT_RELEASED = "not released"
FOOTNOTE_WORDS = {"8": NOT_RELEASED, "4": "not published for this wage basis"}


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("<NA>", "nan")


def format_count(value, footnote=None) -> str:
    if is_missing(value):
        return FOOTNOTE_WORDS.get(str(footnote), NOT_RELEASED)
    return f"{int(value):,}"


def format_usd(value, footnote=None, floor=None, hourly=False) -> str:
    """Dollars as BLS means them; ``floor`` is the largest published lower percentile in the cell."""
    if str(footnote) == "5" and not is_missing(value):
        bound = max(value, floor) if floor is not None and not is_missing(floor) else value
        return f"≥ {_dollars(bound, hourly)} (top-coded)"
    if is_missing(value):
        return FOOTNOTE_WORDS.get(str(footnote), NOT_RELEASED)
    return _dollars(value, hourly)


def format_ratio(value, footnote=None, digits: int = 2) -> str:
    if is_missing(value):
        return FOOTNOTE_WORDS.get(str(footnote), NOT_RELEASED)
    return f"{value:.{digits}f}"


def _dollars(value: float, hourly: bool) -> str:
    return f"${value:,.2f}" if hourly else f"${value:,.0f}"


def top_code_floor(row) -> float | None:
    """Largest published (not top-coded) annual percentile below the 90th in a row: the honest
    floor for a top-coded 90th percentile when BLS published a lower percentile above the bound."""
    values = [row.get(c) for c in ("annual_wage_p10_usd", "annual_wage_p25_usd", "annual_wage_median_usd",
                                   "annual_wage_p75_usd")]
    published = [v for v in values if not is_missing(v)]
    return max(published) if published else None


def format_estimates(frame):
    """Readable columns for a frame of OEWS estimates (as returned by ``lmi.area_stats``)."""
    import pandas as pd

    rows = []
    for row in frame.to_dict("records"):
        median = format_usd(row.get("annual_wage_median_usd"), row.get("annual_wage_median_footnote"))
        low = format_usd(row.get("annual_wage_p10_usd"), row.get("annual_wage_p10_footnote"))
        high = format_usd(row.get("annual_wage_p90_usd"), row.get("annual_wage_p90_footnote"), floor=top_code_floor(row))
        rows.append({
            "Employment": format_count(row.get("employment_count"), row.get("employment_footnote")),
            "Median annual wage": median,
            "10th–90th percentile": f"{low} – {high}",
            "Location quotient": _format_lq(row),
        })
    return pd.DataFrame(rows, index=frame.index)


def _format_lq(row) -> str:
    if row.get("area_kind") == "national":
        return "1.00 (by definition)"
    return format_ratio(row.get("location_quotient"), row.get("location_quotient_footnote"))
