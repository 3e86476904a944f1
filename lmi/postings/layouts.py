"""Which column of a postings file holds what: the fields an import reads, the layouts it knows, and a
mapping given by hand for any other export.

The fields (``FIELDS``): ``title``, ``employer``, ``posted_date``, ``expiry_date``, the location
(``county_fips``, ``cbsa_code``, ``city`` as "City, ST" or a city with ``state``, ``state``), the
occupation code when the file has one (``occupation_code``: SOC or O*NET-SOC) and ``source``. A file needs
a title or an occupation code column, a posted date and at least one location column; the rest is optional.

Layouts:

- ``standard``: the field names themselves, the layout of the project's template and of the generated
  example files;
- ``linkup``: LinkUp's raw job records (``title``, ``company_name``, ``city``, ``state``, ``created``,
  ``delete_date``, ``onet_occupation_code``, as its published data dictionary names them);
- ``auto`` (the default): each field from the first column whose name, case and punctuation aside, is one
  of the usual names for it (``SYNONYMS``: "Job Title", "TITLE_RAW", "company_name", "date_posted",
  "MSA", "onet_code" ...). The import reports the mapping it used.

Any layout can be corrected field by field (``field=COLUMN``), e.g. ``posted_date=POSTED``: vendor exports
(state job banks, the NLx Research Hub, Lightcast, JobsEQ) name their columns in more ways than a list
can keep up with, so the mapping is always shown and can always be given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lmi.i18n import N_
from lmi.records.messages import Message, say

FIELDS = (
    "title",
    "employer",
    "posted_date",
    "expiry_date",
    "county_fips",
    "cbsa_code",
    "city",
    "state",
    "occupation_code",
    "source",
)
LOCATION_FIELDS = ("county_fips", "cbsa_code", "city", "state")

SYNONYMS = {
    "title": ("title", "job title", "jobtitle", "title raw", "position title", "posting title", "job name"),
    "employer": ("employer", "employer name", "company", "company name", "company raw", "organization", "hiring org"),
    "posted_date": (
        "posted date",
        "posted",
        "date posted",
        "post date",
        "posting date",
        "created",
        "created date",
        "date created",
        "first seen",
        "date acquired",
        "open date",
    ),
    "expiry_date": (
        "expiry date",
        "expired",
        "expiration date",
        "expires",
        "date expired",
        "delete date",
        "last seen",
        "closing date",
        "close date",
        "end date",
    ),
    "county_fips": ("county fips", "county fips code", "fips", "county code", "countyfips", "county"),
    "cbsa_code": ("cbsa code", "cbsa", "msa", "msa code", "metro code", "cbsa fips"),
    "city": ("city", "city name", "location", "job location", "city state"),
    "state": ("state", "state code", "state abbr", "state postal", "st", "state name"),
    "occupation_code": (
        "occupation code",
        "soc code",
        "soc",
        "onet code",
        "onet",
        "onet soc code",
        "onet occupation code",
        "o net soc code",
        "soc 2018",
    ),
    "source": ("source", "source name", "job source", "sources", "posting source"),
}

LAYOUTS = {
    "standard": {field: field for field in FIELDS},
    "linkup": {
        "title": "title",
        "employer": "company_name",
        "posted_date": "created",
        "expiry_date": "delete_date",
        "city": "city",
        "state": "state",
        "occupation_code": "onet_occupation_code",
    },
}
AUTO = "auto"
LAYOUT_NAMES = (AUTO, *LAYOUTS)


class LayoutError(ValueError):
    """The file's columns do not fit the layout; ``problem`` (a ``Message``) says which are missing."""

    def __init__(self, problem: Message):
        super().__init__(problem.id)
        self.problem = problem

    def __str__(self) -> str:
        return self.problem.text()


@dataclass(frozen=True)
class ColumnMapping:
    """Field -> the file's column that holds it (fields the file lacks are absent)."""

    columns: Mapping[str, str]
    layout: str

    def describe(self) -> str:
        """``field=column`` pairs, the way the command line takes them back."""
        return ", ".join(f"{field}={self.columns[field]}" for field in FIELDS if field in self.columns)


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """``["posted_date=POSTED", ...]`` -> ``{"posted_date": "POSTED"}``; an unknown field is an error."""
    overrides = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip()
        if not sep or field not in FIELDS or not column.strip():
            raise LayoutError(
                say(
                    N_("{pair}: write a mapping as field=COLUMN, with one of these fields: {fields}"),
                    pair=pair,
                    fields=", ".join(FIELDS),
                )
            )
        overrides[field] = column.strip()
    return overrides


def resolve_mapping(
    file_columns: Iterable[str], layout: str = AUTO, overrides: Mapping[str, str] | None = None
) -> ColumnMapping:
    """The mapping for a file with ``file_columns``: the layout's, corrected by ``overrides``; refused
    (``LayoutError``) when a column it names is not in the file or a required field has no column."""
    present = list(file_columns)
    if layout != AUTO and layout not in LAYOUTS:
        raise LayoutError(
            say(N_("unknown layout {layout}; use one of: {layouts}"), layout=layout, layouts=", ".join(LAYOUT_NAMES))
        )
    columns = _auto_columns(present) if layout == AUTO else dict(LAYOUTS[layout])
    columns.update(overrides or {})
    if layout != AUTO:
        columns = {
            field: column for field, column in columns.items() if column in present or field in (overrides or {})
        }
    missing_columns = sorted(column for column in columns.values() if column not in present)
    if missing_columns:
        raise LayoutError(
            say(
                N_("the file has no column {columns}; its columns are: {found}"),
                columns=", ".join(missing_columns),
                found=", ".join(present),
            )
        )
    _require(columns, present, layout)
    return ColumnMapping(columns, layout)


def _auto_columns(present: list[str]) -> dict[str, str]:
    by_key = {}
    for column in present:
        by_key.setdefault(_key(column), column)
    columns = {}
    taken = set()
    for field in FIELDS:
        for name in SYNONYMS[field]:
            column = by_key.get(name)
            if column is not None and column not in taken:
                columns[field] = column
                taken.add(column)
                break
    return columns


def _require(columns: Mapping[str, str], present: list[str], layout: str) -> None:
    needs = []
    if "title" not in columns and "occupation_code" not in columns:
        needs.append(N_("a job title (or an occupation code)"))
    if "posted_date" not in columns:
        needs.append(N_("the date each job was posted"))
    if not any(field in columns for field in LOCATION_FIELDS):
        needs.append(N_("a location (county FIPS, CBSA code, city or state)"))
    if needs:
        raise LayoutError(
            say(
                N_(
                    "the file's columns do not give {needs} (layout {layout}); its columns are: {found}. "
                    "Name the columns with field=COLUMN."
                ),
                needs=tuple(say(need) for need in needs),
                layout=layout,
                found=", ".join(present),
            )
        )
