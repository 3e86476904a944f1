"""The areas OEWS publishes (nation, states, metro areas, BLS nonmetropolitan areas) and how they
nest: a metro area that crosses a state line belongs to every state it touches."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows
from lmi.i18n import N_, _

NATION_CODE = "0000000"
AREA_KIND_WORDS = {  # ``area_kind`` -> English, marked for the catalog: shown through ``area_kind_words``
    "national": N_("nation"),
    "state": N_("state"),
    "metro": N_("metro area"),
    "nonmetro": N_("nonmetropolitan area"),
}


class UnknownAreaError(LookupError):
    """The area code is not one OEWS publishes."""


def area_kind_words(kind) -> str:
    """An area kind ("metro") in words ("metro area"), in the visitor's language; unknown kinds as given."""
    return _(AREA_KIND_WORDS[kind]) if kind in AREA_KIND_WORDS else str(kind)


@dataclass(frozen=True)
class Area:
    area_code: str
    area_name: str
    area_kind: str
    state_fips: str | None


def get_area(con: duckdb.DuckDBPyConnection, area_code: str) -> Area:
    rows = query_rows(
        con, "SELECT area_code, area_name, area_kind, state_fips FROM core_area WHERE area_code = $c", {"c": area_code}
    )
    if not rows:
        raise UnknownAreaError(_("no OEWS area with code {code}").format(code=repr(area_code)))
    return Area(*rows[0])


def list_states(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """States, D.C. and territories that OEWS publishes, with their state-level area code."""
    return query_df(
        con,
        """
        SELECT s.state_fips, s.state_postal, s.state_name, a.area_code
        FROM core_state s JOIN core_area a ON a.area_kind = 'state' AND a.state_fips = s.state_fips
        ORDER BY s.state_name
    """,
    )


def list_areas_in_state(con: duckdb.DuckDBPyConnection, state_fips: str) -> pd.DataFrame:
    """Metro and nonmetropolitan areas with any part in the state, metros first, by name."""
    return query_df(
        con,
        """
        SELECT a.area_code, a.area_name, a.area_kind
        FROM core_area_state s JOIN core_area a USING (area_code)
        WHERE s.state_fips = $state AND a.area_kind IN ('metro', 'nonmetro')
        ORDER BY a.area_kind, a.area_name
    """,
        {"state": state_fips},
    )


def state_area_code(con: duckdb.DuckDBPyConnection, state_fips: str) -> str:
    rows = query_rows(
        con, "SELECT area_code FROM core_area WHERE area_kind = 'state' AND state_fips = $s", {"s": state_fips}
    )
    if not rows:
        raise UnknownAreaError(_("no OEWS state with FIPS code {code}").format(code=repr(state_fips)))
    return rows[0][0]
