"""A state's own long-term occupational projections in the one demand model: the layout they come in
and how they replace the national-rate openings estimate for the state and its areas.

Workforce boards plan with their state's long-term (ten-year) projections, which each state's labor
market information agency makes and publishes for all states through Projections Central
(projectionscentral.org, run by the Projections Managing Partnership with USDOL/ETA). They reach the
model two ways, in the same layout: downloaded by the ETL (``core_state_projection`` in the reference
database, ``etl/sources/state_projections.py``) or imported by staff (``lmi.records.state_projections``);
a staff import wins for a state it covers.

**The layout** (``PROJECTIONS_CENTRAL_LAYOUT``). One row per state x occupation: state FIPS code, area
(state) name, SOC code and title, base year and employment, projected year and employment, numeric and
percent change, average annual openings. Where the names come from:

- Projections Central's REST service (``public.projectionscentral.org/Projections/LongTermRestJson``)
  names them ``STFIPS, Area, OccCode, Title, BaseYear, Base, ProjYear, Projected, Change, PercentChange,
  AvgAnnualOpenings`` (a recorded response, 2026-09-11, kept in a public repository's test fixtures);
- its bulk CSV (``projections/file/longterm/csv``) and earlier downloads use ``STFIPS, AREANAME, CODE,
  TITLE, BASEYEAR, BASE, PROJYEAR, PROJ, CHANGE, PERCENTCHANGE, AVGANNUALOPENINGS`` (seen in public
  readers of the file, lower- or upper-case); its older Excel download used ``State FIPS, Area Name,
  Occupation Code, Occupation Name, Base Year, Base, Projected Year, Projection, Change, Percent Change,
  Average Annual Openings``.

The bulk file's exact header could not be checked against the live file here (no network), so every one
of these spellings is accepted, without regard to case, spaces or underscores. "(NA)" marks a figure a
state did not publish (too few jobs, or confidential); employment and openings are rounded to tens.

**The overlay** (``StateProjectionOverlay``). Where a state's projections cover a code BLS publishes
numbers for (``out_soc_demand.soc_code``):

- the state itself shows the state's published annual openings;
- an area of the state shows the state's openings per OEWS job there::

      local annual openings = state annual openings x area OEWS employment / state OEWS employment

  both OEWS figures for the same code (May 2025), so the state's openings per job replace the nation's;
- growth is the state's percent change over its own period (``local_growth_pct``, ``local_growth_period``);
  the national columns stay as they are;
- ``openings_basis`` becomes ``state_projections`` and ``local_projection_source`` names the state, the
  period and where the file came from.

An area belongs to the state OEWS files it under (``core_area.state_fips``). A metro area that crosses a
state line (Augusta-Richmond County, GA-SC) gets its home state's rate applied to all its jobs, and
``local_projection_source`` says which other states it spans. Codes the state file lacks, and codes whose
state OEWS employment BLS did not release, keep the national-rate estimate, labelled ``national_rate``.
A state file may publish an aggregate BLS code (31-1120) itself or its detailed members (31-1121,
31-1122); members are summed only when the file has every one of them, never a part of a group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from lmi.db import query_df, query_rows
from lmi.demand.codes import CodeResolver
from lmi.i18n import N_, _

SOURCE_NAME = "Projections Central"
NATIONAL_PERIOD = "2024-2034"
NATIONAL_SOURCE = N_("BLS Employment Projections 2024-34 (national)")  # stored in English, shown translated
STATE_BASIS = "state_projections"
NATIONAL_BASIS = "national_projections"
NA_MARKERS = ("(NA)", "NA", "N/A", "(D)", "*", "**", "-")
SUMMARY_CODE = re.compile(r"^\d{2}-0000$")  # "00-0000" all occupations, "29-0000" a major group
SOC_CODE = re.compile(r"^\d{2}-\d{4}$")
GROWTH_BASIS_WORDS = {  # local_growth_basis, in words (as OPENINGS_BASIS_WORDS for openings_basis)
    STATE_BASIS: N_("the state's own long-term projections"),
    NATIONAL_BASIS: N_("BLS's national projections 2024-34 (no state projection loaded for it)"),
}
STATE_OPENINGS_METHOD = N_(
    "Where a state's own long-term projections are loaded, estimated annual openings here = the state's "
    "average annual openings x this area's OEWS May 2025 jobs / the state's OEWS May 2025 jobs in the same "
    "occupation (for the state itself, the state's published openings), and projected growth is the state's "
    "percent change over its own period. Occupations the state file lacks keep the national-rate estimate."
)


@dataclass(frozen=True)
class LayoutColumn:
    header: str  # Projections Central's name (bulk CSV)
    name: str  # our snake_case name
    kind: str  # "text" | "year" | "count" | "signed" (may be negative) | "pct"
    required: bool  # a staff file without it is refused
    aliases: tuple[str, ...]  # other spellings Projections Central has used
    meaning: str


PROJECTIONS_CENTRAL_LAYOUT: tuple[LayoutColumn, ...] = (
    LayoutColumn(
        "STFIPS",
        "state_fips",
        "text",
        True,
        ("State FIPS", "StateFIPS"),
        N_("State FIPS code (9 or 09 for Connecticut)"),
    ),
    LayoutColumn("AREANAME", "area_name", "text", False, ("Area Name", "Area"), N_("State name")),
    LayoutColumn(
        "CODE",
        "soc_code",
        "text",
        True,
        ("OccCode", "Occupation Code", "SOC Code"),
        N_("SOC 2018 code (29-1141), or an aggregate code BLS publishes (31-1120)"),
    ),
    LayoutColumn("TITLE", "soc_title", "text", False, ("Occupation Name", "Occupation Title"), N_("Occupation title")),
    LayoutColumn("BASEYEAR", "base_year", "year", True, ("Base Year",), N_("First year of the projection period")),
    LayoutColumn(
        "BASE", "base_employment_count", "count", True, ("Base Employment",), N_("Employment in the base year")
    ),
    LayoutColumn(
        "PROJYEAR",
        "projected_year",
        "year",
        True,
        ("Projected Year", "Proj Year"),
        N_("Last year of the projection period"),
    ),
    LayoutColumn(
        "PROJ",
        "projected_employment_count",
        "count",
        True,
        ("Projected", "Projection", "Projected Employment"),
        N_("Employment in the projected year"),
    ),
    LayoutColumn(
        "CHANGE", "employment_change_count", "signed", False, ("Numeric Change",), N_("Projected minus base employment")
    ),
    LayoutColumn(
        "PERCENTCHANGE", "employment_change_pct", "pct", True, ("Percent Change",), N_("Percent change over the period")
    ),
    LayoutColumn(
        "AVGANNUALOPENINGS",
        "annual_openings_count",
        "count",
        True,
        ("Average Annual Openings", "Annual Openings"),
        N_("Average annual openings (growth, labor-force exits and occupational transfers)"),
    ),
)
LAYOUT_NAMES = tuple(c.name for c in PROJECTIONS_CENTRAL_LAYOUT)
FIGURE_COLUMNS = (
    "base_employment_count",
    "projected_employment_count",
    "employment_change_count",
    "annual_openings_count",
)
# What the overlay reads: the layout's columns plus where the rows came from, in words.
PROJECTION_COLUMNS = (*LAYOUT_NAMES, "source_label")


def header_key(header: object) -> str:
    """A header as compared: lower case, letters and digits only ("State FIPS" -> "statefips")."""
    return re.sub(r"[^a-z0-9]", "", str(header).replace("\ufeff", "").lower())


def match_headers(headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """Which file header holds each layout column (``name -> header``), and the headers left over.

    The layout's own name wins over an alias, so a file with both ``AREANAME`` and ``AREA`` (an area
    code in some exports) reads the name from ``AREANAME``."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(header_key(header), header)
    found: dict[str, str] = {}
    for column in PROJECTIONS_CENTRAL_LAYOUT:
        for spelling in (column.header, *column.aliases):
            if header_key(spelling) in by_key:
                found[column.name] = by_key[header_key(spelling)]
                break
    used = set(found.values())
    return found, [h for h in headers if h not in used]


def state_fips(value: object) -> str | None:
    """ "9" or "09" -> "09" (Projections Central writes FIPS codes 1-9 with one digit); None if not a code."""
    text = str(value).strip()
    return text.zfill(2) if re.fullmatch(r"\d{1,2}", text) else None


def period_words(base_year, projected_year) -> str | None:
    if base_year is None or projected_year is None or pd.isna(base_year) or pd.isna(projected_year):
        return None
    return f"{int(base_year)}-{int(projected_year)}"


# ------------------------------------------------------------------------------------------ sources


def reference_projections(con: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    """The projections the ETL downloaded (``core_state_projection``), or None when the database has none."""
    present = query_rows(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'core_state_projection'")
    if not present[0][0]:
        return None
    frame = query_df(
        con,
        """
        SELECT p.state_fips, p.state_name AS area_name, p.soc_code, p.soc_title, p.base_year,
               p.base_employment_count, p.projected_year, p.projected_employment_count,
               p.employment_change_count, p.employment_change_pct, p.annual_openings_count,
               p.state_name || ' long-term projections ' || p.base_year || '-' || p.projected_year
                   || ' (' || $source || ', downloaded)' AS source_label
        FROM core_state_projection p
        ORDER BY p.state_fips, p.soc_code
    """,
        {"source": SOURCE_NAME},
    )
    return frame if len(frame) else None


def downloaded_states(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per state whose projections the reference database holds: period and rows."""
    frame = reference_projections(con)
    if frame is None:
        return pd.DataFrame(columns=["state_fips", "state_name", "projection_period", "rows_count"])
    frame = frame.assign(projection_period=[period_words(b, p) for b, p in zip(frame.base_year, frame.projected_year)])
    return (
        frame.groupby(["state_fips", "area_name", "projection_period"], as_index=False)
        .agg(rows_count=("soc_code", "size"))
        .rename(columns={"area_name": "state_name"})
    )


def combine(reference: pd.DataFrame | None, imported: pd.DataFrame | None) -> pd.DataFrame | None:
    """Both sources as one frame; for a state a staff import covers, only the import's rows count."""
    parts = []
    if imported is not None and len(imported):
        parts.append(imported[list(PROJECTION_COLUMNS)])
    if reference is not None and len(reference):
        covered = set(imported.state_fips) if imported is not None and len(imported) else set()
        parts.append(reference.loc[~reference.state_fips.isin(covered), list(PROJECTION_COLUMNS)])
    return pd.concat(parts, ignore_index=True) if parts else None


# ------------------------------------------------------------------------------------------ codes


def to_published_codes(projections: pd.DataFrame, resolver: CodeResolver) -> pd.DataFrame:
    """One row per state x code BLS publishes numbers for (``soc_code``), from a state's rows.

    A row whose code is the published code itself is taken as it is. Otherwise rows of the detailed SOC
    codes inside a published group are summed, and only when the state published every code of that
    group with a figure: a part of a group would understate it. Codes that lead to no published code
    (summary rows such as 00-0000, codes OEWS does not survey) are left out."""
    rows = projections.copy()
    rows["resolved"] = [resolver.try_resolve(code) for code in rows.soc_code]
    rows = rows[rows.resolved.notna()]
    rows["published_code"] = [r.bls_soc_code for r in rows.resolved]
    rows["exact"] = [r.how == "published" for r in rows.resolved]
    members = _group_members(resolver)
    parts = []
    for (_state, code), group in rows.groupby(["state_fips", "published_code"], sort=True):
        exact = group[group.exact]
        if len(exact):
            picked = exact.iloc[[0]].copy()
        else:
            picked = _summed_group(group, members.get(code, set()))
            if picked is None:
                continue
        picked["soc_code"] = code
        picked["soc_title"] = resolver.published[code]
        parts.append(picked)
    if not parts:
        return pd.DataFrame(columns=list(PROJECTION_COLUMNS))
    return pd.concat(parts, ignore_index=True)[list(PROJECTION_COLUMNS)]


def _group_members(resolver: CodeResolver) -> dict[str, set[str]]:
    members: dict[str, set[str]] = {}
    for soc, published in resolver.by_soc.items():
        if soc != published:
            members.setdefault(published, set()).add(soc)
    return members


def _summed_group(group: pd.DataFrame, members: set[str]) -> pd.DataFrame | None:
    """The group's figures as the sum of its members', or None unless every member is there with figures."""
    if not members or set(group.soc_code) != members:
        return None
    if group[["base_employment_count", "projected_employment_count", "annual_openings_count"]].isna().any().any():
        return None
    if group.base_year.nunique() != 1 or group.projected_year.nunique() != 1:
        return None
    picked = group.iloc[[0]].copy()
    for column in FIGURE_COLUMNS:
        values = pd.to_numeric(group[column], errors="coerce")
        picked[column] = float(values.sum()) if values.notna().all() else np.nan
    base, projected = picked.base_employment_count.iloc[0], picked.projected_employment_count.iloc[0]
    picked["employment_change_pct"] = 100 * (projected - base) / base if base > 0 else np.nan
    return picked


# ------------------------------------------------------------------------------------------ the overlay


@dataclass(frozen=True)
class AreaState:
    area_kind: str
    state_fips: str | None
    state_name: str | None
    other_state_names: tuple[str, ...]  # further states a metro area spans


class StateProjectionOverlay:
    """Replaces the national-rate openings estimate (and adds local growth) where a state's projections
    cover a code. Built once per model; per-state OEWS employment is read when a state is first shown."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, projections: pd.DataFrame | None, resolver: CodeResolver | None = None
    ):
        self._con = con
        self._by_state: dict[str, pd.DataFrame] = {}
        self._state_employment: dict[str, pd.Series] = {}
        if projections is not None and len(projections):
            published = to_published_codes(projections, resolver or CodeResolver(con))
            for state, rows in published.groupby("state_fips"):
                self._by_state[str(state)] = rows.set_index("soc_code")
        self._areas = _area_states(con) if self._by_state else {}
        self._state_areas = {info.state_fips: code for code, info in self._areas.items() if info.area_kind == "state"}

    @property
    def states(self) -> tuple[str, ...]:
        """FIPS codes of the states whose projections are loaded."""
        return tuple(sorted(self._by_state))

    def apply_to_areas(self, frame: pd.DataFrame, code_column: str) -> pd.DataFrame:
        """``apply`` for a frame of several areas (``area_code`` column): the national columns in one pass, a
        state's projections only on the rows of the areas it covers (a map of every state is one pass, not
        one per state)."""
        _national_growth(frame)
        covered = {
            code
            for code in frame.area_code.unique()
            if (info := self._areas.get(code)) is not None and info.state_fips in self._by_state
        }
        if not covered:
            return frame.reset_index(drop=True)
        parts = [
            self.apply(part.copy(), code, code_column) if code in covered else part
            for code, part in frame.groupby("area_code", sort=False)
        ]
        return pd.concat(parts, ignore_index=True)

    def apply(self, frame: pd.DataFrame, area_code: str, code_column: str) -> pd.DataFrame:
        """Add the local growth columns to one area's frame and, where the area's state has projections
        for a row's code, replace its openings estimate. ``code_column`` holds the published BLS code."""
        _national_growth(frame)
        info = self._areas.get(area_code)
        if info is None or info.state_fips not in self._by_state:
            return frame
        rows = self._by_state[info.state_fips]
        codes = frame[code_column]
        has_row = codes.isin(rows.index)
        state_openings = _mapped(codes, rows.annual_openings_count)
        if info.area_kind == "state":
            openings = state_openings
        else:
            state_jobs = _mapped(codes, self._state_oews_employment(info.state_fips))
            local_jobs = pd.to_numeric(frame.local_employment_count, errors="coerce").astype(float)
            with np.errstate(divide="ignore", invalid="ignore"):
                openings = pd.Series(
                    np.where(state_jobs > 0, state_openings * local_jobs / state_jobs, np.nan), index=frame.index
                )
        replaced = has_row & openings.notna()
        frame.loc[replaced, "local_annual_openings_est_count"] = openings[replaced]
        frame.loc[replaced, "openings_basis"] = "state_projections"
        growth = _mapped(codes, rows.employment_change_pct)
        grown = has_row & growth.notna()
        frame.loc[grown, "local_growth_pct"] = growth[grown]
        frame.loc[grown, "local_growth_period"] = [_period_of(rows, c) for c in codes[grown]]
        frame.loc[grown, "local_growth_basis"] = STATE_BASIS
        used = replaced | grown
        frame.loc[used, "local_projection_source"] = [rows.source_label[c] for c in codes[used]]
        frame.loc[used, "local_projection_state_fips"] = info.state_fips
        if info.other_state_names:
            frame.loc[used, SPANS_COLUMN] = "\t".join((info.state_name or "", *info.other_state_names))
        return frame

    def _state_oews_employment(self, state: str) -> pd.Series:
        if state not in self._state_employment:
            rows = query_rows(
                self._con,
                "SELECT soc_code, local_employment_count FROM out_soc_demand WHERE area_code = $area",
                {"area": self._state_areas.get(state, "")},
            )
            self._state_employment[state] = pd.Series({code: value for code, value in rows}, dtype="float64")
        return self._state_employment[state]


def _national_growth(frame: pd.DataFrame) -> None:
    """The local growth columns before any state replaces them: the nation's, labelled as such."""
    national = pd.to_numeric(frame.national_growth_2024_34_pct, errors="coerce").astype(float)
    known = national.notna()
    frame["local_growth_pct"] = national
    frame["local_growth_period"] = pd.Series(np.where(known, NATIONAL_PERIOD, None), index=frame.index, dtype=object)
    frame["local_growth_basis"] = pd.Series(np.where(known, NATIONAL_BASIS, None), index=frame.index, dtype=object)
    frame["local_projection_source"] = pd.Series(
        np.where(known, NATIONAL_SOURCE, None), index=frame.index, dtype=object
    )
    frame["local_projection_state_fips"] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    frame[SPANS_COLUMN] = pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _mapped(codes: pd.Series, values: pd.Series) -> pd.Series:
    return pd.to_numeric(codes.map(values), errors="coerce").astype(float)


def _period_of(rows: pd.DataFrame, code: str) -> str | None:
    return period_words(rows.at[code, "base_year"], rows.at[code, "projected_year"])


# where a metro area crosses a state line, "home state<TAB>other state<TAB>…" beside the state's projections:
# a key the cache may hold; ``projection_source_words`` turns it into words and drops it
SPANS_COLUMN = "local_projection_spans_states"


def projection_source_words(frame: pd.DataFrame) -> list | None:
    """``local_projection_source`` in the visitor's language (None when the frame has no such column): the
    national source named in words, and for a metro area that crosses a state line, whose rate applies to
    which jobs. The source labels of states' projections (state, period, file) are kept as the ETL or the
    import wrote them."""
    if "local_projection_source" not in frame.columns:
        return None
    national = _(NATIONAL_SOURCE)
    spans = frame[SPANS_COLUMN] if SPANS_COLUMN in frame.columns else [None] * len(frame)
    return [
        national
        if source == NATIONAL_SOURCE
        else _spans_words(source, states)
        if isinstance(states, str) and isinstance(source, str)
        else source
        for source, states in zip(frame.local_projection_source, spans)
    ]


def _spans_words(source: str, states: str) -> str:
    home, *others = states.split("\t")
    return _(
        "{source}; applied to all the area's jobs, including those in {other_states} (OEWS files the area under "
        "{home_state})"
    ).format(source=source, other_states=", ".join(others), home_state=home)


def growth_basis_words(basis) -> str:
    """``local_growth_basis`` in words, in the visitor's language ("" when there is none)."""
    if basis is None or (isinstance(basis, float) and pd.isna(basis)):
        return ""
    return _(GROWTH_BASIS_WORDS[str(basis)]) if str(basis) in GROWTH_BASIS_WORDS else str(basis)


def state_openings_method_words() -> str:
    """``STATE_OPENINGS_METHOD`` in the visitor's language."""
    return _(STATE_OPENINGS_METHOD)


def _area_states(con: duckdb.DuckDBPyConnection) -> dict[str, AreaState]:
    rows = query_rows(
        con,
        """
        SELECT a.area_code, a.area_kind, a.state_fips, s.state_name,
               list(o.state_name ORDER BY o.state_name) FILTER (WHERE o.state_fips IS NOT NULL)
        FROM core_area a
        LEFT JOIN core_state s ON s.state_fips = a.state_fips
        LEFT JOIN core_area_state x ON x.area_code = a.area_code AND x.state_fips <> a.state_fips
        LEFT JOIN core_state o ON o.state_fips = x.state_fips
        GROUP BY ALL
    """,
    )
    return {code: AreaState(kind, fips, name, tuple(others or ())) for code, kind, fips, name, others in rows}
