"""Postings stores for the posted-demand tests (domain and pages): a small hand-made file whose counts are known
(Hartford nurses with a trend, home health and personal care aides coded at three codes of one BLS group,
postings no occupation counts), and a store of generated example postings. Always in a temporary folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lmi.postings.aggregate import refresh_aggregate
from lmi.postings.example import ExampleSpec, generate_postings, write_example
from lmi.postings.importer import import_postings
from lmi.postings.store import PostingsStore
from tests.postings_helpers import write_csv

HARTFORD = "0025540"  # OEWS area code of the Hartford-West Hartford-East Hartford, CT metro area
HARTFORD_CBSA = "25540"
CONNECTICUT = "0900000"
NATION = "0000000"
HARTFORD_NURSES_JOBS = 13_850  # BLS OEWS May 2025, 29-1141 in Hartford
HARTFORD_AIDES_JOBS = 19_230  # BLS OEWS May 2025, 31-1120 in Hartford
FILE_NAME = "hartford-postings.csv"
# Registered nurses (29-1141) per month: Dec 2024 (outside the last 12 months), Jan 2025, then 10 a month in
# Jul-Sep and 15 a month in Oct-Dec: 76 in the last 12 months, +50% over the last 3 months.
NURSES_BY_MONTH = {"2024-12": 1, "2025-01": 1, "2025-07": 10, "2025-08": 10, "2025-09": 10}
NURSES_BY_MONTH |= {"2025-10": 15, "2025-11": 15, "2025-12": 15}
NURSES_LAST_12 = 76
NURSES_TREND_PCT = 50.0
# Home health and personal care aides: OEWS publishes only the group 31-1120; postings coded 31-1121.00 (3),
# 31-1122 (2) and at the group code itself (1) add up to 6 under 31-1120.
AIDES = [("31-1121.00", "2025-12", 3), ("31-1122", "2025-11", 2), ("31-1120", "2025-10", 1)]
AIDES_LAST_12 = 6
UNCODED = 2  # titles no occupation matches
MILITARY = 1  # 55-1011.00: an occupation BLS publishes no estimates for


def _row(title: str, month: str, day: int, code: str = "", source: str = "state job bank") -> tuple:
    """One posting in Hartford (by CBSA code), without an employer (never taken for a repost)."""
    posted = dt.date.fromisoformat(f"{month}-{day:02d}").isoformat()
    return (title, "", posted, "", "", HARTFORD_CBSA, "", "", code, source)


def hartford_rows(source: str = "state job bank") -> list[tuple]:
    rows = [
        _row("Registered Nurse", month, 1 + i, "29-1141.00", source)
        for month, count in NURSES_BY_MONTH.items()
        for i in range(count)
    ]
    rows += [_row("Caregiver", month, 1 + i, code, source) for code, month, count in AIDES for i in range(count)]
    rows += [_row(title, "2025-06", 3, "", source) for title in ("Qzxv Wplk Jjrt", "Xxxx Yyyy")]
    rows += [_row("Infantry Officer", "2025-05", 4, "55-1011.00", source)]
    return rows


def hartford_store(root: Path, ref_con, coder=None, source: str = "state job bank") -> PostingsStore:
    """A store holding the hand-made Hartford file, counted."""
    store = PostingsStore(root)
    path = write_csv(root.parent / f"{root.name}-{FILE_NAME}", hartford_rows(source))
    result = import_postings(path, ref_con, store, coder=coder)
    assert result.outcome == "imported", result.message
    refresh_aggregate(store)
    return store


def example_store(root: Path, ref_con, rows: int = 4_000, coder=None) -> PostingsStore:
    """A store holding one file of generated example postings (``lmi.postings.example``), counted."""
    store = PostingsStore(root)
    path = write_example(generate_postings(ref_con, ExampleSpec(rows=rows, seed=11)), root.parent / "example.csv")
    result = import_postings(path, ref_con, store, coder=coder)
    assert result.outcome == "imported" and result.is_generated_example, result.message
    refresh_aggregate(store)
    return store
