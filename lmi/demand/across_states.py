"""One occupation across the states, D.C. and the territories OEWS publishes (the national map).

The figures are the demand model's (``DemandModel.areas``) for the BLS code that covers the O*NET occupation
(``demand_soc_code``), read for every state at once, so a state's row says the same as the state's row of
the region comparison; ``demand_basis`` travels with them. A state without a published estimate keeps its
row, with the reason in words (``local_employment_missing_words``)."""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.areas import NATION_CODE, list_states
from lmi.demand import DemandModel
from lmi.demand.labels import WHOSE_NUMBERS_COLUMNS, missing_words


def occupation_across_states(con: duckdb.DuckDBPyConnection, model: DemandModel, onet_soc_code: str) -> pd.DataFrame:
    """One row per state (``area_code`` is the state's OEWS code) with the occupation's figures, most jobs
    first; every row of a state BLS published nothing for says why."""
    basis = model.occupations(NATION_CODE, [onet_soc_code]).iloc[0]
    states = list_states(con).rename(columns={"state_name": "area_name"})
    states["area_kind"] = "state"
    if basis.demand_soc_code:
        figures = model.areas(states.area_code.tolist(), [basis.demand_soc_code]).drop(columns=["soc_title"])
    else:
        figures = pd.DataFrame(
            {
                "area_code": states.area_code,
                "local_employment_count": float("nan"),
                "local_employment_missing_reason": "no_bls_code",
                "local_wage_missing_reason": "no_bls_code",
            }
        )
    frame = states.merge(figures, on="area_code", how="left")
    for column in ("onet_soc_code", "occupation_title", *WHOSE_NUMBERS_COLUMNS):
        frame[column] = basis[column]
    frame["local_employment_missing_words"] = frame.local_employment_missing_reason.map(missing_words)
    frame["local_wage_missing_words"] = frame.local_wage_missing_reason.map(missing_words)
    return frame.sort_values(
        ["local_employment_count", "area_name"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)
