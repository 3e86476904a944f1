"""Generated example data: providers, programs, participants, employer partners, employer services and
negotiated levels that do not exist, so the dashboard has something to show offline. **Generated example
data, not real people, programs or agreements.**

Everything it makes is marked ``is_generated_example = true`` and every provider name starts with
"Example —", so pages label it "Generated example data" wherever it appears (tables, charts, CSV
downloads). The draws are seeded, so the same seed and date give the same records. Outcome rates are
drawn from made-up probabilities per program; they illustrate how the pages work and say nothing
about any real program. CIP, SOC and OEWS area codes are real codes (they must be, to be validated
and linked to the reference data), which is why the names carry the "Example —" prefix.

The scorecard and return-on-investment fields (pre-enrollment earnings, measurable skill gains, retention
with the same employer, employer services) are drawn from their own seeded streams, so adding them left
every earlier draw, and every earlier outcome, as it was. The negotiated levels are made up too (labelled,
and applied only to generated example programs); no establishment count is generated, because that would be
a figure about a real region: the employer penetration rate of the examples says what is missing instead.

The records are stored through the ordinary importer (``importer.import_file``), so they pass the
same validation, logging and all-or-nothing storing as a staff upload.

    python -m lmi.records.example             # load into LMI_RECORDS_DB (default var/records.duckdb)
    python -m lmi.records.example --if-empty  # only when the records database holds no programs yet
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lmi.db import query_rows
from lmi.records import vocab
from lmi.records.db import RecordsUnavailable, open_records, records_location, writer
from lmi.records.importer import ImportResult, import_file, reference_codes
from lmi.records.template import EMPLOYER_PARTNERS, EMPLOYER_SERVICES, NEGOTIATED_LEVELS, PARTICIPANTS, PROGRAMS
from lmi.records.validate import ReferenceCodes, program_year_of, quarter_has_ended, quarter_index

LABEL = "generated example data"
PROVIDER_PREFIX = "Example — "
IMPORTED_BY = "generated example data loader"
DEFAULT_SEED = 20240701
FIRST_ENROLLMENT = dt.date(2021, 7, 1)
LAST_ENROLLMENT = dt.date(2026, 9, 30)


@dataclass(frozen=True)
class ExampleProgram:
    provider_id: str
    provider_name: str
    program_id: str
    program_name: str
    program_type: str
    funding_stream: str
    cip_code: str
    target_soc_codes: tuple[str, ...]
    region_area_code: str
    cost_per_participant_usd: int
    seats_count: int
    services: tuple[str, ...]
    participants: int
    weeks: int  # typical length of participation
    p_complete: float
    p_employed_completer: float
    p_employed_other: float
    p_credential: float
    p_related: float
    quarterly_earnings_usd: int
    work_experience_hours: int | None = None
    partners: tuple[tuple[str, int, int], ...] = ()


HARTFORD, NEW_HAVEN, CONNECTICUT = "0025540", "0035300", "0900000"
ALL_SERVICES = tuple(vocab.SUPPORTIVE_SERVICES)

# Made-up programs (see the module docstring); codes are real so they link to reference data.
PROGRAMS_TO_MAKE: tuple[ExampleProgram, ...] = (
    ExampleProgram(
        "EX-PRV-1",
        "Riverside Community College",
        "EX-WELD",
        "Welding Technology Certificate",
        "classroom_occupational_skills",
        "wioa_adult",
        "48.0508",
        ("51-4121",),
        HARTFORD,
        5200,
        40,
        ("offers_career_advising", "offers_transportation"),
        190,
        20,
        0.72,
        0.52,
        0.22,
        0.62,
        0.70,
        11800,
    ),
    ExampleProgram(
        "EX-PRV-1",
        "Riverside Community College",
        "EX-MEDA",
        "Medical Assistant Certificate",
        "classroom_occupational_skills",
        "wioa_dislocated_worker",
        "51.0801",
        ("31-9092",),
        HARTFORD,
        4300,
        36,
        ALL_SERVICES,
        170,
        26,
        0.68,
        0.48,
        0.18,
        0.58,
        0.66,
        9400,
    ),
    ExampleProgram(
        "EX-PRV-2",
        "Metro Manufacturing Partners",
        "EX-CNC-COOP",
        "CNC Machinist Co-op",
        "employer_based_customized",
        "employer",
        "48.0501",
        ("51-4041", "51-9161"),
        HARTFORD,
        7600,
        30,
        ("offers_career_advising", "offers_case_management"),
        150,
        16,
        0.93,
        0.95,
        0.55,
        0.0,
        0.92,
        13900,
        partners=(
            ("Example — Precision Parts Co.", 40, 36),
            ("Example — Valley Aerospace Supply", 35, 31),
            ("Example — Northfield Tooling", 30, 22),
        ),
    ),
    ExampleProgram(
        "EX-PRV-3",
        "Capitol Area Building Trades",
        "EX-ELEC-APP",
        "Electrical Pre-Apprenticeship to Registered Apprenticeship",
        "registered_apprenticeship",
        "state_grant",
        "46.0302",
        ("47-2111",),
        CONNECTICUT,
        9800,
        25,
        ("offers_transportation", "offers_case_management"),
        120,
        40,
        0.81,
        0.88,
        0.35,
        0.74,
        0.85,
        14600,
        partners=(("Example — Union Electrical Contractors", 25, 21),),
    ),
    ExampleProgram(
        "EX-PRV-4",
        "CodeForward Bootcamp",
        "EX-WEBDEV",
        "Full-Stack Web Development Bootcamp",
        "bootcamp",
        "arpa_grant",
        "11.0801",
        ("15-1254", "15-1255"),
        HARTFORD,
        11500,
        60,
        ("offers_career_advising",),
        160,
        14,
        0.78,
        0.50,
        0.20,
        0.30,
        0.55,
        17200,
    ),
    ExampleProgram(
        "EX-PRV-5",
        "Youth Works Collaborative",
        "EX-YOUTH-WEX",
        "Summer Work Experience",
        "work_experience",
        "wioa_youth",
        "52.0101",
        ("43-4171", "43-9061"),
        NEW_HAVEN,
        2600,
        80,
        ALL_SERVICES,
        210,
        8,
        0.86,
        0.44,
        0.25,
        0.15,
        0.35,
        5200,
        work_experience_hours=160,
    ),
    ExampleProgram(
        "EX-PRV-6",
        "Interstate Freight Training Co-op",
        "EX-CDL-OJT",
        "CDL Class A On-the-Job Training",
        "on_the_job_training",
        "trade_adjustment_assistance",
        "49.0205",
        ("53-3032",),
        CONNECTICUT,
        6100,
        20,
        ("offers_transportation",),
        90,
        10,
        0.84,
        0.86,
        0.30,
        0.0,
        0.88,
        15300,
    ),
    ExampleProgram(
        "EX-PRV-1",
        "Riverside Community College",
        "EX-PHARM",
        "Pharmacy Technician (pilot cohort)",
        "classroom_occupational_skills",
        "wioa_adult",
        "51.0805",
        ("29-2052",),
        HARTFORD,
        3900,
        12,
        ("offers_career_advising",),
        14,
        18,
        0.70,
        0.55,
        0.20,
        0.60,
        0.70,
        9000,
    ),
    # Listed as staff often have them: a SOC code and an O*NET-SOC code, both inside the one code BLS
    # publishes numbers for (31-1120 Home Health and Personal Care Aides), so local fit counts it once.
    ExampleProgram(
        "EX-PRV-7",
        "Capital Region Care Careers",
        "EX-HHA",
        "Home Health and Personal Care Aide Certificate",
        "classroom_occupational_skills",
        "wioa_adult",
        "51.2602",
        ("31-1121", "31-1122.00"),
        HARTFORD,
        1900,
        48,
        ("offers_childcare", "offers_transportation", "offers_career_advising"),
        130,
        6,
        0.82,
        0.74,
        0.30,
        0.76,
        0.80,
        8200,
    ),
)

# Made-up shares for participant characteristics (not fitted to any real population).
_SEX = (("female", 0.50), ("male", 0.47), ("not_reported", 0.03))
_RACE = (
    ("white", 0.45),
    ("black_african_american", 0.17),
    ("hispanic_latino", 0.22),
    ("asian", 0.07),
    ("more_than_one_race", 0.04),
    ("american_indian_alaska_native", 0.01),
    ("native_hawaiian_pacific_islander", 0.01),
    ("not_reported", 0.03),
)
_AGE_ADULT = (("19-24", 0.20), ("25-44", 0.52), ("45-54", 0.17), ("55-59", 0.07), ("60+", 0.04))
_AGE_YOUTH = (("16-18", 0.55), ("19-24", 0.45))
_BARRIER_SHARES = {
    "is_veteran": 0.07,
    "has_disability": 0.10,
    "is_justice_involved": 0.08,
    "is_english_learner": 0.09,
    "is_long_term_unemployed": 0.22,
    "is_displaced_worker": 0.18,
}


def _pick(rng: random.Random, shares) -> str:
    roll, cumulative = rng.random(), 0.0
    for value, share in shares:
        cumulative += share
        if roll < cumulative:
            return value
    return shares[-1][0]


def _yes(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def program_rows() -> list[dict]:
    rows = []
    for p in PROGRAMS_TO_MAKE:
        row = {
            "provider_id": p.provider_id,
            "provider_name": PROVIDER_PREFIX + p.provider_name,
            "program_id": p.program_id,
            "program_name": p.program_name,
            "program_type": p.program_type,
            "work_experience_hours": p.work_experience_hours or "",
            "funding_stream": p.funding_stream,
            "cip_code": p.cip_code,
            "target_soc_codes": ";".join(p.target_soc_codes),
            "region_area_code": p.region_area_code,
            "cost_per_participant_usd": p.cost_per_participant_usd,
            "seats_count": p.seats_count,
            "is_generated_example": "yes",
        }
        row.update({s: _yes(s in p.services) for s in vocab.SUPPORTIVE_SERVICES})
        rows.append(row)
    return rows


def participant_rows(today: dt.date, seed: int = DEFAULT_SEED) -> list[dict]:
    """Seeded participants for every example program, as known on ``today``: people enrolled later
    are left out, and exits and outcomes appear only once their date or quarter has passed. Every
    random draw is made whatever ``today`` is, so a later run only fills in blanks (follow-up)."""
    rng, more = random.Random(seed), random.Random(seed + 1)
    rows = []
    for p in PROGRAMS_TO_MAKE:
        for number in range(1, p.participants + 1):
            draws = _Draws(rng, p)
            extra = _ScorecardDraws(more, p, draws)
            if draws.enrolled <= today:
                rows.append(_participant(p, number, draws, today) | extra.values(draws, today))
    return rows


class _Draws:
    """Every random number one participant needs, drawn in a fixed order."""

    def __init__(self, rng: random.Random, p: ExampleProgram) -> None:
        self.enrolled = FIRST_ENROLLMENT + dt.timedelta(days=rng.randrange((LAST_ENROLLMENT - FIRST_ENROLLMENT).days))
        self.length_days = max(7, int(rng.gauss(p.weeks * 7, p.weeks * 1.2)))
        self.completes = rng.random() < p.p_complete
        self.sex = _pick(rng, _SEX)
        self.race = _pick(rng, _RACE)
        self.age = _pick(rng, _AGE_YOUTH if p.funding_stream == "wioa_youth" else _AGE_ADULT)
        self.barriers = {column: rng.random() < share for column, share in _BARRIER_SHARES.items()}
        self.credential = self.completes and rng.random() < p.p_credential / max(p.p_complete, 0.01)
        self.credential_days = rng.randrange(0, 200)
        chance = p.p_employed_completer if self.completes else p.p_employed_other
        self.employed_q2 = rng.random() < chance
        self.earnings = max(500, int(rng.gauss(p.quarterly_earnings_usd, p.quarterly_earnings_usd * 0.25)))
        self.related = self.completes and rng.random() < p.p_related
        self.employed_q4 = rng.random() < (0.9 if self.employed_q2 else chance * 0.5)


class _ScorecardDraws:
    """The draws of the scorecard and return-on-investment fields, from a stream of their own (made-up
    shares: a fifth earned nothing the quarter before enrolling, long-term unemployed people nothing at all;
    completers and about a third of the others make a measurable skill gain; about four in five of those
    employed in both quarters kept the same employer)."""

    def __init__(self, rng: random.Random, p: ExampleProgram, d: _Draws) -> None:
        self.pre_known = rng.random() < 0.9
        self.pre_zero = d.barriers["is_long_term_unemployed"] or rng.random() < 0.2
        self.pre_earnings = max(0, int(rng.gauss(p.quarterly_earnings_usd * 0.7, p.quarterly_earnings_usd * 0.25)))
        self.gains = d.completes or rng.random() < 0.35
        self.gain_day = d.enrolled + dt.timedelta(days=int(d.length_days * rng.uniform(0.3, 0.95)))
        self.same_employer = rng.random() < 0.82

    def values(self, d: _Draws, today: dt.date) -> dict:
        """The fields as known on ``today`` (``d`` gives the dates and the employment answers)."""
        exit_day = d.enrolled + dt.timedelta(days=d.length_days)
        exited = exit_day <= today
        out = {
            "pre_enrollment_quarterly_earnings_usd": str(0 if self.pre_zero else self.pre_earnings)
            if self.pre_known
            else "",
            "measurable_skill_gain": "",
            "measurable_skill_gain_date": "",
            "same_employer_q2_q4": "",
        }
        if self.gains and self.gain_day <= today:
            out["measurable_skill_gain"], out["measurable_skill_gain_date"] = "yes", self.gain_day.isoformat()
        elif exited and not self.gains:
            out["measurable_skill_gain"] = "no"
        quarter = quarter_index(exit_day)
        if exited and d.employed_q2 and quarter_has_ended(quarter + 4, today):
            out["same_employer_q2_q4"] = _yes(d.employed_q4 and self.same_employer)
        return out


def _participant(p: ExampleProgram, number: int, d: _Draws, today: dt.date) -> dict:
    exit_day = d.enrolled + dt.timedelta(days=d.length_days)
    exited = exit_day <= today
    row = {
        "program_id": p.program_id,
        "participant_id": f"{p.program_id}-{number:04d}",
        "enrollment_date": d.enrolled.isoformat(),
        "exit_date": exit_day.isoformat() if exited else "",
        "completed": _yes(d.completes) if exited else "",
        "sex": d.sex,
        "race_ethnicity": d.race,
        "age_band": d.age,
        "is_generated_example": "yes",
    }
    row.update({column: _yes(value) for column, value in d.barriers.items()})
    row.update(_outcomes(p, d, exit_day if exited else None, today))
    return row


def _outcomes(p: ExampleProgram, d: _Draws, exit_day: dt.date | None, today: dt.date) -> dict:
    out = {
        c: ""
        for c in (
            "credential_attained",
            "credential_date",
            "employed_q2",
            "employed_q4",
            "earnings_q2_usd",
            "training_related_employment",
        )
    }
    if exit_day is None:
        return out
    if p.program_type not in vocab.CREDENTIAL_EXCLUDED_TYPES:
        day = exit_day + dt.timedelta(days=d.credential_days) if d.credential else None
        if day is None or day <= today:  # a credential still to come is not known yet: blank
            out["credential_attained"] = _yes(d.credential)
            out["credential_date"] = day.isoformat() if day else ""
    quarter = quarter_index(exit_day)
    if quarter_has_ended(quarter + 2, today):
        out["employed_q2"] = _yes(d.employed_q2)
        if d.employed_q2:
            out["earnings_q2_usd"] = str(d.earnings)
            out["training_related_employment"] = _yes(d.related)
    if quarter_has_ended(quarter + 4, today):
        out["employed_q4"] = _yes(d.employed_q4)
    return out


def partner_rows() -> list[dict]:
    return [
        {
            "program_id": p.program_id,
            "employer_name": name,
            "hires_committed_count": committed,
            "hires_made_count": made,
            "is_generated_example": "yes",
        }
        for p in PROGRAMS_TO_MAKE
        for name, committed, made in p.partners
    ]


# Made-up employer services: program -> how many establishments it served (each served one to four times).
_SERVED_ESTABLISHMENTS = {"EX-CNC-COOP": 140, "EX-ELEC-APP": 60, "EX-WELD": 70, "EX-MEDA": 40, "EX-HHA": 110}


def service_rows(today: dt.date, seed: int = DEFAULT_SEED) -> list[dict]:
    """Seeded services to made-up establishments ("EX-EST-…"), those dated up to ``today``; the draws do not
    depend on ``today``, so a later run only adds services."""
    rng = random.Random(seed + 2)
    types = list(vocab.EMPLOYER_SERVICE_TYPES)
    rows, span = [], (LAST_ENROLLMENT - FIRST_ENROLLMENT).days
    for program_id, served in _SERVED_ESTABLISHMENTS.items():
        for number in range(1, served + 1):
            day = FIRST_ENROLLMENT + dt.timedelta(days=rng.randrange(span))
            days = []
            for _ in range(rng.choice((1, 1, 2, 3, 4))):
                days.append(day)
                day += dt.timedelta(days=rng.randrange(60, 500))
            kind = rng.choice(types)
            for served_on in dict.fromkeys(days):
                if served_on <= today:
                    rows.append(
                        {
                            "program_id": program_id,
                            "establishment_id": f"EX-EST-{program_id[3:]}-{number:03d}",
                            "service_date": served_on.isoformat(),
                            "service_type": kind,
                            "is_generated_example": "yes",
                        }
                    )
    return rows


# Made-up levels per funding stream (rates in percent, median earnings in dollars), the same each year: they
# are not any state's negotiated levels, and they apply only to generated example programs.
_LEVELS = {
    "wioa_adult": {
        "employed_q2": 70.0,
        "employed_q4": 68.0,
        "earnings_q2_median": 7000,
        "credential": 62.0,
        "measurable_skill_gains": 55.0,
        "ese_retention": 60.0,
    },
    "wioa_dislocated_worker": {
        "employed_q2": 72.0,
        "employed_q4": 70.0,
        "earnings_q2_median": 8500,
        "credential": 65.0,
        "measurable_skill_gains": 55.0,
        "ese_retention": 60.0,
    },
    "wioa_youth": {
        "employed_q2": 65.0,
        "employed_q4": 63.0,
        "earnings_q2_median": 4000,
        "credential": 55.0,
        "measurable_skill_gains": 50.0,
        "ese_retention": 60.0,
    },
}
LEVEL_SOURCE = f"{LABEL}: made-up levels, not any state's negotiated levels"


def level_rows(today: dt.date) -> list[dict]:
    """The made-up levels for every program year of the examples up to ``today``'s."""
    last = program_year_of(today)
    return [
        {
            "program_year": year,
            "funding_stream": stream,
            "indicator": indicator,
            "level": f"{level:g}",
            "level_basis": "negotiated",
            "source": LEVEL_SOURCE,
            "is_generated_example": "yes",
        }
        for year in range(FIRST_ENROLLMENT.year, last + 1)
        for stream, levels in _LEVELS.items()
        for indicator, level in levels.items()
    ]


def to_csv(rows: list[dict], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def example_files(today: dt.date, seed: int = DEFAULT_SEED) -> dict[str, tuple[str, bytes]]:
    """kind -> (file name, CSV bytes), in import order."""
    return {
        "programs": ("generated-example-programs.csv", to_csv(program_rows(), PROGRAMS.column_names)),
        "participants": (
            "generated-example-participants.csv",
            to_csv(participant_rows(today, seed), PARTICIPANTS.column_names),
        ),
        "employer_partners": (
            "generated-example-employer-partners.csv",
            to_csv(partner_rows(), EMPLOYER_PARTNERS.column_names),
        ),
        "employer_services": (
            "generated-example-employer-services.csv",
            to_csv(service_rows(today, seed), EMPLOYER_SERVICES.column_names),
        ),
        "negotiated_levels": (
            "generated-example-negotiated-levels.csv",
            to_csv(level_rows(today), NEGOTIATED_LEVELS.column_names),
        ),
    }


def load_example_records(
    records_path: Path | str | None = None,
    reference_path: Path | str | None = None,
    today: dt.date | None = None,
    seed: int = DEFAULT_SEED,
    only_if_empty: bool = False,
) -> list[ImportResult]:
    """Generate the example records and import them into ``records_path`` (default: LMI_RECORDS_DB).

    Returns one import result per file; with ``only_if_empty`` nothing is done (empty list) when the
    records database already holds programs. Needs the reference database (codes are validated
    against it): ``reference_path`` or LMI_REFERENCE_DB / var/lmi.duckdb.
    """
    from lmi.db import open_reference, reference_db_path

    today = today or dt.date.today()
    con = open_records(records_path)
    try:
        with writer(con):  # several processes starting at once: one loads, the others find programs stored
            if only_if_empty and query_rows(con, "SELECT count(*) FROM program")[0][0]:
                return []
            ref = open_reference(Path(reference_path) if reference_path else reference_db_path())
            try:
                codes = reference_codes(ref)
            finally:
                ref.close()
            return import_examples(con, codes, today, seed=seed)
    finally:
        con.close()


def import_examples(
    con: duckdb.DuckDBPyConnection,
    codes: ReferenceCodes,
    today: dt.date,
    requested_by: str | None = None,
    seed: int = DEFAULT_SEED,
) -> list[ImportResult]:
    """Import the generated files into an open records store through the ordinary importer, in import
    order. The import log names the loader, and the staff member who asked for it when one did."""
    who = IMPORTED_BY if requested_by is None else f"{requested_by} ({IMPORTED_BY})"
    return [
        import_file(con, codes, kind, name, io.BytesIO(content), who, today)
        for kind, (name, content) in example_files(today, seed).items()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lmi.records.example", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--records", default=None, help="records file or postgresql:// URL (default LMI_RECORDS_URL, LMI_RECORDS_DB)"
    )
    parser.add_argument("--if-empty", action="store_true", help="only load when no program is stored yet")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    path = args.records or records_location()
    try:
        results = load_example_records(path, seed=args.seed, only_if_empty=args.if_empty)
    except RecordsUnavailable as unavailable:
        # A second ./dev.sh start while the first app runs: its records stay as they are and the start goes on
        # (its pages say the records are unavailable); asked to load examples outright, say why not and fail.
        print(f"{unavailable}\nGenerated example data not loaded.", file=sys.stderr)
        return 0 if args.if_empty else 1
    if not results:
        print(f"{path}: programs already recorded; generated example data not loaded", file=sys.stderr)
        return 0
    for result in results:
        print(f"{path}: {result.file_name}: {result.outcome} — {result.message} ({LABEL})", file=sys.stderr)
    return 0 if all(r.outcome != "refused" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
