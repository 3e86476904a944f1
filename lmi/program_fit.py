"""Local fit of a training program: how much local demand there is for the occupations it trains for.

A program's target occupations are the SOC codes staff listed for it; a program with none listed is
matched to the occupations its CIP code leads to in the NCES CIP 2020 to SOC 2018 crosswalk. For each
occupation the program's region (an OEWS area) gives employment, median annual wage and location
quotient (BLS OEWS), and the nation gives the projected 2024-34 change and annual openings (BLS
Employment Projections; national only, said wherever shown).

Reference data stays in the read-only reference database; the program list comes from the records
database, so this module takes the programs as a frame and joins in pandas.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df

LISTED = "listed by the program"
VIA_CIP = "linked to its CIP code (NCES crosswalk)"


def target_occupations(ref_con: duckdb.DuckDBPyConnection, programs: pd.DataFrame) -> pd.DataFrame:
    """One row per (program, occupation): ``programs`` has program_id, cip_code, target_soc_codes
    (a list, possibly empty) and region_area_code; ``basis`` says where the occupation came from."""
    listed = [(p.program_id, p.region_area_code, soc, LISTED)
              for p in programs.itertuples() for soc in (list(p.target_soc_codes) if p.target_soc_codes is not None else [])]
    without = programs[[len(t if t is not None else []) == 0 for t in programs.target_soc_codes]]
    crosswalk = query_df(ref_con, "SELECT cip_code, soc_code FROM core_cip_soc WHERE list_contains($cips, cip_code)",
                         {"cips": sorted(set(without.cip_code))})
    linked = [(p.program_id, p.region_area_code, soc, VIA_CIP)
              for p in without.itertuples() for soc in crosswalk.soc_code[crosswalk.cip_code == p.cip_code]]
    return pd.DataFrame(listed + linked, columns=["program_id", "region_area_code", "soc_code", "basis"])


def occupation_demand(ref_con: duckdb.DuckDBPyConnection, targets: pd.DataFrame) -> pd.DataFrame:
    """``targets`` (from ``target_occupations``) with each occupation's title and its local OEWS and
    national projections numbers; values BLS did not release stay missing with their footnote."""
    if targets.empty:
        return targets.assign(soc_title=[], area_name=[], employment_count=[], employment_footnote=[],
                              annual_wage_median_usd=[], annual_wage_median_footnote=[], location_quotient=[],
                              projected_change_pct=[], annual_openings_thousands=[],
                              employment_2024_thousands=[], employment_2034_thousands=[])
    pairs = targets[["region_area_code", "soc_code"]].drop_duplicates()
    numbers = query_df(ref_con, """
        SELECT q.area_code AS region_area_code, q.soc_code, s.title AS soc_title, a.area_name,
               e.employment_count, e.employment_footnote, e.annual_wage_median_usd, e.annual_wage_median_footnote,
               e.location_quotient, p.employment_change_pct AS projected_change_pct, p.annual_openings_thousands,
               p.employment_2024_thousands, p.employment_2034_thousands
        FROM (SELECT unnest($areas) AS area_code, unnest($socs) AS soc_code) q
        LEFT JOIN core_soc_occupation s ON s.soc_code = q.soc_code
        LEFT JOIN core_area a ON a.area_code = q.area_code
        LEFT JOIN core_oews_estimate e ON e.area_code = q.area_code AND e.soc_code = q.soc_code
        LEFT JOIN core_projection p ON p.soc_code = q.soc_code
    """, {"areas": list(pairs.region_area_code), "socs": list(pairs.soc_code)})
    return targets.merge(numbers, on=["region_area_code", "soc_code"], how="left")


def fit_summary(demand: pd.DataFrame, program_ids: list[str]) -> pd.DataFrame:
    """Per program: occupations, how many have local employment released, local jobs in them, the
    employment-weighted national projected change 2024-34 and national annual openings."""
    rows = []
    for program_id in program_ids:
        part = demand[demand.program_id == program_id]
        released = part.employment_count.notna()
        projected = part.employment_2024_thousands.notna() & part.employment_2034_thousands.notna()
        base = part.employment_2024_thousands[projected].sum()
        rows.append({
            "program_id": program_id,
            "target_occupations_count": len(part),
            "occupations_with_local_jobs_count": int(released.sum()),
            "local_jobs_count": int(part.employment_count[released].sum()) if released.any() else pd.NA,
            "projected_change_national_pct": (100 * (part.employment_2034_thousands[projected].sum() / base - 1)
                                              if projected.any() and base else pd.NA),
            "annual_openings_national_thousands": (float(part.annual_openings_thousands.dropna().sum())
                                                   if part.annual_openings_thousands.notna().any() else pd.NA),
            "target_basis": part.basis.iloc[0] if len(part) else "",
        })
    frame = pd.DataFrame(rows, columns=["program_id", "target_occupations_count", "occupations_with_local_jobs_count",
                                        "local_jobs_count", "projected_change_national_pct",
                                        "annual_openings_national_thousands", "target_basis"])
    frame["local_jobs_count"] = pd.array(frame["local_jobs_count"], dtype="Int64")
    for column in ("projected_change_national_pct", "annual_openings_national_thousands"):
        frame[column] = pd.array(frame[column], dtype="Float64")
    return frame


def area_names(ref_con: duckdb.DuckDBPyConnection, area_codes: list[str]) -> dict[str, str]:
    frame = query_df(ref_con, "SELECT area_code, area_name FROM core_area WHERE list_contains($codes, area_code)",
                     {"codes": sorted(set(area_codes))})
    return dict(zip(frame.area_code, frame.area_name))


def cip_titles(ref_con: duckdb.DuckDBPyConnection, cip_codes: list[str]) -> dict[str, str]:
    frame = query_df(ref_con, "SELECT cip_code, cip_title FROM core_cip WHERE list_contains($codes, cip_code)",
                     {"codes": sorted(set(cip_codes))})
    return dict(zip(frame.cip_code, frame.cip_title))
