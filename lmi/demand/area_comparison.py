"""One occupation's demand figures where the user is looking: the chosen area beside its state and
the nation, and across the metro and nonmetropolitan areas of a state (the map).

Every figure comes from the one demand model (``lmi.demand``), measured at the BLS code that covers
the O*NET occupation (``demand_soc_code``), and carries ``demand_basis`` so a figure that is a BLS
group's says so in its row. The only values read beside the model are OEWS's 25th and 75th wage
percentiles of that same code: the model does not carry them, and they give a top-coded 90th
percentile its honest floor (``lmi.demand.oews_values.top_code_floor``).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.areas import NATION_CODE, area_kind_words, get_area, state_area_code
from lmi.db import query_df
from lmi.demand import DemandModel
from lmi.demand.columns import for_download
from lmi.demand.labels import WHOSE_NUMBERS_COLUMNS, missing_words
from lmi.demand.oews_values import format_estimates, shown_labels
from lmi.demand.openings import basis_words
from lmi.i18n import N_, _

LEVELS = ("area", "state", "nation")
LEVEL_WORDS = {"area": N_("This area"), "state": N_("State"), "nation": N_("Nation")}  # shown translated
BASIS_COLUMNS = ("onet_soc_code", "occupation_title", *WHOSE_NUMBERS_COLUMNS)
# What a download of these frames carries, in this order: where, whose numbers, then the figures.
PLACE_COLUMNS = {
    "level": N_("Level"),
    "area_code": N_("OEWS area code"),
    "area_name": N_("Area"),
    "area_kind": N_("Kind of area"),
}
# the headings of the first columns of ``shown_comparison`` and ``shown_areas`` (``place_headings``)
PLACE_HEADINGS = {"area": N_("Area"), "kind": N_("Kind")}
DOWNLOAD_COLUMNS = [
    "onet_soc_code",
    "occupation_title",
    "demand_soc_code",
    "demand_basis",
    "shared_with_count",
    "local_employment_count",
    "local_employment_missing_words",
    "local_annual_wage_median_usd",
    "location_quotient",
    "national_growth_2024_34_pct",
    "national_annual_openings_count",
    "local_annual_openings_est_count",
    "openings_basis",
]
DETAIL_COLUMNS = [
    "local_employment_rse_pct",
    "local_employment_footnote",
    "local_annual_wage_median_footnote",
    "local_annual_wage_p10_usd",
    "local_annual_wage_p10_footnote",
    "annual_wage_p25_usd",
    "annual_wage_p75_usd",
    "local_annual_wage_p90_usd",
    "local_annual_wage_p90_footnote",
    "local_hourly_wage_median_usd",
    "local_wage_missing_words",
    "projections_soc_code",
    "openings_basis_words",
]


def region_levels(
    con: duckdb.DuckDBPyConnection, area_code: str, state_fips: str | None = None
) -> list[tuple[str, str]]:
    """(level, area code) pairs, narrowest first: the metro or nonmetro area, its state, the nation."""
    area = get_area(con, area_code)
    levels = []
    if area.area_kind in ("metro", "nonmetro"):
        levels.append(("area", area.area_code))
    state = state_fips or area.state_fips
    if area.area_kind != "national" and state:
        levels.append(("state", state_area_code(con, state)))
    levels.append(("nation", NATION_CODE))
    return levels


def region_comparison(
    con: duckdb.DuckDBPyConnection,
    model: DemandModel,
    onet_soc_code: str,
    area_code: str,
    state_fips: str | None = None,
) -> pd.DataFrame:
    """One row per level (area, state, nation) of the demand model's figures for one O*NET occupation.

    A row is present even when BLS published nothing there; its ``local_employment_missing_words``
    then says why, so the page never shows a blank or a zero.
    """
    levels = region_levels(con, area_code, state_fips)
    rows = [model.occupations(code, [onet_soc_code]).assign(level=level) for level, code in levels]
    frame = pd.concat(rows, ignore_index=True)
    frame = _with_area_names(con, frame)
    frame = _with_quartiles(con, frame, "demand_soc_code")
    frame["openings_basis_words"] = frame.openings_basis.map(openings_basis_words)
    first = ["level", "area_code", "area_name", "area_kind"]
    return frame[first + [c for c in frame.columns if c not in first]]


def areas_of_state(
    con: duckdb.DuckDBPyConnection, model: DemandModel, onet_soc_code: str, state_fips: str
) -> pd.DataFrame:
    """Every metro and nonmetro area with any part in the state, with the occupation's figures (those
    of its BLS code, read for all the areas at once) and the CBSA centroid; nonmetropolitan areas
    have no centroid and are listed but not mapped. Largest employment first."""
    basis = model.occupations(NATION_CODE, [onet_soc_code]).iloc[0]
    places = query_df(
        con,
        """
        SELECT a.area_code, a.area_name, a.area_kind, a.cbsa_code, a.latitude_deg, a.longitude_deg
        FROM core_area_state s JOIN core_area a USING (area_code)
        WHERE s.state_fips = $state AND a.area_kind IN ('metro', 'nonmetro')
    """,
        {"state": state_fips},
    )
    soc_code = basis.demand_soc_code
    if soc_code:
        figures = model.areas(places.area_code.tolist(), [soc_code]).drop(columns=["soc_title"])
    else:
        figures = pd.DataFrame(
            {
                "area_code": places.area_code,
                "local_employment_count": float("nan"),
                "local_employment_missing_reason": "no_bls_code",
                "local_wage_missing_reason": "no_bls_code",
                "openings_basis": basis.openings_basis,
            }
        )
    frame = places.merge(figures, on="area_code", how="left")
    for column in BASIS_COLUMNS:
        frame[column] = basis[column]
    frame["local_employment_missing_words"] = frame.local_employment_missing_reason.map(missing_words)
    frame["local_wage_missing_words"] = frame.local_wage_missing_reason.map(missing_words)
    frame["openings_basis_words"] = frame.openings_basis.map(openings_basis_words)
    frame = _with_quartiles(con, frame, "demand_soc_code")
    return frame.sort_values(
        ["local_employment_count", "area_name"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


def openings_basis_words(basis) -> str:
    """How the local openings figure was made, in words ("" when there is no basis)."""
    return basis_words(basis)


def place_headings() -> dict[str, str]:
    """The headings of the place columns of ``shown_comparison`` ("area") and ``shown_areas`` ("area",
    "kind"), in the visitor's language, so callers can find those columns in any language."""
    return {key: _(words) for key, words in PLACE_HEADINGS.items()}


def for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """What a download of a comparison or areas frame holds: where (plain headers), then the demand
    columns with the headers of ``lmi.demand.columns`` (the group label and the BLS code of the
    figures included), then the OEWS detail behind them under their field names."""
    places = frame[[c for c in PLACE_COLUMNS if c in frame.columns]].rename(
        columns={column: _(words) for column, words in PLACE_COLUMNS.items()}
    )
    detail = frame[[c for c in DETAIL_COLUMNS if c in frame.columns]]
    return pd.concat([places, for_download(frame, DOWNLOAD_COLUMNS), detail], axis=1)


def shown_comparison(frame: pd.DataFrame) -> pd.DataFrame:
    """The comparison as a page shows it: "This area: Hartford…", "State: Connecticut", "Nation: National",
    then the figures in words (``lmi.demand.oews_values.format_estimates``)."""
    shown = format_estimates(frame)
    shown.insert(
        0,
        place_headings()["area"],
        [
            _("{level}: {area}").format(level=_(LEVEL_WORDS[lv]), area=name)
            for lv, name in zip(frame.level, frame.area_name)
        ],
    )
    return shown


def shown_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """A state's areas as a page shows them: name, kind of area in words, then the figures in words."""
    headings = place_headings()
    shown = format_estimates(frame)
    shown.insert(0, headings["area"], frame.area_name.values)
    shown.insert(1, headings["kind"], frame.area_kind.map(area_kind_words).values)
    return shown


def mappable_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """The areas of ``areas_of_state`` a map can place (a centroid and a jobs figure), with the openings and
    whose numbers they are in words (``openings_words``, ``whose_numbers``) for the map's tooltips."""
    labels = shown_labels()
    words = format_estimates(frame)
    placed = frame.assign(openings_words=words[labels["openings"]].values, whose_numbers=words[labels["whose"]].values)
    return placed.dropna(subset=["latitude_deg", "local_employment_count"])


def _with_area_names(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> pd.DataFrame:
    names = query_df(
        con,
        "SELECT area_code, area_name, area_kind FROM core_area WHERE list_contains($codes, area_code)",
        {"codes": frame.area_code.tolist()},
    )
    return frame.merge(names, on="area_code", how="left")


def _with_quartiles(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, code_column: str) -> pd.DataFrame:
    """OEWS's 25th and 75th annual wage percentiles of the same BLS code in the same areas."""
    codes = [c for c in frame[code_column].dropna().unique().tolist()]
    if not codes:
        return frame.assign(annual_wage_p25_usd=float("nan"), annual_wage_p75_usd=float("nan"))
    quartiles = query_df(
        con,
        """
        SELECT area_code, soc_code AS quartile_soc_code, annual_wage_p25_usd, annual_wage_p75_usd
        FROM core_oews_estimate WHERE list_contains($areas, area_code) AND list_contains($codes, soc_code)
    """,
        {"areas": frame.area_code.tolist(), "codes": codes},
    )
    merged = frame.merge(
        quartiles, left_on=["area_code", code_column], right_on=["area_code", "quartile_soc_code"], how="left"
    )
    return merged.drop(columns=["quartile_soc_code"])
