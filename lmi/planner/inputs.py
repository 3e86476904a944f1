"""The layoff a plan is made for, and the staffing table a user uploads.

A layoff is the region (an OEWS area code), the affected occupations with head counts, the layoff date, the
horizon (months after the layoff over which openings count), the share of those openings assumed open to the
displaced workers, whether the workers are trade-affected (TAA-certified) and the transition thresholds. It is a
frozen, hashable value: the page caches plans on it and a link carries it (``to_params`` / ``from_params``).

Occupation codes are whatever the user has (SOC 51-2092, O*NET-SOC 51-2092.00, a BLS group code 51-2090): each
goes through ``lmi.demand.codes.CodeResolver`` to the code BLS publishes numbers for, and to the O*NET occupation
the transitions start from (``Resolver``). A bad staffing table is refused with every problem named by row and
column; nothing is half-read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

import duckdb

from lmi.db import query_rows
from lmi.demand.codes import ONET_SOC, CodeResolver, UnknownOccupationCodeError
from lmi.i18n import _
from lmi.records.parse import UploadRefused, read_upload
from lmi.transitions.ranking import Thresholds

DEFAULT_HORIZON_MONTHS = 12
HORIZON_CHOICES = (3, 6, 12, 18, 24)
DEFAULT_OPENINGS_SHARE = 0.5  # the displaced workers compete with every other job seeker for the same openings
MAX_WORKERS = 1_000_000  # per occupation: more is a typing error, not a layoff
MAX_GROUPS = 200
CODE_COLUMNS = ("occupation_code", "soc_code", "onet_soc_code", "code")
WORKERS_COLUMNS = ("workers", "head_count", "workers_count", "employees")
TITLE_COLUMNS = ("title", "occupation_title", "occupation")
MAX_PROBLEMS_SHOWN = 10
_GROUPS_PARAM = re.compile(r"^[0-9.\-]{7,10}:\d{1,7}$")


class LayoffInputError(ValueError):
    """What is wrong with the layoff as given: every problem, each naming its row and column where there is one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class AffectedGroup:
    """Workers of one occupation laid off: the code as given and the head count."""

    code: str
    workers: int


@dataclass(frozen=True)
class Layoff:
    area_code: str
    groups: tuple[AffectedGroup, ...]
    layoff_date: dt.date | None = None
    horizon_months: int = DEFAULT_HORIZON_MONTHS
    openings_share: float = DEFAULT_OPENINGS_SHARE
    trade_affected: bool = False
    include_same_occupation: bool = True  # the same occupation with another employer is a move (no training)
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def workers(self) -> int:
        return sum(group.workers for group in self.groups)


@dataclass(frozen=True)
class ResolvedGroup:
    """An affected group with its codes: the BLS code its numbers are read at and the O*NET occupation its
    transitions start from."""

    code: str
    workers: int
    bls_soc_code: str
    bls_title: str
    onet_soc_code: str


class Resolver:
    """Codes as given -> the BLS code (``CodeResolver``) and the O*NET occupation a ranking starts from: the code
    itself when it is an O*NET-SOC code, else the occupation the SOC code names (its ``.00``), else the first
    O*NET occupation BLS counts in the group (said on the page)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.codes = CodeResolver(con)
        rows = query_rows(
            con,
            """SELECT x.onet_soc_code, x.soc_code, x.oews_soc_code FROM core_onet_soc_crosswalk x
               JOIN core_occupation o USING (onet_soc_code) ORDER BY x.onet_soc_code""",
        )
        self.onet = {onet for onet, _soc, _bls in rows}
        self.by_soc: dict[str, str] = {}
        self.by_group: dict[str, str] = {}
        for onet, soc, bls in rows:
            if onet.endswith(".00"):
                self.by_soc.setdefault(soc, onet)
            if bls:
                self.by_group.setdefault(bls, onet)
        for onet, soc, _bls in rows:  # a SOC code whose O*NET occupations all carry a suffix
            self.by_soc.setdefault(soc, onet)

    def resolve(self, group: AffectedGroup) -> ResolvedGroup:
        """Raises ``UnknownOccupationCodeError`` with a plain reason."""
        found = self.codes.resolve(group.code)
        given = found.given_code
        if ONET_SOC.match(given) and given in self.onet:
            onet = given
        else:
            onet = self.by_soc.get(given) or self.by_group.get(found.bls_soc_code)
        if onet is None:
            raise UnknownOccupationCodeError(
                _("{code}: O*NET describes no occupation under it, so no transitions can be ranked").format(code=given)
            )
        return ResolvedGroup(given, group.workers, found.bls_soc_code, found.bls_title, onet)


def merged(groups: list[AffectedGroup]) -> tuple[AffectedGroup, ...]:
    """The groups with one row per code (head counts of a repeated code added), in the order first given."""
    totals: dict[str, int] = {}
    for group in groups:
        totals[group.code] = totals.get(group.code, 0) + group.workers
    return tuple(AffectedGroup(code, workers) for code, workers in totals.items())


def check_groups(rows: list[tuple[str, str, str]], resolver: Resolver) -> tuple[AffectedGroup, ...]:
    """``rows`` of (where, code text, workers text) -> the groups; every problem is collected and raised together
    in a ``LayoffInputError`` (``where`` names the row, e.g. "row 3")."""
    problems: list[str] = []
    groups: list[AffectedGroup] = []
    for where, code_text, workers_text in rows:
        code = (code_text or "").strip()
        count = _head_count(workers_text)
        if not code:
            problems.append(
                _("{where}, column occupation_code: empty; give a SOC or O*NET-SOC code").format(where=where)
            )
        elif resolver.codes.try_resolve(code) is None:
            problems.append(
                _("{where}, column occupation_code: {reason}").format(where=where, reason=_reason(resolver, code))
            )
        if count is None:
            problems.append(
                _("{where}, column workers: {value} is not a whole number of workers from 1 to {most:,}").format(
                    where=where, value=repr((workers_text or "").strip()[:30]), most=MAX_WORKERS
                )
            )
        if code and count is not None and resolver.codes.try_resolve(code) is not None:
            groups.append(AffectedGroup(code, count))
    if not rows:
        problems.append(_("no affected occupations: give at least one occupation code and its head count"))
    if len(rows) > MAX_GROUPS:
        problems.append(_("more than {n} occupations; group them first").format(n=MAX_GROUPS))
    if problems:
        raise LayoffInputError(problems)
    return merged(groups)


def _reason(resolver: Resolver, code: str) -> str:
    try:
        resolver.codes.resolve(code)
    except UnknownOccupationCodeError as error:
        return str(error)
    return ""


def _head_count(text: str | None) -> int | None:
    value = (text or "").strip().replace(",", "")
    if value.endswith(".0"):
        value = value[:-2]
    if not value.isdigit():
        return None
    number = int(value)
    return number if 1 <= number <= MAX_WORKERS else None


def read_staffing_table(data: bytes, file_name: str, resolver: Resolver) -> tuple[AffectedGroup, ...]:
    """An uploaded staffing table (CSV or XLSX; header row, then one row per occupation): a code column
    (``occupation_code``, ``soc_code``, ``onet_soc_code`` or ``code``) and a head-count column (``workers``,
    ``head_count``, ``workers_count`` or ``employees``); a title column may be there and is not read. Raises
    ``LayoffInputError`` naming the file's row and column of every problem."""
    try:
        table = read_upload(io.BytesIO(data), file_name)
    except UploadRefused as refused:
        raise LayoffInputError([str(refused)]) from None
    columns = list(table.frame.columns)
    code_column = next((c for c in CODE_COLUMNS if c in columns), None)
    workers_column = next((c for c in WORKERS_COLUMNS if c in columns), None)
    missing = []
    if code_column is None:
        missing.append(
            _("{file}, row 1: no occupation code column (name it one of {names})").format(
                file=file_name, names=", ".join(CODE_COLUMNS)
            )
        )
    if workers_column is None:
        missing.append(
            _("{file}, row 1: no head-count column (name it one of {names})").format(
                file=file_name, names=", ".join(WORKERS_COLUMNS)
            )
        )
    if missing:
        raise LayoffInputError(missing)
    rows = [
        (_("{file}, row {row}").format(file=file_name, row=number), str(code), str(workers))
        for number, code, workers in zip(table.frame.index, table.frame[code_column], table.frame[workers_column])
    ]
    try:
        return check_groups(rows, resolver)
    except LayoffInputError as error:
        renamed = [
            p.replace("column occupation_code", _("column {name}").format(name=code_column)).replace(
                "column workers", _("column {name}").format(name=workers_column)
            )
            for p in error.problems
        ]
        raise LayoffInputError(renamed) from None


def typed_rows(text: str) -> list[tuple[str, str, str]]:
    """Lines typed as "code, workers" (a comma, tab, semicolon or spaces between; a title after the code may be
    there) -> (where, code, workers text) for ``check_groups``; blank lines are skipped."""
    rows = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = [p for p in re.split(r"[,;\t ]+", line.strip()) if p]
        if not parts:
            continue
        code, count = parts[0], parts[-1] if len(parts) > 1 else ""
        rows.append((_("line {n}").format(n=number), code, count))
    return rows


def typed_text(groups: tuple[AffectedGroup, ...]) -> str:
    """The groups as the page's text box shows them, one "code, workers" a line."""
    return "\n".join(f"{g.code}, {g.workers}" for g in groups)


def groups_param(groups: tuple[AffectedGroup, ...]) -> str:
    """The groups as a link keeps them: ``51-2092:400,51-4041:60``."""
    return ",".join(f"{g.code}:{g.workers}" for g in groups)


def groups_from_param(text: str | None) -> tuple[AffectedGroup, ...]:
    """A link's groups (``groups_param``); parts that do not look like ``code:count`` are left out (the codes are
    checked like any other input when the plan is made)."""
    groups = []
    for part in (text or "").split(",")[:MAX_GROUPS]:
        part = part.strip()
        if _GROUPS_PARAM.match(part):
            code, count = part.split(":")
            if 1 <= int(count) <= MAX_WORKERS:
                groups.append(AffectedGroup(code, int(count)))
    return merged(groups)


PARAMS = ("area", "layoff", "date", "months", "share", "taa", "same")  # a plan link's query parameters


def to_params(layoff: Layoff) -> dict[str, str | None]:
    """The link's parameters that restore ``layoff``'s inputs (the thresholds are the page's defaults)."""
    return {
        "area": layoff.area_code,
        "layoff": groups_param(layoff.groups),
        "date": layoff.layoff_date.isoformat() if layoff.layoff_date else None,
        "months": str(layoff.horizon_months),
        "share": str(round(layoff.openings_share * 100)),
        "taa": "1" if layoff.trade_affected else None,
        "same": None if layoff.include_same_occupation else "0",
    }


def share_from_param(text: str | None) -> float:
    """A link's share of openings in percent (10-100), else the default."""
    if text and text.isdigit() and 10 <= int(text) <= 100:
        return int(text) / 100
    return DEFAULT_OPENINGS_SHARE


def months_from_param(text: str | None) -> int:
    if text and text.isdigit() and int(text) in HORIZON_CHOICES:
        return int(text)
    return DEFAULT_HORIZON_MONTHS


def date_from_param(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip()) if text else None
    except ValueError:
        return None
