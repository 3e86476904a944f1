"""Validation of an import file against its template: every bad row and column is reported, and
only a file without a single problem produces typed rows to store.

Three layers, each reporting everything it finds (not just the first problem):

1. the header: missing required columns, unknown columns, repeated columns;
2. each cell: its type (identifier, date, yes/no, number, code from an allow-list), CIP codes known
   to CIP 2020 (``core_cip``), occupation codes that lead to a code BLS publishes numbers for
   (``lmi.demand.codes.CodeResolver``: a SOC 2018 code such as 31-1121, an O*NET-SOC code such as
   31-1121.00, or the published code itself, 31-1120, 13-1020, 29-2010 or an "All Other" residual),
   OEWS area codes (``core_area``);
3. each row and the file: exit before enrollment, dates in the future, outcomes recorded before
   their quarter has ended, answers that need another answer (a credential date for a credential, a
   skill gain's date during participation, same-employer retention only for those employed in both
   quarters), "no skill gain" only once exited, levels in range (a rate's level is a percentage) and
   program years WIOA has, pseudonymous identifiers (a value shaped like a Social Security number is
   refused), and rows repeated within the file.

Checks against records already stored (unknown programs, duplicates with different values) are in
``lmi/records/importer.py``, which holds the records connection.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Protocol

import pandas as pd

from lmi.demand.codes import ONET_SOC, SOC, ResolvedCode, UnknownOccupationCodeError
from lmi.i18n import N_
from lmi.records import vocab
from lmi.records.messages import Message, say
from lmi.records.template import AREA, BOOL, CIP, DATE, ENUM, ID, INT, NUMBER, OCCUPATION_CODES, TEXT, USD, Template

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
SSN_PATTERN = re.compile(r"^\d{3}-?\d{2}-?\d{4}$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CIP_PATTERN = re.compile(r"^\d{2}\.\d{4}$")
MAX_TEXT = 200
MAX_USD = 1_000_000
MAX_COUNT = 1_000_000
OLDEST_DATE = dt.date(1990, 1, 1)
# Row rules read these columns; they run when none of them failed its own check, so a row with a bad
# code in one column still has its dates checked, without rules misreading a value that failed.
RULE_INPUTS = {
    "programs": {"program_type", "work_experience_hours"},
    "participants": {
        "enrollment_date",
        "exit_date",
        "completed",
        "credential_attained",
        "credential_date",
        "employed_q2",
        "employed_q4",
        "earnings_q2_usd",
        "training_related_employment",
        "same_employer_q2_q4",
        "measurable_skill_gain",
        "measurable_skill_gain_date",
    },
    "employer_services": {"service_date"},
    "negotiated_levels": {"program_year", "indicator", "level"},
    "establishment_counts": {"program_year", "establishments_count"},
}
MAX_LEVEL_PERCENT = 100.0


@dataclass(frozen=True)
class Issue:
    """One problem: the file row (None for the whole file), the column (None for the whole row), the value
    as the file has it, and what is wrong (a ``Message``: the import log keeps it in no language, and each
    reader reads ``message`` in theirs)."""

    row: int | None
    column: str | None
    value: str
    problem: Message

    @property
    def message(self) -> str:
        """What is wrong, in the current language."""
        return self.problem.text()

    def where(self) -> Message | None:
        """The row and column the problem is in, in words ("row 4, exit_date"); None for the whole file."""
        if self.row and self.column:
            return say(N_("row {row}, column {column}"), row=self.row, column=self.column)
        if self.row:
            return say(N_("row {row}"), row=self.row)
        if self.column:
            return say(N_("column {column}"), column=self.column)
        return None

    def said(self) -> Message:
        """The problem with where it is, as the import log and a one-line summary give it."""
        where = self.where()
        return self.problem if where is None else say(N_("{where}: {problem}"), where=where, problem=self.problem)


class CellProblem(ValueError):
    """Why a cell's text cannot be read (``problem``, a ``Message``)."""

    def __init__(self, problem: Message):
        super().__init__(problem.id)
        self.problem = problem

    def __str__(self) -> str:
        return self.problem.text()


ISSUE_COLUMNS = ["row", "column", "value", "problem"]
ISSUE_HEADERS = {  # the words of ``issues_frame``'s columns (message ids; the ids stay as they are)
    "row": N_("Row"),
    "column": N_("Column"),
    "value": N_("Value"),
    "problem": N_("Problem"),
}


def issues_frame(issues) -> pd.DataFrame:
    """Every problem as a table: row (file row; blank = whole file), column, value, problem (in the current
    language). One layout for every import's problems list, on the page and in the staff's CSV; the headers'
    words are ``ISSUE_HEADERS``."""
    return pd.DataFrame(
        [{"row": i.row, "column": i.column or "", "value": i.value, "problem": i.message} for i in issues],
        columns=ISSUE_COLUMNS,
    ).astype({"row": "Int64"})


class OccupationCodes(Protocol):
    """What validation asks of the occupation codes: ``lmi.demand.codes.CodeResolver`` answers it."""

    def resolve(self, code: str) -> ResolvedCode:
        """The code BLS publishes numbers for; raises ``UnknownOccupationCodeError`` with a plain reason."""


@dataclass(frozen=True)
class ReferenceCodes:
    """The codes a file may use, read once from the reference database."""

    cip_codes: frozenset[str]
    occupations: OccupationCodes
    area_codes: frozenset[str]


@dataclass
class Validated:
    rows: list[dict] = field(default_factory=list)  # typed values, with "_row" = file row number
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues


def validate(frame: pd.DataFrame, template: Template, codes: ReferenceCodes, today: dt.date) -> Validated:
    """Typed rows if the whole file is valid; otherwise every issue found (rows stay empty)."""
    result = Validated()
    result.issues.extend(_header_issues(frame, template))
    if result.issues:
        return result
    if frame.empty:
        result.issues.append(Issue(None, None, "", say(N_("the file has a header row but no data rows"))))
        return result
    for number, cells in zip(frame.index, frame.to_dict("records")):
        typed, issues = _typed_row(int(number), cells, template, codes)
        if not {issue.column for issue in issues} & RULE_INPUTS.get(template.kind, set()):
            issues.extend(_row_rules(int(number), typed, template.kind, today))
        result.issues.extend(issues)
        typed["_row"] = int(number)
        result.rows.append(typed)
    result.issues.extend(_file_rules(result.rows, template))
    if result.issues:
        result.rows = []
    return result


# ---------------------------------------------------------------------------------------------------- header


def _header_issues(frame: pd.DataFrame, template: Template) -> list[Issue]:
    issues = []
    columns = list(frame.columns)
    for name in sorted({c for c in columns if columns.count(c) > 1}):
        issues.append(
            Issue(
                1,
                name,
                name,
                say(N_("column {name} appears {n} times in the header"), name=repr(name), n=columns.count(name)),
            )
        )
    expected = set(template.column_names)
    missing = [c.name for c in template.columns if c.required and c.name not in columns]
    if missing:
        issues.append(
            Issue(
                1,
                None,
                "",
                say(
                    N_(
                        "required column(s) missing: {columns} — this does not look like a file of the "
                        "“{template}” template; download the template"
                    ),
                    columns=", ".join(missing),
                    template=say(template.title),
                ),
            )
        )
    for name in columns:
        if name not in expected:
            issues.append(
                Issue(
                    1,
                    name or "(blank)",
                    name,
                    say(
                        N_("unknown column {name}; the {kind} template's columns are: {columns}"),
                        name=repr(name),
                        kind=template.kind,
                        columns=", ".join(template.column_names),
                    ),
                )
            )
    return issues


# ---------------------------------------------------------------------------------------------------- cells


def _typed_row(number: int, cells: dict, template: Template, codes: ReferenceCodes) -> tuple[dict, list[Issue]]:
    typed, issues = {}, []
    for spec in template.columns:
        text = str(cells.get(spec.name, "") or "").strip()
        if not text:
            if spec.required:
                issues.append(Issue(number, spec.name, "", say(N_("required value is missing"))))
            typed[spec.name] = None
            continue
        try:
            typed[spec.name] = _convert(text, spec, codes)
        except CellProblem as exc:
            issues.append(Issue(number, spec.name, text, exc.problem))
            typed[spec.name] = None
    return typed, issues


def _convert(text: str, spec, codes: ReferenceCodes):
    kind = spec.kind
    if kind == ID:
        if SSN_PATTERN.match(text):
            raise CellProblem(say(N_("looks like a Social Security number; use a pseudonymous identifier")))
        if not ID_PATTERN.match(text):
            raise CellProblem(
                say(N_("identifiers are 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"))
            )
        return text
    if kind == TEXT:
        if len(text) > MAX_TEXT:
            raise CellProblem(say(N_("longer than {n} characters"), n=MAX_TEXT))
        return text
    if kind == ENUM:
        return _choice(text, spec.choices)
    if kind == BOOL:
        return _yes_no(text)
    if kind == DATE:
        return _date(text)
    if kind == INT:
        return _whole(text)
    if kind == USD:
        return _dollars(text)
    if kind == NUMBER:
        return _number(text)
    if kind == CIP:
        if not CIP_PATTERN.match(text):
            raise CellProblem(say(N_("CIP codes are written NN.NNNN, e.g. 48.0508")))
        if text not in codes.cip_codes:
            raise CellProblem(say(N_("unknown CIP code {code} (not a CIP 2020 program code)"), code=text))
        return text
    if kind == OCCUPATION_CODES:
        return occupation_codes(text, codes.occupations)
    if kind == AREA:
        area = text.zfill(7) if text.isdigit() and len(text) <= 7 else text
        if area not in codes.area_codes:
            raise CellProblem(
                say(N_("unknown OEWS area code {code} (7 digits, e.g. 0900000 for a state)"), code=repr(text))
            )
        return area
    raise AssertionError(f"no converter for column type {kind!r}")


def _choice(text: str, choices: tuple[str, ...]) -> str:
    lowered = text.lower()
    if lowered in choices:
        return lowered
    labels = {_label(code).lower(): code for code in choices}
    if lowered in labels:
        return labels[lowered]
    raise CellProblem(say(N_("{value} is not one of: {choices}"), value=repr(text), choices=", ".join(choices)))


def _label(code: str) -> str:
    indicators = {code: label for code, (label, _) in vocab.SCORED_INDICATORS.items()}
    for table in (
        vocab.PROGRAM_TYPES,
        vocab.FUNDING_STREAMS,
        vocab.SEX,
        vocab.RACE_ETHNICITY,
        vocab.AGE_BANDS,
        vocab.EMPLOYER_SERVICE_TYPES,
        vocab.LEVEL_BASES,
        indicators,
    ):
        if code in table:
            return table[code]
    return code


def _yes_no(text: str) -> bool:
    lowered = text.lower()
    if lowered in vocab.TRUE_WORDS:
        return True
    if lowered in vocab.FALSE_WORDS:
        return False
    raise CellProblem(say(N_("{value} is not yes or no"), value=repr(text)))


def _date(text: str) -> dt.date:
    if not DATE_PATTERN.match(text):
        raise CellProblem(say(N_("{value} is not a date written YYYY-MM-DD"), value=repr(text)))
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise CellProblem(say(N_("{value} is not a real calendar date"), value=repr(text))) from None
    if value < OLDEST_DATE:
        raise CellProblem(say(N_("{value} is before {year}; check the year"), value=text, year=OLDEST_DATE.year))
    return value


def _whole(text: str) -> int:
    cleaned = text.replace(",", "")
    if not cleaned.isdigit():
        raise CellProblem(say(N_("{value} is not a whole number >= 0"), value=repr(text)))
    value = int(cleaned)
    if value > MAX_COUNT:
        raise CellProblem(say(N_("{value:,} is implausibly large"), value=value))
    return value


def _dollars(text: str) -> float:
    cleaned = text.replace("$", "").replace(",", "").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise CellProblem(say(N_("{value} is not an amount in dollars"), value=repr(text))) from None
    if not (0 <= value <= MAX_USD) or value != value:
        raise CellProblem(say(N_("{value} must be between 0 and {most:,}"), value=repr(text), most=MAX_USD))
    return value


def _number(text: str) -> float:
    """A level: a non-negative decimal; a percent sign or dollar sign and thousands commas are allowed."""
    cleaned = text.replace("$", "").replace(",", "").replace("%", "").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise CellProblem(say(N_("{value} is not a number"), value=repr(text))) from None
    if not (0 <= value <= MAX_USD) or value != value:
        raise CellProblem(say(N_("{value} must be between 0 and {most:,}"), value=repr(text), most=MAX_USD))
    return value


def occupation_codes(text: str, occupations: OccupationCodes) -> tuple[str, ...]:
    """The codes of a ``target_soc_codes`` cell, as staff wrote them (sorted, each once), when every one
    leads to a code BLS publishes numbers for; otherwise a ``CellProblem`` (a ValueError) naming each bad code
    and why.

    The codes are kept as given (31-1121 stays 31-1121): the published code the figures are read at is
    resolved again whenever they are read (``lmi.programs.local_fit``), so nothing staff entered is lost."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    bad_format = [p for p in parts if not (SOC.match(p) or ONET_SOC.match(p))]
    if bad_format:
        raise CellProblem(
            say(
                N_(
                    "occupation codes are written NN-NNNN (SOC or BLS, e.g. 31-1120) or NN-NNNN.NN "
                    "(O*NET-SOC, e.g. 31-1121.00) and separated by ';' ({codes})"
                ),
                codes=", ".join(bad_format),
            )
        )
    unknown = []
    for code in dict.fromkeys(parts):
        try:
            occupations.resolve(code)
        except UnknownOccupationCodeError:
            unknown.append(not_published(code))
    if unknown:
        raise CellProblem(say(N_("unknown occupation code(s): {reasons}"), reasons=tuple(unknown)))
    return tuple(sorted(set(parts)))


def not_published(code: str) -> Message:
    """Why a SOC-shaped code was refused (``lmi.demand.codes.CodeResolver``'s reason, kept in no language so
    the import log can give it in the reader's)."""
    return say(N_("{code} is not a code BLS publishes numbers for, and no published code covers it"), code=code)


# ---------------------------------------------------------------------------------------------------- rows


def quarter_index(day: dt.date) -> int:
    """Calendar quarters as consecutive integers (2024 Q1 = 8096), so "2 quarters after" is + 2."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_has_ended(index: int, today: dt.date) -> bool:
    return quarter_index(today) > index


def program_year_of(day: dt.date) -> int:
    """The WIOA program year a date falls in: PY N runs from 1 July N to 30 June N+1."""
    return day.year if day.month >= 7 else day.year - 1


def _row_rules(number: int, row: dict, kind: str, today: dt.date) -> list[Issue]:
    if kind == "programs":
        return _program_rules(number, row)
    if kind == "participants":
        return _participant_rules(number, row, today) + _scorecard_participant_rules(number, row, today)
    if kind == "employer_services":
        if row["service_date"] > today:
            return [Issue(number, "service_date", str(row["service_date"]), _in_the_future(today))]
        return []
    if kind in ("negotiated_levels", "establishment_counts"):
        return _program_year_rules(number, row, today) + _level_rules(number, row)
    return []


def _program_year_rules(number: int, row: dict, today: dt.date) -> list[Issue]:
    year, latest = row["program_year"], program_year_of(today) + 2
    if not vocab.FIRST_WIOA_PROGRAM_YEAR <= year <= latest:
        return [
            Issue(
                number,
                "program_year",
                str(year),
                say(
                    N_(
                        "must be a WIOA program year from {first} to {last} (2024 = PY2024, 1 July 2024 to 30 June 2025)"
                    ),
                    first=vocab.FIRST_WIOA_PROGRAM_YEAR,
                    last=latest,
                ),
            )
        ]
    return []


def _level_rules(number: int, row: dict) -> list[Issue]:
    """A rate's level is a percentage (0-100); an establishments count is at least 1."""
    if "establishments_count" in row:
        if row["establishments_count"] < 1:
            return [Issue(number, "establishments_count", "0", say(N_("must be at least 1 establishment")))]
        return []
    unit = vocab.SCORED_INDICATORS[row["indicator"]][1]
    if unit == vocab.RATE_UNIT and row["level"] > MAX_LEVEL_PERCENT:
        return [
            Issue(
                number,
                "level",
                f"{row['level']:g}",
                say(
                    N_("a rate's level is a percentage from 0 to 100 (72.5 means 72.5%); “{indicator}” is a rate"),
                    indicator=say(vocab.SCORED_INDICATORS[row["indicator"]][0]),
                ),
            )
        ]
    if row["level"] <= 0:
        return [
            Issue(number, "level", f"{row['level']:g}", say(N_("must be more than 0 (a score divides by the level)")))
        ]
    return []


def _program_rules(number: int, row: dict) -> list[Issue]:
    hours = row.get("work_experience_hours")
    if row["program_type"] == vocab.WORK_EXPERIENCE_TYPE:
        if hours is None:
            return [
                Issue(
                    number,
                    "work_experience_hours",
                    "",
                    say(
                        N_("required for an internship / work experience program (typically {hours})"),
                        hours=vocab.WORK_EXPERIENCE_HOURS_TYPICAL,
                    ),
                )
            ]
        if not 1 <= hours <= vocab.WORK_EXPERIENCE_HOURS_MAX:
            return [
                Issue(
                    number,
                    "work_experience_hours",
                    str(hours),
                    say(N_("must be between 1 and {most} hours"), most=vocab.WORK_EXPERIENCE_HOURS_MAX),
                )
            ]
    elif hours is not None:
        return [
            Issue(
                number,
                "work_experience_hours",
                str(hours),
                say(N_("only for internship / work experience programs")),
            )
        ]
    return []


def _in_the_future(today: dt.date) -> Message:
    return say(N_("is in the future (today is {today})"), today=today.isoformat())


def _issue_adder(number: int, row: dict, issues: list[Issue]):
    """``issue(column, problem)``: adds the problem with the row's value in that column as the file writes it."""

    def issue(column: str, problem: Message) -> None:
        value = row.get(column)
        text = "" if value is None else ("yes" if value is True else "no" if value is False else str(value))
        issues.append(Issue(number, column, text, problem))

    return issue


def _participant_rules(number: int, row: dict, today: dt.date) -> list[Issue]:
    issues: list[Issue] = []
    issue = _issue_adder(number, row, issues)
    enrolled, exited = row["enrollment_date"], row.get("exit_date")
    for column in ("enrollment_date", "exit_date", "credential_date"):
        if row.get(column) is not None and row[column] > today:
            issue(column, _in_the_future(today))
    if exited is not None and exited < enrolled:
        issue(
            "exit_date",
            say(N_("exit {exit} is before enrollment {enrollment}"), exit=str(exited), enrollment=str(enrolled)),
        )
    if exited is None:
        for column in (
            "completed",
            "employed_q2",
            "employed_q4",
            "earnings_q2_usd",
            "training_related_employment",
            "same_employer_q2_q4",
        ):
            if row.get(column) is not None:
                issue(column, say(N_("recorded without an exit date; leave it blank until the participant exits")))
    elif row.get("completed") is None:
        issue("completed", say(N_("required once the participant has exited (yes or no)")))
    if row.get("credential_attained") is True and row.get("credential_date") is None:
        issue("credential_date", _needs_yes("credential_attained", required=True))
    if row.get("credential_attained") is not True and row.get("credential_date") is not None:
        issue("credential_date", _needs_yes("credential_attained"))
    if row.get("credential_date") is not None and row["credential_date"] < enrolled:
        issue("credential_date", say(N_("is before enrollment")))
    if exited is not None:
        exit_quarter = quarter_index(exited)
        for column, offset in (("employed_q2", 2), ("employed_q4", 4)):
            if row.get(column) is not None and not quarter_has_ended(exit_quarter + offset, today):
                issue(column, _quarter_not_ended(offset, exit_quarter + offset))
    if row.get("employed_q2") is not True:
        for column in ("earnings_q2_usd", "training_related_employment"):
            if row.get(column) is not None:
                issue(column, _needs_yes("employed_q2"))
    return issues


def _needs_yes(column: str, required: bool = False) -> Message:
    """ "only when employed_q2 is yes" / "required when credential_attained is yes"."""
    if required:
        return say(N_("required when {column} is yes"), column=column)
    return say(N_("only when {column} is yes"), column=column)


def _quarter_not_ended(offset: int, quarter: int) -> Message:
    label = f"{quarter // 4} Q{quarter % 4 + 1}"
    if offset == 2:
        return say(N_("the 2nd quarter after exit ({quarter}) has not ended yet"), quarter=label)
    return say(N_("the 4th quarter after exit ({quarter}) has not ended yet"), quarter=label)


def _scorecard_participant_rules(number: int, row: dict, today: dt.date) -> list[Issue]:
    """Retention with the same employer needs employment in both quarters; a measurable skill gain has its
    date, during participation; "no gain" is known only once the participant has exited."""
    issues: list[Issue] = []
    issue = _issue_adder(number, row, issues)
    same = row.get("same_employer_q2_q4")
    if same is not None:
        if row.get("employed_q2") is not True:
            issue("same_employer_q2_q4", _needs_yes("employed_q2"))
        elif row.get("employed_q4") is None:
            issue("same_employer_q2_q4", say(N_("only once employed_q4 is recorded")))
        elif same and row.get("employed_q4") is not True:
            issue(
                "same_employer_q2_q4",
                say(N_("yes needs employed_q4 yes (employed in the 4th quarter after exit)")),
            )
    gained, day = row.get("measurable_skill_gain"), row.get("measurable_skill_gain_date")
    enrolled, exited = row["enrollment_date"], row.get("exit_date")
    if gained is True and day is None:
        issue("measurable_skill_gain_date", _needs_yes("measurable_skill_gain", required=True))
    if gained is not True and day is not None:
        issue("measurable_skill_gain_date", _needs_yes("measurable_skill_gain"))
    if gained is False and exited is None:
        issue(
            "measurable_skill_gain",
            say(N_("no is known only once the participant has exited; leave it blank while a gain may still come")),
        )
    if gained is True and day is not None:
        if day > today:
            issue("measurable_skill_gain_date", _in_the_future(today))
        elif day < enrolled:
            issue("measurable_skill_gain_date", say(N_("is before enrollment (a gain is made during participation)")))
        elif exited is not None and day > exited:
            issue("measurable_skill_gain_date", say(N_("is after exit (a gain is made during participation)")))
    return issues


def _file_rules(rows: list[dict], template: Template) -> list[Issue]:
    """Rows repeated within the file (same natural key), and one provider name per provider."""
    issues, seen = [], {}
    for row in rows:
        key = tuple(row.get(k) for k in template.key)
        if None in key:
            continue
        if key in seen:
            same = (
                template.key[0]
                if len(template.key) == 1
                else say(N_("{columns} and {last}"), columns=", ".join(template.key[:-1]), last=template.key[-1])
            )
            duplicate = (
                N_("duplicate participant: same {columns} as row {row}")
                if template.kind == "participants"
                else N_("duplicate row: same {columns} as row {row}")
            )
            issues.append(
                Issue(row["_row"], template.key[-1], str(key[-1]), say(duplicate, columns=same, row=seen[key]))
            )
        else:
            seen[key] = row["_row"]
    if template.kind == "programs":
        names: dict[str, tuple[str, int]] = {}
        for row in rows:
            provider, name = row.get("provider_id"), row.get("provider_name")
            if provider is None or name is None:
                continue
            if provider in names and names[provider][0] != name:
                issues.append(
                    Issue(
                        row["_row"],
                        "provider_name",
                        name,
                        say(
                            N_("provider {provider} is named {name} in row {row}"),
                            provider=provider,
                            name=repr(names[provider][0]),
                            row=names[provider][1],
                        ),
                    )
                )
            names.setdefault(provider, (name, row["_row"]))
    return issues
