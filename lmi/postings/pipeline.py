"""The postings pipeline defined once, as SQL that DuckDB and Spark SQL both run (``sql/``):

1. ``stage.sql``: each row of a file, with its fields mapped (``source_rows``), cleaned, dated, placed
   (``lmi.postings.places``) and its occupation code checked (``lmi.postings.codes``); ``problem`` says why
   a row is not stored, or ``accepted``.
2. ``cells.sql``: the stored postings, each title's occupation (``title_codes``), reposts removed, counted by
   state, metro area, occupation and month.
3. ``rollup.sql``: those counts for the nation, each state and each metro area.

Nothing engine-specific is in the SQL but the name of the 64-bit hash that makes the title and repost keys
(``ENGINE_WORDS``: DuckDB's ``hash``, Spark's ``xxhash64``; keys are only compared within one engine's own
output). Each engine's runner (``lmi.postings.duck``, ``lmi.postings.spark``) only reads the file into
``source_rows``, registers the same lookup tables and runs the same text, so both give the same counts (a
test runs both on one file and compares every aggregate).
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from lmi.postings.layouts import FIELDS

SQL_DIR = Path(__file__).with_name("sql")
DEFAULT_WINDOW_DAYS = 30
MIN_CONFIDENCE = 0.5  # a title coded with less confidence is counted without an occupation
ACCEPTED = "accepted"
PROBLEMS = (
    "no_title",
    "no_posted_date",
    "posted_date_unreadable",
    "posted_date_out_of_range",
    "no_location",
    "location_unknown",
)
SOURCE_COLUMNS = FIELDS  # source_rows has every field, as text (NULL where the file lacks it)
STORED_COLUMNS = (
    "problem",
    "title_key",
    "title_hash",
    "repost_key",
    "posted_date",
    "expiry_date",
    "state_area_code",
    "cbsa_code",
    "area_code",
    "county_fips",
    "place_level",
    "given_soc_code",
    "source",
    "expiry_note",
    "code_note",
    "location_note",
)
ENGINE_WORDS = {"duckdb": {"hash": "hash"}, "spark": {"hash": "xxhash64"}}
AGGREGATE_COLUMNS = (
    "area_kind",
    "area_code",
    "soc_code",
    "posted_month",
    "postings_count",
    "reposts_removed_count",
    "from_given_code_count",
)


def stage_sql(engine: str) -> str:
    """The staging query (reads ``source_rows`` and the lookup tables) with ``engine``'s hash function."""
    return Template((SQL_DIR / "stage.sql").read_text(encoding="utf-8")).substitute(ENGINE_WORDS[engine])


def cells_sql(window_days: int = DEFAULT_WINDOW_DAYS, min_confidence: float = MIN_CONFIDENCE) -> str:
    """The counting query (reads ``postings`` and ``title_codes``) with its two numbers written in."""
    window = int(window_days)
    confidence = float(min_confidence)
    if not 0 <= window <= 366 or not 0.0 <= confidence <= 1.0:
        raise ValueError("window_days must be 0-366 and min_confidence 0-1")
    text = (SQL_DIR / "cells.sql").read_text(encoding="utf-8")
    return Template(text).substitute(window_days=str(window), min_confidence=repr(confidence))


def rollup_sql() -> str:
    """The roll-up query (reads ``cells``)."""
    return (SQL_DIR / "rollup.sql").read_text(encoding="utf-8")
