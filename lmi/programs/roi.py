"""Return on investment of a program, from its published figures and its records: the earnings gain, the
payback period, the cost per placement and the cost per credential, each with its definition and the
records it rests on, and nothing shown where an input is missing (the reason says which).

Definitions:

* **Earnings gain** (per quarter) = median earnings in the 2nd quarter after exit − median earnings in the
  full calendar quarter before the enrollment quarter, both over the same people: the exiters with complete
  follow-up employed in the 2nd quarter after exit whose earnings then and before enrollment are both
  recorded. Over the same people, so the gain is not an artefact of comparing different groups; over those
  employed after exit, like DOL's median earnings indicator, so it says nothing about those without a job
  then; and with no comparison group it is a before-and-after difference, not the program's causal effect.
* **Payback period** = cost per participant / the quarterly earnings gain: how many quarters of the gain add
  up to what was spent on one participant. None when the gain is not above zero.
* **Cost per placement** = cost per participant × exiters / placements, and **cost per credential** = cost
  per participant × exiters / credentials within a year of exit, over the exiters with complete follow-up
  (``lmi.programs.outcomes``; computed there from published counts only).

Suppression: the medians are shown only where the program's employment count in the 2nd quarter after
exit is published and at least ``threshold`` people have both earnings recorded (the rule for every median
here); the number of those people is shown only where it cannot give back a hidden count (it is all of the
employed, or at least ``threshold`` fewer), else it reads "at least <threshold>".
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from lmi.i18n import N_, _
from lmi.programs import counts
from lmi.programs.labels import SUPPRESSED, data_label
from lmi.programs.outcomes import ProgramReport

EARNINGS_GAIN, PAYBACK, COST_PER_PLACEMENT, COST_PER_CREDENTIAL = (
    "earnings_gain_usd",
    "payback_quarters",
    "cost_per_placement_usd",
    "cost_per_credential_usd",
)
# Words are English message ids, given in the current language where a measure is made or shown (return on
# investment is computed per request, never stored).
LABELS = {
    EARNINGS_GAIN: N_("Earnings gain per quarter"),
    PAYBACK: N_("Payback period"),
    COST_PER_PLACEMENT: N_("Cost per placement"),
    COST_PER_CREDENTIAL: N_("Cost per credential"),
}
DEFINITIONS = {
    EARNINGS_GAIN: N_(
        "Median earnings in the 2nd quarter after exit minus median earnings in the full calendar quarter before "
        "the enrollment quarter, over the same people: exiters with complete follow-up employed in the 2nd quarter "
        "after exit whose earnings then and before enrollment are both recorded. A before-and-after difference "
        "among those employed, not the program's causal effect (there is no comparison group)."
    ),
    PAYBACK: N_(
        "Cost per participant / the quarterly earnings gain: how many quarters of the gain add up to what was "
        "spent on one participant."
    ),
    COST_PER_PLACEMENT: N_(
        "Cost per participant × exiters / placements (completers employed in the 2nd quarter after exit), over the "
        "exiters with complete follow-up."
    ),
    COST_PER_CREDENTIAL: N_(
        "Cost per participant × exiters / credentials attained within a year of exit, over the exiters with "
        "complete follow-up."
    ),
}
UNITS = {EARNINGS_GAIN: "usd", PAYBACK: "quarters", COST_PER_PLACEMENT: "usd", COST_PER_CREDENTIAL: "usd"}
CAVEAT = N_(
    "Return on investment from program records: earnings before enrollment and after exit of the same people, and "
    "costs per participant as recorded. Nothing is shown where an input is missing; the reason says which."
)
# Why a figure is missing, in short (``Measure.missing_kind``): a table cell says the word, the reason the rest.
HIDDEN, NOT_APPLICABLE, NOT_AVAILABLE = "suppressed", "n/a", "not available"
_MISSING_WORDS = {HIDDEN: SUPPRESSED, NOT_APPLICABLE: N_("n/a"), NOT_AVAILABLE: N_("not available")}


@dataclass(frozen=True)
class Measure:
    """One return-on-investment figure: its value (NA when not shown), what it rests on, or why it is missing
    (``missing`` in words, ``missing_kind`` one of ``HIDDEN``, ``NOT_APPLICABLE``, ``NOT_AVAILABLE``)."""

    key: str
    value: float | None
    rests_on: str
    missing: str = ""
    missing_kind: str = ""

    @property
    def label(self) -> str:
        return _(LABELS[self.key])

    @property
    def definition(self) -> str:
        return _(DEFINITIONS[self.key])

    @property
    def unit(self) -> str:
        return UNITS[self.key]

    @property
    def shown(self) -> bool:
        return self.value is not None and not pd.isna(self.value)


@dataclass(frozen=True)
class ReturnOnInvestment:
    """A program's return-on-investment figures, already suppressed."""

    program_id: str
    cost_per_participant_usd: float
    measures: tuple[Measure, ...]
    earnings_after_median_usd: float | None  # over the same people as the gain; None where the gain is not shown
    earnings_before_median_usd: float | None

    def measure(self, key: str) -> Measure:
        return next(m for m in self.measures if m.key == key)


def program_roi(
    con: duckdb.DuckDBPyConnection, reports: dict[str, ProgramReport], costs: dict[str, float], threshold: int
) -> dict[str, ReturnOnInvestment]:
    """Every reported program's return on investment (``reports`` of the same threshold; ``costs``: cost
    per participant by program)."""
    ids = sorted(reports)
    earnings = counts.earnings_before_after(con, ids).set_index("program_id")
    out = {}
    for program_id in ids:
        row = earnings.loc[program_id].to_dict() if program_id in earnings.index else {}
        out[program_id] = _roi(program_id, reports[program_id], float(costs[program_id]), row, threshold)
    return out


def _roi(program_id: str, report: ProgramReport, cost: float, row: dict, threshold: int) -> ReturnOnInvestment:
    gain, after, before = _earnings_gain(report, row, threshold)
    measures = (
        gain,
        _payback(gain, cost),
        _cost_per(report, COST_PER_PLACEMENT, "placed_count"),
        _cost_per(report, COST_PER_CREDENTIAL, "credential_count")
        if report.credential_indicator
        else Measure(
            COST_PER_CREDENTIAL,
            None,
            "",
            _("n/a: on-the-job and customized training are excluded by DOL"),
            NOT_APPLICABLE,
        ),
    )
    return ReturnOnInvestment(program_id, cost, measures, after, before)


def _earnings_gain(report: ProgramReport, row: dict, threshold: int) -> tuple[Measure, float | None, float | None]:
    employed = report.overall.get("employed_q2_count", pd.NA)
    both = int(row.get("both_recorded_count", 0) or 0)
    if not int(row.get("pre_recorded_count", 0) or 0):
        why = _(
            "no pre-enrollment earnings are recorded for this program's exiters (pre_enrollment_quarterly_earnings_usd)"
        )
        kind = NOT_AVAILABLE
    elif pd.isna(employed):
        why = _("suppressed: the program's employment count in the 2nd quarter after exit is suppressed")
        kind = HIDDEN
    elif both < threshold:
        why = _("suppressed: fewer than {threshold} employed exiters have both earnings recorded").format(
            threshold=threshold
        )
        kind = HIDDEN
    else:
        after, before = float(row["earnings_q2_median_usd"]), float(row["pre_enrollment_median_usd"])
        rests_on = _(
            "{people} employed in the 2nd quarter after exit with both earnings recorded (median {after} after "
            "exit, {before} before enrollment)"
        ).format(people=_people(both, int(employed), threshold), after=f"${after:,.0f}", before=f"${before:,.0f}")
        return Measure(EARNINGS_GAIN, after - before, rests_on), after, before
    return Measure(EARNINGS_GAIN, None, "", why, kind), None, None


def _people(both: int, employed: int, threshold: int) -> str:
    """The number of people a median rests on, exact only where it gives back no hidden count."""
    if both == employed or employed - both >= threshold:
        return _("{n:,} exiters").format(n=both)
    return _(
        "at least {threshold} exiters (the exact number is withheld so that no suppressed count can be worked out)"
    ).format(threshold=threshold)


def _payback(gain: Measure, cost: float) -> Measure:
    if not gain.shown:
        return Measure(PAYBACK, None, "", _("needs the earnings gain ({why})").format(why=gain.missing), NOT_AVAILABLE)
    if gain.value <= 0:
        return Measure(
            PAYBACK,
            None,
            gain.rests_on,
            _("no payback: median earnings after exit are not above those before"),
            NOT_AVAILABLE,
        )
    return Measure(
        PAYBACK,
        cost / gain.value,
        _("cost per participant {cost}; the earnings gain over {rests_on}").format(
            cost=f"${cost:,.0f}", rests_on=gain.rests_on
        ),
    )


# What a cost is per, in the sentences of ``_cost_per`` (count column -> message ids).
_COST_WORDS = {
    "placed_count": (
        N_("suppressed: the number of placements is suppressed"),
        N_("no placements recorded yet"),
        N_("{exiters:,} exiters with complete follow-up; {n:,} placements"),
    ),
    "credential_count": (
        N_("suppressed: the number of credentials is suppressed"),
        N_("no credentials recorded yet"),
        N_("{exiters:,} exiters with complete follow-up; {n:,} credentials"),
    ),
}


def _cost_per(report: ProgramReport, key: str, count: str) -> Measure:
    exiters, results = report.overall.get("exiters_count", pd.NA), report.overall.get(count, pd.NA)
    value = report.overall.get(key, pd.NA)
    hidden, none_yet, rests_on = _COST_WORDS[count]
    if pd.isna(exiters):
        return Measure(key, None, "", _("suppressed: fewer exiters with complete follow-up than the threshold"), HIDDEN)
    if pd.isna(results):
        return Measure(key, None, "", _(hidden), HIDDEN)
    if pd.isna(value):
        return Measure(key, None, "", _(none_yet), NOT_AVAILABLE)
    return Measure(key, float(value), _(rests_on).format(exiters=int(exiters), n=int(results)))


def value_words(measure: Measure) -> str:
    """A figure as people read it, or why there is none."""
    if not measure.shown:
        return measure.missing
    if measure.unit == "quarters":
        return _quarters_words(measure.value, short=False)
    sign = "−" if measure.value < 0 else ""
    return f"{sign}${abs(measure.value):,.0f}"


def _quarters_words(quarters: float, short: bool) -> str:
    """ "6.2 quarters (about 1.5 years)"; ``short``: "6.2 quarters"."""
    if short:
        return _("{quarters:.1f} quarters").format(quarters=quarters)
    if quarters < 4:
        return _("{quarters:.1f} quarters (about {months:.0f} months)").format(quarters=quarters, months=quarters * 3)
    return _("{quarters:.1f} quarters (about {years:.1f} years)").format(quarters=quarters, years=quarters / 4)


def short_words(measure: Measure) -> str:
    """The same for a table cell: the value, or a short word for why it is missing."""
    if measure.shown:
        return _quarters_words(measure.value, short=True) if measure.unit == "quarters" else value_words(measure)
    return _(_MISSING_WORDS.get(measure.missing_kind, _MISSING_WORDS[NOT_AVAILABLE]))


def roi_table(roi: ReturnOnInvestment, is_generated_example: bool) -> pd.DataFrame:
    """The program's measures as a table: measure, value (or why not), what it rests on, definition, and
    whether the records are generated example data."""
    return pd.DataFrame(
        {
            _("Measure"): [m.label for m in roi.measures],
            _("Value"): [value_words(m) for m in roi.measures],
            _("Rests on"): [m.rests_on or "—" for m in roi.measures],
            _("Definition"): [m.definition for m in roi.measures],
            _("Data"): [data_label(is_generated_example)] * len(roi.measures),
        }
    )


def summary_columns(rois: dict[str, ReturnOnInvestment], program_ids) -> pd.DataFrame:
    """Earnings gain and payback of each program, in order, for the Program outcomes list."""
    return pd.DataFrame(
        {
            _(LABELS[EARNINGS_GAIN]): [short_words(rois[p].measure(EARNINGS_GAIN)) for p in program_ids],
            _(LABELS[PAYBACK]): [short_words(rois[p].measure(PAYBACK)) for p in program_ids],
        }
    )
