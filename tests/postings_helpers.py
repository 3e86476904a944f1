"""Helpers for the postings tests: a small hand-made file whose every row tests one rule (dates, places,
codes, reposts, problems), the counts it must give, and aggregates put in one comparable form."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from lmi.postings.layouts import FIELDS

SPRINGFIELD_MO = "0044180"
KANSAS_CITY = "0028140"
PHOENIX = "0038060"
MISSOURI = "2900000"
KANSAS = "2000000"
NATION = "0000000"

# title, employer, posted_date, expiry_date, county_fips, cbsa_code, city, state, occupation_code, source
RULE_ROWS = [
    # Reposts: Acme's nurse posted Jan 5, again Jan 20 (a repost: 15 days), again Mar 1 (40 days later: new).
    ("Registered Nurse ", "ACME HEALTH", "2025-01-07", "", "29077", "", "", "", "", "state job bank"),
    ("Registered Nurse", "Acme Health", "2025-01-05", "2025-02-05", "29077", "", "", "", "", "state job bank"),
    ("Registered Nurse", "Acme Health", "2025-01-20", "", "29077", "", "", "", "", "state job bank"),
    ("Registered Nurse", "Acme Health", "2025-03-01", "", "29077", "", "", "", "", "state job bank"),
    # Without an employer: never a repost.
    ("Registered Nurse", "", "2025-01-05", "", "29077", "", "", "", "", ""),
    ("Registered Nurse", "", "2025-01-06", "", "29077", "", "", "", "", ""),
    # No title, but a code: kept, coded by its code.
    ("", "Acme Health", "2025-01-01", "", "29077", "", "", "", "29-1141.00", ""),
    # CBSA code (one state) and a US date.
    ("CDL-A Driver - Home Weekly", "Road Co", "1/15/2025", "", "", "44180", "", "", "", ""),
    # "City, ST" with an ISO date and time; a city no CBSA title names (state only).
    ("Cashier", "Shop", "2025-02-03T09:30:00Z", "", "", "", "Springfield, MO", "", "", ""),
    ("Cashier", "Shop", "2025-02-03", "", "", "", "Smallville", "MO", "", ""),
    # A metro across a state line: without a state (metro only), and the same job that day with its state,
    # Kansas (not a repost of the first: a repost has the same place, state included).
    ("Welder", "Fab Works", "2025-02-10", "", "", "28140", "", "", "51-4121.00", ""),
    ("Welder", "Fab Works", "2025-02-10", "", "", "28140", "", "KS", "51-4121", ""),
    # A county FIPS code that lost its leading zero (04013, Maricopa County: Phoenix); a broad code (not kept).
    ("Electrician", "Volt", "2025-04-01", "2025-03-01", "4013", "", "", "", "47-2110", ""),
    # State only, by name.
    ("Electrician", "Volt", "2025-04-02", "not a date", "", "", "", "Missouri", "", ""),
    # Problems: not stored, counted by reason.
    ("Baker", "Bread", "next week", "", "29077", "", "", "", "", ""),
    ("Baker", "Bread", "2025-13-01", "", "29077", "", "", "", "", ""),
    ("Baker", "Bread", "01/05/25", "", "29077", "", "", "", "", ""),
    ("Baker", "Bread", "", "", "29077", "", "", "", "", ""),
    ("Baker", "Bread", "1899-01-01", "", "29077", "", "", "", "", ""),
    ("Baker", "Bread", "2025-01-01", "", "", "", "", "", "", ""),
    ("Baker", "Bread", "2025-01-01", "", "", "99999", "", "", "", ""),
    ("", "Bread", "2025-01-01", "", "29077", "", "", "", "", ""),
]
RULE_PROBLEMS = {
    "posted_date_unreadable": 3,
    "no_posted_date": 1,
    "posted_date_out_of_range": 1,
    "no_location": 1,
    "location_unknown": 1,
    "no_title": 1,
}
RULE_STORED = len(RULE_ROWS) - sum(RULE_PROBLEMS.values())


def write_csv(path: Path, rows, header=FIELDS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def comparable(rows) -> list[tuple]:
    """Aggregate rows (dicts) as sorted tuples: counts as int, months as ISO dates, missing codes as ""."""
    out = []
    for row in rows:
        month = row["posted_month"]
        month = month.date() if hasattr(month, "date") and not isinstance(month, dt.date) else month
        soc = row["soc_code"]
        out.append(
            (
                row["area_kind"],
                row["area_code"],
                soc if isinstance(soc, str) else "",
                str(month)[:10],
                int(row["postings_count"]),
                int(row["reposts_removed_count"]),
                int(row["from_given_code_count"]),
            )
        )
    return sorted(out)
