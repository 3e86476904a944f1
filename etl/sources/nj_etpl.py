"""New Jersey Eligible Training Provider List (ETPL): published program outcomes, providers, and the
ETPL program sample with costs and credentials, as New Jersey's Training Explorer publishes them in
the MIT-licensed ``newjersey/d4ad`` repository (NJ Department of Labor and Workforce Development data).

Three raw tables:

* ``raw_nj_etpl_outcomes`` (``outcomes_schcip.csv``): one row per provider x 6-digit CIP code with the
  percent employed and average quarterly wage 2, 4 and 8 quarters after exit, retention, and the
  completer / wage-calculation counts behind them. ``-99999`` is the publisher's mark for a value it
  suppressed or does not have; the raw table keeps the publisher's value and ``core_nj_etpl_outcome``
  turns it into NULL plus a ``*_suppressed`` flag, so it can never be read as a number.
* ``raw_nj_etpl_providers`` (``providers_<date>.csv``): the provider list.
* ``raw_nj_etpl_programs`` (``standardized_etpl_asof_<date>.csv``): the program sample with costs,
  clock hours and the credentials each program leads to.

Privacy: the publisher's files carry contact fields (contact person names and titles, phone, fax,
e-mail, street and mailing addresses, ZIP codes, websites, bus routes, direction links) and free-text
staff comments that name people. None of them is declared here, so they are dropped while the raw
frame is made and never reach the snapshot, the database or the app. Only the city and county of a
provider are kept (they place a program in a labour market).

Download: the files live in the ``newjersey/d4ad`` repository without release tags or stable raw URLs
for this vintage, so the download is not automated (see ``DOWNLOAD_NOTE``); the shipped snapshot was
made from the project's shared copy of the files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.errors import DownloadError
from etl.raw_tables import Column, RawTable, conform_frame

REPOSITORY_URL = "https://github.com/newjersey/d4ad"
OUTCOMES_FILE = "outcomes_schcip.csv"
PROVIDERS_FILE = "providers_20210305.csv"
PROGRAMS_FILE = "standardized_etpl_asof_2023-05-04.csv"
DOWNLOAD_NOTE = (
    "New Jersey ETPL: the download is not automated. New Jersey publishes these files in the "
    f"{REPOSITORY_URL} repository (backend/data) without release tags or stable file URLs for the pinned "
    "vintage (ETPL as of 2023-05-04; providers 2021-03-05). The shipped snapshot keeps the pinned copy; "
    f"to refresh it, copy {OUTCOMES_FILE}, {PROVIDERS_FILE} and {PROGRAMS_FILE} into <folder>/nj_etpl/ "
    "and run `python -m etl snapshot --from <folder>`, then review and pin the new vintage in etl/releases.toml."
)

C = Column
OUTCOMES = RawTable(
    "raw_nj_etpl_outcomes",
    "nj_etpl",
    OUTCOMES_FILE,
    (
        C("providerid", "provider_id"),
        C("cipcode", "cip_code_6"),
        C("PerEmployed2", "per_employed_2", "double"),
        C("PerEmployed4", "per_employed_4", "double"),
        C("PerEmployed8", "per_employed_8", "double"),
        C("AvgQuarterlyWage2", "avg_quarterly_wage_2", "double"),
        C("AvgQuarterlyWage4", "avg_quarterly_wage_4", "double"),
        C("AvgQuarterlyWage8", "avg_quarterly_wage_8", "double"),
        C("PerRetention4", "per_retention_4", "double"),
        C("PerRetention8", "per_retention_8", "double"),
        C("NumCompleted2", "num_completed_2", "integer"),
        C("NumCompleted4", "num_completed_4", "integer"),
        C("NumCompleted8", "num_completed_8", "integer"),
        C("NumUsedWageCalc2", "num_used_wage_calc_2", "integer"),
        C("NumUsedWageCalc4", "num_used_wage_calc_4", "integer"),
        C("NumUsedWageCalc8", "num_used_wage_calc_8", "integer"),
        C("NumUsedRetentionCalc4", "num_used_retention_calc_4", "integer"),
        C("NumUsedRetentionCalc8", "num_used_retention_calc_8", "integer"),
    ),
    "Percent employed, average quarterly wage and retention 2, 4 and 8 quarters after exit, by provider "
    "and CIP code; -99999 = suppressed or not available.",
)

PROVIDERS = RawTable(
    "raw_nj_etpl_providers",
    "nj_etpl",
    PROVIDERS_FILE,
    (
        C("PROVIDERID", "provider_id"),
        C("NAME", "provider_name"),
        C("CITY", "city"),
        C("COUNTY", "county"),
        C("STATE", "state"),
        C("STATUSNAME", "status"),
    ),
    "ETPL providers (no contact fields: names of people, phones, e-mails, addresses and websites are dropped).",
)

PROGRAMS = RawTable(
    "raw_nj_etpl_programs",
    "nj_etpl",
    PROGRAMS_FILE,
    (
        C("programid", "program_id"),
        C("providerid", "provider_id"),
        C("officialname", "program_name"),
        C("cipcode", "cip_code_6"),
        C("name", "provider_name"),
        C("standardized_name_1", "provider_brand"),
        C("city", "city"),
        C("county", "county"),
        C("state", "state"),
        C("tuition", "tuition", "double"),
        C("fees", "fees", "double"),
        C("booksmaterialscost", "books_materials_cost", "double"),
        C("suppliestoolscost", "supplies_tools_cost", "double"),
        C("othercosts", "other_costs", "double"),
        C("totalcost", "total_cost", "double"),
        C("totalclockhours", "total_clock_hours", "double"),
        C("prerequisites", "prerequisites"),
        C("wiaeligible", "wia_eligible"),
        C("credentialtype", "credential_type"),
        C("degreeawardedname", "degree_awarded_name"),
        C("leadtolicense", "lead_to_license"),
        C("licenseawardedname", "license_awarded_name"),
        C("leadtoindustrycredential", "lead_to_industry_credential"),
        C("industrycredentialname", "industry_credential_name"),
        C("statusname", "status"),
        C("providerstatusname", "provider_status"),
    ),
    "ETPL program sample with costs, clock hours and credentials (no contact fields).",
)

NJ_ETPL_TABLES: tuple[RawTable, ...] = (OUTCOMES, PROVIDERS, PROGRAMS)


def read_folder(folder: Path) -> dict[str, pd.DataFrame]:
    """Read the three publisher files from ``folder`` (the shared copy's ``nj_etpl`` folder)."""
    return {table.name: read_csv(Path(folder) / table.official_file, table) for table in NJ_ETPL_TABLES}


def read_csv(path: Path, table: RawTable) -> pd.DataFrame:
    """One publisher CSV (quoted fields may span lines) conformed to its raw table; undeclared
    columns, the contact fields among them, are dropped here."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return conform_frame(frame, table, path.name)


def read_downloaded(folder: Path) -> dict[str, pd.DataFrame]:
    """There is no automated download for this source; see ``DOWNLOAD_NOTE``."""
    raise DownloadError(DOWNLOAD_NOTE)
