"""O*NET database: raw table shapes and readers for the text edition (zip) and Excel edition.

The official download is the tab-separated text edition (``db_29_3_text.zip``). One table
declaration serves both editions, but the text edition leaves out the descriptive columns the Excel
edition repeats for readability (``Title``, ``Scale Name``, ``Related Title``, ``Task``, ``DWA Title``,
``IWA Title``, ``Commodity Title`` and ``Element Name`` in DWA Reference) and writes ``n/a`` for "no value".
The reader looks each left-out column up in the reference file of the same archive it comes from, and reads
``n/a`` as empty, so both editions produce the same raw tables. Only the tables the dashboard uses
are kept.

Three groups: ``ONET_TABLES`` and ``ONET_PROFILE_TABLES`` (Task Statements, Technology Skills; only the
columns the profile uses) are in the shipped snapshot; ``ONET_FULL_RELEASE_TABLES`` (Task Ratings, Abilities,
Work Context and its categories) are optional: the project's copy of 29.3 lacks them, so only
``python -m etl download`` brings them, and an archive without them still reads.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

from etl.errors import SnapshotError
from etl.raw_tables import Column, RawTable, conform_frame

C = Column
_CODE = C("O*NET-SOC Code", "onet_soc_code")
_TITLE = C("Title", "title")
_ELEMENT = (C("Element ID", "element_id"), C("Element Name", "element_name"))
_SCALE = (C("Scale ID", "scale_id"), C("Scale Name", "scale_name"))
_STATS = (
    C("N", "n", "double"),
    C("Standard Error", "standard_error", "double"),
    C("Lower CI Bound", "lower_ci_bound", "double"),
    C("Upper CI Bound", "upper_ci_bound", "double"),
    C("Recommend Suppress", "recommend_suppress"),
)
_DATE_SOURCE = (C("Date", "date"), C("Domain Source", "domain_source"))
_RATING = (
    _CODE,
    _TITLE,
    *_ELEMENT,
    *_SCALE,
    C("Data Value", "data_value", "double"),
    *_STATS,
    C("Not Relevant", "not_relevant"),
    *_DATE_SOURCE,
)


def _table(name: str, file: str, columns: tuple, source: str = "onet", description: str = "") -> RawTable:
    return RawTable(name, source, file, tuple(columns), description)


ONET_TABLES: tuple[RawTable, ...] = (
    _table("raw_onet_occupation_data", "Occupation Data", (_CODE, _TITLE, C("Description", "description"))),
    _table("raw_onet_skills", "Skills", _RATING),
    _table("raw_onet_knowledge", "Knowledge", _RATING),
    _table(
        "raw_onet_work_styles",
        "Work Styles",
        (_CODE, _TITLE, *_ELEMENT, *_SCALE, C("Data Value", "data_value", "double"), *_STATS, *_DATE_SOURCE),
    ),
    _table(
        "raw_onet_interests",
        "Interests",
        (_CODE, _TITLE, *_ELEMENT, *_SCALE, C("Data Value", "data_value", "double"), *_DATE_SOURCE),
    ),
    _table("raw_onet_job_zones", "Job Zones", (_CODE, _TITLE, C("Job Zone", "job_zone", "integer"), *_DATE_SOURCE)),
    _table(
        "raw_onet_job_zone_reference",
        "Job Zone Reference",
        (
            C("Job Zone", "job_zone", "integer"),
            C("Name", "name"),
            C("Experience", "experience"),
            C("Education", "education"),
            C("Job Training", "job_training"),
            C("Examples", "examples"),
            C("SVP Range", "svp_range"),
        ),
    ),
    _table(
        "raw_onet_education_training_experience",
        "Education, Training, and Experience",
        (
            _CODE,
            _TITLE,
            *_ELEMENT,
            *_SCALE,
            C("Category", "category", "integer"),
            C("Data Value", "data_value", "double"),
            *_STATS,
            *_DATE_SOURCE,
        ),
    ),
    _table(
        "raw_onet_ete_categories",
        "Education, Training, and Experience Categories",
        (*_ELEMENT, *_SCALE, C("Category", "category", "integer"), C("Category Description", "category_description")),
    ),
    _table(
        "raw_onet_alternate_titles",
        "Alternate Titles",
        (
            _CODE,
            _TITLE,
            C("Alternate Title", "alternate_title"),
            C("Short Title", "short_title"),
            C("Source(s)", "sources"),
        ),
    ),
    _table(
        "raw_onet_reported_titles",
        "Sample of Reported Titles",
        (
            _CODE,
            _TITLE,
            C("Reported Job Title", "reported_job_title"),
            C("Shown in My Next Move", "shown_in_my_next_move"),
        ),
    ),
    _table(
        "raw_onet_related_occupations",
        "Related Occupations",
        (
            _CODE,
            _TITLE,
            C("Related O*NET-SOC Code", "related_onet_soc_code"),
            C("Related Title", "related_title"),
            C("Relatedness Tier", "relatedness_tier"),
            C("Index", "related_index", "integer"),
        ),
    ),
    _table(
        "raw_onet_tasks_to_dwas",
        "Tasks to DWAs",
        (
            _CODE,
            _TITLE,
            C("Task ID", "task_id", "integer"),
            C("Task", "task"),
            C("DWA ID", "dwa_id"),
            C("DWA Title", "dwa_title"),
            *_DATE_SOURCE,
        ),
    ),
    _table(
        "raw_onet_dwa_reference",
        "DWA Reference",
        (
            *_ELEMENT,
            C("IWA ID", "iwa_id"),
            C("IWA Title", "iwa_title"),
            C("DWA ID", "dwa_id"),
            C("DWA Title", "dwa_title"),
        ),
    ),
    _table("raw_onet_content_model_reference", "Content Model Reference", (*_ELEMENT, C("Description", "description"))),
    _table(
        "raw_onet_scales_reference",
        "Scales Reference",
        (*_SCALE, C("Minimum", "minimum", "double"), C("Maximum", "maximum", "double")),
    ),
    _table(
        "raw_onet_level_scale_anchors",
        "Level Scale Anchors",
        (
            *_ELEMENT,
            *_SCALE,
            C("Anchor Value", "anchor_value", "double"),
            C("Anchor Description", "anchor_description"),
        ),
    ),
)

# Profile tables the shipped snapshot carries (from the 29.3 Excel edition): only the columns the profile uses,
# so the snapshot stays small (the occupation title comes from Occupation Data).
ONET_PROFILE_TABLES: tuple[RawTable, ...] = (
    _table(
        "raw_onet_task_statements",
        "Task Statements",
        (
            _CODE,
            C("Task ID", "task_id", "integer"),
            C("Task", "task"),
            C("Task Type", "task_type"),
            C("Incumbents Responding", "incumbents_responding_pct", "double"),
            *_DATE_SOURCE,
        ),
    ),
    _table(
        "raw_onet_technology_skills",
        "Technology Skills",
        (
            _CODE,
            C("Example", "example"),
            C("Commodity Code", "commodity_code"),
            C("Commodity Title", "commodity_title"),
            C("Hot Technology", "hot_technology"),
            C("In Demand", "in_demand"),
        ),
    ),
)


def _full_release_table(name: str, file: str, columns: tuple) -> RawTable:
    return RawTable(name, "onet", file, tuple(columns), "", optional=True)


# Tables only a downloaded full release holds (the project's shared copy of 29.3 lacks them, so the shipped
# snapshot does not): optional, loaded when present; the profile says when they are absent.
ONET_FULL_RELEASE_TABLES: tuple[RawTable, ...] = (
    _full_release_table(
        "raw_onet_task_ratings",
        "Task Ratings",
        (
            _CODE,
            C("Task ID", "task_id", "integer"),
            C("Scale ID", "scale_id"),
            C("Category", "category", "integer"),
            C("Data Value", "data_value", "double"),
            C("N", "n", "double"),
            C("Recommend Suppress", "recommend_suppress"),
            *_DATE_SOURCE,
        ),
    ),
    _full_release_table(
        "raw_onet_abilities",
        "Abilities",
        (
            _CODE,
            *_ELEMENT,
            C("Scale ID", "scale_id"),
            C("Data Value", "data_value", "double"),
            C("N", "n", "double"),
            C("Recommend Suppress", "recommend_suppress"),
            C("Not Relevant", "not_relevant"),
            *_DATE_SOURCE,
        ),
    ),
    _full_release_table(
        "raw_onet_work_context",
        "Work Context",
        (
            _CODE,
            *_ELEMENT,
            C("Scale ID", "scale_id"),
            C("Category", "category", "integer"),
            C("Data Value", "data_value", "double"),
            C("N", "n", "double"),
            C("Recommend Suppress", "recommend_suppress"),
            C("Not Relevant", "not_relevant"),
            *_DATE_SOURCE,
        ),
    ),
    _full_release_table(
        "raw_onet_work_context_categories",
        "Work Context Categories",
        (
            *_ELEMENT,
            C("Scale ID", "scale_id"),
            C("Category", "category", "integer"),
            C("Category Description", "category_description"),
        ),
    ),
)

ONET_WORK_ACTIVITIES_TABLES: tuple[RawTable, ...] = (
    _table("raw_onet_work_activities", "Work Activities", _RATING, source="onet_work_activities"),
)


def read_text_zip(zip_path: Path, tables: tuple[RawTable, ...]) -> dict[str, pd.DataFrame]:
    """Parse the O*NET text edition: ``<folder>/<Official Name>.txt``, tab-separated, UTF-8."""
    try:
        archive = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile as exc:
        raise SnapshotError(
            f"{zip_path.name}: not a readable zip archive ({exc}); the download may be truncated"
        ) from exc
    with archive:
        members = {Path(n).name: n for n in archive.namelist()}
        texts: dict[str, pd.DataFrame] = {}

        def text_file(official_file: str) -> pd.DataFrame:
            if official_file not in texts:
                texts[official_file] = _read_member(archive, members, zip_path, official_file)
            return texts[official_file]

        frames = {}
        for table in tables:
            if table.optional and f"{table.official_file}.txt" not in members:
                continue  # a table a snapshot may lack (see RawTable.optional); the build says it is absent
            frame = _add_left_out_columns(text_file(table.official_file), table, text_file)
            label = f"{zip_path.name}:{members[table.official_file + '.txt']}"
            frames[table.name] = conform_frame(frame, table, label, first_row=2, null_markers=TEXT_NULL_MARKERS)
    return frames


# Columns the text edition leaves out: header -> (reference file, key in the table, key and value
# in the reference file). The Excel edition carries them; the text edition's reference files hold them.
TEXT_EDITION_LOOKUPS: dict[str, tuple[str, str, str, str]] = {
    "Title": ("Occupation Data", "O*NET-SOC Code", "O*NET-SOC Code", "Title"),
    "Related Title": ("Occupation Data", "Related O*NET-SOC Code", "O*NET-SOC Code", "Title"),
    "Scale Name": ("Scales Reference", "Scale ID", "Scale ID", "Scale Name"),
    "Element Name": ("Content Model Reference", "Element ID", "Element ID", "Element Name"),
    "IWA Title": ("IWA Reference", "IWA ID", "IWA ID", "IWA Title"),
    "Task": ("Task Statements", "Task ID", "Task ID", "Task"),
    "DWA Title": ("DWA Reference", "DWA ID", "DWA ID", "DWA Title"),
    "Commodity Title": ("UNSPSC Reference", "Commodity Code", "Commodity Code", "Commodity Title"),
}
TEXT_NULL_MARKERS = ("n/a",)


def _read_member(archive: zipfile.ZipFile, members: dict[str, str], zip_path: Path, official_file: str) -> pd.DataFrame:
    member = members.get(f"{official_file}.txt")
    if member is None:
        raise SnapshotError(f"{zip_path.name}: '{official_file}.txt' is missing from the archive")
    try:
        raw = archive.read(member)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise SnapshotError(f"{zip_path.name}: '{member}' cannot be read ({exc}); the archive is corrupt") from exc
    return read_text_frame(raw)


def _add_left_out_columns(frame: pd.DataFrame, table: RawTable, text_file) -> pd.DataFrame:
    """Fill each declared column the text edition leaves out from its reference file (see above)."""
    present = {str(h).strip() for h in frame.columns}
    frame = frame.copy()
    for column in table.columns:
        lookup = TEXT_EDITION_LOOKUPS.get(column.header)
        if column.header in present or lookup is None or lookup[1] not in present:
            continue  # present already, or conform_frame reports the missing column by name
        reference_file, key, reference_key, value = lookup
        reference = text_file(reference_file).drop_duplicates(reference_key).set_index(reference_key)[value]
        frame[column.header] = frame[key].str.strip().map(reference)
    return frame


def read_text_frame(raw: bytes) -> pd.DataFrame:
    """One O*NET text-edition file (bytes) as text columns, with its headers stripped of blanks."""
    text = raw.decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)
    return frame.rename(columns=lambda header: str(header).strip())


def read_excel_dir(folder: Path, tables: tuple[RawTable, ...]) -> dict[str, pd.DataFrame]:
    """Parse the O*NET Excel edition (one workbook per table); used to make the shipped snapshot."""
    frames = {}
    for table in tables:
        path = folder / f"{table.official_file}.xlsx"
        if not path.exists():
            raise SnapshotError(f"{path}: missing O*NET workbook")
        frame = pd.read_excel(path, engine="calamine", dtype=str, keep_default_na=False)
        frames[table.name] = conform_frame(frame, table, path.name, first_row=2)
    return frames
