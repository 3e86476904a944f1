"""The documented import templates: one per kind of record (programs, participants, employer
partners, employer services, negotiated levels of performance, establishment counts). Each column says
its type, whether it is required, what it means and an example; the importer validates against exactly
these specs and the import page offers them as CSV and XLSX downloads and as a table of column
documentation.

A programs file carries the provider of each program (``provider_id``, ``provider_name``), so one
file sets up providers and programs together. Participant, employer-partner and employer-service files
refer to programs already stored. Negotiated levels and establishment counts refer to no record: they are
figures staff copy from a named source (an agreement, a statistical release), which each row must give.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from lmi.i18n import N_, _
from lmi.records import vocab
from lmi.records.messages import say

# Column types the validator knows (see lmi/records/validate.py).
ID, TEXT, ENUM, BOOL, DATE, INT, USD, CIP, OCCUPATION_CODES, AREA, NUMBER = (
    "id",
    "text",
    "enum",
    "bool",
    "date",
    "int",
    "usd",
    "cip",
    "occupation_codes",
    "area",
    "number",
)


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str
    required: bool
    description: str  # English message id (``N_``); ``meaning()`` is what people read
    example: str
    choices: tuple[str, ...] = ()  # for ENUM columns: the accepted codes
    choice_labels: tuple[str, ...] = ()  # their words (message ids), in the same order
    values: tuple[tuple[str, object], ...] = ()  # the description's placeholders

    def meaning(self) -> str:
        """What the column holds, in the current language; an allow-list column lists its codes and their words."""
        text = _(self.description).format(**dict(self.values))
        if not self.choices:
            return text
        listed = "; ".join(f"{code} = {_(label)}" for code, label in zip(self.choices, self.choice_labels))
        return _("{description} One of: {choices}.").format(description=text, choices=listed)


@dataclass(frozen=True)
class Template:
    kind: str  # a key of TEMPLATES
    title: str  # English message ids (``N_``): pages show ``_(template.title)``, ``_(template.description)``
    description: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]  # natural key of a row: two rows with the same key are the same record

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)


def _enum(name: str, required: bool, description: str, choices: dict[str, str], example: str) -> ColumnSpec:
    return ColumnSpec(name, ENUM, required, description, example, tuple(choices), tuple(choices.values()))


# The question each supportive-service column answers (template column -> message id; the same columns as
# ``vocab.SUPPORTIVE_SERVICES``, which a test checks).
SERVICE_QUESTIONS = {
    "offers_childcare": N_("Does the program offer childcare? yes or no."),
    "offers_transportation": N_("Does the program offer transportation? yes or no."),
    "offers_career_advising": N_("Does the program offer career advising? yes or no."),
    "offers_case_management": N_("Does the program offer case management? yes or no."),
}

_GENERATED = ColumnSpec(
    "is_generated_example",
    BOOL,
    False,
    N_(
        "yes only for generated example data (not real people or programs); such rows are "
        'labelled "generated example data" everywhere they appear. Blank = no.'
    ),
    "no",
)

PROGRAMS = Template(
    "programs",
    N_("Programs (with their providers)"),
    N_(
        "One row per training program. The provider columns create the provider the first time "
        "it appears; later rows must repeat the same provider name."
    ),
    (
        ColumnSpec(
            "provider_id",
            ID,
            True,
            N_("Your identifier for the training provider (letters, digits, . _ -)."),
            "PRV-001",
        ),
        ColumnSpec("provider_name", TEXT, True, N_("Provider's public name."), "Riverside Community College"),
        ColumnSpec("program_id", ID, True, N_("Your identifier for the program, unique across providers."), "PRG-0101"),
        ColumnSpec("program_name", TEXT, True, N_("Program's public name."), "Welding Technology Certificate"),
        _enum("program_type", True, N_("Type of training."), vocab.PROGRAM_TYPES, "classroom_occupational_skills"),
        ColumnSpec(
            "work_experience_hours",
            INT,
            False,
            N_(
                "Hours of the internship / work experience: required for work_experience programs "
                "(typically {typical}, at most {most}); blank for other types."
            ),
            "",
            values=(("typical", vocab.WORK_EXPERIENCE_HOURS_TYPICAL), ("most", vocab.WORK_EXPERIENCE_HOURS_MAX)),
        ),
        _enum("funding_stream", True, N_("Main funding stream."), vocab.FUNDING_STREAMS, "wioa_adult"),
        ColumnSpec("cip_code", CIP, True, N_("CIP 2020 code of the program, written NN.NNNN."), "48.0508"),
        ColumnSpec(
            "target_soc_codes",
            OCCUPATION_CODES,
            False,
            N_(
                "Codes of the occupations the program prepares for, separated by semicolons, in whichever code you "
                "have: SOC 2018 (31-1121), O*NET-SOC (31-1121.00) or a code BLS publishes numbers for, including "
                'its groups and "All Other" codes (31-1120 Home Health and Personal Care Aides, 13-1020, 29-2010, '
                "29-2099). Each code is kept as written; local demand is read at the BLS code that covers it "
                "(31-1121 → 31-1120), and a code BLS publishes no numbers for is refused. Blank = the occupations "
                "linked to the CIP code by the NCES crosswalk."
            ),
            "51-4121",
        ),
        ColumnSpec(
            "region_area_code",
            AREA,
            True,
            N_(
                "OEWS area code of the program's labour market: 7 digits, e.g. a state (0900000 = Connecticut) "
                "or a metro area (0025540 = Hartford-West Hartford-East Hartford, CT), 0000000 = the nation."
            ),
            "0025540",
        ),
        ColumnSpec("cost_per_participant_usd", USD, True, N_("Average cost per participant in US dollars."), "4800"),
        ColumnSpec("seats_count", INT, True, N_("Seats per year."), "40"),
        *(ColumnSpec(column, BOOL, True, question, "yes") for column, question in SERVICE_QUESTIONS.items()),
        _GENERATED,
    ),
    key=("program_id",),
)

PARTICIPANTS = Template(
    "participants",
    N_("Participant records"),
    N_(
        "One row per participant per program. Participant identifiers must be pseudonymous "
        "(never a Social Security number or a name). A record may be imported while the "
        "participant is still enrolled and imported again later with the blanks filled in "
        "(exit, completion, credential, employment); a recorded value is never changed by an "
        "import."
    ),
    (
        ColumnSpec("program_id", ID, True, N_("The program (already imported)."), "PRG-0101"),
        ColumnSpec(
            "participant_id",
            ID,
            True,
            N_("Pseudonymous participant identifier, unique within the program."),
            "P-000123",
        ),
        ColumnSpec("enrollment_date", DATE, True, N_("Date of enrollment (YYYY-MM-DD)."), "2024-01-08"),
        ColumnSpec(
            "exit_date",
            DATE,
            False,
            N_("Date of exit (YYYY-MM-DD); blank while enrolled. Not before enrollment."),
            "2024-06-28",
        ),
        ColumnSpec(
            "completed", BOOL, False, N_("Completed the program? Required once exited; blank while enrolled."), "yes"
        ),
        ColumnSpec(
            "credential_attained",
            BOOL,
            False,
            N_(
                "Attained a recognized postsecondary credential (or secondary diploma) during participation or "
                "after exit? Blank = not yet known."
            ),
            "yes",
        ),
        ColumnSpec(
            "credential_date",
            DATE,
            False,
            N_("Date the credential was attained; required when credential_attained is yes."),
            "2024-07-15",
        ),
        ColumnSpec(
            "employed_q2",
            BOOL,
            False,
            N_(
                "In unsubsidized employment during the 2nd quarter after the exit quarter? Only once that quarter "
                "has ended; blank = not yet known."
            ),
            "yes",
        ),
        ColumnSpec(
            "employed_q4",
            BOOL,
            False,
            N_(
                "In unsubsidized employment during the 4th quarter after the exit quarter? Only once that quarter "
                "has ended; blank = not yet known."
            ),
            "yes",
        ),
        ColumnSpec(
            "earnings_q2_usd",
            USD,
            False,
            N_("Earnings in the 2nd quarter after exit (US dollars); only when employed_q2 is yes."),
            "11250",
        ),
        ColumnSpec(
            "training_related_employment",
            BOOL,
            False,
            N_("Is the 2nd-quarter job related to the training? Only when employed_q2 is yes."),
            "yes",
        ),
        ColumnSpec(
            "same_employer_q2_q4",
            BOOL,
            False,
            N_(
                "Employed by the same employer (the same employer identifier in the wage records) in the 2nd and "
                "the 4th quarter after exit? Only when employed_q2 is yes and employed_q4 is recorded; yes needs "
                "employed_q4 yes. Blank = not yet known. (WIOA effectiveness in serving employers: retention with "
                "the same employer.)"
            ),
            "yes",
        ),
        ColumnSpec(
            "pre_enrollment_quarterly_earnings_usd",
            USD,
            False,
            N_(
                "Earnings in the full calendar quarter before the enrollment quarter (US dollars, from wage "
                "records); 0 when the person earned nothing that quarter, blank = not known. Used for the earnings "
                "gain (return on investment)."
            ),
            "6400",
        ),
        ColumnSpec(
            "measurable_skill_gain",
            BOOL,
            False,
            N_(
                "Did the participant achieve a documented measurable skill gain during participation (a training "
                "milestone, a passed occupational exam, a transcript showing satisfactory progress, an educational "
                "functioning level gain or a secondary diploma)? yes as soon as it happens; no only once the "
                "participant has exited without one; blank = not yet known."
            ),
            "yes",
        ),
        ColumnSpec(
            "measurable_skill_gain_date",
            DATE,
            False,
            N_(
                "Date of the first measurable skill gain (YYYY-MM-DD), during participation; required when "
                "measurable_skill_gain is yes."
            ),
            "2024-03-01",
        ),
        _enum("sex", False, N_("Sex as self-identified; blank = not_reported."), vocab.SEX, "female"),
        _enum(
            "race_ethnicity",
            False,
            N_("Race / ethnicity as self-identified; blank = not_reported."),
            vocab.RACE_ETHNICITY,
            "hispanic_latino",
        ),
        _enum("age_band", False, N_("Age at enrollment; blank = not recorded."), vocab.AGE_BANDS, "25-44"),
        *(
            ColumnSpec(
                column,
                BOOL,
                False,
                N_("{characteristic} at enrollment? yes or no; blank = not recorded."),
                "no",
                values=(("characteristic", say(label)),),
            )
            for column, label in vocab.BARRIERS.items()
        ),
        _GENERATED,
    ),
    key=("program_id", "participant_id"),
)

EMPLOYER_PARTNERS = Template(
    "employer_partners",
    N_("Employer partners"),
    N_("Employers committed to hire from a program (the co-op model): hires committed and hires made so far."),
    (
        ColumnSpec("program_id", ID, True, N_("The program (already imported)."), "PRG-0101"),
        ColumnSpec("employer_name", TEXT, True, N_("Employer's name."), "Acme Fabrication"),
        ColumnSpec(
            "hires_committed_count", INT, True, N_("Hires the employer committed to make from the program."), "12"
        ),
        ColumnSpec("hires_made_count", INT, True, N_("Hires made so far."), "9"),
        _GENERATED,
    ),
    key=("program_id", "employer_name"),
)

EMPLOYER_SERVICES = Template(
    "employer_services",
    N_("Employer services"),
    N_(
        "One row per service a program gave an employer establishment on a day: what the effectiveness in serving "
        "employers indicators count (repeat business customers, employer penetration). Identify establishments the "
        "same way in every file, so a returning establishment is recognised."
    ),
    (
        ColumnSpec("program_id", ID, True, N_("The program (already imported)."), "PRG-0101"),
        ColumnSpec(
            "establishment_id",
            ID,
            True,
            N_(
                "Your identifier for the employer establishment (one location of an employer, as BLS counts "
                "establishments), e.g. its unemployment-insurance account number and location, the same in every file."
            ),
            "EST-0042",
        ),
        ColumnSpec("service_date", DATE, True, N_("Date of the service (YYYY-MM-DD)."), "2024-10-15"),
        _enum(
            "service_type",
            False,
            N_("Kind of service (DOL's categories of employer services); blank = not recorded."),
            vocab.EMPLOYER_SERVICE_TYPES,
            "recruitment_assistance",
        ),
        _GENERATED,
    ),
    key=("program_id", "establishment_id", "service_date"),
)

NEGOTIATED_LEVELS = Template(
    "negotiated_levels",
    N_("Negotiated levels of performance"),
    N_(
        "The levels of performance agreed for a WIOA program year and funding stream, one row per indicator, from "
        "the state's agreement with the Department of Labor (or the local board's with the state). After the year, "
        "enter the adjusted level (after DOL's statistical adjustment model) with level_basis = adjusted: it "
        "replaces the negotiated one, as DOL scores actual performance against the adjusted level. DOL negotiates "
        "levels only for the WIOA core programs; levels entered for other funding streams are the board's own targets."
    ),
    (
        ColumnSpec(
            "program_year",
            INT,
            True,
            N_("WIOA program year, by the year it starts: 2024 = PY2024, 1 July 2024 to 30 June 2025."),
            "2024",
        ),
        _enum("funding_stream", True, N_("Funding stream the level applies to."), vocab.FUNDING_STREAMS, "wioa_adult"),
        _enum(
            "indicator",
            True,
            N_("Indicator of performance."),
            {code: label for code, (label, _unit) in vocab.SCORED_INDICATORS.items()},
            "employed_q2",
        ),
        ColumnSpec(
            "level",
            NUMBER,
            True,
            N_("The level: a percentage for rates (72.5 means 72.5%), US dollars for median earnings (7200)."),
            "72.5",
        ),
        _enum("level_basis", True, N_("Which level this is."), vocab.LEVEL_BASES, "negotiated"),
        ColumnSpec(
            "source",
            TEXT,
            True,
            N_("Where the level comes from: the agreement or letter and its date, so anyone can check it."),
            "PY2024-2025 negotiated levels, state-DOL agreement of 2024-08-30",
        ),
        _GENERATED,
    ),
    key=("program_year", "funding_stream", "indicator"),
)

ESTABLISHMENT_COUNTS = Template(
    "establishment_counts",
    N_("Establishments in a region"),
    N_(
        "The number of employer establishments in a program's region, the denominator of the employer penetration "
        "rate (DOL: establishments as the BLS Quarterly Census of Employment and Wages counts them, in the final "
        "month or quarter of the program year). The dashboard's reference data holds no establishment counts, so "
        "staff enter them here with their source."
    ),
    (
        ColumnSpec(
            "region_area_code",
            AREA,
            True,
            N_("OEWS area code of the region (the programs' region_area_code), e.g. 0025540 = Hartford."),
            "0025540",
        ),
        ColumnSpec("program_year", INT, True, N_("WIOA program year (2024 = 1 July 2024 to 30 June 2025)."), "2024"),
        ColumnSpec(
            "establishments_count",
            INT,
            True,
            N_("Establishments in the region, as your source publishes it (a whole number)."),
            "",
        ),
        ColumnSpec(
            "source",
            TEXT,
            True,
            N_("Where the count comes from (publisher, table, area, period), e.g. the BLS QCEW release you used."),
            "BLS QCEW, Hartford MSA, private and public ownerships, 2025 Q2, establishments",
        ),
        _GENERATED,
    ),
    key=("region_area_code", "program_year"),
)

TEMPLATES: dict[str, Template] = {
    t.kind: t
    for t in (PROGRAMS, PARTICIPANTS, EMPLOYER_PARTNERS, EMPLOYER_SERVICES, NEGOTIATED_LEVELS, ESTABLISHMENT_COUNTS)
}
KIND_LABELS = {  # short words for choosing what to import (message ids: ``kind_label``)
    "programs": N_("Programs (with providers)"),
    "participants": N_("Participant records"),
    "employer_partners": N_("Employer partners"),
    "employer_services": N_("Employer services"),
    "negotiated_levels": N_("Negotiated levels"),
    "establishment_counts": N_("Establishments in a region"),
}
# Kinds whose rows are reports that a newer file replaces (hire counts so far, a revised or adjusted level, a
# corrected count): a stored row with other values is updated, never refused.
REPLACED_KINDS = frozenset({"employer_partners", "negotiated_levels", "establishment_counts"})
IMPORT_ORDER_NOTE = N_(
    "Import order: programs first, then participant records, employer partners and employer services of those "
    "programs. Negotiated levels and establishment counts can be entered at any time."
)
# What each column type holds, in words (the "type" column of ``column_docs``).
TYPE_WORDS = {
    ID: N_("identifier"),
    TEXT: N_("text"),
    ENUM: N_("code from the list"),
    BOOL: N_("yes or no"),
    DATE: N_("date (YYYY-MM-DD)"),
    INT: N_("whole number"),
    USD: N_("US dollars"),
    CIP: N_("CIP 2020 code"),
    OCCUPATION_CODES: N_("occupation codes"),
    AREA: N_("OEWS area code"),
    NUMBER: N_("number"),
}
# Headers of ``column_docs`` (column id -> message id): pages and the workbook show them in the reader's language.
COLUMN_DOCS_HEADERS = {
    "column": N_("Column"),
    "required": N_("Required"),
    "type": N_("Type"),
    "meaning": N_("Meaning"),
    "example": N_("Example"),
}


def kind_label(kind: str) -> str:
    """The short words for an import kind, in the current language."""
    return _(KIND_LABELS[kind])


def template_title(kind: str) -> str:
    return _(template_for(kind).title)


def template_description(kind: str) -> str:
    return _(template_for(kind).description)


def import_order_note() -> str:
    return _(IMPORT_ORDER_NOTE)


def template_for(kind: str) -> Template:
    try:
        return TEMPLATES[kind]
    except KeyError:
        raise ValueError(f"unknown import kind {kind!r}; choose one of {', '.join(TEMPLATES)}") from None


def template_csv(kind: str) -> bytes:
    """The header row only: a file staff fill in (no example row, so nothing invented gets imported)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(template_for(kind).column_names)
    return out.getvalue().encode("utf-8")


ENTERED_FILE_NAME = "entered on the import page.csv"  # a CSV file name: it goes through the ordinary reader


def entry_csv(kind: str, rows: list[dict]) -> bytes:
    """Values typed into a form on the page as a file of the template: the ordinary importer checks, stores
    and logs them like any upload (so an entry is validated, all-or-nothing and in the import log)."""
    columns = template_for(kind).column_names
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows([{c: ("" if row.get(c) is None else row.get(c)) for c in columns} for row in rows])
    return out.getvalue().encode("utf-8")


def template_xlsx(kind: str) -> bytes:
    """A workbook with the header row on sheet ``kind`` and the column documentation on ``columns``."""
    from openpyxl import Workbook

    template = template_for(kind)
    book = Workbook()
    sheet = book.active
    sheet.title = kind
    sheet.append(template.column_names)
    docs = book.create_sheet("columns")
    frame = column_docs(kind)
    docs.append(column_docs_headers())
    for row in frame.itertuples(index=False):
        docs.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column_docs(kind: str) -> pd.DataFrame:
    """The template's columns as a table people read, in the current language: name (as the file writes it),
    required, type, meaning, example. Column ids stay as they are; ``column_docs_headers`` gives their words."""
    return pd.DataFrame(
        [
            {
                "column": c.name,
                "required": (_("Yes") if c.required else _("No")).lower(),  # "no" alone is a count word elsewhere
                "type": _(TYPE_WORDS[c.kind]),
                "meaning": c.meaning(),
                "example": c.example,
            }
            for c in template_for(kind).columns
        ],
        columns=list(COLUMN_DOCS_HEADERS),
    )


def column_docs_headers() -> list[str]:
    """The headers of ``column_docs`` in the current language, in its column order."""
    return [_(words) for words in COLUMN_DOCS_HEADERS.values()]
