"""Where a posting is: the lookup tables that turn the location a file gives (county FIPS, CBSA code,
"City, ST", state) into the areas OEWS publishes, built from the reference database.

What each kind of location resolves to:

- **county FIPS** (5 digits, or 4 with the leading zero lost): its state, and through the OMB delineation
  (``raw_cbsa_delineation``) its CBSA; the OEWS metro area when that CBSA is one. A county outside any
  metropolitan statistical area (micropolitan or outside every CBSA) is placed in its state only: OEWS's
  nonmetropolitan areas are groups of counties BLS defines, and their definitions are not in the snapshot.
- **CBSA code**: the metro area; its state when the CBSA lies in one state. A CBSA that crosses a state line
  (Kansas City, MO-KS) gets a state only when the file also gives one of the states it touches.
- **"City, ST"** (one column, or a city column with a state column): the cities named in a CBSA's title
  ("Springfield, MO"; "Allentown-Bethlehem-Easton, PA-NJ" names three cities, each matched in the title's
  first state) and county names ("Greene County, MO"). The snapshot has no gazetteer of every place, so
  another city is placed in its state only. A name that two CBSAs share in one state is not used.
- **state**: postal code ("MO"), name ("Missouri") or FIPS code ("29" or "6").

Every table here is small (hundreds to a few thousand rows) and is registered in the engine (DuckDB or
Spark) that runs the one staging SQL (``lmi.postings.pipeline``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from lmi.db import query_df

MISSING_STATE = None


@dataclass(frozen=True)
class PlaceTables:
    """The lookup tables, as frames with text columns (``None`` for missing values)."""

    state: pd.DataFrame  # state_key, state_fips, state_postal, state_area_code
    county: pd.DataFrame  # county_fips, state_fips, cbsa_code, area_code, state_area_code
    cbsa: pd.DataFrame  # cbsa_code, state_fips (one state only), area_code, state_area_code
    cbsa_state: pd.DataFrame  # cbsa_code, state_fips, state_area_code: every state a CBSA touches
    city: pd.DataFrame  # city_key ("SPRINGFIELD|MO"), state_fips, cbsa_code, area_code, state_area_code

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables under the names the staging SQL reads them by."""
        return {
            "place_state": self.state,
            "place_county": self.county,
            "place_cbsa": self.cbsa,
            "place_cbsa_state": self.cbsa_state,
            "place_city": self.city,
        }


def load_place_tables(con: duckdb.DuckDBPyConnection) -> PlaceTables:
    """Build every lookup table from the reference database (a few milliseconds)."""
    states = query_df(
        con,
        """
        SELECT s.state_fips, s.state_postal, s.state_name, a.area_code AS state_area_code
        FROM core_state s LEFT JOIN core_area a ON a.area_kind = 'state' AND a.state_fips = s.state_fips
        """,
    )
    counties = query_df(
        con,
        """
        SELECT d.state_fips || d.county_fips AS county_fips, d.state_fips, d.cbsa_code, d.county_name,
               s.state_postal
        FROM raw_cbsa_delineation d JOIN core_state s USING (state_fips)
        """,
    )
    metros = query_df(con, "SELECT cbsa_code, area_code FROM core_area WHERE area_kind = 'metro'")
    titles = query_df(con, "SELECT DISTINCT cbsa_code, cbsa_title FROM raw_cbsa_delineation")
    state_area = dict(zip(states.state_fips, states.state_area_code))
    metro_area = dict(zip(metros.cbsa_code, metros.area_code))
    return PlaceTables(
        state=_state_table(states),
        county=_county_table(counties, metro_area, state_area),
        cbsa=_cbsa_table(counties, metro_area, state_area),
        cbsa_state=_cbsa_state_table(counties, state_area),
        city=_city_table(titles, counties, states, metro_area, state_area),
    )


def _state_table(states: pd.DataFrame) -> pd.DataFrame:
    keys = []
    for row in states.itertuples():
        for key in {row.state_postal.upper(), row.state_name.upper(), row.state_fips, row.state_fips.lstrip("0")}:
            keys.append((key, row.state_fips, row.state_postal, row.state_area_code))
    return pd.DataFrame(keys, columns=["state_key", "state_fips", "state_postal", "state_area_code"])


def _county_table(counties: pd.DataFrame, metro_area: dict, state_area: dict) -> pd.DataFrame:
    frame = counties[["county_fips", "state_fips", "cbsa_code"]].drop_duplicates("county_fips").copy()
    frame["area_code"] = frame.cbsa_code.map(metro_area)
    frame["state_area_code"] = frame.state_fips.map(state_area)
    return _text_columns(frame.reset_index(drop=True))


def _cbsa_table(counties: pd.DataFrame, metro_area: dict, state_area: dict) -> pd.DataFrame:
    states = counties.groupby("cbsa_code").state_fips.agg(lambda s: sorted(set(s)))
    frame = pd.DataFrame({"cbsa_code": states.index})
    frame["state_fips"] = [values[0] if len(values) == 1 else MISSING_STATE for values in states]
    frame["area_code"] = frame.cbsa_code.map(metro_area)
    frame["state_area_code"] = frame.state_fips.map(state_area)
    return _text_columns(frame)


def _cbsa_state_table(counties: pd.DataFrame, state_area: dict) -> pd.DataFrame:
    frame = counties[["cbsa_code", "state_fips"]].drop_duplicates().copy()
    frame["state_area_code"] = frame.state_fips.map(state_area)
    return _text_columns(frame.reset_index(drop=True))


def _city_table(
    titles: pd.DataFrame, counties: pd.DataFrame, states: pd.DataFrame, metro_area: dict, state_area: dict
) -> pd.DataFrame:
    postal_fips = dict(zip(states.state_postal, states.state_fips))
    keys = []
    for row in titles.itertuples():
        cities, _comma, state_part = row.cbsa_title.rpartition(", ")
        first_state = state_part.split("-")[0].strip()
        if first_state not in postal_fips:
            continue
        names = {cities.strip(), *(piece.strip() for piece in re.split(r"[-/]", cities))}
        keys.extend(
            (f"{name.upper()}|{first_state}", row.cbsa_code, postal_fips[first_state]) for name in names if name
        )
    for row in counties.itertuples():
        keys.append((f"{row.county_name.upper()}|{row.state_postal}", row.cbsa_code, row.state_fips))
    frame = pd.DataFrame(keys, columns=["city_key", "cbsa_code", "state_fips"]).drop_duplicates()
    frame = frame[~frame.city_key.duplicated(keep=False)].copy()  # a name two CBSAs share is not used
    frame["area_code"] = frame.cbsa_code.map(metro_area)
    frame["state_area_code"] = frame.state_fips.map(state_area)
    return _text_columns(frame.reset_index(drop=True))


def _text_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as Python text or ``None`` (the same values in DuckDB and Spark)."""
    return frame.astype(object).where(frame.notna(), None)
