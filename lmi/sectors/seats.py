"""Planned training seats against estimated local annual openings: where would a program train more
people a year than local employers are estimated to hire?

**The seats table** (the boundary the program registry will feed; today staff type it in):

=====================  =========================================================================
``target_kind``        ``"sector"`` or ``"occupation"``
``target_code``        a sector key from the sector file (``"healthcare"``) or an occupation code:
                       any code BLS publishes (``"31-1120"``), or any SOC (``"31-1121"``) or
                       O*NET-SOC code (``"31-1121.00"``) that leads to one (``lmi.demand.codes``)
``seats_per_year_count`` whole number of seats a year, 0 or more
=====================  =========================================================================

``parse_seats_text`` turns what an official types ("healthcare, 120" one a line) into that table;
``seats_table`` builds it from records (e.g. registry rows); both check it with
``validate_seats_table``, which refuses negative, fractional and non-numeric seats, unknown sectors
and occupation codes, and a target listed twice, naming the line or row. An occupation code is
stored as the code BLS publishes numbers for (``target_code``) beside the code as given
(``given_code``): 31-1121 Home Health Aides is planned against 31-1120 Home Health and Personal Care
Aides, the group BLS publishes, and two lines that lead to the same published code are refused so
no openings figure is counted twice. ``compare_seats`` then sets each row against the estimated
local openings of its sector or occupation (``DemandModel.bls_codes``) and says which occupations
those openings are: for a sector, the members that carry most of them. ``seats_for_area`` does both for
typed text in one area, as the page asks.

**Oversupply**: seats above ``oversupply_ratio`` × estimated annual openings (default 1: more seats
than openings). Completers are usually fewer than seats and openings are also filled by people
already trained, movers and other programs, so seats near the openings already leave little room;
the page says so and lets users lower the ratio.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from lmi.demand import DemandModel, describe_openings
from lmi.demand.codes import CodeResolver, UnknownOccupationCodeError
from lmi.i18n import N_, _, ngettext
from lmi.sectors.definitions import SectorDefinitions, load_definitions
from lmi.sectors.flags import FlagThresholds
from lmi.sectors.reality_check import reality_check_for_area

SEATS_COLUMNS = ["target_kind", "target_code", "seats_per_year_count"]
SECTOR, OCCUPATION = "sector", "occupation"
OVERSUPPLY, WITHIN, NO_ESTIMATE = "oversupply", "within_openings", "no_openings_estimate"
SEAT_FLAG_LABELS = {  # English, marked for the catalog: shown through ``seat_flag_label``
    OVERSUPPLY: N_("Oversupply"),
    WITHIN: N_("Within estimated openings"),
    NO_ESTIMATE: N_("No openings estimate"),
}
CODE_TYPED = re.compile(r"^(\d{2})-?(\d{4})(\.\d{2})?$")  # 29-1141, 291141, 31-1121.00
THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
SEPARATOR = re.compile(r"\s*[,;\t]\s*")
DEFAULT_OVERSUPPLY_RATIO = 1.0  # more seats than estimated openings
# the words of the seats form, English marked for the catalog (``seats_form_words`` gives them translated)
OVERSUPPLY_RATIO_WORDS = N_("Flag oversupply when seats exceed this many times the estimated openings")
SEATS_TEXT_HELP = N_(
    "Enter planned seats a year, one line per sector or occupation: a sector key or name, or an occupation code "
    "(the code BLS publishes, a SOC code or an O*NET-SOC code such as 31-1121.00), then the number of seats. An "
    "occupation is compared with the openings of the code BLS publishes numbers for."
)
SEATS_TEXT_EXAMPLE = "healthcare, 120\n29-1141, 40\n31-1121.00, 30\nclean_energy, 25"
OPENINGS_CAVEAT = N_(
    "Openings are also filled by people already trained, by movers and by other programs, and completers are "
    "usually fewer than seats: seats close to the openings already leave little room."
)


def seat_flag_label(flag: str) -> str:
    """A seats flag's label in the visitor's language."""
    return _(SEAT_FLAG_LABELS[flag]) if flag in SEAT_FLAG_LABELS else str(flag)


def seats_form_words() -> dict[str, str]:
    """The seats form's words in the visitor's language: ``help`` (how to type seats), ``oversupply_ratio``
    (the ratio's label) and ``caveat`` (what openings leave out)."""
    return {"help": _(SEATS_TEXT_HELP), "oversupply_ratio": _(OVERSUPPLY_RATIO_WORDS), "caveat": _(OPENINGS_CAVEAT)}


class NotATargetError(LookupError):
    """What was typed is neither a sector nor an occupation code; the message says so in full."""


class SeatsError(ValueError):
    """A seats table that cannot be used; ``problems`` names each bad line or row."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Target:
    """What one seats line plans for: a sector, or the code BLS publishes numbers for."""

    kind: str  # SECTOR or OCCUPATION
    code: str  # sector key, or the published BLS code
    given_code: str  # as typed or given ("31-1121"); the sector key for a sector
    name: str  # sector name, or the BLS title of ``code``


@dataclass(frozen=True)
class Targets:
    """What seats may be planned for: the sectors of the sector file, and every occupation code the
    resolver leads to a code BLS publishes (``lmi.demand.codes.CodeResolver``)."""

    sector_names: Mapping[str, str]  # key -> name
    resolver: CodeResolver

    def resolve(self, typed: str) -> Target:
        """The target for a sector key, a sector name or an occupation code as typed; raises
        ``LookupError`` saying why nothing matches."""
        text = str(typed).strip()
        code = CODE_TYPED.match(text)
        if code:
            given = f"{code.group(1)}-{code.group(2)}{code.group(3) or ''}"
            try:
                resolved = self.resolver.resolve(given)
            except UnknownOccupationCodeError as exc:
                raise LookupError(str(exc)) from None
            return Target(OCCUPATION, resolved.bls_soc_code, given, resolved.bls_title)
        folded = text.casefold()
        for key, name in self.sector_names.items():
            if folded in (key.casefold(), name.casefold()):
                return Target(SECTOR, key, key, name)
        raise NotATargetError(
            _("“{typed}” is neither a sector ({sectors}) nor an occupation code such as 29-1141 or 31-1121.00").format(
                typed=text, sectors=", ".join(self.sector_names)
            )
        )

    def name_of(self, kind: str, code: str) -> str:
        if kind == SECTOR:
            return self.sector_names.get(code, code)
        resolved = self.resolver.try_resolve(code)
        return resolved.bls_title if resolved else code


# ---------------------------------------------------------------- building the table


def parse_seats_text(text: str, targets: Targets) -> pd.DataFrame:
    """Seats typed one a line as "<sector or occupation code>, <seats per year>" (comma, semicolon or tab).

    Blank lines and lines starting with # are skipped; "1,200" is read as 1200. Raises ``SeatsError``
    listing every bad line; nothing is accepted until all lines are fixed, so a typo cannot silently
    drop a plan. Returns the seats table plus ``given_code`` (the code as typed).
    """
    rows, problems, seen = [], [], {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = SEPARATOR.split(line, maxsplit=1)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            problems.append(
                _(
                    "line {number}: write “sector or occupation code, seats per year”, e.g. “healthcare, "
                    "120” (got “{line}”)"
                ).format(number=number, line=line)
            )
            continue
        typed_target, typed_seats = parts
        target, target_problem = _target(typed_target, targets)
        seats, seats_problem = _whole_seats(typed_seats)
        if target_problem:
            problems.append(_line(number, target_problem))
        if seats_problem:
            problems.append(_line(number, seats_problem))
        if target is None or seats_problem:
            continue
        key = (target.kind, target.code)
        if key in seen:
            problems.append(_line(number, _twice(target, seen[key], "line")))
            continue
        seen[key] = (number, target)
        rows.append((target.kind, target.code, seats, target.given_code))
    if problems:
        raise SeatsError(problems)
    return pd.DataFrame(rows, columns=SEATS_COLUMNS + ["given_code"]).astype({"seats_per_year_count": "int64"})


def _line(number: int, problem: str) -> str:
    return _("line {number}: {problem}").format(number=number, problem=problem)


def _row(number: int, problem: str) -> str:
    return _("row {number}: {problem}").format(number=number, problem=problem)


def _target(typed: str, targets: Targets) -> tuple[Target | None, str | None]:
    try:
        return targets.resolve(typed), None
    except NotATargetError as exc:
        return None, str(exc)
    except LookupError as exc:
        reason = str(exc).strip("'\"")
        return (
            None,
            _("“{typed}” is neither a sector ({sectors}) nor a usable occupation code: {reason}").format(
                typed=typed.strip(), sectors=", ".join(targets.sector_names), reason=reason
            ),
        )


def _twice(target: Target, first: tuple[int, Target], place: str) -> str:
    """Why a second line (``place`` "line") or row ("row") for the same published code is refused (its openings
    would count twice)."""
    number, earlier = first
    if target.kind == OCCUPATION and target.given_code != earlier.given_code:
        return (
            _(
                "{given} is counted under BLS {code} {name}, which line {number} ({earlier}) already plans for; "
                "give one total per BLS code, so its openings are compared once"
            )
            if place == "line"
            else _(
                "{given} is counted under BLS {code} {name}, which row {number} ({earlier}) already plans for; "
                "give one total per BLS code, so its openings are compared once"
            )
        ).format(given=target.given_code, code=target.code, name=target.name, number=number, earlier=earlier.given_code)
    return (
        _("{name} is listed twice (first on line {number}); give one total per sector or occupation")
        if place == "line"
        else _("{name} is listed twice (first on row {number}); give one total per sector or occupation")
    ).format(name=target.name, number=number)


def seats_table(records: Iterable[Mapping], targets: Targets) -> pd.DataFrame:
    """The seats table from records with the ``SEATS_COLUMNS`` keys (e.g. program-registry rows),
    checked like typed input; occupation codes become the published BLS code (``given_code`` keeps
    the code as given)."""
    frame = pd.DataFrame(list(records), columns=SEATS_COLUMNS)
    resolved = validate_seats_table(frame, targets)
    out = frame.assign(target_code=[t.code for t in resolved], given_code=[t.given_code for t in resolved])
    return out.astype({"seats_per_year_count": "int64"})


def validate_seats_table(frame: pd.DataFrame, targets: Targets) -> list[Target]:
    """Refuse a seats table with missing columns, unknown targets, duplicates or bad seat counts,
    naming the row (1 = first row); return each row's resolved target."""
    missing = [c for c in SEATS_COLUMNS if c not in frame.columns]
    if missing:
        raise SeatsError([_("the seats table lacks column(s) {columns}").format(columns=", ".join(missing))])
    problems, seen, resolved = [], {}, []
    for number, (kind, code, seats) in enumerate(frame[SEATS_COLUMNS].itertuples(index=False), start=1):
        target = _row_target(kind, code, targets)
        if kind not in (SECTOR, OCCUPATION):
            problems.append(
                _row(number, _("target_kind must be 'sector' or 'occupation', not {kind}").format(kind=repr(kind)))
            )
        elif target is None:
            unknown = (
                _("sector {code} is not a known sector")
                if kind == SECTOR
                else _("occupation {code} is not a known occupation")
            )
            problems.append(_row(number, unknown.format(code=repr(code))))
        _seats, seats_problem = _whole_seats(seats)
        if seats_problem:
            problems.append(_row(number, seats_problem))
        if target is not None:
            key = (target.kind, target.code)
            if key in seen:
                problems.append(_row(number, _twice(target, seen[key], "row")))
            seen.setdefault(key, (number, target))
            resolved.append(target)
    if problems:
        raise SeatsError(problems)
    return resolved


def _row_target(kind, code, targets: Targets) -> Target | None:
    """The target of a registry row: a known sector key, or an occupation code that resolves."""
    if kind == SECTOR:
        key = str(code)
        return Target(SECTOR, key, key, targets.sector_names[key]) if key in targets.sector_names else None
    if kind == OCCUPATION:
        try:
            target = targets.resolve(str(code))
        except LookupError:
            return None
        return target if target.kind == OCCUPATION else None
    return None


def _whole_seats(value) -> tuple[int | None, str | None]:
    """(seats, None) or (None, why not): seats are whole numbers of 0 or more."""
    if isinstance(value, bool):
        return None, _("seats must be a whole number, not {value}").format(value=repr(value))
    if isinstance(value, (int, np.integer)):
        number = int(value)
    elif isinstance(value, (float, np.floating)):
        if math.isnan(value) or not float(value).is_integer():
            return None, _("seats must be a whole number of 0 or more; got {value}").format(value=repr(value))
        number = int(value)
    else:
        text = str(value).strip()
        if THOUSANDS.match(text):
            text = text.replace(",", "")
        if re.fullmatch(r"[+-]?\d+", text):
            number = int(text)
        elif re.fullmatch(r"[+-]?\d*\.\d+", text):
            return None, _("seats must be a whole number of 0 or more; got “{value}”").format(value=text)
        else:
            return None, _("“{value}” is not a number of seats; write a whole number such as 25").format(value=text)
    if number < 0:
        return None, _("seats cannot be negative; got {number}").format(number=number)
    return number, None


# ---------------------------------------------------------------- comparing with openings


def compare_seats(
    seats: pd.DataFrame,
    sector_totals: pd.DataFrame,
    occupations: pd.DataFrame,
    targets: Targets,
    area_name: str,
    oversupply_ratio: float = DEFAULT_OVERSUPPLY_RATIO,
    groups: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each seats row beside the estimated local annual openings of its target, flagged, with a
    sentence that says which occupations those openings are.

    ``sector_totals``: sector_key, local_annual_openings_est_count and the openings carriers of
    ``lmi.sectors.totals.sector_carriers`` (``RealityCheck.sectors``); ``occupations``:
    ``DemandModel.bls_codes`` rows (soc_code, soc_title, local_annual_openings_est_count); ``groups``:
    ``lmi.sectors.definitions.group_labels``, so an occupation whose figure is a group's says so.
    """
    if oversupply_ratio <= 0:
        raise SeatsError([_("the oversupply ratio must be above 0")])
    sectors = sector_totals.set_index("sector_key")
    codes = occupations.set_index("soc_code")
    labels = {} if groups is None else dict(zip(groups.soc_code, groups.group_label))
    out = seats.copy()
    if "given_code" not in out.columns:
        out["given_code"] = out.target_code
    out["target_name"] = [targets.name_of(k, c) for k, c in zip(out.target_kind, out.target_code)]
    out["local_annual_openings_est_count"] = [
        _lookup(sectors if k == SECTOR else codes, c, "local_annual_openings_est_count")
        for k, c in zip(out.target_kind, out.target_code)
    ]
    out["openings_are"] = [
        _sector_openings_are(sectors, c) if k == SECTOR else _code_openings_are(g, c, labels)
        for k, c, g in zip(out.target_kind, out.target_code, out.given_code)
    ]
    out["group_label"] = [
        labels.get(c, "") if k == OCCUPATION else "" for k, c in zip(out.target_kind, out.target_code)
    ]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["seats_to_openings_ratio"] = out.seats_per_year_count / out.local_annual_openings_est_count
    out["flag"] = [
        _seat_flag(s, o, oversupply_ratio)
        for s, o in zip(out.seats_per_year_count, out.local_annual_openings_est_count)
    ]
    out["flag_label"] = out.flag.map(seat_flag_label)
    out["flag_reason"] = [_seat_reason(row, area_name, oversupply_ratio) for row in out.to_dict("records")]
    return out


def seats_for_area(
    con: duckdb.DuckDBPyConnection,
    model: DemandModel,
    targets: Targets,
    text: str,
    area_code: str,
    area_name: str,
    thresholds: FlagThresholds,
    oversupply_ratio: float = DEFAULT_OVERSUPPLY_RATIO,
    definitions: SectorDefinitions | None = None,
) -> pd.DataFrame:
    """Seats typed as text (``parse_seats_text``; raises ``SeatsError``) against the area's estimated openings
    (``compare_seats``): a sector is compared with its totals in the reality check of every sector of the file,
    whichever sectors are chosen on the page, and an occupation with the code BLS publishes."""
    seats = parse_seats_text(text, targets)
    defs = definitions if definitions is not None else load_definitions(con)
    every_sector = reality_check_for_area(con, model, area_code, area_name, list(defs.names), thresholds, defs)
    return compare_seats(
        seats, every_sector.sectors, model.bls_codes(area_code), targets, area_name, oversupply_ratio, defs.groups
    )


def _lookup(frame: pd.DataFrame, key: str, column: str) -> float:
    return float(frame.at[key, column]) if key in frame.index and column in frame.columns else np.nan


def _sector_openings_are(sectors: pd.DataFrame, key: str) -> str:
    """ "60% of them for Home Health and Personal Care Aides (about 3,400 a year), Nursing Assistants (about
    1,100 a year) and Registered Nurses (about 770 a year)" ("" without carriers)."""
    if key not in sectors.index or "openings_carrier_titles" not in sectors.columns:
        return ""
    row = sectors.loc[key]
    titles = list(row.openings_carrier_titles or [])
    if not titles:
        return ""
    named = [f"{title} ({describe_openings(count)})" for title, count in zip(titles, row.openings_carrier_counts)]
    listed = (
        named[0] if len(named) == 1 else _("{items} and {last}").format(items=", ".join(named[:-1]), last=named[-1])
    )
    return _("{share:.0f}% of them for {occupations}").format(share=row.openings_carriers_share_pct, occupations=listed)


def _code_openings_are(given: str, code: str, labels: Mapping[str, str]) -> str:
    """Says whose openings an occupation row compares with, when they are not simply the code's own:
    a code BLS counts within another, or a group figure ("" otherwise)."""
    if given.split(".")[0] != code:
        return _(
            "entered as {given}, which BLS counts within {code}, so these are the openings of all of {code}"
        ).format(given=given, code=code)
    if labels.get(code):
        return _("a group figure, so these are the openings of all the O*NET occupations BLS counts in {code}").format(
            code=code
        )
    return ""


def _seat_flag(seats: int, openings: float, ratio: float) -> str:
    if pd.isna(openings) or openings <= 0:
        return NO_ESTIMATE
    return OVERSUPPLY if seats > ratio * openings else WITHIN


def _seat_reason(row: dict, area_name: str, ratio: float) -> str:
    name, seats, openings = row["target_name"], int(row["seats_per_year_count"]), row["local_annual_openings_est_count"]
    planned = (
        ngettext(
            "{seats:,} planned seat a year for {name} (BLS {code})",
            "{seats:,} planned seats a year for {name} (BLS {code})",
            seats,
        )
        if row["target_kind"] == OCCUPATION
        else ngettext("{seats:,} planned seat a year for {name}", "{seats:,} planned seats a year for {name}", seats)
    ).format(seats=seats, name=name, code=row["target_code"])
    if row["flag"] == NO_ESTIMATE:
        return _(
            "{planned}: BLS released no local employment estimate here, so {area}'s openings cannot be "
            "estimated; confirm demand with local employers first."
        ).format(planned=planned, area=area_name)
    which = ""
    if row.get("openings_are"):
        which = f", {row['openings_are']}" if row["target_kind"] == SECTOR else f" ({row['openings_are']})"
    share = f"{100 * seats / openings:.0f}%"
    limit = (
        _("the estimated openings") if ratio == 1 else _("{ratio:g} times the estimated openings").format(ratio=ratio)
    )
    against = (
        _("{planned} against estimated openings of {openings} in {area}").format(
            planned=planned, openings=describe_openings(openings), area=area_name
        )
        + which
    )
    if row["flag"] == OVERSUPPLY:
        return _(
            "{against}: seats are {share} of openings, more than {limit}, so many completers would have to find "
            "work elsewhere or in other occupations."
        ).format(against=against, share=share, limit=limit)
    return _("{against}: seats are {share} of openings, within {limit}.").format(
        against=against, share=share, limit=limit
    )
