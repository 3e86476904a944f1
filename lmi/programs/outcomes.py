"""Program outcomes: the WIOA primary indicators and program measures, by program, provider, program
type, funding stream, exit cohort and participant group, with small-cell suppression enforced here so
that no page can show a cell the rules hide.

Definitions implemented (WIOA sec. 116(b)(2)(A); DOL TEGL 10-16, Change 2 and its successors):

* **Exit-based cohorts.** Indicators are about *exiters*: participants whose participation ended
  (``exit_date``). A row's cohort is the exiters whose follow-up is complete in the records: completion,
  employment in the 2nd and the 4th quarter after the exit quarter and, where the program has a
  credential indicator, the credential answer are all recorded. Every indicator of a row is computed
  on these same people, which is what lets suppression protect them together (one denominator per
  table). DOL's annual reports use a different exit window for each indicator so that each can be
  reported as early as possible; the definition of each indicator is the same. Where DOL counts an
  exiter without a wage-record match as not employed, this dashboard waits for staff to record the
  answer ("no" when no employment was found): a blank means follow-up is not done yet, and the person
  is counted among those awaiting follow-up, not in the cohort.
* **Exit cohort = WIOA program year of exit**: PY N runs from 1 July N to 30 June N+1. Program years
  (not quarters) because quarter cells are mostly too small to show, and quarters nested in years
  would let hidden quarters be worked out from a shown year.
* **Employment rate, 2nd quarter after exit**: exiters in unsubsidized employment during the 2nd
  quarter after the exit quarter / exiters in the cohort.
* **Employment rate, 4th quarter after exit**: the same for the 4th quarter after the exit quarter.
* **Median earnings, 2nd quarter after exit**: median of 2nd-quarter earnings of the exiters employed
  in that quarter with earnings recorded (DOL leaves out those employed without wage data).
* **Credential attainment**: exiters who attained a recognized postsecondary credential (or secondary
  diploma) during participation or within one year after exit (credential date <= exit date + 1 year)
  / exiters. On-the-job training and customized (employer-based) training programs are excluded from
  the denominator, as DOL excludes their participants: such programs have no credential indicator and
  add nothing to an aggregate's credential rate.
  (DOL also excludes participants in neither education nor training; every program here is training.)
* **Program measures** (not WIOA indicators): enrollment = participants recorded; completion rate =
  completers / exiters; placement = a completer employed in the 2nd quarter after exit, placement rate
  = placements / exiters (the share of participants placed, as in the reference figures);
  training-related placement rate = placements in a job related to the training / placements; cost per
  placement = cost per participant x exiters / placements; cost per credential = cost per participant x
  exiters / credentials (both over the same cohort, so cost and result cover the same people).
* **Reference lines** for placement: 37% (conventional retraining) and 89.3% (employer-partnered co-op
  programs), the comparison the workforce board asked for; they are figures quoted by the board, not
  computed from these records (``CONVENTIONAL_PLACEMENT_RATE``, ``COOP_PLACEMENT_RATE``; every text that
  names them is a whole sentence for translators, checked by the tests to say these two constants).

Suppression (``lmi.programs.suppression``, threshold ``threshold``, default fewer than 10 people): every count of
a group, of a cohort and of a program passes through ``suppress_breakdown`` with its table's total, and
the functions here return only what it lets through (NA where hidden, with the reason in plain words,
``COUNT_WORDS``). A program's overall figures (its cohort as one group: the primary rules) are published
whenever they are not small cells, and are the All row of every one of its tables: each table is
suppressed with its total published (``total_published``), so small cells are protected by hiding the
fewest other group cells, and a whole column only where nothing less protects them.
Rates, placement rates and costs are computed only from shown counts. Aggregates across programs (by
provider, type, funding stream, exit year) add up only published program cells, so they reveal nothing
the published cells do not; the number of programs left out is shown instead. Participant-level rows
never leave this package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from lmi.db import query_rows
from lmi.i18n import N_, _
from lmi.programs import counts
from lmi.programs.suppression import DEFAULT_THRESHOLD, SuppressedBreakdown, suppress_breakdown
from lmi.records import queries, vocab

DENOMINATOR = counts.DENOMINATOR
NUMERATORS = counts.NUMERATORS
GROUP = counts.GROUP
MIN_THRESHOLD = 5
THRESHOLD_ENV = "LMI_SMALL_CELL_THRESHOLD"
COHORT_DIMENSION = "exit_program_year"
EQUITY_DIMENSIONS = tuple(vocab.DIMENSIONS)
CONVENTIONAL_PLACEMENT_RATE = 0.37  # share of participants placed by conventional retraining (quoted, about)
COOP_PLACEMENT_RATE = 0.893  # share placed by employer-partnered co-op programs (quoted)


def percent_words(rate: float) -> str:
    """A reference rate as people quote it: 0.37 -> "37%", 0.893 -> "89.3%"."""
    return f"{round(100 * rate, 1):g}%"


# The texts that name the two reference rates write them out (a message is one sentence a translator sees
# whole); ``tests/test_outcomes.py`` checks that each says ``percent_words`` of these two constants.
REFERENCE_PLACEMENT_RATES = (
    (CONVENTIONAL_PLACEMENT_RATE, N_("Conventional retraining (about 37%)")),
    (COOP_PLACEMENT_RATE, N_("Employer-partnered co-op programs (89.3%)")),
)
REFERENCE_NOTE = N_(
    "Reference lines: about 37% of participants placed by conventional retraining and 89.3% by "
    "employer-partnered co-op programs, the comparison figures quoted by the workforce board; they are not "
    "computed from these records."
)
REFERENCE_LINES_DRAWN = N_("dashed lines: the 37% and 89.3% placement references")
PLACEMENT_DEFINITIONS = N_(
    "Placement rate = completers employed in the 2nd quarter after exit / exiters; training-related share = "
    "training-related placements / placements."
)
AGGREGATE_NOTE = N_(
    "Totals add up only the figures published for each program (a program's suppressed figures are left out, and "
    "the rates are over the programs whose figures are shown), so they reveal nothing the program rows do not."
)


def against_conventional(placement_rate) -> str | None:
    """A program's placement rate against the conventional reference ("+18.0 points vs 37%"); None when the
    rate is suppressed."""
    if placement_rate is None or pd.isna(placement_rate):
        return None
    points = 100 * (float(placement_rate) - CONVENTIONAL_PLACEMENT_RATE)
    return _("{points:+.1f} points vs {reference}").format(
        points=points, reference=percent_words(CONVENTIONAL_PLACEMENT_RATE)
    )


COUNT_WORDS = {  # what each count column counts, for the reasons a hidden cell gives (no column names)
    "exiters_count": N_("people who exited"),
    "completed_count": N_("people who completed the program"),
    "credential_count": N_("people who earned a credential"),
    "employed_q2_count": N_("people employed in the 2nd quarter after exit"),
    "employed_q4_count": N_("people employed in the 4th quarter after exit"),
    "placed_count": N_("people placed (completed and employed in the 2nd quarter after exit)"),
    "training_related_count": N_("people placed in a job related to the training"),
}

INDICATOR_LABELS = {  # message ids: ``indicator_label`` gives them in the current language
    "exiters_count": N_("Exiters with complete follow-up"),
    "completed_count": N_("Completed"),
    "completed_count_rate": N_("Completion rate"),
    "credential_count": N_("Credential within 1 year of exit"),
    "credential_count_rate": N_("Credential attainment rate (WIOA)"),
    "employed_q2_count": N_("Employed 2nd quarter after exit"),
    "employed_q2_count_rate": N_("Employment rate, 2nd quarter after exit (WIOA)"),
    "employed_q4_count": N_("Employed 4th quarter after exit"),
    "employed_q4_count_rate": N_("Employment rate, 4th quarter after exit (WIOA)"),
    "earnings_q2_median_usd": N_("Median earnings, 2nd quarter after exit (WIOA)"),
    "placed_count": N_("Placements (completers employed 2nd quarter)"),
    "placement_rate": N_("Placement rate (of exiters)"),
    "training_related_count": N_("Training-related placements"),
    "training_related_rate": N_("Training-related share of placements"),
    "cost_per_placement_usd": N_("Cost per placement"),
    "cost_per_credential_usd": N_("Cost per credential"),
    "enrolled_count": N_("Participants enrolled"),
}


def indicator_label(column: str) -> str:
    """The words of an indicator or measure column, in the current language (the column id when unknown)."""
    return _(INDICATOR_LABELS[column]) if column in INDICATOR_LABELS else column


def threshold_from_env(default: int = DEFAULT_THRESHOLD) -> int:
    """The configured small-cell threshold (``LMI_SMALL_CELL_THRESHOLD``; default fewer than 10 people).
    Values below ``MIN_THRESHOLD`` are refused: a public dashboard must not switch protection off."""
    text = os.environ.get(THRESHOLD_ENV, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < MIN_THRESHOLD:
        raise ValueError(
            _("{setting}={value}: the small-cell threshold must be a whole number >= {minimum}").format(
                setting=THRESHOLD_ENV, value=repr(text), minimum=MIN_THRESHOLD
            )
        )
    return int(text)


@dataclass(frozen=True)
class ProgramReport:
    """Everything public about one program's outcomes, already suppressed."""

    program_id: str
    credential_indicator: bool  # False for OJT and customized training (excluded by DOL)
    overall: dict  # the All row shared by every table (NA where hidden) + derived measures
    breakdowns: dict[str, SuppressedBreakdown]  # equity dimension -> table
    by_cohort: SuppressedBreakdown  # exit program year -> table
    threshold: int
    medians: dict[str, pd.DataFrame] = field(default_factory=dict)  # dimension -> group, median (NA where hidden)

    def equity_table(self, dimension: str) -> pd.DataFrame:
        """One equity dimension as shown: suppressed counts and rates, placement rates from shown cells,
        and each group's median Q2 earnings; the All row carries the program's overall median."""
        frame = with_placement_rates(self.breakdowns[dimension]).merge(self.medians[dimension], on="group", how="left")
        frame.loc[frame.index[-1], "earnings_q2_median_usd"] = self.overall.get("earnings_q2_median_usd")
        return frame


# ------------------------------------------------------------------------------------------------ one program


def program_reports(
    con: duckdb.DuckDBPyConnection, threshold: int = DEFAULT_THRESHOLD, program_ids: list[str] | None = None
) -> dict[str, ProgramReport]:
    """Every (or the given) program's outcome tables, each program's tables suppressed together so
    their shared totals agree. Counts are read with one query per table for all programs."""
    programs = _program_rows(con, program_ids)
    ids = list(programs)
    dims = (*EQUITY_DIMENSIONS, COHORT_DIMENSION)
    counted = {dim: dict(tuple(counts.group_counts(con, ids, dim).groupby("program_id", sort=False))) for dim in dims}
    earned = {dim: _earnings_by_group(counts.cohort_earnings(con, ids, dim)) for dim in dims}
    earned["_overall"] = _earnings_by_group(counts.cohort_earnings(con, ids))
    return {
        program_id: _report(program_id, program, counted, earned, threshold) for program_id, program in programs.items()
    }


def _report(program_id: str, program: dict, counted: dict, earned: dict, threshold: int) -> ProgramReport:
    """One program's tables from the counts read for all programs: suppressed, then harmonised on
    the program's overall figures, with medians and the measures derived from shown counts."""
    numerators = _numerators(program["program_type"])
    columns = [GROUP, DENOMINATOR, *numerators]
    empty = pd.DataFrame({c: [] for c in columns})
    frames = {
        dim: by_program.get(program_id, empty)[columns].reset_index(drop=True) for dim, by_program in counted.items()
    }
    tables = {
        dim: suppress_breakdown(
            frame, GROUP, DENOMINATOR, numerators, threshold, total_published=True, labels=COUNT_WORDS
        )
        for dim, frame in frames.items()
    }
    overall = dict(_program_total(frames[EQUITY_DIMENSIONS[0]], numerators, threshold))
    medians = _medians(program_id, tables, earned, threshold)
    overall["earnings_q2_median_usd"] = medians.pop("_overall")
    overall.update(_derived(overall, program["cost_per_participant_usd"]))
    by_cohort = tables.pop(COHORT_DIMENSION)
    return ProgramReport(
        program_id,
        program["program_type"] not in vocab.CREDENTIAL_EXCLUDED_TYPES,
        overall,
        tables,
        by_cohort,
        threshold,
        medians,
    )


def program_report(
    con: duckdb.DuckDBPyConnection, program_id: str, threshold: int = DEFAULT_THRESHOLD
) -> ProgramReport:
    """One program's outcome tables (see ``program_reports``)."""
    reports = program_reports(con, threshold, [program_id])
    if program_id not in reports:
        raise LookupError(f"no program {program_id!r} in the records")
    return reports[program_id]


def equity_breakdown(
    con: duckdb.DuckDBPyConnection, program_id: str, dimension: str, threshold: int = DEFAULT_THRESHOLD
) -> SuppressedBreakdown:
    """The public breakdown of one program by one participant group: a ``SuppressedBreakdown`` only."""
    if dimension not in EQUITY_DIMENSIONS:
        raise ValueError(f"unknown group {dimension!r}; choose one of {', '.join(EQUITY_DIMENSIONS)}")
    return program_report(con, program_id, threshold).breakdowns[dimension]


def _numerators(program_type: str) -> list[str]:
    if program_type in vocab.CREDENTIAL_EXCLUDED_TYPES:
        return [n for n in NUMERATORS if n != "credential_count"]
    return list(NUMERATORS)


def _program_rows(con, program_ids: list[str] | None) -> dict[str, dict]:
    rows = query_rows(
        con,
        """SELECT program_id, program_type, cost_per_participant_usd FROM program
           WHERE $ids IS NULL OR list_contains($ids, program_id) ORDER BY program_id""",
        {"ids": program_ids},
    )
    return {r[0]: {"program_type": r[1], "cost_per_participant_usd": r[2]} for r in rows}


def _program_total(frame: pd.DataFrame, numerators: list[str], threshold: int) -> dict:
    """The program's overall figures: its cohort as one group, so only the primary rules apply (a total
    is shown when it and each outcome count at least ``threshold`` and an outcome is not everyone's); each
    table's All row is the same, since every table is suppressed with its total published."""
    one = frame[[DENOMINATOR, *numerators]].sum().to_frame().T.assign(**{GROUP: "program"})
    return suppress_breakdown(
        one[[GROUP, DENOMINATOR, *numerators]].astype({c: "int64" for c in [DENOMINATOR, *numerators]}),
        GROUP,
        DENOMINATOR,
        numerators,
        threshold,
    ).total


def _earnings_by_group(frame: pd.DataFrame) -> dict[tuple, tuple[int, float]]:
    """(program, group) -> (earners, median earnings), for looking up one cell at a time."""
    return {
        (program_id, group): (int(n), float(median))
        for program_id, group, n, median in zip(
            frame.program_id, frame[GROUP], frame.earnings_q2_count, frame.earnings_q2_median_usd
        )
    }


def _medians(program_id: str, tables: dict[str, SuppressedBreakdown], earned: dict[str, dict], threshold: int) -> dict:
    """Median 2nd-quarter earnings per group, shown only where the group's employed count is shown and
    at least ``threshold`` of them have earnings recorded (a median of a few people is about them)."""
    overall = tables[EQUITY_DIMENSIONS[0]].total.get("employed_q2_count")
    out = {"_overall": _median_if_publishable(earned["_overall"].get((program_id, "All")), overall, threshold)}
    for dimension, table in tables.items():
        rows = list(table.table[GROUP].iloc[:-1])
        employed = list(table.table["employed_q2_count"].iloc[:-1])
        out[dimension] = pd.DataFrame(
            {
                GROUP: rows,
                "earnings_q2_median_usd": pd.array(
                    [
                        _median_if_publishable(earned[dimension].get((program_id, g)), shown, threshold)
                        for g, shown in zip(rows, employed)
                    ],
                    dtype="Float64",
                ),
            }
        )
    return out


def _median_if_publishable(earners: tuple[int, float] | None, employed_shown, threshold: int):
    """The median, where the employed count it belongs to is shown and enough people have earnings."""
    if pd.isna(employed_shown) or earners is None or earners[0] < threshold:
        return pd.NA
    return earners[1]


def _ratio(numerator, denominator):
    if pd.isna(numerator) or pd.isna(denominator) or not denominator:
        return pd.NA
    return numerator / denominator


def _derived(values: dict, cost_per_participant_usd) -> dict:
    """Measures computed from shown counts only (so they reveal nothing the counts do not)."""
    exiters, placed, credentials = (values.get(k, pd.NA) for k in (DENOMINATOR, "placed_count", "credential_count"))
    cost = pd.NA if pd.isna(exiters) or cost_per_participant_usd is None else cost_per_participant_usd * exiters
    return {
        "placement_rate": values.get("placed_count_rate", pd.NA),
        "training_related_rate": _ratio(values.get("training_related_count", pd.NA), placed),
        "cost_per_placement_usd": _ratio(cost, placed),
        "cost_per_credential_usd": _ratio(cost, credentials),
    }


def with_placement_rates(result: SuppressedBreakdown) -> pd.DataFrame:
    """A breakdown's table plus the placement rate (placements / exiters) and the training-related
    placement rate (training-related placements / placements) per row, from its shown cells only."""
    frame = result.table.copy()
    frame["placement_rate"] = frame["placed_count_rate"]
    frame["training_related_rate"] = pd.array(
        [_ratio(t, p) for t, p in zip(frame["training_related_count"], frame["placed_count"])], dtype="Float64"
    )
    return frame


# ------------------------------------------------------------------------------------------------ many programs


def program_summaries(
    con: duckdb.DuckDBPyConnection, threshold: int = DEFAULT_THRESHOLD, reports: dict[str, ProgramReport] | None = None
) -> pd.DataFrame:
    """One row per stored program: its facts and its overall figures as published (NA where hidden),
    the same numbers its own page shows."""
    programs = queries.programs(con)
    enrolled = counts.enrolled_counts(con).set_index("program_id")
    reports = reports if reports is not None else program_reports(con, threshold)
    rows = []
    for program in programs.to_dict("records"):
        report = reports[program["program_id"]]
        row = {**program, **{k: report.overall.get(k, pd.NA) for k in _SUMMARY_COLUMNS}}
        n = int(enrolled.enrolled_count.get(program["program_id"], 0))
        row["enrolled_count"] = n if n >= threshold else pd.NA
        row["credential_indicator"] = report.credential_indicator
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*programs.columns, *_SUMMARY_COLUMNS, "enrolled_count", "credential_indicator"])
    for column in (*_COUNT_COLUMNS, "enrolled_count"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    for column in _SUMMARY_COLUMNS:
        if column not in _COUNT_COLUMNS:
            frame[column] = pd.array(frame[column], dtype="Float64")
    return frame


_COUNT_COLUMNS = (DENOMINATOR, *NUMERATORS)
_SUMMARY_COLUMNS = (
    *_COUNT_COLUMNS,
    *(f"{n}_rate" for n in NUMERATORS),
    "earnings_q2_median_usd",
    "placement_rate",
    "training_related_rate",
    "cost_per_placement_usd",
    "cost_per_credential_usd",
)


AGGREGATE_BY = {
    "provider": "provider_name",
    "program_type": "program_type",
    "funding_stream": "funding_stream",
    "exit_program_year": "exit_program_year",
}
AGGREGATE_LABELS = {  # message ids: ``aggregate_label``
    "provider": N_("Provider"),
    "program_type": N_("Program type"),
    "funding_stream": N_("Funding stream"),
    "exit_program_year": N_("Exit program year"),
}


def aggregate_label(by: str) -> str:
    """The words of what totals are added up by ("Funding stream"), in the current language."""
    return _(AGGREGATE_LABELS[by])


def aggregate_outcomes(
    con: duckdb.DuckDBPyConnection,
    by: str,
    threshold: int = DEFAULT_THRESHOLD,
    program_ids: list[str] | None = None,
    reports: dict[str, ProgramReport] | None = None,
) -> pd.DataFrame:
    """Outcomes of several programs added up by provider, program type, funding stream or exit
    program year, from published program cells only (see the module docstring)."""
    if by not in AGGREGATE_BY:
        raise ValueError(f"cannot aggregate by {by!r}; choose one of {', '.join(AGGREGATE_BY)}")
    reports = reports if reports is not None else program_reports(con, threshold)
    summaries = program_summaries(con, threshold, reports)
    if program_ids is not None:
        summaries = summaries[summaries.program_id.isin(program_ids)]
    cells = _cohort_cells(summaries, reports) if by == COHORT_DIMENSION else summaries
    key = AGGREGATE_BY[by]
    groups = list(cells.groupby(key, sort=True))
    pooled = counts.pooled_median_earnings_by_set(
        con, {i: list(part.program_id[part.earnings_q2_median_usd.notna()]) for i, (_value, part) in enumerate(groups)}
    )
    return pd.DataFrame(
        [{key: value, **_add_up(part, threshold, pooled.get(i))} for i, (value, part) in enumerate(groups)]
    )


def _cohort_cells(summaries: pd.DataFrame, reports: dict[str, ProgramReport]) -> pd.DataFrame:
    """One row per (program, exit program year) cell as its program's cohort table publishes it."""
    rows = []
    for program in summaries.to_dict("records"):
        table = reports[program["program_id"]].by_cohort.table
        for record in table.iloc[:-1].to_dict("records"):
            rows.append(
                {
                    "program_id": program["program_id"],
                    "exit_program_year": record[GROUP],
                    "cost_per_participant_usd": program["cost_per_participant_usd"],
                    "credential_indicator": program["credential_indicator"],
                    "earnings_q2_median_usd": pd.NA,
                    **{c: record.get(c, pd.NA) for c in _COUNT_COLUMNS},
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "program_id",
            "exit_program_year",
            "cost_per_participant_usd",
            "credential_indicator",
            "earnings_q2_median_usd",
            *_COUNT_COLUMNS,
        ],
    )


def _add_up(part: pd.DataFrame, threshold: int, pooled: tuple[int, float | None] | None) -> dict:
    """Sums over the published cells of ``part``; each rate over the programs where both of its counts
    are published; the median over the programs whose median is published (``pooled``: their earners
    and pooled median, None when there are none). Plain Python over the few rows: far faster than
    selecting from small frames column by column."""
    cells = part.to_dict("records")
    shown = [c for c in cells if not pd.isna(c[DENOMINATOR])]
    out = {"programs_count": len(cells), "programs_published_count": len(shown)}
    out[DENOMINATOR] = sum(int(c[DENOMINATOR]) for c in shown)
    for numerator in NUMERATORS:
        rows = [c for c in shown if not pd.isna(c[numerator])]
        if numerator == "credential_count":
            rows = [c for c in rows if bool(c["credential_indicator"])]
        reached = sum(int(c[numerator]) for c in rows)
        out[numerator] = reached if rows else pd.NA
        out[f"{numerator}_rate"] = _ratio(reached, sum(int(c[DENOMINATOR]) for c in rows)) if rows else pd.NA
    out["placement_rate"] = out["placed_count_rate"]
    related = [c for c in cells if not pd.isna(c["training_related_count"]) and not pd.isna(c["placed_count"])]
    out["training_related_rate"] = (
        _ratio(sum(int(c["training_related_count"]) for c in related), sum(int(c["placed_count"]) for c in related))
        if related
        else pd.NA
    )
    placed = [c for c in shown if not pd.isna(c["placed_count"])]
    cost = sum(float(c["cost_per_participant_usd"]) * float(c[DENOMINATOR]) for c in placed)
    out["cost_per_placement_usd"] = _ratio(cost, sum(int(c["placed_count"]) for c in placed)) if placed else pd.NA
    n, median = pooled if pooled is not None else (0, None)
    out["earnings_q2_median_usd"] = median if n >= threshold and median is not None else pd.NA
    return out
