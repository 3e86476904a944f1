"""Indeed Hiring Lab job postings indexes (1 February 2020 = 100): national, by state, by sector."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.raw_tables import Column, RawTable, conform_frame

C = Column
INDEED_TABLES: tuple[RawTable, ...] = (
    RawTable(
        "raw_indeed_state_postings",
        "indeed",
        "state_job_postings_us.csv",
        (C("date", "date"), C("state", "state"), C("indeed_job_postings_index", "postings_index", "double")),
    ),
    RawTable(
        "raw_indeed_national_postings",
        "indeed",
        "aggregate_job_postings_US.csv",
        (
            C("date", "date"),
            C("jobcountry", "country"),
            C("indeed_job_postings_index_SA", "postings_index_sa", "double"),
            C("indeed_job_postings_index_NSA", "postings_index_nsa", "double"),
            C("variable", "variable"),
        ),
    ),
    RawTable(
        "raw_indeed_sector_postings",
        "indeed",
        "job_postings_by_sector_US.csv",
        (
            C("date", "date"),
            C("jobcountry", "country"),
            C("indeed_job_postings_index", "postings_index", "double"),
            C("variable", "variable"),
            C("display_name", "sector"),
        ),
    ),
)
_BY_FILE = {t.official_file: t for t in INDEED_TABLES}


def read_postings_csv(path: Path, official_file: str) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return conform_frame(frame, _BY_FILE[official_file], path.name)
