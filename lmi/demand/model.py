"""``DemandModel``: reads the one demand model the ETL built, for one area at a time, and adds the
area's context (totals, shares, wage ratio, openings per 10,000 jobs) and the labels that say whose
numbers each figure is.

Two grains, one set of column words (``lmi.demand.columns``):

- ``occupations(area)``: one row per O*NET-SOC occupation (explorer, transitions, stepping stones);
- ``bls_codes(area)``: one row per code BLS publishes (sectors, seats, program local fit), where a
  group figure is counted once.

Where a state's own long-term projections are loaded (downloaded into ``core_state_projection``, or
imported by staff and passed as ``state_projections``), they replace the national-rate openings estimate
for the state and its areas and add the state's growth (``lmi.demand.state_projections``); every frame
carries ``local_growth_pct``, ``local_growth_period``, ``local_growth_basis`` and ``local_projection_source``.

Results are cached per area inside the model (a few hundred KB each); build one model per database
(and per set of imported projections). The cache holds numbers, codes and keys only: the columns in words
(``demand_basis``, the missing reasons, ``local_projection_source``) are written in the visitor's language
each time a frame is handed out, so one model serves English and Spanish alike.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from lmi.areas import NATION_CODE
from lmi.db import query_df, query_rows
from lmi.demand.labels import add_shared_flag, label_words
from lmi.demand.openings import openings_method_words
from lmi.demand.state_projections import (
    SPANS_COLUMN,
    STATE_OPENINGS_METHOD,
    StateProjectionOverlay,
    combine,
    projection_source_words,
    reference_projections,
)
from lmi.i18n import _

ALL_OCCUPATIONS = "00-0000"
JOBS_PER_RATE_BASE = 10_000  # openings are also shown "per 10,000 local jobs" so areas of any size compare
NUMERIC_COLUMNS = (
    "local_employment_count",
    "local_employment_rse_pct",
    "local_annual_wage_median_usd",
    "local_annual_wage_p10_usd",
    "local_annual_wage_p90_usd",
    "local_hourly_wage_median_usd",
    "location_quotient",
    "national_oews_employment_count",
    "national_employment_2024_count",
    "national_employment_2034_count",
    "national_growth_2024_34_pct",
    "national_annual_openings_count",
    "local_annual_openings_est_count",
    "shared_with_count",
    "onet_occupations_count",
)


@dataclass(frozen=True)
class AreaBaseline:
    """The all-occupation numbers every per-occupation comparison is made against."""

    area_code: str
    area_name: str
    area_kind: str
    local_total_employment_count: float | None
    local_annual_wage_median_usd: float | None
    national_total_employment_count: float
    national_growth_2024_34_pct: float  # projected growth of all occupations, the "average" an official quotes


_BASELINE_SQL = """
    SELECT a.area_code, a.area_name, a.area_kind, l.employment_count, l.annual_wage_median_usd,
           n.employment_count, p.employment_change_pct
    FROM core_area a
    LEFT JOIN core_oews_estimate l ON l.area_code = a.area_code AND l.soc_code = $all
    JOIN core_oews_estimate n ON n.area_code = $nation AND n.soc_code = $all
    JOIN core_projection p ON p.soc_code = $all
    WHERE list_contains($areas, a.area_code)
"""


def area_baseline(con: duckdb.DuckDBPyConnection, area_code: str) -> AreaBaseline:
    found = area_baselines(con, [area_code])
    if area_code not in found:
        raise LookupError(_("no OEWS area with code {code}").format(code=repr(area_code)))
    return found[area_code]


def area_baselines(con: duckdb.DuckDBPyConnection, area_codes: list[str]) -> dict[str, AreaBaseline]:
    """Several areas' baselines in one query (a map of every state reads them all at once, not one by one)."""
    rows = query_rows(con, _BASELINE_SQL, {"areas": list(area_codes), "all": ALL_OCCUPATIONS, "nation": NATION_CODE})
    return {row[0]: AreaBaseline(*row) for row in rows}


class DemandModel:
    """The one demand model, read per area and kept for reuse (``max_areas`` most recent).

    ``state_projections``: states' long-term projections imported by staff (the columns of
    ``lmi.demand.state_projections.PROJECTION_COLUMNS``); for a state they cover they win over projections
    the reference database holds. Without them the reference database's own (if any) are used."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, max_areas: int = 64, state_projections: pd.DataFrame | None = None
    ):
        self._con = con
        self._max_areas = max_areas
        self._cache: OrderedDict[tuple[str, str], pd.DataFrame] = OrderedDict()
        self._overlay = StateProjectionOverlay(con, combine(reference_projections(con), state_projections))

    @property
    def state_projection_states(self) -> tuple[str, ...]:
        """FIPS codes of the states whose own long-term projections replace the national-rate estimate."""
        return self._overlay.states

    def baseline(self, area_code: str) -> AreaBaseline:
        return area_baseline(self._con, area_code)

    def openings_method(self) -> str:
        """How the openings figures of this model were estimated, naming the states whose own projections
        replace the national rate (pages show this beside the figures)."""
        if not self.state_projection_states:
            return openings_method_words()
        names = dict(
            query_rows(
                self._con,
                "SELECT state_fips, state_name FROM core_state WHERE list_contains($states, state_fips)",
                {"states": list(self.state_projection_states)},
            )
        )
        loaded = ", ".join(names.get(fips, fips) for fips in self.state_projection_states)
        return _("{national_method} {state_method} States' own projections loaded: {states}.").format(
            national_method=openings_method_words(), state_method=_(STATE_OPENINGS_METHOD), states=loaded
        )

    def occupations(self, area_code: str, onet_soc_codes: list[str] | None = None) -> pd.DataFrame:
        """One row per O*NET-SOC occupation in the area (in the given order; unknown codes get empty
        rows), with ``demand_basis`` saying whose numbers they are."""
        frame = self._area_frame("occupation", area_code)
        if onet_soc_codes is None:
            return in_words(frame, "occupation")
        return in_words(_pick(frame, "onet_soc_code", onet_soc_codes, area_code), "occupation")

    def bls_codes(self, area_code: str, soc_codes: list[str] | None = None) -> pd.DataFrame:
        """One row per code BLS publishes numbers for, in the area (``soc_code``, ``soc_title``)."""
        frame = self._area_frame("soc", area_code)
        if soc_codes is None:
            return in_words(frame, "soc")
        return in_words(_pick(frame, "soc_code", soc_codes, area_code), "soc")

    def areas(self, area_codes: list[str], soc_codes: list[str]) -> pd.DataFrame:
        """``bls_codes`` rows for several areas and codes at once (a sector across a state's metros)."""
        return areas_frame(self._con, area_codes, soc_codes, self._overlay)

    def _area_frame(self, grain: str, area_code: str) -> pd.DataFrame:
        """The area's frame as cached: numbers, codes and keys, no words (``in_words`` adds them)."""
        key = (grain, area_code)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        # a deep copy consolidates the columns added one by one into a few blocks: every later pick is cheaper
        frame = read_area(self._con, grain, area_code, self._overlay, words=False).copy()
        self._cache[key] = frame
        if len(self._cache) > self._max_areas:
            self._cache.popitem(last=False)
        return frame


def read_area(
    con: duckdb.DuckDBPyConnection,
    grain: str,
    area_code: str,
    overlay: StateProjectionOverlay | None = None,
    words: bool = True,
) -> pd.DataFrame:
    """One area's rows of ``out_occupation_demand`` (grain "occupation") or ``out_soc_demand`` ("soc"),
    with a state's own projections applied where ``overlay`` holds them; ``words=False`` leaves out the
    columns in words (for a cache: ``in_words`` adds them in the visitor's language)."""
    table, key = {"occupation": ("out_occupation_demand", "onet_soc_code"), "soc": ("out_soc_demand", "soc_code")}[
        grain
    ]
    baseline = area_baseline(con, area_code)
    frame = _plain(query_df(con, f"SELECT * FROM {table} WHERE area_code = $area ORDER BY {key}", {"area": area_code}))
    frame = _overlaid(overlay, con).apply(frame, area_code, _CODE_COLUMN[grain])
    frame = add_area_context(frame, baseline)
    if grain == "occupation":
        frame = add_shared_flag(frame)
    return in_words(frame, grain) if words else frame


def in_words(frame: pd.DataFrame, grain: str) -> pd.DataFrame:
    """A new frame with the columns in words, in the visitor's language: where the projections come from
    and, for occupation rows, whose numbers they are and why a figure is missing (``lmi.demand.labels``).
    ``frame`` (a cached one) is left as it is."""
    words = label_words(frame) if grain == "occupation" else {}
    sources = projection_source_words(frame)
    if sources is not None:
        words["local_projection_source"] = sources
    kept = frame.drop(columns=[SPANS_COLUMN, *words], errors="ignore")
    return pd.concat([kept, pd.DataFrame(words, index=frame.index)], axis=1)


def areas_frame(
    con: duckdb.DuckDBPyConnection,
    area_codes: list[str],
    soc_codes: list[str],
    overlay: StateProjectionOverlay | None = None,
) -> pd.DataFrame:
    """``out_soc_demand`` rows for several areas and codes at once (a sector across a state's metros),
    with each area's context; ``overlay`` as in ``read_area`` (without one, the reference database's own
    state projections, if any, apply)."""
    frame = _plain(
        query_df(
            con,
            """
        SELECT * FROM out_soc_demand WHERE list_contains($areas, area_code) AND list_contains($socs, soc_code)
        ORDER BY area_code, soc_code
    """,
            {"areas": list(area_codes), "socs": list(soc_codes)},
        )
    )
    applied = _overlaid(overlay, con).apply_to_areas(frame, "soc_code")
    return in_words(add_areas_context(applied, area_baselines(con, sorted(set(applied.area_code)))), "soc")


_CODE_COLUMN = {"occupation": "demand_soc_code", "soc": "soc_code"}


def _overlaid(overlay: StateProjectionOverlay | None, con: duckdb.DuckDBPyConnection) -> StateProjectionOverlay:
    """The given overlay, or one of the reference database's own state projections (none: national only)."""
    return overlay if overlay is not None else StateProjectionOverlay(con, reference_projections(con))


def add_area_context(frame: pd.DataFrame, baseline: AreaBaseline | None) -> pd.DataFrame:
    """Shares, wage ratio and openings per 10,000 jobs, computed once here so every caller agrees."""
    frame["area_total_employment_count"] = _number(baseline and baseline.local_total_employment_count)
    frame["area_annual_wage_median_usd"] = _number(baseline and baseline.local_annual_wage_median_usd)
    frame["national_total_employment_count"] = _number(baseline and baseline.national_total_employment_count)
    return _context_ratios(frame)


def add_areas_context(frame: pd.DataFrame, baselines: dict[str, AreaBaseline]) -> pd.DataFrame:
    """``add_area_context`` for a frame of several areas, each row against its own area's baseline."""
    for column, field in (
        ("area_total_employment_count", "local_total_employment_count"),
        ("area_annual_wage_median_usd", "local_annual_wage_median_usd"),
        ("national_total_employment_count", "national_total_employment_count"),
    ):
        values = {code: _number(getattr(baseline, field)) for code, baseline in baselines.items()}
        frame[column] = frame.area_code.map(values).astype("float64")
    return _context_ratios(frame)


def _context_ratios(frame: pd.DataFrame) -> pd.DataFrame:
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["national_employment_share_pct"] = (
            100 * frame.national_oews_employment_count / frame.national_total_employment_count
        )
        frame["local_employment_share_pct"] = 100 * frame.local_employment_count / frame.area_total_employment_count
        frame["local_wage_to_area_median_ratio"] = (
            frame.local_annual_wage_median_usd / frame.area_annual_wage_median_usd
        )
        frame["local_openings_per_10k_jobs"] = (
            JOBS_PER_RATE_BASE * frame.local_annual_openings_est_count / frame.area_total_employment_count
        )
    frame["has_local_estimate"] = frame.local_employment_count.notna()
    return frame


def _pick(frame: pd.DataFrame, key: str, codes: list[str], area_code: str) -> pd.DataFrame:
    picked = frame.set_index(key).reindex(list(codes))
    picked["area_code"] = area_code
    return picked.rename_axis(key).reset_index()


def _number(value) -> float:
    return float("nan") if value is None or pd.isna(value) else float(value)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as float64 (NaN for missing), flags as plain bool (no code, no flag) and text as Python
    objects: cheap to read row by row. Converted a block of columns at a time (one call per kind), the
    costly part of reading an area."""
    numeric = [c for c in frame.columns if c in NUMERIC_COLUMNS]
    frame[numeric] = frame[numeric].apply(pd.to_numeric, errors="coerce").astype("float64")
    flags = [c for c in frame.columns if str(frame[c].dtype) == "boolean"]
    for column in flags:
        frame[column] = frame[column].fillna(False).astype(bool)
    text = [c for c in frame.columns if c not in numeric and str(frame[c].dtype) not in ("bool", "float64")]
    if text:
        block = frame[text].astype(object)
        frame[text] = block.where(block.notna(), None)
    return frame
