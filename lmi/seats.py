"""Planned training seats against estimated local annual openings: where would a program train more
people a year than local employers are estimated to hire?

**The seats table** (the boundary the program registry will feed; today staff type it in):

=====================  =========================================================================
``target_kind``        ``"sector"`` or ``"occupation"``
``target_code``        a sector key from the sector file (``"healthcare"``) or a SOC code (``"29-1141"``)
``seats_per_year_count`` whole number of seats a year, 0 or more
=====================  =========================================================================

``parse_seats_text`` turns what an official types ("healthcare, 120" one a line) into that table;
``seats_table`` builds it from records (e.g. registry rows); both check it with
``validate_seats_table``, which refuses negative, fractional and non-numeric seats, unknown sectors
and SOC codes, and a target listed twice, naming the line or row. ``compare_seats`` then sets each
row against the estimated local openings of its sector or occupation (``lmi.demand``).

**Oversupply**: seats above ``oversupply_ratio`` × estimated annual openings (default 1: more seats
than openings). Completers are usually fewer than seats and openings are also filled by people
already trained, movers and other programs, so seats near the openings already leave little room;
the page says so and lets users lower the ratio.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from lmi.sector_flags import about

SEATS_COLUMNS = ["target_kind", "target_code", "seats_per_year_count"]
SECTOR, OCCUPATION = "sector", "occupation"
OVERSUPPLY, WITHIN, NO_ESTIMATE = "oversupply", "within_openings", "no_openings_estimate"
SEAT_FLAG_LABELS = {OVERSUPPLY: "Oversupply", WITHIN: "Within estimated openings",
                    NO_ESTIMATE: "No openings estimate"}
SOC_TYPED = re.compile(r"^(\d{2})-?(\d{4})$")
THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
SEPARATOR = re.compile(r"\s*[,;\t]\s*")


class SeatsError(ValueError):
    """A seats table that cannot be used; ``problems`` names each bad line or row."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Targets:
    """What seats may be planned for: sector keys and names, and SOC codes with titles."""

    sector_names: Mapping[str, str]  # key -> name
    soc_titles: Mapping[str, str]  # "29-1141" -> "Registered Nurses"

    def resolve(self, typed: str) -> tuple[str, str] | None:
        """(target_kind, target_code) for a sector key, a sector name or a SOC code as typed."""
        text = typed.strip()
        soc = SOC_TYPED.match(text)
        if soc:
            code = f"{soc.group(1)}-{soc.group(2)}"
            return (OCCUPATION, code) if code in self.soc_titles else None
        folded = text.casefold()
        for key, name in self.sector_names.items():
            if folded in (key.casefold(), name.casefold()):
                return SECTOR, key
        return None

    def name_of(self, kind: str, code: str) -> str:
        return self.sector_names.get(code, code) if kind == SECTOR else self.soc_titles.get(code, code)


# ---------------------------------------------------------------- building the table

def parse_seats_text(text: str, targets: Targets) -> pd.DataFrame:
    """Seats typed one a line as "<sector or SOC code>, <seats per year>" (comma, semicolon or tab).

    Blank lines and lines starting with # are skipped; "1,200" is read as 1200. Raises ``SeatsError``
    listing every bad line; nothing is accepted until all lines are fixed, so a typo cannot silently
    drop a plan.
    """
    rows, problems, seen = [], [], {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = SEPARATOR.split(line, maxsplit=1)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            problems.append(f"line {number}: write “sector or SOC code, seats per year”, e.g. “healthcare, 120” "
                            f"(got “{line}”)")
            continue
        typed_target, typed_seats = parts
        target = targets.resolve(typed_target)
        seats, seats_problem = _whole_seats(typed_seats)
        if target is None:
            problems.append(f"line {number}: “{typed_target}” is neither a sector ({', '.join(targets.sector_names)}) "
                            "nor the SOC code of an occupation with BLS estimates, such as 29-1141")
        if seats_problem:
            problems.append(f"line {number}: {seats_problem}")
        if target is None or seats_problem:
            continue
        if target in seen:
            problems.append(f"line {number}: {targets.name_of(*target)} is listed twice (first on line {seen[target]}); "
                            "give one total per sector or occupation")
            continue
        seen[target] = number
        rows.append((*target, seats))
    if problems:
        raise SeatsError(problems)
    return pd.DataFrame(rows, columns=SEATS_COLUMNS).astype({"seats_per_year_count": "int64"})


def seats_table(records: Iterable[Mapping], targets: Targets) -> pd.DataFrame:
    """The seats table from records with the ``SEATS_COLUMNS`` keys (e.g. program-registry rows),
    checked like typed input."""
    frame = pd.DataFrame(list(records), columns=SEATS_COLUMNS)
    validate_seats_table(frame, targets)
    return frame.astype({"seats_per_year_count": "int64"})


def validate_seats_table(frame: pd.DataFrame, targets: Targets) -> None:
    """Refuse a seats table with missing columns, unknown targets, duplicates or bad seat counts,
    naming the row (1 = first row)."""
    missing = [c for c in SEATS_COLUMNS if c not in frame.columns]
    if missing:
        raise SeatsError([f"the seats table lacks column(s) {', '.join(missing)}"])
    problems, seen = [], {}
    for number, (kind, code, seats) in enumerate(frame[SEATS_COLUMNS].itertuples(index=False), start=1):
        if kind == SECTOR and code not in targets.sector_names or kind == OCCUPATION and code not in targets.soc_titles:
            problems.append(f"row {number}: {kind} {code!r} is not a known {kind}")
        elif kind not in (SECTOR, OCCUPATION):
            problems.append(f"row {number}: target_kind must be 'sector' or 'occupation', not {kind!r}")
        _, seats_problem = _whole_seats(seats)
        if seats_problem:
            problems.append(f"row {number}: {seats_problem}")
        if (kind, code) in seen:
            problems.append(f"row {number}: {kind} {code} is listed twice (first in row {seen[(kind, code)]})")
        seen.setdefault((kind, code), number)
    if problems:
        raise SeatsError(problems)


def _whole_seats(value) -> tuple[int | None, str | None]:
    """(seats, None) or (None, why not): seats are whole numbers of 0 or more."""
    if isinstance(value, bool):
        return None, f"seats must be a whole number, not {value!r}"
    if isinstance(value, (int, np.integer)):
        number = int(value)
    elif isinstance(value, (float, np.floating)):
        if math.isnan(value) or not float(value).is_integer():
            return None, f"seats must be a whole number of 0 or more; got {value!r}"
        number = int(value)
    else:
        text = str(value).strip()
        if THOUSANDS.match(text):
            text = text.replace(",", "")
        if re.fullmatch(r"[+-]?\d+", text):
            number = int(text)
        elif re.fullmatch(r"[+-]?\d*\.\d+", text):
            return None, f"seats must be a whole number of 0 or more; got “{text}”"
        else:
            return None, f"“{text}” is not a number of seats; write a whole number such as 25"
    if number < 0:
        return None, f"seats cannot be negative; got {number}"
    return number, None


# ---------------------------------------------------------------- comparing with openings

def compare_seats(seats: pd.DataFrame, sector_totals: pd.DataFrame, occupations: pd.DataFrame, targets: Targets,
                  area_name: str, oversupply_ratio: float = 1.0) -> pd.DataFrame:
    """Each seats row beside the estimated local annual openings of its target, flagged.

    ``sector_totals``: sector_key, local_annual_openings_est_count (``lmi.sector_summary``);
    ``occupations``: soc_code, local_annual_openings_est_count (``lmi.demand.occupation_demand``).
    """
    if oversupply_ratio <= 0:
        raise SeatsError(["the oversupply ratio must be above 0"])
    openings = {(SECTOR, k): v for k, v in zip(sector_totals.sector_key, sector_totals.local_annual_openings_est_count)}
    openings.update({(OCCUPATION, c): v for c, v in zip(occupations.soc_code,
                                                        occupations.local_annual_openings_est_count)})
    out = seats[SEATS_COLUMNS].copy()
    out["target_name"] = [targets.name_of(k, c) for k, c in zip(out.target_kind, out.target_code)]
    out["local_annual_openings_est_count"] = [openings.get((k, c), np.nan) for k, c in
                                              zip(out.target_kind, out.target_code)]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["seats_to_openings_ratio"] = out.seats_per_year_count / out.local_annual_openings_est_count
    out["flag"] = [_seat_flag(s, o, oversupply_ratio) for s, o in
                   zip(out.seats_per_year_count, out.local_annual_openings_est_count)]
    out["flag_label"] = out.flag.map(SEAT_FLAG_LABELS)
    out["flag_reason"] = [_seat_reason(row, area_name, oversupply_ratio) for row in out.to_dict("records")]
    return out


def _seat_flag(seats: int, openings: float, ratio: float) -> str:
    if pd.isna(openings) or openings <= 0:
        return NO_ESTIMATE
    return OVERSUPPLY if seats > ratio * openings else WITHIN


def _seat_reason(row: dict, area_name: str, ratio: float) -> str:
    name, seats, openings = row["target_name"], int(row["seats_per_year_count"]), row["local_annual_openings_est_count"]
    planned = f"{seats:,} planned seat{'s' if seats != 1 else ''} a year for {name}"
    if row["flag"] == NO_ESTIMATE:
        return (f"{planned}: BLS released no local employment estimate here, so {area_name}'s openings cannot be "
                "estimated; confirm demand with local employers first.")
    share = f"{100 * seats / openings:.0f}%"
    limit = "the estimated openings" if ratio == 1 else f"{ratio:g} times the estimated openings"
    if row["flag"] == OVERSUPPLY:
        return (f"{planned} against {about(openings)} estimated openings a year in {area_name}: seats are {share} of "
                f"openings, more than {limit}, so many completers would have to find work elsewhere or in other "
                "occupations.")
    return (f"{planned} against {about(openings)} estimated openings a year in {area_name}: seats are {share} of "
            f"openings, within {limit}.")
