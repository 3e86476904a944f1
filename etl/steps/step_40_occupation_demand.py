"""out_soc_demand and out_occupation_demand: local employer demand, modelled once, at the grain BLS
measures it (see the SQL beside this file and ``lmi.demand``).

Why in the build: every page, notebook and download reads demand from these two tables, so one
occupation can never be shown another's numbers under its own name without the table saying whose
numbers they are (``demand_soc_code``, ``demand_grain``, ``shared_with_count``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SQL = Path(__file__).with_suffix(".sql")


def run(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SQL.read_text())
