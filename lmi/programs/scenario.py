"""Budget scenarios: what happens to a board's programs if it moves dollars or seats between them, or funds a
new program of a registry type, told from each program's own published record.

A scenario is a list of changes, applied in order:

* **move seats** from program A to program B (A funds N fewer seats a year, B N more);
* **move dollars** from A to B: dollars become whole seats at each program's cost per participant (A loses the
  seats the amount paid for, rounded up; B gains the seats it pays for, rounded down; the rest is unspent);
* **add a new program** of one of the registry's program types, with its region, cost per participant, seats
  and target occupations. A new program has no record of its own, so it gets the **average record of its
  type** (see ``type_record``); moves may then fund it.

Projection (``project``). Seats are read as participants a year (one cohort a year), so everything is "a
year", like the openings it is set against. Expected completers, placements and credentials = seats x the
program's completion, placement and credential rate from its **published** record (``lmi.programs.outcomes``
summaries: counts about exiters with complete follow-up, after small-cell suppression), so a scenario reveals
nothing the program pages do not. A rate whose count is suppressed is not projected (and says so); a program
whose whole record is suppressed is moved but not projected. Each rate carries a Wilson score interval
(``wilson_interval``, ``CONFIDENCE``) over the exiters of its record, multiplied by the seats: a small record
gives a wide range. Cost per placement = cost per participant / placement rate, so it does not change with a
program's size; the scenario's total cost per placement changes when money moves between programs.

Absorption (``absorption``). Added completers a year are set against the estimated local annual openings of
the program's target occupations, from the one demand model at the BLS codes the targets lead to
(``lmi.programs.local_fit`` targets), each code counted once. Programs of one region that share a BLS code are
taken together, so seats moved between them cancel. Where the added completers exceed the openings there is a
warning naming the occupations and the figures.

Scenarios travel as JSON (``scenario_to_json``, ``scenario_from_json``): every problem of a file names its field
(``changes[2].seats``). ``check`` validates a scenario against the records (programs exist, a program never
gives more seats or dollars than it has at that point, codes and areas are known). Texts shown on the page
(``PROJECTION_METHOD``, ``INTERVAL_METHOD``, ``ABSORPTION_METHOD``) are English message ids, whole paragraphs for
translators; the tests check that they say the constants here. Words in results and problems come in the current
language (a scenario is projected per request, never stored); the absorption verdict is kept as its English id
in ``ScenarioResult.absorption`` and worded by ``absorption_table``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np
import pandas as pd

from lmi.demand.codes import CodeResolver
from lmi.demand.openings import describe_openings
from lmi.i18n import N_, _, ngettext
from lmi.programs.labels import data_label, program_type_label
from lmi.records import vocab

CONFIDENCE = 0.90  # the share of the Wilson score interval on each rate
Z_SCORE = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)
SCENARIO_FORMAT = "lmi-budget-scenario"
SCENARIO_FORMAT_VERSION = 1
MAX_CHANGES = 100
MAX_SCENARIO_BYTES = 1_000_000  # a scenario file is a few hundred bytes; anything this large is not one
MAX_NAME_CHARS = 120
MAX_SEATS = 100_000  # seats a year in one change: far above any program, a guard against typing slips
MAX_DOLLARS_USD = 1_000_000_000
NEW_PROGRAM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
CODE_SEPARATOR = re.compile(r"[\s;,]+")

MOVE_SEATS, MOVE_DOLLARS, NEW_PROGRAM = "move_seats", "move_dollars", "new_program"
CHANGE_KIND_WORDS = {
    MOVE_SEATS: N_("Move seats"),
    MOVE_DOLLARS: N_("Move dollars"),
    NEW_PROGRAM: N_("Add a new program"),
}

# outcome -> (count column of the published summaries, words); rates are count / exiters
OUTCOMES: dict[str, tuple[str, str]] = {
    "completers": ("completed_count", N_("completers")),
    "placements": ("placed_count", N_("placements")),
    "credentials": ("credential_count", N_("credentials")),
}
STAGES = ("before", "after", "change")


def percent(share: float) -> str:
    return f"{round(100 * share, 1):g}%"


PROJECTION_METHOD = N_(
    "Seats are read as participants a year (one cohort a year). Expected completers, placements and credentials "
    "a year = seats × the program's own completion, placement and credential rate, from its published record "
    "(completers, placements — completers employed in the 2nd quarter after exit — and credentials, each over the "
    "exiters with complete follow-up: the figures its Program detail page shows). A figure the record suppresses "
    "is not projected. A new program gets the average record of its type: the rates of the published records of "
    "the type's programs added together, over the cohort of an average program of the type (total exiters / "
    "programs), so its range is as wide as an average program's; how a new program differs from existing ones "
    "is not in it. Dollars become whole seats at each program's cost per participant: the program giving the "
    "money loses the seats it paid for (rounded up), the one receiving it gains the seats it pays for (rounded "
    "down), and the rest is unspent. Cost per placement = cost per participant ÷ placement rate, so it does not "
    "change with a program's size; the scenario's total (its budget ÷ its placements) changes when money moves "
    "between programs with different rates."
)
INTERVAL_METHOD = N_(
    "Ranges: the 90% Wilson score interval (z = 1.645) on each rate, over the exiters of the record it comes from, "
    "multiplied by the seats. The fewer the exiters, the wider the range. A range shows how sure the record makes "
    "us of the program's rate; a single year's cohort also varies by chance around it, and changes in the program "
    "or the economy are not in it. Totals add up the programs' ranges, so they are wider than a 90% range."
)
ABSORPTION_METHOD = N_(
    "Absorption: a program's added completers a year against the estimated annual openings of its target "
    "occupations in its region, from the one demand model at the BLS codes the targets lead to, each code counted "
    "once. Programs in the same region that share a BLS code are taken together, so seats moved between them "
    "cancel. A warning where the added completers exceed the openings. The openings are for everyone seeking such "
    "work (people already trained, movers, other programs' completers), so added completers close to them already "
    "leave little room."
)
EXCEEDS, RANGE_TOP_EXCEEDS, WITHIN, CANNOT_CHECK = (  # absorption verdicts (message ids, also compared)
    N_("more added completers than estimated openings"),
    N_("within the estimated openings, but the top of the range exceeds them"),
    N_("within the estimated openings"),
    N_("cannot check: no openings estimate"),
)


# ------------------------------------------------------------------------------------------------ changes


@dataclass(frozen=True)
class MoveSeats:
    from_program: str
    to_program: str
    seats: int
    kind = MOVE_SEATS


@dataclass(frozen=True)
class MoveDollars:
    from_program: str
    to_program: str
    amount_usd: float
    kind = MOVE_DOLLARS


@dataclass(frozen=True)
class NewProgram:
    """A program not in the records: ``program_id`` is how later moves name it."""

    program_id: str
    program_name: str
    program_type: str
    region_area_code: str
    cost_per_participant_usd: float
    seats: int
    target_soc_codes: tuple[str, ...]
    kind = NEW_PROGRAM


Change = MoveSeats | MoveDollars | NewProgram


@dataclass(frozen=True)
class Scenario:
    """A named list of changes (frozen, so it can key a cache)."""

    changes: tuple[Change, ...] = ()
    name: str = ""

    def with_change(self, change: Change) -> Scenario:
        return Scenario((*self.changes, change), self.name)

    def new_programs(self) -> tuple[NewProgram, ...]:
        return tuple(c for c in self.changes if isinstance(c, NewProgram))

    def program_ids(self) -> list[str]:
        """Every program a change names, in the order they first appear."""
        ids: dict[str, None] = {}
        for change in self.changes:
            if isinstance(change, NewProgram):
                ids[change.program_id] = None
            else:
                ids[change.from_program] = None
                ids[change.to_program] = None
        return list(ids)


@dataclass(frozen=True)
class Problem:
    """One problem of a scenario: the field it is in (``changes[2].seats``) and what is wrong."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ScenarioError(ValueError):
    """A scenario (or a file of one) that cannot be used; ``problems`` names every field at fault."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _at_most_changes() -> str:
    return _("at most {n} changes").format(n=MAX_CHANGES)


def parse_codes(text: str) -> tuple[str, ...]:
    """Occupation codes as typed ("31-1121; 31-9092.00"), each once, in order."""
    return tuple(dict.fromkeys(code for code in CODE_SEPARATOR.split(text or "") if code))


# ------------------------------------------------------------------------------------------------ JSON


def scenario_to_json(scenario: Scenario) -> str:
    """The scenario as the JSON document staff download, save and upload again."""
    return json.dumps(
        {
            "format": SCENARIO_FORMAT,
            "format_version": SCENARIO_FORMAT_VERSION,
            "name": scenario.name,
            "changes": [_change_dict(c) for c in scenario.changes],
        },
        indent=2,
        ensure_ascii=False,
    )


def _change_dict(change: Change) -> dict:
    if isinstance(change, MoveSeats):
        return {
            "kind": MOVE_SEATS,
            "from_program": change.from_program,
            "to_program": change.to_program,
            "seats": change.seats,
        }
    if isinstance(change, MoveDollars):
        return {
            "kind": MOVE_DOLLARS,
            "from_program": change.from_program,
            "to_program": change.to_program,
            "amount_usd": change.amount_usd,
        }
    return {
        "kind": NEW_PROGRAM,
        "program_id": change.program_id,
        "program_name": change.program_name,
        "program_type": change.program_type,
        "region_area_code": change.region_area_code,
        "cost_per_participant_usd": change.cost_per_participant_usd,
        "seats": change.seats,
        "target_soc_codes": list(change.target_soc_codes),
    }


_FIELDS = {
    MOVE_SEATS: ("from_program", "to_program", "seats"),
    MOVE_DOLLARS: ("from_program", "to_program", "amount_usd"),
    NEW_PROGRAM: (
        "program_id",
        "program_name",
        "program_type",
        "region_area_code",
        "cost_per_participant_usd",
        "seats",
        "target_soc_codes",
    ),
}


def scenario_from_json(data: str | bytes) -> Scenario:
    """A scenario from its JSON document; raises ``ScenarioError`` naming every field at fault. Only the shape
    and the values' kinds are checked here; ``check`` checks the scenario against the records."""
    if len(data) > MAX_SCENARIO_BYTES:
        raise ScenarioError(
            [Problem("file", _("larger than {n:,} bytes; a scenario is far smaller").format(n=MAX_SCENARIO_BYTES))]
        )
    try:
        document = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ScenarioError([Problem("file", _("not a JSON document ({error})").format(error=error))]) from None
    if not isinstance(document, dict):
        raise ScenarioError([Problem("file", _("expected a JSON object with format, name and changes"))])
    problems: list[Problem] = []
    if document.get("format") != SCENARIO_FORMAT:
        problems.append(
            Problem(
                "format", _("must be {format} (a file downloaded from this page)").format(format=repr(SCENARIO_FORMAT))
            )
        )
    if document.get("format_version") != SCENARIO_FORMAT_VERSION:
        problems.append(Problem("format_version", _("must be {version}").format(version=SCENARIO_FORMAT_VERSION)))
    name = document.get("name", "")
    if not isinstance(name, str) or len(name) > MAX_NAME_CHARS:
        problems.append(Problem("name", _("must be text of at most {n} characters").format(n=MAX_NAME_CHARS)))
        name = ""
    unknown = sorted(set(document) - {"format", "format_version", "name", "changes"})
    if unknown:
        problems.append(Problem(unknown[0], _("unknown field")))
    items = document.get("changes")
    if not isinstance(items, list) or not items:
        problems.append(Problem("changes", _("must be a non-empty list of changes")))
        items = []
    elif len(items) > MAX_CHANGES:
        problems.append(Problem("changes", _at_most_changes()))
        items = []
    changes = []
    for index, item in enumerate(items):
        change = _parse_change(item, f"changes[{index}]", problems)
        if change is not None:
            changes.append(change)
    if problems:
        raise ScenarioError(problems)
    return Scenario(tuple(changes), name.strip())


def _parse_change(item, where: str, problems: list[Problem]) -> Change | None:
    if not isinstance(item, dict):
        problems.append(Problem(where, _("must be an object with a kind")))
        return None
    kind = item.get("kind")
    if kind not in _FIELDS:
        problems.append(Problem(f"{where}.kind", _("must be one of {choices}").format(choices=", ".join(_FIELDS))))
        return None
    before = len(problems)
    for name in sorted(set(item) - {"kind", *_FIELDS[kind]}):
        problems.append(Problem(f"{where}.{name}", _("unknown field for {kind}").format(kind=kind)))
    for name in _FIELDS[kind]:
        if name not in item:
            problems.append(Problem(f"{where}.{name}", _("missing")))
    if len(problems) > before:
        return None
    value = {name: item[name] for name in _FIELDS[kind]}
    texts = [
        n for n in ("from_program", "to_program", "program_id", "program_name", "program_type", "region_area_code")
    ]
    for name in (n for n in texts if n in value):
        if not isinstance(value[name], str) or not value[name].strip():
            problems.append(Problem(f"{where}.{name}", _("must be non-empty text")))
    if "seats" in value and not _is_whole(value["seats"]):
        problems.append(Problem(f"{where}.seats", _("must be a whole number")))
    for name in ("amount_usd", "cost_per_participant_usd"):
        if name in value and not _is_number(value[name]):
            problems.append(Problem(f"{where}.{name}", _("must be a number of dollars")))
    if "target_soc_codes" in value and (
        not isinstance(value["target_soc_codes"], list)
        or not all(isinstance(c, str) for c in value["target_soc_codes"])
    ):
        problems.append(Problem(f"{where}.target_soc_codes", _("must be a list of occupation codes (text)")))
    if len(problems) > before:
        return None
    if kind == MOVE_SEATS:
        return MoveSeats(value["from_program"].strip(), value["to_program"].strip(), int(value["seats"]))
    if kind == MOVE_DOLLARS:
        return MoveDollars(value["from_program"].strip(), value["to_program"].strip(), float(value["amount_usd"]))
    return NewProgram(
        value["program_id"].strip(),
        value["program_name"].strip(),
        value["program_type"].strip(),
        value["region_area_code"].strip(),
        float(value["cost_per_participant_usd"]),
        int(value["seats"]),
        tuple(dict.fromkeys(c.strip() for c in value["target_soc_codes"] if c.strip())),
    )


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# ------------------------------------------------------------------------------------------------ records


@dataclass(frozen=True)
class ProgramRecord:
    """What a projection needs about one program: its facts and its published counts (None where
    suppressed). ``basis`` says in words what record the rates come from."""

    program_id: str
    program_name: str
    program_type: str
    region_area_code: str
    cost_per_participant_usd: float
    seats_count: int
    exiters_count: float | None  # an average program's cohort for a new program (not a whole number)
    counts: Mapping[str, float | None]  # outcome -> published count (rates are count / exiters)
    credential_indicator: bool
    is_generated_example: bool
    basis: str
    is_new: bool = False

    def rate(self, outcome: str) -> float | None:
        count = self.counts.get(outcome)
        if outcome == "credentials" and not self.credential_indicator:
            return None
        if count is None or not self.exiters_count:
            return None
        return count / self.exiters_count


def records_from_summaries(summaries: pd.DataFrame) -> dict[str, ProgramRecord]:
    """Each recorded program's facts and published counts (``outcomes.program_summaries`` rows)."""
    records = {}
    for row in summaries.to_dict("records"):
        exiters = _count(row.get("exiters_count"))
        counts = {o: _count(row.get(column)) if exiters else None for o, (column, _words) in OUTCOMES.items()}
        records[row["program_id"]] = ProgramRecord(
            program_id=row["program_id"],
            program_name=row["program_name"],
            program_type=row["program_type"],
            region_area_code=row["region_area_code"],
            cost_per_participant_usd=float(row["cost_per_participant_usd"]),
            seats_count=int(row["seats_count"]),
            exiters_count=exiters,
            counts=counts,
            credential_indicator=bool(row.get("credential_indicator", True)),
            is_generated_example=bool(row.get("is_generated_example", False)),
            basis=_("its own record: {n:,.0f} exiters").format(n=exiters) if exiters else _("its record is suppressed"),
        )
    return records


def _count(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def type_record(records: Mapping[str, ProgramRecord], new: NewProgram) -> ProgramRecord | None:
    """The average record of ``new``'s program type: each rate pooled over the published records of the type's
    programs (count and exiters added up over the programs that publish that count), over the cohort of an
    average program of the type (total published exiters / programs). None when no program of the type
    publishes its record."""
    same = [r for r in records.values() if r.program_type == new.program_type and r.exiters_count and not r.is_new]
    if not same:
        return None
    cohort = sum(r.exiters_count for r in same) / len(same)
    counts = {}
    for outcome in OUTCOMES:
        shown = [r for r in same if r.counts.get(outcome) is not None]
        exiters = sum(r.exiters_count for r in shown)
        counts[outcome] = cohort * sum(r.counts[outcome] for r in shown) / exiters if exiters else None
    label = program_type_label(new.program_type)
    basis = ngettext(
        "average record of its type ({program_type}: {n} program, {cohort:,.0f} exiters on average)",
        "average record of its type ({program_type}: {n} programs, {cohort:,.0f} exiters on average)",
        len(same),
    ).format(program_type=label, n=len(same), cohort=cohort)
    return ProgramRecord(
        program_id=new.program_id,
        program_name=new.program_name,
        program_type=new.program_type,
        region_area_code=new.region_area_code,
        cost_per_participant_usd=float(new.cost_per_participant_usd),
        seats_count=0,
        exiters_count=cohort,
        counts=counts,
        credential_indicator=new.program_type not in vocab.CREDENTIAL_EXCLUDED_TYPES,
        is_generated_example=any(r.is_generated_example for r in same),
        basis=basis,
        is_new=True,
    )


# ------------------------------------------------------------------------------------------------ checks


@dataclass(frozen=True)
class SeatStep:
    """What one change does to seats and dollars (after dollars are turned into whole seats)."""

    number: int
    change: Change
    from_program: str | None
    to_program: str
    seats_out: int
    seats_in: int
    dollars_out_usd: float
    dollars_in_usd: float


def check(
    scenario: Scenario,
    summaries: pd.DataFrame,
    resolver: CodeResolver | None = None,
    area_names: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every problem of ``scenario`` against the published ``summaries``, each naming its field: unknown
    programs, a program giving more seats or dollars than it has at that point, unknown types, areas and
    occupation codes (when ``resolver`` and ``area_names`` are given), a type no published record stands for."""
    problems: list[Problem] = []
    _apply(scenario, records_from_summaries(summaries), problems, resolver, area_names)
    return problems


def _apply(
    scenario: Scenario,
    records: Mapping[str, ProgramRecord],
    problems: list[Problem],
    resolver: CodeResolver | None = None,
    area_names: Mapping[str, str] | None = None,
) -> tuple[dict[str, ProgramRecord], dict[str, int], list[SeatStep]]:
    """Apply the changes in order: the records they name (new programs with their type's record), seats after
    each, and what each change did. Problems are appended; a change with a problem changes nothing."""
    known = dict(records)
    seats = {pid: r.seats_count for pid, r in records.items()}
    steps: list[SeatStep] = []
    if len(scenario.changes) > MAX_CHANGES:
        problems.append(Problem("changes", _at_most_changes()))
        return known, seats, steps
    for index, change in enumerate(scenario.changes):
        where = f"changes[{index}]"
        if isinstance(change, NewProgram):
            record = _check_new(change, where, known, problems, resolver, area_names)
            if record is not None:
                known[change.program_id] = record
                seats[change.program_id] = change.seats
                steps.append(
                    SeatStep(
                        index + 1,
                        change,
                        None,
                        change.program_id,
                        0,
                        change.seats,
                        0.0,
                        change.seats * record.cost_per_participant_usd,
                    )
                )
            continue
        step = _check_move(index, change, where, known, seats, problems)
        if step is not None:
            seats[step.from_program] -= step.seats_out
            seats[step.to_program] += step.seats_in
            steps.append(step)
    return known, seats, steps


def _check_new(
    change: NewProgram,
    where: str,
    known: Mapping[str, ProgramRecord],
    problems: list[Problem],
    resolver: CodeResolver | None,
    area_names: Mapping[str, str] | None,
) -> ProgramRecord | None:
    before = len(problems)
    if not NEW_PROGRAM_ID.match(change.program_id):
        problems.append(Problem(f"{where}.program_id", _("use 1-40 letters, digits, dots, dashes or underscores")))
    elif change.program_id in known:
        problems.append(
            Problem(
                f"{where}.program_id",
                _("{program} is already a program; choose another id").format(program=change.program_id),
            )
        )
    if not change.program_name or len(change.program_name) > MAX_NAME_CHARS:
        problems.append(
            Problem(f"{where}.program_name", _("give a name of at most {n} characters").format(n=MAX_NAME_CHARS))
        )
    if change.program_type not in vocab.PROGRAM_TYPES:
        problems.append(
            Problem(
                f"{where}.program_type", _("must be one of {choices}").format(choices=", ".join(vocab.PROGRAM_TYPES))
            )
        )
    if area_names is not None and change.region_area_code not in area_names:
        problems.append(
            Problem(
                f"{where}.region_area_code",
                _("{code} is not an OEWS area code").format(code=change.region_area_code),
            )
        )
    if not 0 < change.cost_per_participant_usd <= MAX_DOLLARS_USD:
        problems.append(Problem(f"{where}.cost_per_participant_usd", _("must be more than $0 a participant")))
    if not 0 <= change.seats <= MAX_SEATS:
        problems.append(
            Problem(f"{where}.seats", _("must be between {low} and {high:,}").format(low=0, high=MAX_SEATS))
        )
    if not change.target_soc_codes:
        problems.append(Problem(f"{where}.target_soc_codes", _("list at least one target occupation code")))
    elif resolver is not None:
        for code in change.target_soc_codes:
            try:
                resolver.resolve(code)
            except LookupError as error:
                problems.append(Problem(f"{where}.target_soc_codes", str(error)))
    if len(problems) > before:
        return None
    record = type_record(known, change)
    if record is None:
        label = program_type_label(change.program_type)
        problems.append(
            Problem(
                f"{where}.program_type",
                _("no {program_type} program publishes a record yet, so nothing can be projected").format(
                    program_type=label
                ),
            )
        )
    return record


def _check_move(
    index: int,
    change: MoveSeats | MoveDollars,
    where: str,
    known: Mapping[str, ProgramRecord],
    seats: Mapping[str, int],
    problems: list[Problem],
) -> SeatStep | None:
    """A move between two programs known at this point, or None (with its problems appended)."""
    before = len(problems)
    for name in ("from_program", "to_program"):
        program = getattr(change, name)
        if program not in known:
            problems.append(
                Problem(
                    f"{where}.{name}",
                    _("{program} is not a recorded program or a new program added before this change").format(
                        program=program
                    ),
                )
            )
    if len(problems) == before and change.from_program == change.to_program:
        problems.append(Problem(f"{where}.to_program", _("must differ from from_program")))
    if len(problems) > before:
        return None
    giver, taker, has = known[change.from_program], known[change.to_program], seats[change.from_program]
    check_one = _seats_moved if isinstance(change, MoveSeats) else _dollars_moved
    moved = check_one(change, where, giver, taker, has, problems)
    if moved is None:
        return None
    out, gained = moved
    return SeatStep(
        index + 1,
        change,
        change.from_program,
        change.to_program,
        out,
        gained,
        out * giver.cost_per_participant_usd,
        gained * taker.cost_per_participant_usd,
    )


def _seats_moved(
    change: MoveSeats, where: str, giver: ProgramRecord, taker: ProgramRecord, has: int, problems: list[Problem]
) -> tuple[int, int] | None:
    """(seats the giver loses, seats the taker gains) of a move of seats: the same number."""
    if not 1 <= change.seats <= MAX_SEATS:
        problems.append(
            Problem(f"{where}.seats", _("must be between {low} and {high:,}").format(low=1, high=MAX_SEATS))
        )
    elif change.seats > has:
        problems.append(
            Problem(
                f"{where}.seats",
                _("{seats:,} seats is more than {program} has at this point ({has:,})").format(
                    seats=change.seats, program=giver.program_id, has=has
                ),
            )
        )
    else:
        return change.seats, change.seats
    return None


def _dollars_moved(
    change: MoveDollars, where: str, giver: ProgramRecord, taker: ProgramRecord, has: int, problems: list[Problem]
) -> tuple[int, int] | None:
    """(seats the giver loses, seats the taker gains) of a move of dollars: the giver loses the seats the amount
    paid for (rounded up), the taker gains the seats it pays for (rounded down)."""
    amount, give_cost, take_cost = change.amount_usd, giver.cost_per_participant_usd, taker.cost_per_participant_usd
    budget = has * give_cost
    field_name = f"{where}.amount_usd"
    if not 0 < amount <= MAX_DOLLARS_USD:
        problems.append(Problem(field_name, _("must be more than $0")))
    elif give_cost <= 0 or take_cost <= 0:
        zero = giver if give_cost <= 0 else taker
        problems.append(
            Problem(
                field_name,
                _("{program} has no cost per participant, so dollars cannot buy its seats; move seats instead").format(
                    program=zero.program_id
                ),
            )
        )
    elif amount > budget:
        problems.append(
            Problem(
                field_name,
                _("{amount} is more than {program}'s budget at this point ({budget}: {has:,} seats × {cost})").format(
                    amount=f"${amount:,.0f}",
                    program=giver.program_id,
                    budget=f"${budget:,.0f}",
                    has=has,
                    cost=f"${give_cost:,.0f}",
                ),
            )
        )
    elif math.floor(amount / take_cost) < 1:
        problems.append(
            Problem(
                field_name,
                _("{amount} pays for no whole seat of {program} ({cost} a participant)").format(
                    amount=f"${amount:,.0f}", program=taker.program_id, cost=f"${take_cost:,.0f}"
                ),
            )
        )
    else:
        return min(has, math.ceil(amount / give_cost - 1e-9)), math.floor(amount / take_cost + 1e-9)
    return None


# ------------------------------------------------------------------------------------------------ intervals


def wilson_interval(successes: float, n: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The Wilson score interval of a rate ``successes / n``: the rates the record does not rule out at this
    confidence. Unlike rate ± z·SE it stays within 0-1, is not zero-width at 0% or 100%, and widens as ``n``
    shrinks."""
    if n <= 0:
        raise ValueError("a rate needs at least one exiter")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # the interval always holds p; min/max only keep rounding at 0% and 100% from saying otherwise
    return min(max(0.0, centre - half), p), max(min(1.0, centre + half), p)


# ------------------------------------------------------------------------------------------------ projection


@dataclass(frozen=True)
class ScenarioResult:
    """``programs``: one row per program the scenario names (unit-suffixed numbers); ``totals``: the same
    added up over the projected programs; ``steps``: what each change did; ``absorption``: one row per group of
    occupations that gains completers; ``notes``: what is left out and why."""

    programs: pd.DataFrame
    totals: dict
    steps: tuple[SeatStep, ...]
    absorption: pd.DataFrame
    notes: tuple[str, ...] = ()
    rests_on_generated: bool = False
    names: Mapping[str, str] = field(default_factory=dict)

    def warnings(self, area_names: Mapping[str, str] | None = None) -> list[str]:
        """One sentence per group of occupations whose added completers exceed the estimated openings."""
        return absorption_warnings(self.absorption, area_names or {})


def project(
    scenario: Scenario,
    summaries: pd.DataFrame,
    targets: pd.DataFrame,
    resolver: CodeResolver | None = None,
    area_names: Mapping[str, str] | None = None,
) -> ScenarioResult:
    """The scenario's outcomes for every program it names, from the published ``summaries``
    (``outcomes.program_summaries``), and the absorption of added completers against the openings in
    ``targets`` (``local_fit`` target rows of the recorded programs and of the scenario's new programs).
    Raises ``ScenarioError`` when ``check`` finds problems."""
    problems: list[Problem] = []
    known, seats, steps = _apply(scenario, records_from_summaries(summaries), problems, resolver, area_names)
    if problems:
        raise ScenarioError(problems)
    ids = scenario.program_ids()
    rows = [_program_row(known[pid], _seats_before(known[pid]), seats[pid]) for pid in ids]
    programs = pd.DataFrame(rows, columns=PROGRAM_COLUMNS)
    notes = _notes(programs)
    return ScenarioResult(
        programs=programs,
        totals=_totals(programs),
        steps=tuple(steps),
        absorption=absorption(programs, targets),
        notes=tuple(notes),
        rests_on_generated=bool(programs.is_generated_example.any()),
        names={pid: known[pid].program_name for pid in ids},
    )


def _seats_before(record: ProgramRecord) -> int:
    return 0 if record.is_new else record.seats_count


PROGRAM_COLUMNS = [
    "program_id",
    "program_name",
    "program_type",
    "region_area_code",
    "is_new_program",
    "is_generated_example",
    "record_basis",
    "record_exiters_count",
    "is_projected",
    "seats_before_count",
    "seats_after_count",
    "seats_change_count",
    "cost_per_participant_usd",
    "budget_before_usd",
    "budget_after_usd",
    "budget_change_usd",
    *(
        f"{outcome}_{part}"
        for outcome in OUTCOMES
        for part in (
            "rate",
            "rate_low",
            "rate_high",
            *(f"{stage}{end}_count" for stage in STAGES for end in ("", "_low", "_high")),
        )
    ),
    "cost_per_placement_usd",
    "cost_per_placement_low_usd",
    "cost_per_placement_high_usd",
]


def _program_row(record: ProgramRecord, before: int, after: int) -> dict:
    cost = record.cost_per_participant_usd
    row = {
        "program_id": record.program_id,
        "program_name": record.program_name,
        "program_type": record.program_type,
        "region_area_code": record.region_area_code,
        "is_new_program": record.is_new,
        "is_generated_example": record.is_generated_example,
        "record_basis": record.basis,
        "record_exiters_count": record.exiters_count if record.exiters_count else np.nan,
        "is_projected": bool(record.exiters_count),
        "seats_before_count": before,
        "seats_after_count": after,
        "seats_change_count": after - before,
        "cost_per_participant_usd": cost,
        "budget_before_usd": before * cost,
        "budget_after_usd": after * cost,
        "budget_change_usd": (after - before) * cost,
    }
    for outcome in OUTCOMES:
        row.update(_outcome_columns(record, outcome, before, after))
    placement, low, high = row["placements_rate"], row["placements_rate_low"], row["placements_rate_high"]
    row["cost_per_placement_usd"] = cost / placement if placement and placement > 0 else np.nan
    row["cost_per_placement_low_usd"] = cost / high if high and high > 0 else np.nan
    row["cost_per_placement_high_usd"] = cost / low if low and low > 0 else np.inf if _present(placement) else np.nan
    return row


def _outcome_columns(record: ProgramRecord, outcome: str, before: int, after: int) -> dict:
    rate = record.rate(outcome)
    names = [f"{outcome}_{s}{e}_count" for s in STAGES for e in ("", "_low", "_high")]
    if rate is None:
        return {f"{outcome}_rate": np.nan, f"{outcome}_rate_low": np.nan, f"{outcome}_rate_high": np.nan} | {
            n: np.nan for n in names
        }
    low, high = wilson_interval(record.counts[outcome], record.exiters_count)
    out = {f"{outcome}_rate": rate, f"{outcome}_rate_low": low, f"{outcome}_rate_high": high}
    for stage, seats in (("before", before), ("after", after), ("change", after - before)):
        ends = sorted((seats * low, seats * high))
        out |= {
            f"{outcome}_{stage}_count": seats * rate,
            f"{outcome}_{stage}_low_count": ends[0],
            f"{outcome}_{stage}_high_count": ends[1],
        }
    return out


def _totals(programs: pd.DataFrame) -> dict:
    """Seats and budgets over every program named; outcomes over the programs that project them; the
    scenario's cost per placement = budget ÷ placements over the programs whose placements are projected."""
    totals = {
        "programs_count": len(programs),
        **{c: float(programs[c].sum()) for c in ("seats_before_count", "seats_after_count", "seats_change_count")},
        **{c: float(programs[c].sum()) for c in ("budget_before_usd", "budget_after_usd", "budget_change_usd")},
    }
    for outcome in OUTCOMES:
        shown = programs[programs[f"{outcome}_rate"].notna()]
        totals[f"{outcome}_programs_count"] = len(shown)
        for stage in STAGES:
            for end in ("", "_low", "_high"):
                column = f"{outcome}_{stage}{end}_count"
                totals[column] = float(shown[column].sum()) if len(shown) else np.nan
    placed = programs[programs.placements_rate.notna()]
    for stage in ("before", "after"):
        budget = float(placed[f"budget_{stage}_usd"].sum())
        placements = totals[f"placements_{stage}_count"]
        totals[f"cost_per_placement_{stage}_usd"] = budget / placements if placements and placements > 0 else np.nan
    return totals


def _notes(programs: pd.DataFrame) -> list[str]:
    """What each program's record leaves out of the projection, in the current language."""
    notes = []
    for row in programs.itertuples():
        if not row.is_projected:
            notes.append(
                _(
                    "{program}: its record is suppressed (too few exiters with complete follow-up to publish), so its "
                    "seats and budget move but its outcomes are not projected and the totals leave it out."
                ).format(program=row.program_name)
            )
            continue
        missing = [o for o in OUTCOMES if pd.isna(getattr(row, f"{o}_rate"))]
        if "credentials" in missing and row.program_type in vocab.CREDENTIAL_EXCLUDED_TYPES:
            missing.remove("credentials")
        if missing:
            notes.append(
                _(
                    "{program}: its record suppresses its {outcomes}, so they are not projected for it and the totals "
                    "of them leave it out."
                ).format(program=row.program_name, outcomes=_and_words([_(OUTCOMES[o][1]) for o in missing]))
            )
    return notes


def _and_words(words: list[str]) -> str:
    """ "completers and placements"; "completers, placements and credentials"."""
    if len(words) < 2:
        return "".join(words)
    return _("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])


# ------------------------------------------------------------------------------------------------ absorption


ABSORPTION_COLUMNS = [
    "region_area_code",
    "program_ids",
    "program_names",
    "bls_codes",
    "occupations",
    "added_completers_count",
    "added_completers_low_count",
    "added_completers_high_count",
    "completers_basis",
    "local_annual_openings_est_count",
    "local_annual_openings_words",
    "openings_is_floor",
    "exceeds_openings",
    "absorption_verdict",
]


def absorption(programs: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """One row per group of programs (same region, sharing a BLS code) whose completers a year grow: their net
    added completers against the estimated annual openings over their BLS codes, each counted once."""
    moving = programs[(programs.seats_change_count != 0) & programs.is_projected]
    codes = {
        pid: part for pid, part in targets[targets.program_id.isin(moving.program_id)].groupby("program_id", sort=False)
    }
    rows = []
    for group in _groups(moving, codes):
        row = _absorption_row(moving[moving.program_id.isin(group)], codes)
        if row is not None:
            rows.append(row)
    return pd.DataFrame(rows, columns=ABSORPTION_COLUMNS)


def _bls_codes(part: pd.DataFrame | None) -> set[str]:
    return set() if part is None else {c for c in part.soc_code if isinstance(c, str)}


def _groups(moving: pd.DataFrame, codes: Mapping[str, pd.DataFrame]) -> list[list[str]]:
    """Programs of one region joined when they share a BLS code (transitively), in the order they appear."""
    groups: list[tuple[str, set[str], list[str]]] = []
    for row in moving.itertuples():
        mine = _bls_codes(codes.get(row.program_id))
        joined = [g for g in groups if g[0] == row.region_area_code and g[1] & mine]
        merged = (row.region_area_code, set(mine), [row.program_id])
        for group in joined:
            merged[1].update(group[1])
            merged[2][:0] = group[2]
            groups.remove(group)
        groups.append(merged)
    return [ids for _region, _codes, ids in groups]


_CODE_COLUMNS = ["program_id", "region_area_code", "soc_code", "soc_title", "local_annual_openings_est_count"]


def _absorption_row(group: pd.DataFrame, codes: Mapping[str, pd.DataFrame]) -> dict | None:
    """The group's net added completers (placements, which are all completers, where a record suppresses its
    completers: a floor) against its openings; None when the group does not gain completers."""
    by_completers = group.completers_rate.notna()
    basis = (
        _("completers")
        if by_completers.all()
        else _("completers (placements where completers are suppressed: a floor)")
    )
    added = {
        end: float(
            np.where(
                by_completers, group[f"completers_change{end}_count"], group[f"placements_change{end}_count"]
            ).sum()
        )
        for end in ("", "_low", "_high")
    }
    if not added[""] > 0:
        return None
    parts = [codes[pid] for pid in group.program_id if pid in codes]
    rows = pd.concat(parts) if parts else pd.DataFrame(columns=_CODE_COLUMNS)
    coded = np.array([isinstance(c, str) for c in rows.soc_code], dtype=bool)
    rows = rows.loc[coded].drop_duplicates("soc_code").sort_values("soc_code")
    estimated = rows[rows.local_annual_openings_est_count.notna()]
    openings = float(estimated.local_annual_openings_est_count.sum()) if len(estimated) else np.nan
    floor = len(estimated) < len(rows)
    if not len(estimated):
        verdict = CANNOT_CHECK
    elif added[""] > openings:
        verdict = EXCEEDS
    elif added["_high"] > openings:
        verdict = RANGE_TOP_EXCEEDS
    else:
        verdict = WITHIN
    return {
        "region_area_code": group.region_area_code.iloc[0],
        "program_ids": "; ".join(group.program_id),
        "program_names": "; ".join(group.program_name),
        "bls_codes": "; ".join(rows.soc_code),
        "occupations": "; ".join(
            f"{r.soc_code} {r.soc_title}: {describe_openings(r.local_annual_openings_est_count)}"
            for r in rows.itertuples()
        )
        or _("no code BLS publishes numbers for"),
        "added_completers_count": added[""],
        "added_completers_low_count": added["_low"],
        "added_completers_high_count": added["_high"],
        "completers_basis": basis,
        "local_annual_openings_est_count": openings,
        "local_annual_openings_words": _("{openings} (a floor)").format(openings=describe_openings(openings))
        if floor and len(estimated)
        else describe_openings(openings),
        "openings_is_floor": floor,
        "exceeds_openings": verdict == EXCEEDS,
        "absorption_verdict": verdict,
    }


def absorption_warnings(table: pd.DataFrame, area_names: Mapping[str, str]) -> list[str]:
    """The warning of each group whose added completers exceed the openings, with the occupations and figures."""
    out = []
    for row in table[table.exceeds_openings].itertuples():
        region = area_names.get(row.region_area_code, row.region_area_code)
        warning = _(
            "{programs} in {region}: about {added} added completers a year ({confidence} range {low}–{high}) against "
            "estimated openings of {openings} in its target occupations ({occupations}). The local labour market may "
            "not absorb them."
        ).format(
            programs=row.program_names,
            region=region,
            added=count_words(row.added_completers_count),
            confidence=percent(CONFIDENCE),
            low=count_words(row.added_completers_low_count),
            high=count_words(row.added_completers_high_count),
            openings=describe_openings(row.local_annual_openings_est_count),
            occupations=row.occupations,
        )
        if row.openings_is_floor:
            warning += " " + _("Some of these occupations have no openings estimate here, so the openings are a floor.")
        out.append(warning)
    return out


# ------------------------------------------------------------------------------------------------ words


def count_words(value) -> str:
    """An expected count as people read it: a whole number (the projection is not more precise)."""
    return "—" if not _present(value) else f"{value:,.0f}"


def signed_words(value) -> str:
    return "—" if not _present(value) else f"{value:+,.0f}" if round(value) != 0 else "0"


def usd_words(value) -> str:
    if not _present(value):
        return "—"
    return _("no upper bound") if math.isinf(value) else f"${value:,.0f}"


def signed_usd_words(value) -> str:
    if not _present(value):
        return "—"
    return f"+${value:,.0f}" if value > 0 else f"-${-value:,.0f}" if value < 0 else "$0"


def range_words(point, low, high, signed: bool = False) -> str:
    """ "52 (46–58)"; "+15 (13–17)"."""
    if not _present(point):
        return _(NOT_PROJECTED)
    show = signed_words if signed else count_words
    if signed:
        return _("{point} ({low} to {high})").format(point=show(point), low=show(low), high=show(high))
    return f"{show(point)} ({show(low)}–{show(high)})"


NOT_PROJECTED = N_("not projected")


def step_words(step: SeatStep, names: Mapping[str, str]) -> str:
    """What one change did, in words, with the seats dollars became."""
    change = step.change
    if isinstance(change, NewProgram):
        return _("Add {program} ({program_type}, {cost} a participant) with {seats:,} seats a year").format(
            program=change.program_name,
            program_type=program_type_label(change.program_type),
            cost=f"${change.cost_per_participant_usd:,.0f}",
            seats=change.seats,
        )
    giver, taker = names.get(step.from_program, step.from_program), names.get(step.to_program, step.to_program)
    if isinstance(change, MoveSeats):
        return _("Move {seats:,} seats a year from {giver} to {taker}").format(
            seats=change.seats, giver=giver, taker=taker
        )
    unspent = change.amount_usd - step.dollars_in_usd
    return _(
        "Move {amount} a year from {giver} ({fewer:,} fewer seats) to {taker} ({more:,} more seats; {unspent} unspent)"
    ).format(
        amount=f"${change.amount_usd:,.0f}",
        giver=giver,
        fewer=step.seats_out,
        taker=taker,
        more=step.seats_in,
        unspent=f"${unspent:,.0f}",
    )


STEP_COLUMNS = ["#", N_("Change")]  # headers (the second a message id)


def steps_table(result: ScenarioResult) -> pd.DataFrame:
    return pd.DataFrame(
        [(step.number, step_words(step, result.names)) for step in result.steps],
        columns=[STEP_COLUMNS[0], _(STEP_COLUMNS[1])],
    )


TOTAL_LABEL = N_("All programs in this scenario")
# placements and their cost first (what a board weighs), then completers and credentials, then where it comes from;
# column id -> header (message ids: ``result_headers`` gives them in the current language)
RESULT_HEADERS = {
    "program": N_("Program"),
    "seats": N_("Seats a year (now → scenario)"),
    "placements_before": N_("Placements a year now"),
    "placements_after": N_("Placements a year in scenario"),
    "placements_change": N_("Placements a year change"),
    "cost_before": N_("Cost per placement now"),
    "cost_after": N_("Cost per placement in scenario"),
    "completers_before": N_("Completers a year now"),
    "completers_after": N_("Completers a year in scenario"),
    "completers_change": N_("Completers a year change"),
    "credentials_before": N_("Credentials a year now"),
    "credentials_after": N_("Credentials a year in scenario"),
    "credentials_change": N_("Credentials a year change"),
    "budget": N_("Budget change a year"),
    "basis": N_("Projection based on"),
    "data": N_("Data"),
}


def result_headers() -> dict[str, str]:
    """``RESULT_HEADERS`` in the current language."""
    return {key: _(words) for key, words in RESULT_HEADERS.items()}


def results_table(result: ScenarioResult) -> pd.DataFrame:
    """The projection as people read it: one row per program and one for all of them, each expected count with
    its range ("52 (46–58)"), "not projected" where the record suppresses the figure, and the data label."""
    headers = result_headers()
    rows = [_result_row(r, headers) for r in result.programs.to_dict("records")]
    rows.append(_total_row(result, headers))
    return pd.DataFrame(rows, columns=list(headers.values()))


def _result_row(row: dict, headers: dict[str, str]) -> dict:
    name = _("{program} (new)").format(program=row["program_name"]) if row["is_new_program"] else row["program_name"]
    out = {
        headers["program"]: name,
        headers["basis"]: row["record_basis"],
        headers["seats"]: f"{row['seats_before_count']:,} → {row['seats_after_count']:,}",
        headers["budget"]: signed_usd_words(row["budget_change_usd"]),
    }
    for outcome in OUTCOMES:
        for stage in STAGES:
            out[headers[f"{outcome}_{stage}"]] = _outcome_words(row, outcome, stage)
    cost = row["cost_per_placement_usd"]
    words = (
        _(NOT_PROJECTED)
        if not _present(cost)
        else (
            f"{usd_words(cost)} ({usd_words(row['cost_per_placement_low_usd'])}–{usd_words(row['cost_per_placement_high_usd'])})"
        )
    )
    out[headers["cost_before"]] = words if row["seats_before_count"] else _("no seats")
    out[headers["cost_after"]] = words if row["seats_after_count"] else _("no seats")
    out[headers["data"]] = data_label(row["is_generated_example"])
    return out


def _outcome_words(row: dict, outcome: str, stage: str) -> str:
    if outcome == "credentials" and row["program_type"] in vocab.CREDENTIAL_EXCLUDED_TYPES:
        return _("n/a (no credential indicator)")
    if not row["is_projected"]:
        return _("not projected (record suppressed)")
    return range_words(
        row[f"{outcome}_{stage}_count"],
        row[f"{outcome}_{stage}_low_count"],
        row[f"{outcome}_{stage}_high_count"],
        signed=stage == "change",
    )


def _total_row(result: ScenarioResult, headers: dict[str, str]) -> dict:
    t = result.totals
    out = {
        headers["program"]: _(TOTAL_LABEL),
        headers["basis"]: _("programs above added up (outcomes over the programs that project them)"),
        headers["seats"]: f"{t['seats_before_count']:,.0f} → {t['seats_after_count']:,.0f}",
        headers["budget"]: signed_usd_words(t["budget_change_usd"]),
    }
    for outcome in OUTCOMES:
        for stage in STAGES:
            out[headers[f"{outcome}_{stage}"]] = range_words(
                t[f"{outcome}_{stage}_count"],
                t[f"{outcome}_{stage}_low_count"],
                t[f"{outcome}_{stage}_high_count"],
                signed=stage == "change",
            )
    out[headers["cost_before"]] = usd_words(t["cost_per_placement_before_usd"])
    out[headers["cost_after"]] = usd_words(t["cost_per_placement_after_usd"])
    out[headers["data"]] = data_label(result.rests_on_generated)
    return out


ABSORPTION_HEADERS = {  # message ids; "added" names CONFIDENCE as written (the tests check it)
    "region": N_("Region"),
    "programs": N_("Programs"),
    "occupations": N_("Target occupations (BLS codes, each once): est. openings"),
    "added": N_("Added completers a year (90% range)"),
    "openings": N_("Est. annual openings here"),
    "verdict": N_("Absorption"),
    "data": N_("Data"),
}


def absorption_table(result: ScenarioResult, area_names: Mapping[str, str]) -> pd.DataFrame:
    """The absorption check as people read it, one row per group of occupations that gains completers, each
    labelled as generated example data when a program it adds up is."""
    generated = dict(zip(result.programs.program_id, result.programs.is_generated_example))
    headers = {key: _(words) for key, words in ABSORPTION_HEADERS.items()}
    rows = [
        {
            headers["region"]: area_names.get(r.region_area_code, r.region_area_code),
            headers["programs"]: r.program_names,
            headers["occupations"]: r.occupations,
            headers["added"]: range_words(
                r.added_completers_count, r.added_completers_low_count, r.added_completers_high_count
            ),
            headers["openings"]: r.local_annual_openings_words,
            headers["verdict"]: _(r.absorption_verdict),
            headers["data"]: data_label(any(generated.get(p) for p in r.program_ids.split("; "))),
        }
        for r in result.absorption.itertuples()
    ]
    return pd.DataFrame(rows, columns=list(headers.values()))


NEW_PROGRAM_NOTE = N_(
    "A new program has no record of its own: it is projected from the average record of its type (see the method "
    "under the results). Moves can fund it once it is added."
)


def next_new_program_id(scenario: Scenario) -> str:
    """The id the next new program of ``scenario`` gets ("NEW-1", "NEW-2", ...), the first not taken."""
    taken = {c.program_id for c in scenario.new_programs()}
    return next(f"NEW-{n}" for n in range(1, len(taken) + 2) if f"NEW-{n}" not in taken)


def new_programs_frame(scenario: Scenario) -> pd.DataFrame:
    """The scenario's new programs in the shape ``local_fit.programs_local_fit`` reads (they list their targets,
    so no CIP code is needed)."""
    rows = [
        {
            "program_id": c.program_id,
            "cip_code": None,
            "target_soc_codes": list(c.target_soc_codes),
            "region_area_code": c.region_area_code,
        }
        for c in scenario.new_programs()
    ]
    return pd.DataFrame(rows, columns=["program_id", "cip_code", "target_soc_codes", "region_area_code"])


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and not pd.isna(value)


def area_codes_named(scenario: Scenario) -> list[str]:
    """The region codes of the scenario's new programs (for looking up their names and checking them)."""
    return sorted({c.region_area_code for c in scenario.new_programs()})
