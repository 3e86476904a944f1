"""Importing a state's long-term occupational projections (a CSV or XLSX file in the Projections Central
layout, ``lmi.demand.state_projections.PROJECTIONS_CENTRAL_LAYOUT``) into the records database.

What an import guarantees, like the program imports (``importer.py``):

* **Every problem at once, by row and column**: missing columns; a state FIPS code OEWS does not publish
  (or the United States row, STFIPS 0: national projections come from BLS); a code that is not SOC-shaped
  or leads to no code BLS publishes numbers for (``CodeResolver`` gives the reason); years, numbers and
  percentages that cannot be read; a projected year not after the base year; a code repeated; rows of more
  than one state or more than one period (one state's file per import). Summary rows (00-0000 all
  occupations, XX-0000 major groups) are kept as the state published them but never shown as an
  occupation's figure. Columns the layout does not use are ignored, and the result names them.
* **All or nothing, one state at a time**: a file with any problem stores nothing. A valid file replaces
  every stored row of its state in one transaction with its import-log row, so a state never holds rows
  of two files.
* **Idempotent**: a file whose rows equal the state's stored rows (the same file again, or re-saved under
  another name) changes nothing ("unchanged"). Content, not the file's checksum, decides: after file B
  replaced file A, importing A again restores A.
* **Logged** in ``import_log`` (kind ``state_projections``), stored, unchanged and refused alike.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from dataclasses import dataclass
from typing import BinaryIO, Protocol

import duckdb
import pandas as pd

from lmi.db import DATABASE_ERRORS, insert_frame, query_df, query_rows, transaction
from lmi.demand.codes import ResolvedCode, UnknownOccupationCodeError
from lmi.demand.state_projections import (
    NA_MARKERS,
    PROJECTIONS_CENTRAL_LAYOUT,
    SOC_CODE,
    SOURCE_NAME,
    SUMMARY_CODE,
    LayoutColumn,
    header_key,
    match_headers,
    period_words,
    state_fips,
)
from lmi.i18n import N_, _
from lmi.records.db import writer
from lmi.records.import_log import insert_log_entry, next_import_id, shown_messages
from lmi.records.importer import refused_summary, storing_failed
from lmi.records.messages import Message, say
from lmi.records.parse import MAX_UPLOAD_BYTES, UploadRefused, read_upload, stream_size, too_large
from lmi.records.validate import Issue, issues_frame, not_published

KIND = "state_projections"
SYSTEM_USER = "staff"
MAX_LOGGED_ISSUES = 5
LAYOUT_SOURCE = N_(
    "Layout: long-term occupational projections as Projections Central (projectionscentral.org) "
    "publishes them for all states, made by each state's labor market information agency "
    "(Projections Managing Partnership, USDOL/ETA)."
)
OLDEST_YEAR, NEWEST_YEAR = 2000, 2100
STORED_COLUMNS = (
    "state_fips",
    "soc_code",
    "area_name",
    "soc_title",
    "bls_soc_code",
    "base_year",
    "projected_year",
    "base_employment_count",
    "projected_employment_count",
    "employment_change_count",
    "employment_change_pct",
    "annual_openings_count",
)
_COMPARED = tuple(c for c in STORED_COLUMNS if c != "area_name")
_NA = {marker.lower() for marker in NA_MARKERS}


class OccupationCodes(Protocol):
    """What validation asks of occupation codes: ``lmi.demand.codes.CodeResolver`` answers it."""

    def resolve(self, code: str) -> ResolvedCode:
        """The code BLS publishes numbers for; raises ``UnknownOccupationCodeError`` with a plain reason."""


@dataclass(frozen=True)
class ProjectionReference:
    """What a file is checked against, from the reference database: states OEWS publishes, and codes."""

    states: dict[str, str]  # FIPS -> state name
    occupations: OccupationCodes


def projection_reference(ref_con: duckdb.DuckDBPyConnection, occupations: OccupationCodes) -> ProjectionReference:
    return ProjectionReference(dict(query_rows(ref_con, "SELECT state_fips, state_name FROM core_state")), occupations)


@dataclass(frozen=True)
class ProjectionImportResult:
    outcome: str  # "imported" | "unchanged" | "refused"
    file_name: str
    file_sha256: str
    state_fips: str | None
    state_name: str | None
    period: str | None
    rows_in_file: int
    rows_stored: int
    rows_replaced: int
    ignored_columns: tuple[str, ...]
    issues: tuple[Issue, ...]
    import_id: int | None
    summary: Message  # what happened, in no language (the import log keeps it so)
    seconds: float
    kind: str = KIND

    @property
    def message(self) -> str:
        """What happened, in the current language."""
        return self.summary.text()

    def issues_frame(self) -> pd.DataFrame:
        """Every problem as a table (``lmi.records.validate.issues_frame``)."""
        return issues_frame(self.issues)


@dataclass
class _Checked:
    rows: list[dict]
    issues: list[Issue]
    ignored: tuple[str, ...]


def import_state_projections(
    con: duckdb.DuckDBPyConnection,
    reference: ProjectionReference,
    file_name: str,
    stream: BinaryIO,
    imported_by: str = SYSTEM_USER,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> ProjectionImportResult:
    """Validate ``stream`` as one state's projections and store it in place of the state's rows, or refuse it.
    Runs holding the store's writer lock (``lmi.records.db.writer``), as every import does."""
    try:
        with writer(con):
            return _import_state_projections(con, reference, file_name, stream, imported_by, max_bytes)
    except DATABASE_ERRORS as exc:  # the store refused a read, a write or its lock: said plainly, never a traceback
        who = (imported_by or SYSTEM_USER).strip()[:100] or SYSTEM_USER
        attempt = _Attempt(con, file_name, who, stream_size(stream), time.perf_counter())
        try:
            return attempt.refuse(_sha256(stream), 0, [_file_issue(storing_failed(exc))])
        except DATABASE_ERRORS:  # not even the log entry can be written: the result still says why
            problem = storing_failed(exc)
            return attempt.finish("refused", None, None, 0, (0, 0, 0), None, None, None, (), (), problem, log=False)


def _import_state_projections(con, reference, file_name, stream, imported_by, max_bytes) -> ProjectionImportResult:
    started = time.perf_counter()
    who = (imported_by or SYSTEM_USER).strip()[:100] or SYSTEM_USER
    attempt = _Attempt(con, file_name, who, stream_size(stream), started)
    if attempt.size > max_bytes:
        return attempt.refuse(
            "not computed (over the size limit)", 0, [_file_issue(too_large(file_name, attempt.size, max_bytes))]
        )
    sha256 = _sha256(stream)
    try:
        table = read_upload(stream, file_name, max_bytes)
    except UploadRefused as exc:
        return attempt.refuse(sha256, 0, [_file_issue(exc.problem)])
    checked = check_rows(table.frame, reference)
    rows_in_file = len(table.frame)
    if checked.issues:
        return attempt.refuse(sha256, rows_in_file, checked.issues, checked.ignored)
    state, period = checked.rows[0]["state_fips"], _period(checked.rows[0])
    name = reference.states[state]
    stored = _stored_rows(con, state)
    if _same_rows(stored, checked.rows):
        return attempt.finish(
            "unchanged",
            sha256,
            None,
            rows_in_file,
            (0, 0, len(stored)),
            state,
            name,
            period,
            (),
            checked.ignored,
            say(
                N_("{state} {period}: every row is already stored with the same values; nothing changed"),
                state=name,
                period=period,
            ),
        )
    message = _stored_summary(name, period, len(checked.rows), stored, checked.ignored)
    try:
        import_id = _store(con, state, checked.rows, attempt, sha256, rows_in_file, len(stored), message)
    except DATABASE_ERRORS as exc:
        return attempt.refuse(
            sha256,
            rows_in_file,
            [_file_issue(storing_failed(exc))],
        )
    return attempt.finish(
        "imported",
        sha256,
        import_id,
        rows_in_file,
        (len(checked.rows), len(stored), 0),
        state,
        name,
        period,
        (),
        checked.ignored,
        message,
        log=False,
    )


def _stored_summary(state: str, period: str, rows: int, stored: pd.DataFrame, ignored: tuple[str, ...]) -> Message:
    """ "Connecticut 2022-2032: 812 row(s) stored, replacing 810 row(s) of import #3; columns not in the layout
    were ignored: stateurl"."""
    if len(stored):
        done = say(
            N_("{state} {period}: {n} row(s) stored, replacing {replaced} row(s) of import #{import_id}"),
            state=state,
            period=period,
            n=rows,
            replaced=len(stored),
            import_id=int(stored.import_id.max()),
        )
    else:
        done = say(N_("{state} {period}: {n} row(s) stored"), state=state, period=period, n=rows)
    if not ignored:
        return done
    return say(N_("{done}; columns not in the layout were ignored: {columns}"), done=done, columns=", ".join(ignored))


# ------------------------------------------------------------------------------------------ checking


def check_rows(frame: pd.DataFrame, reference: ProjectionReference) -> _Checked:
    """Typed rows of a valid file, or every problem in it (then no rows)."""
    found, ignored = match_headers(list(frame.columns))
    issues = _header_issues(list(frame.columns), found)
    if issues:
        return _Checked([], issues, tuple(ignored))
    if frame.empty:
        return _Checked([], [_file_issue(say(N_("the file has a header row but no data rows")))], tuple(ignored))
    rows: list[dict] = []
    for number, cells in zip(frame.index, frame.to_dict("records")):
        typed, row_issues = _typed_row(int(number), cells, found, reference)
        issues.extend(row_issues)
        rows.append(typed)
    issues.extend(_file_issues(rows, found))
    if not any(r.get("bls_soc_code") for r in rows) and not issues:
        issues.append(_file_issue(say(N_("no row has an occupation code BLS publishes numbers for; nothing to show"))))
    return _Checked([] if issues else rows, issues, tuple(ignored))


def _header_issues(columns: list[str], found: dict[str, str]) -> list[Issue]:
    issues = []
    keys = [header_key(c) for c in columns]
    for column in sorted({c for c, k in zip(columns, keys) if keys.count(k) > 1}):
        issues.append(
            Issue(1, column, column, say(N_("column {name} appears more than once in the header"), name=repr(column)))
        )
    missing = [c for c in PROJECTIONS_CENTRAL_LAYOUT if c.required and c.name not in found]
    if missing:
        names = tuple(
            say(
                N_("{header} ({meaning}; also read as {aliases})"),
                header=c.header,
                meaning=say(c.meaning),
                aliases=", ".join(c.aliases),
            )
            for c in missing
        )
        issues.append(
            Issue(
                1,
                None,
                "",
                say(
                    N_(
                        "required column(s) missing: {columns}. This does not look like a long-term projections file "
                        "in the {layout} layout."
                    ),
                    columns=names,
                    layout=SOURCE_NAME,
                ),
            )
        )
    return issues


def _typed_row(number: int, cells: dict, found: dict[str, str], reference: ProjectionReference):
    typed: dict = {"_row": number}
    issues: list[Issue] = []
    for column in PROJECTIONS_CENTRAL_LAYOUT:
        header = found.get(column.name)
        text = str(cells.get(header, "") or "").strip() if header else ""
        try:
            typed[column.name] = _value(text, column)
        except _CellProblem as exc:
            issues.append(Issue(number, header, text, exc.problem))
            typed[column.name] = None
    fips_issue = _state_issue(typed.get("state_fips"), reference)
    if fips_issue:
        issues.append(Issue(number, found["state_fips"], str(cells.get(found["state_fips"], "")), fips_issue))
    typed["state_fips"] = None if fips_issue or not typed.get("state_fips") else state_fips(typed["state_fips"])
    code = typed.get("soc_code")
    typed["bls_soc_code"] = None
    if code and not SUMMARY_CODE.match(code):
        try:
            typed["bls_soc_code"] = reference.occupations.resolve(code).bls_soc_code
        except UnknownOccupationCodeError:
            issues.append(Issue(number, found["soc_code"], code, not_published(code)))
    base, projected = typed.get("base_year"), typed.get("projected_year")
    if base is not None and projected is not None and projected <= base:
        issues.append(
            Issue(
                number,
                found["projected_year"],
                str(projected),
                say(N_("the projected year must come after the base year ({year})"), year=base),
            )
        )
    if typed.get("state_fips"):
        typed["area_name"] = reference.states[typed["state_fips"]]
    return typed, issues


class _CellProblem(ValueError):
    """Why a cell cannot be read (``problem``, a ``Message``)."""

    def __init__(self, problem: Message):
        super().__init__(problem.id)
        self.problem = problem


def _value(text: str, column: LayoutColumn):
    """One cell typed as its layout column says; raises ``_CellProblem`` with the reason."""
    if not text or text.lower() in _NA:
        if column.required and column.kind in ("text", "year"):
            raise _CellProblem(say(N_("required value is missing")))
        return None
    if column.kind == "text":
        if column.name == "soc_code" and not SOC_CODE.match(text):
            raise _CellProblem(
                say(
                    N_(
                        "not a SOC code (expected two digits, a dash and four digits, like 29-1141; a spreadsheet may "
                        "have turned it into a date)"
                    )
                )
            )
        return text[:200]
    if column.kind == "year":
        if not re.fullmatch(r"\d{4}", text) or not OLDEST_YEAR <= int(text) <= NEWEST_YEAR:
            raise _CellProblem(say(N_("not a year between {first} and {last}"), first=OLDEST_YEAR, last=NEWEST_YEAR))
        return int(text)
    number = _number(text.replace("%", "") if column.kind == "pct" else text)
    if column.kind == "count" and number < 0:
        raise _CellProblem(say(N_("must not be negative")))
    return number


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise _CellProblem(
            say(N_("not a number (write (NA) or leave it blank where the state published none)"))
        ) from None
    if math.isnan(value) or math.isinf(value):
        raise _CellProblem(say(N_("not a number")))
    return value


def _state_issue(fips: str | None, reference: ProjectionReference) -> Message | None:
    if fips is None:
        return None  # the required-value check already reported it
    code = state_fips(fips)
    if code is None:
        return say(N_("not a state FIPS code (one or two digits, like 9 or 09 for Connecticut)"))
    if code == "00":
        return say(
            N_(
                "this is the United States row (STFIPS 0); import one state's projections here: the national "
                "projections come from BLS"
            )
        )
    if code not in reference.states:
        return say(N_("FIPS {code} is not a state or territory OEWS publishes estimates for"), code=code)
    return None


def _file_issues(rows: list[dict], found: dict[str, str]) -> list[Issue]:
    issues = []
    states: dict[str, list[int]] = {}
    periods: dict[str, list[int]] = {}
    first_row_of: dict[tuple, int] = {}
    for row in rows:
        if row.get("state_fips"):
            states.setdefault(row["state_fips"], []).append(row["_row"])
        if _period(row) and row["projected_year"] > row["base_year"]:  # a reversed period is reported already
            periods.setdefault(_period(row), []).append(row["_row"])
        key = (row.get("state_fips"), row.get("soc_code"))
        if row.get("soc_code") and key in first_row_of:
            issues.append(
                Issue(
                    row["_row"],
                    found["soc_code"],
                    row["soc_code"],
                    say(N_("code {code} repeats row {row}"), code=row["soc_code"], row=first_row_of[key]),
                )
            )
        first_row_of.setdefault(key, row["_row"])
    if len(states) > 1:
        issues.append(
            Issue(
                None,
                found["state_fips"],
                "",
                say(
                    N_("the file holds rows of more than one state ({where}); import one state's file at a time"),
                    where=_where(states),
                ),
            )
        )
    if len(periods) > 1:
        issues.append(
            Issue(
                None,
                found["base_year"],
                "",
                say(
                    N_(
                        "the file holds more than one projection period ({where}); a state's long-term projections "
                        "cover one period"
                    ),
                    where=_where(periods),
                ),
            )
        )
    return issues


def _where(groups: dict[str, list[int]]) -> tuple[Message, ...]:
    return tuple(
        say(N_("{key}: {n} row(s), first row {row}"), key=key, n=len(rows), row=rows[0])
        for key, rows in sorted(groups.items())
    )


def _period(row: dict) -> str | None:
    return period_words(row.get("base_year"), row.get("projected_year"))


def _file_issue(problem: Message) -> Issue:
    return Issue(None, None, "", problem)


# ------------------------------------------------------------------------------------------ storing


def _stored_rows(con: duckdb.DuckDBPyConnection, state: str) -> pd.DataFrame:
    return query_df(
        con,
        f"SELECT {', '.join(STORED_COLUMNS)}, import_id FROM state_projection "
        "WHERE state_fips = $state ORDER BY soc_code",
        {"state": state},
    )


def _same_rows(stored: pd.DataFrame, rows: list[dict]) -> bool:
    """True when the file's rows are exactly the state's stored rows (order does not matter)."""
    if len(stored) != len(rows):
        return False
    incoming = {row["soc_code"]: tuple(_plain(row.get(c)) for c in _COMPARED) for row in rows}
    present = {r["soc_code"]: tuple(_plain(r.get(c)) for c in _COMPARED) for r in stored.to_dict("records")}
    return incoming == present


def _plain(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (int, float)) or hasattr(value, "item"):
        return float(value)
    return value


def _store(
    con,
    state: str,
    rows: list[dict],
    attempt: _Attempt,
    sha256: str,
    rows_in_file: int,
    replaced: int,
    message: Message,
) -> int:
    """The state's old rows out, the file's rows and the log row in: one transaction, all or nothing."""
    frame = pd.DataFrame([{c: row.get(c) for c in STORED_COLUMNS} for row in rows], columns=list(STORED_COLUMNS))
    frame = frame.astype(object).where(frame.notna(), None)
    with transaction(con) as cursor:
        import_id = next_import_id(cursor)
        _log(cursor, import_id, attempt, sha256, rows_in_file, len(rows), replaced, 0, "imported", message)
        cursor.execute("DELETE FROM state_projection WHERE state_fips = $state", {"state": state})
        insert_frame(cursor, "state_projection", frame, {"import_id": import_id})
    return import_id


class _Attempt:
    """The result of one attempt; refused and unchanged attempts are logged on their own."""

    def __init__(self, con, file_name: str, who: str, size: int, started: float) -> None:
        self.con, self.file_name, self.who, self.size, self.started = con, file_name, who, size, started

    def refuse(self, sha256: str, rows: int, issues: list[Issue], ignored: tuple[str, ...] = ()):
        message = refused_summary(issues)
        return self.finish("refused", sha256, None, rows, (0, 0, 0), None, None, None, tuple(issues), ignored, message)

    def finish(
        self,
        outcome,
        sha256,
        import_id,
        rows,
        counts: tuple[int, int, int],
        state,
        name,
        period,
        issues,
        ignored,
        message,
        log: bool = True,
    ) -> ProjectionImportResult:
        """``counts``: rows stored, rows replaced, rows already stored unchanged."""
        stored, replaced, unchanged = counts
        if log:
            with transaction(self.con) as cursor:
                _log(cursor, next_import_id(cursor), self, sha256, rows, stored, replaced, unchanged, outcome, message)
        return ProjectionImportResult(
            outcome,
            self.file_name,
            sha256,
            state,
            name,
            period,
            rows,
            stored,
            replaced,
            tuple(ignored),
            tuple(issues),
            import_id,
            message,
            time.perf_counter() - self.started,
        )


def _log(
    cursor,
    import_id: int,
    attempt: _Attempt,
    sha256: str,
    rows: int,
    added: int,
    replaced: int,
    unchanged: int,
    outcome: str,
    message: Message,
) -> None:
    """One import-log row (``rows_updated_count`` holds the rows a new file replaced)."""
    insert_log_entry(
        cursor,
        import_id,
        attempt.who,
        KIND,
        attempt.file_name,
        sha256,
        attempt.size,
        rows,
        added,
        replaced,
        unchanged,
        outcome,
        message,
        False,
    )


def _sha256(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


# ------------------------------------------------------------------------------------------ reading back


def stored_projections(con: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    """Every imported state's rows in the overlay's columns (``lmi.demand.state_projections``), with the
    words saying where they came from, in the current language; None when no state's projections were imported."""
    frame = query_df(
        con,
        """
        SELECT p.state_fips, p.area_name, p.soc_code, p.soc_title, p.base_year, p.base_employment_count,
               p.projected_year, p.projected_employment_count, p.employment_change_count, p.employment_change_pct,
               p.annual_openings_count, l.file_name, l.import_id, CAST(CAST(l.imported_utc AS DATE) AS VARCHAR) AS imported_on
        FROM state_projection p JOIN import_log l USING (import_id)
        ORDER BY p.state_fips, p.soc_code
    """,
    )
    if not len(frame):
        return None
    words = _("{state} long-term projections {first}-{last} (imported by staff: {file}, import #{import_id} on {day})")
    frame["source_label"] = [
        words.format(state=state, first=first, last=last, file=file, import_id=import_id, day=day)
        for state, first, last, file, import_id, day in zip(
            frame.area_name, frame.base_year, frame.projected_year, frame.file_name, frame.import_id, frame.imported_on
        )
    ]
    return frame.drop(columns=["file_name", "import_id", "imported_on"])


def imported_states(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per state with imported projections: period, rows, and the import that brought them."""
    return query_df(
        con,
        """
        SELECT p.state_fips, any_value(p.area_name) AS state_name,
               any_value(p.base_year || '-' || p.projected_year) AS projection_period,
               count(*) AS rows_count, count(p.bls_soc_code) AS occupation_rows_count,
               p.import_id, any_value(l.file_name) AS file_name, any_value(l.imported_by) AS imported_by,
               any_value(l.imported_utc) AS imported_utc
        FROM state_projection p JOIN import_log l USING (import_id)
        GROUP BY p.state_fips, p.import_id
        ORDER BY p.state_fips
    """,
    )


def import_history(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """Staff only: the most recent state projection import attempts, newest first, each message in the current
    language."""
    log = query_df(
        con,
        """
        SELECT import_id, imported_utc, imported_by, file_name, file_size_bytes, file_sha256, rows_in_file_count,
               rows_added_count AS rows_stored_count, rows_updated_count AS rows_replaced_count, outcome, message,
               message_json
        FROM import_log WHERE import_kind = $kind ORDER BY import_id DESC LIMIT $limit
    """,
        {"kind": KIND, "limit": int(limit)},
    )
    return shown_messages(log)


def layout_template_csv() -> bytes:
    """The layout's header row alone (no figures): a file to fill in or to compare a state's file with."""
    return (",".join(c.header for c in PROJECTIONS_CENTRAL_LAYOUT) + "\n").encode("utf-8")


LAYOUT_DOCS_HEADERS = {  # the words of ``layout_docs``'s columns (message ids; the ids stay as they are)
    "column": N_("Column"),
    "also read as": N_("Also read as"),
    "required": N_("Required"),
    "meaning": N_("Meaning"),
}


def layout_docs() -> pd.DataFrame:
    """The layout's columns for the page, in the current language: name, other spellings read, required, meaning
    (``LAYOUT_DOCS_HEADERS`` gives the headers' words)."""
    return pd.DataFrame(
        [
            {
                "column": c.header,
                "also read as": ", ".join(c.aliases),
                "required": (_("Yes") if c.required else _("No")).lower(),  # "no" alone is a count word elsewhere
                "meaning": _(c.meaning),
            }
            for c in PROJECTIONS_CENTRAL_LAYOUT
        ],
        columns=list(LAYOUT_DOCS_HEADERS),
    )


def layout_source() -> str:
    """Where the layout comes from, in the current language."""
    return _(LAYOUT_SOURCE)
