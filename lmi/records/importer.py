"""Importing a CSV or XLSX file of programs, participant records or employer partners.

What an import guarantees:

* **All or nothing.** The file is read and validated in full (``parse.py``, ``validate.py``), checked
  against the records already stored, and only a file without a single problem is stored, in one
  transaction; a failure while storing rolls everything back. A refused import stores no record.
* **Every problem at once.** The result lists every bad row and column, not just the first.
* **Idempotent.** A file whose SHA-256 was already imported is not read again ("unchanged"). A row
  whose natural key (``program_id``; ``program_id`` + ``participant_id``; ``program_id`` +
  ``employer_name``) is stored with the same values is left alone, so re-importing the same rows
  (even re-saved under another name) changes nothing.
* **Recorded values are never changed** for programs and participants: a stored row that the file
  repeats with a different value is refused as a duplicate. The one exception is follow-up: a
  participant record imported while enrolled can be imported again with its blanks filled in (exit,
  completion, credential, employment, measurable skill gain, same-employer retention, pre-enrollment
  earnings); a column the file does not have is left as stored. Employer-partner rows are reports of
  hires so far, and negotiated levels and establishment counts are figures a later agreement or release
  revises (a negotiated level becomes the adjusted one after the year), so a new file's values replace
  the stored ones and the import log says what changed. Employer services, like participants, are never
  changed once stored.
* **Occupation codes kept as given.** A program's target occupations may be SOC, O*NET-SOC or published
  BLS codes (31-1121, 31-1121.00, 31-1120); each is stored as written once it leads to a code BLS
  publishes numbers for, and the message names the BLS code each is read at (31-1121 → 31-1120).
* **Logged.** Every attempt, stored or refused, adds a row to ``import_log``: who, when (UTC), the
  file's name, size and SHA-256, rows, outcome and a message. The log row of a stored import is
  written in the same transaction as its records; a refused attempt is logged on its own afterwards
  (the log is the audit trail; no record from the file is kept).
* **Published tables refreshed.** After an import stores anything, every program's published outcome
  tables are computed once and stored (``lmi.programs.published``); pages read those.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from typing import BinaryIO

import duckdb
import pandas as pd

from lmi.db import DATABASE_ERRORS, insert_frame, query_df, query_rows, transaction
from lmi.demand.codes import CodeResolver
from lmi.i18n import N_
from lmi.records.db import writer
from lmi.records.import_log import insert_log_entry, next_import_id
from lmi.records.messages import WITHHELD, Message, joined, say, without_values
from lmi.records.parse import MAX_UPLOAD_BYTES, UploadRefused, read_upload, stream_size, too_large
from lmi.records.template import PARTICIPANTS, PROGRAMS, Template, template_for
from lmi.records.validate import Issue, ReferenceCodes, issues_frame, validate

SYSTEM_USER = "staff"
MAX_LOGGED_ISSUES = 5
_PROGRAM_COLUMNS = [c for c in PROGRAMS.column_names if c not in ("provider_name", "target_soc_codes")]
_PARTICIPANT_COLUMNS = PARTICIPANTS.column_names
_FOLLOW_UP_COLUMNS = (
    "exit_date",
    "completed",
    "credential_attained",
    "credential_date",
    "employed_q2",
    "employed_q4",
    "earnings_q2_usd",
    "training_related_employment",
    "same_employer_q2_q4",
    "pre_enrollment_quarterly_earnings_usd",
    "measurable_skill_gain",
    "measurable_skill_gain_date",
)
# Figures a later file revises: a re-imported file is compared row by row instead of being skipped by its
# SHA-256, so entering an earlier level again (after a correction) is applied, not taken as "already done".
_COMPARED_NOT_HASHED = frozenset({"negotiated_levels", "establishment_counts"})
# Kind -> (table, the table's key: the template's key plus whether the row is generated example data, so a
# generated example level never applies to real programs nor a real one to generated programs).
_REPLACED = {
    "negotiated_levels": ("negotiated_level", ("program_year", "funding_stream", "indicator", "is_generated_example")),
    "establishment_counts": (
        "region_establishment_count",
        ("region_area_code", "program_year", "is_generated_example"),
    ),
}


@dataclass(frozen=True)
class ImportResult:
    outcome: str  # "imported" | "unchanged" | "refused"
    kind: str
    file_name: str
    file_sha256: str
    rows_in_file: int
    added: int
    updated: int
    unchanged: int
    issues: tuple[Issue, ...]
    import_id: int | None
    summary: Message  # what happened, in no language (the import log keeps it so)
    seconds: float

    @property
    def message(self) -> str:
        """What happened, in the current language."""
        return self.summary.text()

    def issues_frame(self) -> pd.DataFrame:
        """Every problem as a table (``lmi.records.validate.issues_frame``)."""
        return issues_frame(self.issues)


@dataclass
class _Plan:
    """What storing the file would do: rows to add and updates to make, by table."""

    add: dict[str, list[dict]] = field(default_factory=dict)
    update: dict[str, list[dict]] = field(default_factory=dict)
    replace: dict[str, list[dict]] = field(default_factory=dict)  # stored rows deleted, then inserted anew
    changes: list[str] = field(default_factory=list)  # what a replacement changed ("level 70.0 → 72.5"): codes, values
    unchanged: int = 0
    issues: list[Issue] = field(default_factory=list)
    read_at: dict[str, str] = field(default_factory=dict)  # target code as given -> BLS code its figures are read at

    @property
    def added(self) -> int:
        return sum(len(rows) for table, rows in self.add.items() if table in _MAIN_TABLES.values())

    @property
    def updated(self) -> int:
        return sum(len(rows) for rows in self.update.values()) + sum(len(rows) for rows in self.replace.values())


def reference_codes(ref_con: duckdb.DuckDBPyConnection, occupations: CodeResolver | None = None) -> ReferenceCodes:
    """The CIP, occupation and area codes an import may use, from the (read-only) reference database.
    ``occupations`` is the resolver of that database when the caller already holds one."""
    return ReferenceCodes(
        cip_codes=frozenset(r[0] for r in query_rows(ref_con, "SELECT cip_code FROM core_cip")),
        occupations=occupations if occupations is not None else CodeResolver(ref_con),
        area_codes=frozenset(r[0] for r in query_rows(ref_con, "SELECT area_code FROM core_area")),
    )


def file_sha256(stream: BinaryIO) -> str:
    """SHA-256 of the whole stream, read in chunks (never all in memory)."""
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def import_file(
    con: duckdb.DuckDBPyConnection,
    codes: ReferenceCodes,
    kind: str,
    file_name: str,
    stream: BinaryIO,
    imported_by: str = SYSTEM_USER,
    today: dt.date | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> ImportResult:
    """Validate ``stream`` as a ``kind`` file and store it in one transaction, or refuse it whole. Runs holding the
    store's writer lock (``lmi.records.db.writer``): simultaneous imports land one after the other."""
    try:
        with writer(con):
            return _import_file(con, codes, kind, file_name, stream, imported_by, today, max_bytes)
    except DATABASE_ERRORS as exc:  # the store refused a read, a write or its lock: said plainly, never a traceback
        return _store_refused(con, kind, file_name, stream, imported_by, exc)


def _store_refused(con, kind: str, file_name: str, stream: BinaryIO, imported_by: str, error: Exception):
    """The attempt refused because the store itself failed (nothing was stored: the storing transaction rolls
    back), logged when the store still takes a log entry."""
    who = (imported_by or SYSTEM_USER).strip()[:100] or SYSTEM_USER
    attempt = _Attempt(con, template_for(kind), file_name, who, stream_size(stream), time.perf_counter())
    try:
        sha256 = file_sha256(stream)
    except (OSError, ValueError):
        sha256 = "not computed"
    try:
        return attempt.refuse(sha256, 0, [_file_issue(storing_failed(error))])
    except DATABASE_ERRORS:
        attempt.con = None  # the log cannot be written either: the result still says why
        return attempt.finish("refused", sha256, None, 0, 0, 0, 0, (), storing_failed(error), log=False)


def _import_file(con, codes, kind, file_name, stream, imported_by, today, max_bytes) -> ImportResult:
    started = time.perf_counter()
    template = template_for(kind)
    today = today or dt.date.today()
    who = (imported_by or SYSTEM_USER).strip()[:100] or SYSTEM_USER
    size = stream_size(stream)
    result = _Attempt(con, template, file_name, who, size, started)
    if size > max_bytes:
        return result.refuse(
            "not computed (over the size limit)", 0, [_file_issue(too_large(file_name, size, max_bytes))]
        )
    sha256 = file_sha256(stream)
    earlier = None if kind in _COMPARED_NOT_HASHED else _earlier_import(con, sha256, kind)
    if earlier is not None:
        return result.finish(
            "unchanged",
            sha256,
            None,
            0,
            0,
            0,
            0,
            (),
            say(
                N_("this file was already imported (import #{import_id} on {when} UTC by {who}); nothing changed"),
                import_id=earlier[0],
                when=f"{earlier[1]:%Y-%m-%d %H:%M}",
                who=earlier[2],
            ),
        )
    try:
        table = read_upload(stream, file_name, max_bytes, sheet=kind)
    except UploadRefused as exc:
        return result.refuse(sha256, 0, [_file_issue(exc.problem)])
    checked = validate(table.frame, template, codes, today)
    rows_in_file = len(table.frame)
    if not checked.ok:
        return result.refuse(sha256, rows_in_file, checked.issues)
    plan = _plan(con, template, checked.rows, codes, given=set(table.frame.columns))
    if plan.issues:
        return result.refuse(sha256, rows_in_file, plan.issues)
    if not plan.added and not plan.updated:
        return result.finish(
            "unchanged",
            sha256,
            None,
            rows_in_file,
            0,
            0,
            plan.unchanged,
            (),
            say(N_("every row is already stored with the same values; nothing changed")),
        )
    generated = any(row.get("is_generated_example") for row in checked.rows)
    try:
        import_id = _store(con, template, file_name, sha256, size, rows_in_file, who, plan, generated)
    except DATABASE_ERRORS as exc:
        return result.refuse(
            sha256,
            rows_in_file,
            [_file_issue(storing_failed(exc))],
        )
    _publish_outcomes(con)
    return result.finish(
        "imported",
        sha256,
        import_id,
        rows_in_file,
        plan.added,
        plan.updated,
        plan.unchanged,
        (),
        _summary(plan, template),
        log=False,
    )


def _publish_outcomes(con) -> None:
    """Records changed: compute every program's published (suppressed) outcome tables now, once, and store
    them, so pages read them instead of searching for the cells to hide on every view."""
    from lmi.programs import published  # imported here: the programs package is built on this one

    published.refresh_after_import(con)


def _file_issue(problem: Message) -> Issue:
    return Issue(None, None, "", problem)


def storing_failed(error: Exception) -> Message:
    """Why nothing was stored when the database refused a write (the database's own words are kept as given)."""
    return say(
        N_("storing failed and was rolled back, nothing was stored ({error})"),
        error=f"{type(error).__name__}: {error}",
    )


_MAIN_TABLES = {
    "programs": "program",
    "participants": "participant",
    "employer_partners": "employer_partner",
    "employer_services": "employer_service",
    "negotiated_levels": "negotiated_level",
    "establishment_counts": "region_establishment_count",
}
_ADDED = {  # kind -> "{n} ...(s) added" (message ids)
    "programs": N_("{n} program(s) added"),
    "participants": N_("{n} participant record(s) added"),
    "employer_partners": N_("{n} employer partner(s) added"),
    "employer_services": N_("{n} employer service(s) added"),
    "negotiated_levels": N_("{n} level(s) added"),
    "establishment_counts": N_("{n} establishment count(s) added"),
}


def _summary(plan: _Plan, template: Template) -> Message:
    parts = [say(_ADDED[template.kind], n=plan.added)]
    if plan.updated:
        updated = N_("{n} updated (follow-up filled in)") if template.kind == "participants" else N_("{n} updated")
        parts.append(say(updated, n=plan.updated))
    if plan.unchanged:
        parts.append(say(N_("{n} already stored unchanged"), n=plan.unchanged))
    if plan.add.get("provider"):
        parts.append(say(N_("{n} new provider(s)"), n=len(plan.add["provider"])))
    if plan.changes:
        parts.append(say(N_("replaced: {changes}"), changes="; ".join(plan.changes)))
    if plan.read_at:
        pairs = ", ".join(f"{given} → {bls}" for given, bls in sorted(plan.read_at.items()))
        parts.append(
            say(
                N_("target occupations kept as given and read at the BLS code that publishes their numbers: {pairs}"),
                pairs=pairs,
            )
        )
    return joined(parts)


# What the import log keeps of a refused file's problems: metadata only (docs/records-model.md). These
# placeholders hold counts, limits, row numbers, the file's name and our own column names and allow-lists;
# every other value (the cell as typed, a code or name from the file, another library's words) is withheld.
LOGGED_PLACEHOLDERS = frozenset(
    {
        "n", "more", "most", "limit", "size", "width", "cells", "row", "first", "last", "today", "hours",
        "template", "kind", "layout", "meaning", "header", "aliases", "indicator", "columns", "choices", "column",
        "file", "import_id", "where", "problem",
    }
)  # fmt: skip


def _known_columns() -> frozenset[str]:
    """Column names a problem may name in the log: the templates' and the projections layout's (any spelling
    the layout reads), compared as ``header_key`` compares headers. A header cell of the file is a value."""
    from lmi.demand.state_projections import PROJECTIONS_CENTRAL_LAYOUT, header_key
    from lmi.records.template import TEMPLATES

    names = [c for t in TEMPLATES.values() for c in t.column_names]
    names += [n for c in PROJECTIONS_CENTRAL_LAYOUT for n in (c.header, c.name, *c.aliases)]
    return frozenset(header_key(n) for n in names)


def logged_issue(issue: Issue) -> Message:
    """``issue`` as the import log keeps it: its row, its column when it is one of ours, and the kind of problem,
    never a value from the file (the uploader sees the values on the page, from their own file)."""
    from lmi.demand.state_projections import header_key

    column = issue.column if issue.column and header_key(issue.column) in _known_columns() else None
    if issue.column and column is None:
        column = WITHHELD
    located = Issue(issue.row, column, "", issue.problem)
    return without_values(located.said(), LOGGED_PLACEHOLDERS)


def refused_summary(issues: list[Issue]) -> Message:
    """The import log's message of a refused file: how many problems, the first few with their row and column
    and what kind of problem each is, without the values (``logged_issue``)."""
    shown = joined(logged_issue(issue) for issue in issues[:MAX_LOGGED_ISSUES])
    if len(issues) > MAX_LOGGED_ISSUES:
        return say(
            N_("refused, nothing stored: {n} problem(s): {problems} (and {more} more)"),
            n=len(issues),
            problems=shown,
            more=len(issues) - MAX_LOGGED_ISSUES,
        )
    return say(N_("refused, nothing stored: {n} problem(s): {problems}"), n=len(issues), problems=shown)


class _Attempt:
    """Builds the result of one attempt and logs it (refused and unchanged attempts on their own)."""

    def __init__(self, con, template, file_name, who, size, started) -> None:
        self.con, self.template, self.file_name, self.who, self.size, self.started = (
            con,
            template,
            file_name,
            who,
            size,
            started,
        )

    def refuse(self, sha256: str, rows: int, issues: list[Issue]) -> ImportResult:
        return self.finish("refused", sha256, None, rows, 0, 0, 0, tuple(issues), refused_summary(issues))

    def finish(
        self, outcome, sha256, import_id, rows, added, updated, unchanged, issues, message, log: bool = True
    ) -> ImportResult:
        if log:
            with transaction(self.con) as cursor:
                insert_log_entry(
                    cursor,
                    next_import_id(cursor),
                    self.who,
                    self.template.kind,
                    self.file_name,
                    sha256,
                    self.size,
                    rows,
                    added,
                    updated,
                    unchanged,
                    outcome,
                    message,
                    False,
                )
        return ImportResult(
            outcome,
            self.template.kind,
            self.file_name,
            sha256,
            rows,
            added,
            updated,
            unchanged,
            issues,
            import_id,
            message,
            time.perf_counter() - self.started,
        )


def _earlier_import(con, sha256: str, kind: str):
    rows = query_rows(
        con,
        """SELECT import_id, imported_utc, imported_by FROM import_log
           WHERE file_sha256 = $sha AND import_kind = $kind AND outcome = 'imported'
           ORDER BY import_id LIMIT 1""",
        {"sha": sha256, "kind": kind},
    )
    return rows[0] if rows else None


# -------------------------------------------------------------------------------------------- the plan


def _plan(con, template: Template, rows: list[dict], codes: ReferenceCodes, given: set[str] | None = None) -> _Plan:
    """What storing ``rows`` would do. ``given`` are the columns the file has: a participant column the file
    leaves out (a file made from an older template) is neither compared nor changed."""
    if template.kind == "programs":
        return _plan_programs(con, rows, codes)
    if template.kind == "participants":
        return _plan_participants(con, rows, given)
    if template.kind == "employer_services":
        return _plan_services(con, rows)
    if template.kind in _REPLACED:
        return _plan_replaced(con, template, rows)
    return _plan_partners(con, rows)


def _plain(value):
    """Stored values in the form validation produces (dates as date, NaN/NA as None)."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):
        return value.item()
    return value


def _stored_by_key(frame: pd.DataFrame, key: tuple[str, ...]) -> dict:
    """Stored rows by natural key: the value itself for a one-column key, else a tuple."""

    out = {}
    for record in frame.to_dict("records"):
        plain = {c: _plain(v) for c, v in record.items()}  # keys too: a stored DATE must match a file's date
        out[plain[key[0]] if len(key) == 1 else tuple(plain[k] for k in key)] = plain
    return out


def _differences(stored: dict, incoming: dict, columns) -> list[str]:
    return [c for c in columns if _plain(stored.get(c)) != incoming.get(c)]


def _plan_programs(con, rows: list[dict], codes: ReferenceCodes) -> _Plan:
    plan = _Plan(add={"provider": [], "program": [], "program_target_occupation": []})
    providers = _stored_by_key(query_df(con, "SELECT * FROM provider"), ("provider_id",))
    programs = _stored_by_key(query_df(con, "SELECT * FROM program"), ("program_id",))
    targets: dict[str, tuple[str, ...]] = {}
    for r in query_df(con, "SELECT program_id, soc_code FROM program_target_occupation ORDER BY soc_code").itertuples():
        targets.setdefault(r.program_id, ())
        targets[r.program_id] += (r.soc_code,)
    new_providers: dict[str, dict] = {}
    for row in rows:
        row = {**row, "is_generated_example": bool(row.get("is_generated_example"))}
        provider = providers.get(row["provider_id"])
        if provider is not None and provider["provider_name"] != row["provider_name"]:
            plan.issues.append(
                Issue(
                    row["_row"],
                    "provider_name",
                    row["provider_name"],
                    say(
                        N_("provider {provider} is stored as {name}"),
                        provider=row["provider_id"],
                        name=repr(provider["provider_name"]),
                    ),
                )
            )
            continue
        if provider is None and row["provider_id"] not in new_providers:
            new_providers[row["provider_id"]] = {
                "provider_id": row["provider_id"],
                "provider_name": row["provider_name"],
                "is_generated_example": row["is_generated_example"],
            }
        stored = programs.get(row["program_id"])
        if stored is not None:
            changed = _differences(stored, row, _PROGRAM_COLUMNS)
            if targets.get(row["program_id"], ()) != (row.get("target_soc_codes") or ()):
                changed.append("target_soc_codes")
            if changed:
                plan.issues.append(
                    Issue(
                        row["_row"],
                        changed[0],
                        str(row.get(changed[0]) or ""),
                        say(
                            N_(
                                "program {program} is already stored with different values in {columns}; an import "
                                "never changes a stored program"
                            ),
                            program=row["program_id"],
                            columns=", ".join(changed),
                        ),
                    )
                )
            else:
                plan.unchanged += 1
            continue
        plan.add["program"].append({c: row.get(c) for c in _PROGRAM_COLUMNS})
        plan.add["program_target_occupation"].extend(
            {"program_id": row["program_id"], "soc_code": soc} for soc in (row.get("target_soc_codes") or ())
        )
        for given in row.get("target_soc_codes") or ():
            bls = codes.occupations.resolve(given).bls_soc_code
            if bls != given:
                plan.read_at[given] = bls
    plan.add["provider"] = list(new_providers.values())
    return plan


# Why a generated example row is refused for a real program (or a real row for a generated one), by what the rows are.
_MUST_MATCH = {
    "participants": N_(
        "must match the program: generated example participants belong only to generated example programs, and "
        "real ones only to real programs"
    ),
    "employer partners": N_(
        "must match the program: generated example employer partners belong only to generated example programs, "
        "and real ones only to real programs"
    ),
    "employer services": N_(
        "must match the program: generated example employer services belong only to generated example programs, "
        "and real ones only to real programs"
    ),
}


def _program_issue(row: dict, programs: dict, what: str) -> Issue | None:
    """A row must name a stored program, and generated example rows belong only to generated
    example programs (and real rows only to real ones), so example data never mixes with real.
    ``what``: the rows, a key of ``_MUST_MATCH``."""
    program = programs.get(row["program_id"])
    if program is None:
        return Issue(
            row["_row"],
            "program_id",
            row["program_id"],
            say(N_("unknown program: import the program (programs file) first")),
        )
    if bool(program["is_generated_example"]) != row["is_generated_example"]:
        return Issue(
            row["_row"],
            "is_generated_example",
            "yes" if row["is_generated_example"] else "no",
            say(_MUST_MATCH[what]),
        )
    return None


def _plan_participants(con, rows: list[dict], given: set[str] | None = None) -> _Plan:
    plan = _Plan(add={"participant": []}, update={"participant": []})
    compared = [c for c in _PARTICIPANT_COLUMNS if given is None or c in given or c in PARTICIPANTS.key]
    programs = _stored_by_key(query_df(con, "SELECT program_id, is_generated_example FROM program"), ("program_id",))
    wanted = sorted({row["program_id"] for row in rows})
    stored = _stored_by_key(
        query_df(con, "SELECT * FROM participant WHERE list_contains($p, program_id)", {"p": wanted}), PARTICIPANTS.key
    )
    for row in rows:
        row = {**row, "is_generated_example": bool(row.get("is_generated_example"))}
        if issue := _program_issue(row, programs, "participants"):
            plan.issues.append(issue)
            continue
        before = stored.get((row["program_id"], row["participant_id"]))
        values = {c: row.get(c) for c in _PARTICIPANT_COLUMNS}
        if before is None:
            plan.add["participant"].append(values)
            continue
        changed = _differences(before, values, compared)
        if not changed:
            plan.unchanged += 1
        elif all(c in _FOLLOW_UP_COLUMNS and before.get(c) is None for c in changed):
            plan.update["participant"].append({c: values[c] for c in (*PARTICIPANTS.key, *changed)})
        else:
            conflicting = [c for c in changed if not (c in _FOLLOW_UP_COLUMNS and before.get(c) is None)]
            plan.issues.append(
                Issue(
                    row["_row"],
                    conflicting[0],
                    _text(values.get(conflicting[0])),
                    say(
                        N_(
                            "duplicate participant: {participant} in {program} is already stored (import "
                            "#{import_id}) with different values in {columns}; an import only fills in blanks, it "
                            "never changes a recorded value"
                        ),
                        participant=row["participant_id"],
                        program=row["program_id"],
                        import_id=before["import_id"],
                        columns=", ".join(conflicting),
                    ),
                )
            )
    return plan


def _plan_partners(con, rows: list[dict]) -> _Plan:
    plan = _Plan(add={"employer_partner": []}, update={"employer_partner": []})
    programs = _stored_by_key(query_df(con, "SELECT program_id, is_generated_example FROM program"), ("program_id",))
    stored = _stored_by_key(query_df(con, "SELECT * FROM employer_partner"), ("program_id", "employer_name"))
    columns = template_for("employer_partners").column_names
    for row in rows:
        row = {**row, "is_generated_example": bool(row.get("is_generated_example"))}
        if issue := _program_issue(row, programs, "employer partners"):
            plan.issues.append(issue)
            continue
        values = {c: row.get(c) for c in columns}
        before = stored.get((row["program_id"], row["employer_name"]))
        if before is None:
            plan.add["employer_partner"].append(values)
        elif _differences(before, values, ("hires_committed_count", "hires_made_count")):
            plan.update["employer_partner"].append(values)
        else:
            plan.unchanged += 1
    return plan


def _plan_services(con, rows: list[dict]) -> _Plan:
    """Employer services are records of what happened: a stored one is never changed."""
    plan = _Plan(add={"employer_service": []})
    programs = _stored_by_key(query_df(con, "SELECT program_id, is_generated_example FROM program"), ("program_id",))
    template = template_for("employer_services")
    wanted = sorted({row["program_id"] for row in rows})
    stored = _stored_by_key(
        query_df(con, "SELECT * FROM employer_service WHERE list_contains($p, program_id)", {"p": wanted}),
        template.key,
    )
    columns = template.column_names
    for row in rows:
        row = {**row, "is_generated_example": bool(row.get("is_generated_example"))}
        if issue := _program_issue(row, programs, "employer services"):
            plan.issues.append(issue)
            continue
        values = {c: row.get(c) for c in columns}
        before = stored.get(tuple(row[k] for k in template.key))
        if before is None:
            plan.add["employer_service"].append(values)
        elif changed := _differences(before, values, columns):
            plan.issues.append(
                Issue(
                    row["_row"],
                    changed[0],
                    _text(values.get(changed[0])),
                    say(
                        N_(
                            "this service of {establishment} on {day} is already stored (import #{import_id}) with "
                            "different values in {columns}; an import never changes a stored service"
                        ),
                        establishment=row["establishment_id"],
                        day=str(row["service_date"]),
                        import_id=before["import_id"],
                        columns=", ".join(changed),
                    ),
                )
            )
        else:
            plan.unchanged += 1
    return plan


def _plan_replaced(con, template: Template, rows: list[dict]) -> _Plan:
    """Negotiated levels and establishment counts: a new row is added, a row stored with other values is
    replaced (deleted and inserted with this import's number), and the log says what changed."""
    table, key = _REPLACED[template.kind]
    plan = _Plan(add={table: []}, replace={table: []})
    stored = _stored_by_key(query_df(con, f"SELECT * FROM {table}"), key)
    columns = template.column_names
    for row in rows:
        values = {c: row.get(c) for c in columns} | {"is_generated_example": bool(row.get("is_generated_example"))}
        before = stored.get(tuple(values[k] for k in key))
        if before is None:
            plan.add[table].append(values)
        elif changed := _differences(before, values, columns):
            plan.replace[table].append(values)
            what = " ".join(str(values[k]) for k in key if k != "is_generated_example")
            plan.changes.append(
                f"{what}: " + ", ".join(f"{c} {_text(_plain(before.get(c)))} → {_text(values[c])}" for c in changed)
            )
        else:
            plan.unchanged += 1
    return plan


def _text(value) -> str:
    return "" if value is None else ("yes" if value is True else "no" if value is False else str(value))


# -------------------------------------------------------------------------------------------- storing


def _store(
    con,
    template: Template,
    file_name: str,
    sha256: str,
    size: int,
    rows_in_file: int,
    who: str,
    plan: _Plan,
    generated: bool,
) -> int:
    """Log row and every record in one transaction; any error rolls all of it back."""
    with transaction(con) as cursor:
        import_id = next_import_id(cursor)
        insert_log_entry(
            cursor,
            import_id,
            who,
            template.kind,
            file_name,
            sha256,
            size,
            rows_in_file,
            plan.added,
            plan.updated,
            plan.unchanged,
            "imported",
            _summary(plan, template),
            generated,
        )
        for table, rows in plan.replace.items():
            _delete_rows(cursor, table, rows)
            _insert_rows(cursor, table, rows, import_id)
        for table in _TABLE_COLUMNS:
            _insert_rows(cursor, table, plan.add.get(table, []), import_id)
        for table, updates in plan.update.items():
            _update_rows(cursor, table, updates)
    return import_id


# Columns each table is written with (an allow-list: the only identifiers that reach SQL).
_TABLE_COLUMNS = {
    "provider": ["provider_id", "provider_name", "is_generated_example"],
    "program": _PROGRAM_COLUMNS,
    "program_target_occupation": ["program_id", "soc_code"],
    "participant": _PARTICIPANT_COLUMNS,
    "employer_partner": template_for("employer_partners").column_names,
    "employer_service": template_for("employer_services").column_names,
    "negotiated_level": template_for("negotiated_levels").column_names,
    "region_establishment_count": template_for("establishment_counts").column_names,
}
_TABLE_HAS_IMPORT_ID = set(_TABLE_COLUMNS) - {"program_target_occupation"}
_TABLE_KEYS = {"participant": PARTICIPANTS.key, "employer_partner": ("program_id", "employer_name")}


def _insert_rows(cursor, table: str, rows: list[dict], import_id: int) -> None:
    if not rows:
        return
    columns = _TABLE_COLUMNS[table]
    frame = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns).astype(object)
    frame = frame.where(frame.notna(), None)
    insert_frame(cursor, table, frame, {"import_id": import_id} if table in _TABLE_HAS_IMPORT_ID else None)


def _delete_rows(cursor, table: str, rows: list[dict]) -> None:
    """The stored rows with the keys of ``rows`` (a replaced level or count), inside the import's transaction."""
    keys = next(key for name, key in _REPLACED.values() if name == table)
    where = " AND ".join(f"{k} = ${k}" for k in keys)
    for row in rows:
        cursor.execute(f"DELETE FROM {table} WHERE {where}", {k: row[k] for k in keys})


def _update_rows(cursor, table: str, updates: list[dict]) -> None:
    keys = _TABLE_KEYS[table]
    allowed = set(_TABLE_COLUMNS[table]) - set(keys)
    for values in updates:
        columns = [c for c in values if c in allowed]
        assignments = ", ".join(f"{c} = ${c}" for c in columns)
        where = " AND ".join(f"{k} = ${k}" for k in keys)
        cursor.execute(f"UPDATE {table} SET {assignments} WHERE {where}", {c: values[c] for c in (*columns, *keys)})


__all__ = ["ImportResult", "import_file", "reference_codes", "file_sha256", "MAX_UPLOAD_BYTES"]
