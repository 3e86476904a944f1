"""The postings pipeline defined once, as SQL that DuckDB and Spark SQL both run (``sql/``):

1. The file's distinct values, each cleaned once (``FILE_DICTIONARIES``, in order): ``values.sql`` reads the
   file once (``source_rows``, its fields mapped) for the distinct titles, dates, codes and location
   combinations; ``titles.sql``, ``dates.sql``, ``codes.sql`` and ``places.sql`` clean, date, check
   (``lmi.postings.codes``) and place (``lmi.postings.places``) each of them. A 10-million-row file has a few
   thousand places and dates and tens of thousands of titles, so this work is done per value, not per row.
2. ``stage.sql``: each row of the file joined to those values and its repost key hashed; ``problem`` says
   why a row is not stored, or ``accepted``. ``stored_titles.sql``: the titles of the accepted rows, to code.
3. ``cells.sql``: the stored postings, each title's occupation (``title_codes``), reposts removed, counted by
   state, metro area, occupation and month.
4. ``rollup.sql``: those counts for the nation, each state and each metro area.

Nothing engine-specific is in the SQL but the name of the 64-bit hash that makes the title and repost keys
(``ENGINE_WORDS``: DuckDB's ``hash``, Spark's ``xxhash64``; keys are only compared within one engine's own
output). Each engine's runner (``lmi.postings.duck``, ``lmi.postings.spark``) only reads the file into
``source_rows``, registers the same lookup tables, keeps each distinct-value table under its name and runs
the same text, so both give the same counts (a test runs both on one file and compares every aggregate).
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
# What a row that is not counted said (NULL for stored rows), for the import's examples of each problem.
REJECTED_COLUMNS = ("rejected_title", "rejected_posted_text", "rejected_location_text", "rejected_code_text")
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


# The distinct-value tables of a file, each made by the query of the same name (``sql/<name>.sql``, without the
# ``file_`` prefix) from the tables before it, and kept under that name for the staging query.
FILE_DICTIONARIES = ("file_values", "file_titles", "file_dates", "file_codes", "file_places")


def dictionary_sql(name: str, engine: str) -> str:
    """The query that makes the distinct-value table ``name`` (one of ``FILE_DICTIONARIES``)."""
    if name not in FILE_DICTIONARIES:
        raise ValueError(f"not a distinct-value table: {name}")
    return _engine_sql(name.removeprefix("file_"), engine)


def stage_sql(engine: str) -> str:
    """The staging query (reads ``source_rows`` and ``FILE_DICTIONARIES``) with ``engine``'s hash function."""
    return _engine_sql("stage", engine)


def stored_titles_sql() -> str:
    """The distinct titles of the file's accepted rows (reads ``file_titles`` and ``postings``)."""
    return (SQL_DIR / "stored_titles.sql").read_text(encoding="utf-8")


def _engine_sql(query: str, engine: str) -> str:
    return Template((SQL_DIR / f"{query}.sql").read_text(encoding="utf-8")).substitute(ENGINE_WORDS[engine])


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
