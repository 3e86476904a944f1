"""The full WIOA scorecard of a program: the six primary indicators per program year against the levels of
performance staff entered, scored as the Department of Labor scores them.

The two indicators added here (the other four are the outcome tables of ``lmi.programs.outcomes``):

* **Measurable skill gains** (WIOA sec. 116(b)(2)(A)(i)(V); 20 CFR 677.155(a)(1)(v); TEGL 10-16, Change 2,
  its MSG section): the share of participants who, during a program year, are in an education or training
  program that leads to a credential or employment and achieve a documented gain (an educational
  functioning level, a secondary diploma, a transcript showing satisfactory progress, a training milestone,
  a passed occupational exam). It is not exit-based: a participant counts in every program year in which
  they are in training, exiters included. These records hold one gain per participant, the first
  (``measurable_skill_gain_date``), so a year after the first gain's year is not known and is left out, and
  "no gain" is recorded only once the participant has exited (a gain may still come while enrolled). Every
  program here is training, on-the-job and customized training included (an OJT milestone is a gain).
* **Effectiveness in serving employers** (WIOA sec. 116(b)(2)(A)(i)(VI)). The joint final rule of 23
  February 2024 (89 FR 13814, effective 25 March 2024) defines it as **retention with the same employer**:
  of the exiters employed in the 2nd quarter after exit, the share employed by the same employer (the same
  employer identifier in the wage records) in the 2nd and the 4th quarters. It is counted here on the same
  exit cohorts as the other exit-based indicators. The two other approaches of DOL's pilot (TEGL 10-16,
  Change 1), which states may still report, are shown beside it from the employer services staff record:
  **repeat business customers** = establishments served in the program year that were also served in the
  three program years before it / establishments served in those three years; **employer penetration** =
  establishments served in the program year / establishments in the region (DOL: as the BLS Quarterly
  Census of Employment and Wages counts them, in the last month or quarter of the year). This dashboard's
  reference data holds no establishment counts, so that denominator is entered by staff with its source; a
  year without one shows what is missing instead of a rate. Here they count the establishments one program
  served (DOL counts a state's core programs together).

Scoring (as DOL assesses performance: 20 CFR 677.190(c); TEGL 11-19, Change 1, "Negotiations and
Sanctions Guidance for the WIOA Core Programs", 10 May 2023; DOL's PY 2024 national assessment of state
performance): the **individual indicator score** is the actual level of performance divided by the level
staff entered (the negotiated level, or the adjusted level once DOL's statistical adjustment model has been
applied after the year: DOL scores against the adjusted level). The **overall program score** is the
average of the individual indicator scores of the primary indicators, the effectiveness in serving
employers indicator left out (20 CFR 677.190(c)(1)), over the indicators that have both a published
actual and a level (DOL, too, assesses only the indicators it can). A program year is a **performance
failure** when the overall score is below 90% or any individual indicator score is below 50%; otherwise
it is met. The effectiveness in serving employers indicators are scored one by one and never decide it.

Every actual comes from published (suppressed) tables only: the outcome tables of the program's report,
and the tables built here, each passed through ``lmi.programs.suppression.suppress_breakdown``. The
retention table's people are the outcome cohort's people employed in the 2nd quarter, so its program years
are published only where the outcome table publishes that employment count (the years it hides are
pooled into one group that is never shown), and its All row's count only when every answer is recorded:
nothing the outcome tables hide can be worked out from it. Establishment counts are protected like counts
of people (an employer served is identifiable too).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from lmi.db import query_df
from lmi.i18n import N_, _
from lmi.programs import counts
from lmi.programs.labels import SUPPRESSED
from lmi.programs.outcomes import COHORT_DIMENSION, ProgramReport
from lmi.programs.suppression import (
    TOTAL_LABEL,
    SuppressedBreakdown,
    reason_key,
    suppress_breakdown,
    suppress_counts,
)
from lmi.records import vocab

FAILURE_OVERALL_SCORE = 0.90  # a program year fails when its overall score is below 90% ...
FAILURE_INDIVIDUAL_SCORE = 0.50  # ... or any individual indicator score is below 50%
PRIMARY = tuple(code for code in vocab.SCORED_INDICATORS if code not in vocab.ESE_INDICATORS)
ESE = tuple(code for code in vocab.SCORED_INDICATORS if code in vocab.ESE_INDICATORS)
OTHER_YEARS = "_other"
COUNT_WORDS = {  # what each count of the tables here counts, for the reasons a hidden cell gives (message ids)
    "in_training_count": N_("participants in training in the program year"),
    "skill_gain_count": N_("participants with a measurable skill gain"),
    "employed_q2_count": N_("people employed in the 2nd quarter after exit"),
    "same_employer_count": N_("people employed by the same employer in the 2nd and 4th quarters after exit"),
    "served_before_count": N_("establishments served in the three program years before"),
    "returning_count": N_("establishments served again"),
    "served_count": N_("establishments served"),
}
MET, NOT_MET, NOT_SCORED = "met", "not met", "not scored"  # a year's verdict (a code; worded by scorecard_tables)

# Message ids (shown with ``_()``). SCORING_RULES names the two failure thresholds as written above, which
# ``tests/test_scorecard.py`` checks.
SCORING_RULES = N_(
    "Individual indicator score = actual performance / the level entered for the program year and funding "
    "stream (DOL scores against the adjusted level once it is set after the year). Overall program score = the "
    "average of the individual scores of the primary indicators that have both a published figure and a level; "
    "effectiveness in serving employers is scored on its own and left out of it (20 CFR 677.190(c)(1)). A "
    "program year is **not met** (a performance failure, as DOL assesses it) when the overall score is below "
    "90% or any individual indicator score is below 50%, and **met** otherwise (TEGL 11-19, Change 1; DOL's "
    "national assessment of state performance)."
)
DEFINITIONS = {
    "employed_q2": N_("Exiters employed in the 2nd quarter after the exit quarter / exiters with complete follow-up."),
    "employed_q4": N_("Exiters employed in the 4th quarter after the exit quarter / exiters with complete follow-up."),
    "earnings_q2_median": N_("Median earnings in the 2nd quarter after exit of the exiters employed then."),
    "credential": N_(
        "Exiters with a recognized credential during participation or within a year of exit / exiters (on-the-job "
        "and customized training are excluded by DOL)."
    ),
    "measurable_skill_gains": N_(
        "Participants in training during the program year whose first documented skill gain (training milestone, "
        "passed exam, satisfactory transcript, functioning level gain, diploma) is dated in the year / participants "
        "in training that year whose result for the year is known (not exit-based; a year after the first gain is "
        "not known, as one gain per participant is recorded)."
    ),
    "ese_retention": N_(
        "Exiters employed by the same employer in the 2nd and 4th quarters after exit / exiters employed in the 2nd "
        "quarter (DOL's effectiveness in serving employers indicator since 2024)."
    ),
    "ese_repeat_business": N_(
        "Establishments served in the program year that were also served in the three program years before it / "
        "establishments served in those three years (DOL's pilot approach)."
    ),
    "ese_penetration": N_(
        "Establishments served in the program year / establishments in the program's region, a count staff enter "
        "with its source (the reference data holds none) (DOL's pilot approach)."
    ),
}
YOUTH_NOTE = N_(
    "For WIOA Youth, DOL counts education or training as well as employment in the 2nd and 4th quarters after "
    "exit; these records hold employment only, so the youth employment rates here can read lower than DOL's."
)
COHORT_NOTE = N_(
    "Program years: exit-based indicators count the exiters of the year (PY N = exits 1 July N – 30 June N+1); "
    "measurable skill gains count participants in training during the year; employer services count services "
    "dated in the year."
)
ESTABLISHMENTS_MISSING = N_(
    "no establishment count entered for {region} for PY{year}: the reference data holds none, so staff enter it "
    "with its source (Import program records, “Establishments in a region”)"
)


def _establishments_missing(region: str, year: int) -> str:
    return _(ESTABLISHMENTS_MISSING).format(region=region, year=year)


@dataclass(frozen=True)
class Scorecard:
    """One program's scorecard, already suppressed: published actuals per program year and indicator, the
    levels entered for its funding stream, the individual and overall scores, and the new indicators'
    tables by program year."""

    program_id: str
    funding_stream: str
    is_generated_example: bool
    credential_indicator: bool
    actuals: pd.DataFrame  # program_year, indicator, actual (rate 0-1 or usd; NA when not shown), rests_on_count, why
    levels: pd.DataFrame  # program_year, indicator, level (percent or usd), level_basis, source
    scores: pd.DataFrame  # program_year, indicator, actual, level, score, verdict, in_overall
    years: pd.DataFrame  # program_year, overall_score, verdict, reason
    tables: dict[str, SuppressedBreakdown] = field(default_factory=dict)  # new indicators by program year
    missing: dict[str, str] = field(default_factory=dict)  # indicator -> why it has no table


# ------------------------------------------------------------------------------------------------ reading


def negotiated_levels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every level entered: program year, funding stream, indicator, level, basis, source, generated flag."""
    return query_df(
        con,
        """SELECT program_year, funding_stream, indicator, level, level_basis, source, is_generated_example, import_id
           FROM negotiated_level ORDER BY program_year DESC, funding_stream, indicator""",
    )


def establishment_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every establishment count entered: region, program year, count, source, generated flag."""
    return query_df(
        con,
        """SELECT region_area_code, program_year, establishments_count, source, is_generated_example, import_id
           FROM region_establishment_count ORDER BY region_area_code, program_year DESC""",
    )


def _programs(con, program_ids: list[str]) -> dict[str, dict]:
    frame = query_df(
        con,
        """SELECT program_id, program_type, funding_stream, region_area_code, is_generated_example FROM program
           WHERE list_contains($ids, program_id)""",
        {"ids": program_ids},
    )
    return {r["program_id"]: r for r in frame.to_dict("records")}


# ------------------------------------------------------------------------------------------------ all programs


def program_scorecards(
    con: duckdb.DuckDBPyConnection,
    reports: dict[str, ProgramReport],
    threshold: int,
    area_names: dict[str, str] | None = None,
    employer_indicators: bool = True,
) -> dict[str, Scorecard]:
    """Every reported program's scorecard (``reports``: ``outcomes.program_reports`` of the same threshold).
    Without ``employer_indicators`` the effectiveness in serving employers tables are not made: the overall
    score and met / not met do not depend on them (a list needing only those is cheaper)."""
    ids = sorted(reports)
    programs = _programs(con, ids)
    gains = dict(tuple(counts.skill_gain_counts(con, ids).groupby("program_id")))
    employer = employer_indicators and bool(ids)
    retention = dict(tuple(counts.same_employer_counts(con, ids).groupby("program_id"))) if employer else {}
    served = dict(tuple(counts.establishments_served(con, ids).groupby("program_id"))) if employer else {}
    levels, establishments = negotiated_levels(con), establishment_counts(con)
    names = area_names or {}
    out = {}
    for program_id in ids:
        program, report = programs[program_id], reports[program_id]
        tables, missing = {}, {}
        _put(tables, missing, "measurable_skill_gains", _gain_table(gains.get(program_id), threshold))
        region = names.get(program["region_area_code"], program["region_area_code"])
        counted = establishments[
            (establishments.region_area_code == program["region_area_code"])
            & (establishments.is_generated_example == bool(program["is_generated_example"]))
        ]
        if employer:
            _put(tables, missing, "ese_retention", _retention_table(retention.get(program_id), report, threshold))
            mine = served.get(program_id)
            _put(tables, missing, "ese_repeat_business", _repeat_table(mine, threshold))
            _put(tables, missing, "ese_penetration", _penetration_table(mine, counted, region, threshold))
        out[program_id] = _scorecard(program, report, tables, missing, levels, counted, region)
    return out


def _put(tables: dict, missing: dict, indicator: str, made: SuppressedBreakdown | str) -> None:
    if isinstance(made, str):
        missing[indicator] = made
    else:
        tables[indicator] = made


# ------------------------------------------------------------------------------------------------ the new tables


def _gain_table(frame: pd.DataFrame | None, threshold: int) -> SuppressedBreakdown | str:
    """Measurable skill gains by program year of participation; the All row adds up participant-years."""
    if frame is None or frame.empty:
        return _("no measurable skill gain recorded yet (yes, or no once exited)")
    rows = frame[["group", "in_training_count", "skill_gain_count"]].reset_index(drop=True)
    return suppress_breakdown(rows, "group", "in_training_count", ["skill_gain_count"], threshold, labels=COUNT_WORDS)


def _retention_table(frame: pd.DataFrame | None, report: ProgramReport, threshold: int) -> SuppressedBreakdown | str:
    """Retention with the same employer by exit program year, over the outcome cohort's people employed in
    the 2nd quarter. A year is published only where the outcome table publishes its employment count and
    every answer is known; the other years are pooled into one group that is never shown."""
    if frame is None or frame.empty or not frame.retention_known_count.sum():
        return _("no same-employer answer recorded yet (same_employer_q2_q4)")
    cohort = report.by_cohort.table
    published = dict(zip(cohort["group"].tolist(), cohort["employed_q2_count"].isna().tolist()))
    if pd.isna(report.by_cohort.total.get("employed_q2_count")):
        return _(
            "suppressed: this program's employment count in the 2nd quarter after exit, the denominator of this "
            "indicator, is suppressed"
        )
    pooled: dict[str, list[int]] = {}
    for group, employed, known, same in zip(
        frame.group.tolist(),
        frame.employed_q2_count.tolist(),
        frame.retention_known_count.tolist(),
        frame.same_employer_count.tolist(),
    ):
        shown = published.get(group) is False and known == employed  # False: the count is not NA
        cell = pooled.setdefault(group if shown else OTHER_YEARS, [0, 0])
        cell[0], cell[1] = cell[0] + int(employed), cell[1] + int(same)
    rows = pd.DataFrame(
        [(g, n, k) for g, (n, k) in sorted(pooled.items())],
        columns=["group", "employed_q2_count", "same_employer_count"],
    )
    table = suppress_breakdown(
        rows, "group", "employed_q2_count", ["same_employer_count"], threshold, labels=COUNT_WORDS
    )
    if OTHER_YEARS in pooled:
        table = _drop_group(table, OTHER_YEARS)
    if (frame.retention_known_count < frame.employed_q2_count).any():
        table = _hide_total(
            table, ["same_employer_count", "same_employer_count_rate"], reason_key(N_("some answers not recorded yet"))
        )
    return table


def _repeat_table(frame: pd.DataFrame | None, threshold: int) -> SuppressedBreakdown | str:
    """Repeat business customers by program year (years with no service in the three years before left out)."""
    if frame is None or frame.empty:
        return _("no employer service recorded for this program")
    rows = frame[frame.served_before_count > 0][["group", "served_before_count", "returning_count"]]
    if rows.empty:
        return _("no program year has services in the three program years before it yet")
    return suppress_breakdown(
        rows.reset_index(drop=True),
        "group",
        "served_before_count",
        ["returning_count"],
        threshold,
        include_total=False,
        labels=COUNT_WORDS,
    )


def _penetration_table(
    frame: pd.DataFrame | None, counted: pd.DataFrame, region: str, threshold: int
) -> SuppressedBreakdown | str:
    """Establishments served per program year (suppressed like counts of people) over the count entered."""
    if frame is None or frame.empty:
        return _("no employer service recorded for this program")
    years = {str(y): int(n) for y, n in zip(counted.program_year, counted.establishments_count)}
    rows = frame[frame.group.isin(list(years))]
    if rows.empty:
        latest = int(frame.group.astype(int).max())
        return _establishments_missing(region, latest)
    served = suppress_counts(
        rows[["group", "served_count"]].reset_index(drop=True), threshold, include_total=False, labels=COUNT_WORDS
    )
    table = served.table.assign(establishments_count=[years[g] for g in served.table.group])
    table["served_count_rate"] = pd.array(
        [pd.NA if pd.isna(s) or s > n else s / n for s, n in zip(table.served_count, table.establishments_count)],
        dtype="Float64",
    )
    keys = served.reason_keys.assign(establishments_count="", served_count_rate=served.reason_keys.served_count)
    hidden = served.hidden.assign(establishments_count=False, served_count_rate=served.hidden.served_count)
    return replace(served, table=table, reason_keys=keys, hidden=hidden)


def _drop_group(result: SuppressedBreakdown, group: str) -> SuppressedBreakdown:
    keep = result.table.group != group
    return replace(
        result,
        table=result.table[keep].reset_index(drop=True),
        hidden=result.hidden[keep].reset_index(drop=True),
        reason_keys=result.reason_keys[keep].reset_index(drop=True),
    )


def _hide_total(result: SuppressedBreakdown, columns: list[str], reason: str) -> SuppressedBreakdown:
    """The All row's ``columns`` hidden, with ``reason`` (a ``suppression.reason_key``)."""
    table, hidden, reasons = result.table.copy(), result.hidden.copy(), result.reason_keys.copy()
    last = table.index[table.group == TOTAL_LABEL]
    for column in columns:
        table.loc[last, column] = pd.NA
        hidden.loc[last, column] = True
        reasons.loc[last, column] = reason
    return replace(
        result,
        table=table,
        hidden=hidden,
        reason_keys=reasons,
        total={**result.total, **dict.fromkeys(columns, pd.NA)},
    )


# ------------------------------------------------------------------------------------------------ actuals, scores


_FROM_COHORT = {  # indicator -> its rate column in the cohort table (denominator: exiters_count)
    "employed_q2": "employed_q2_count_rate",
    "employed_q4": "employed_q4_count_rate",
    "credential": "credential_count_rate",
}
_COHORT_COLUMNS = (*_FROM_COHORT.values(), "exiters_count", "employed_q2_count")
_FROM_TABLES = {  # indicator -> (rate column, denominator column) of the tables built here
    "measurable_skill_gains": ("skill_gain_count_rate", "in_training_count"),
    "ese_retention": ("same_employer_count_rate", "employed_q2_count"),
    "ese_repeat_business": ("returning_count_rate", "served_before_count"),
    "ese_penetration": ("served_count_rate", "establishments_count"),
}


def _actuals(report: ProgramReport, tables: dict, credential_indicator: bool) -> list[dict]:
    """One row per program year and indicator: the published figure (NA with why when there is none)."""
    rows = []
    cohort = report.by_cohort.table
    medians = report.medians.get(COHORT_DIMENSION)
    earnings = (
        {} if medians is None else dict(zip(medians["group"].tolist(), medians["earnings_q2_median_usd"].tolist()))
    )
    columns = {c: cohort[c].tolist() if c in cohort else [pd.NA] * len(cohort) for c in _COHORT_COLUMNS}
    for i, group in enumerate(cohort["group"].tolist()):
        if group == TOTAL_LABEL:
            continue
        year, rests_on = int(group), columns["exiters_count"][i]
        for indicator, column in _FROM_COHORT.items():
            if indicator == "credential" and not credential_indicator:
                rows.append(
                    _row(year, indicator, None, None, _("n/a: on-the-job and customized training are excluded"))
                )
            else:
                rows.append(_row(year, indicator, columns[column][i], rests_on))
        rows.append(_row(year, "earnings_q2_median", earnings.get(group, pd.NA), columns["employed_q2_count"][i]))
    for indicator, (column, denominator) in _FROM_TABLES.items():
        table = tables.get(indicator)
        if table is None:
            continue
        frame = table.table
        for group, value, rests_on in zip(frame["group"].tolist(), frame[column].tolist(), frame[denominator].tolist()):
            if group != TOTAL_LABEL:
                rows.append(_row(int(group), indicator, value, rests_on))
    return rows


def _row(year: int, indicator: str, actual, rests_on, why: str = "") -> dict:
    missing = actual is None or pd.isna(actual)
    return {
        "program_year": year,
        "indicator": indicator,
        "actual": _NAN if missing else float(actual),
        "rests_on_count": _NAN if rests_on is None or pd.isna(rests_on) else int(rests_on),
        "why": why or (_(SUPPRESSED) if missing else ""),
    }


_NAN = float("nan")


_ORDER = {code: i for i, code in enumerate(vocab.SCORED_INDICATORS)}


def _frame(rows: list[dict], columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    rows = sorted(rows, key=lambda r: (r["program_year"], _ORDER[r["indicator"]]))
    frame = pd.DataFrame(rows, columns=columns)
    for column, dtype in dtypes.items():  # NA travels as NaN in the rows (fast), then becomes pd.NA here
        frame[column] = frame[column].astype("float64").astype(dtype)
    return frame


_ACTUAL_COLUMNS = ["program_year", "indicator", "actual", "rests_on_count", "why"]
_SCORE_COLUMNS = [
    "program_year",
    "indicator",
    "actual",
    "level",
    "level_basis",
    "source",
    "score",
    "verdict",
    "in_overall",
]


def _scorecard(program, report, tables, missing, levels, counted, region) -> Scorecard:
    credential = program["program_type"] not in vocab.CREDENTIAL_EXCLUDED_TYPES
    rows = _actuals(report, tables, credential)
    if "ese_penetration" in tables:
        entered = set(int(y) for y in counted.program_year.tolist())
        for year in sorted({r["program_year"] for r in rows} - entered):
            rows.append(_row(year, "ese_penetration", None, None, _establishments_missing(region, year)))
    mine = levels[
        (levels.funding_stream == program["funding_stream"])
        & (levels.is_generated_example == bool(program["is_generated_example"]))
    ]
    level_rows = mine[["program_year", "indicator", "level", "level_basis", "source"]].to_dict("records")
    scored = score(rows, level_rows)
    return Scorecard(
        program["program_id"],
        program["funding_stream"],
        bool(program["is_generated_example"]),
        credential,
        _frame(rows, _ACTUAL_COLUMNS, {"actual": "Float64", "rests_on_count": "Int64"}),
        pd.DataFrame(level_rows, columns=["program_year", "indicator", "level", "level_basis", "source"]),
        _frame(scored, _SCORE_COLUMNS, {"actual": "Float64", "score": "Float64"}),
        overall(scored),
        tables,
        missing,
    )


def score(actuals: list[dict], levels: list[dict]) -> list[dict]:
    """Individual indicator scores: each published actual against the level entered for its program year
    and indicator (rates: the actual share / (level percent / 100); median earnings: dollars / dollars)."""
    by_key = {(int(lv["program_year"]), lv["indicator"]): lv for lv in levels}
    out = []
    for row in actuals:
        level = by_key.get((row["program_year"], row["indicator"]))
        if level is None or row["actual"] != row["actual"]:  # NaN: not published
            continue
        rate = vocab.SCORED_INDICATORS[row["indicator"]][1] == vocab.RATE_UNIT
        value = row["actual"] / (level["level"] / 100 if rate else level["level"])
        out.append(
            {
                **{k: row[k] for k in ("program_year", "indicator", "actual")},
                **{k: level[k] for k in ("level", "level_basis", "source")},
                "score": value,
                "verdict": individual_verdict(value),
                "in_overall": row["indicator"] not in vocab.ESE_INDICATORS,
            }
        )
    return out


def individual_verdict(value: float) -> str:
    """How one individual indicator score reads, in the current language."""
    if value >= 1:
        return _("at or above the level")
    if value >= FAILURE_INDIVIDUAL_SCORE:
        return _("below the level")
    return _("below {share:.0%} of the level: a performance failure").format(share=FAILURE_INDIVIDUAL_SCORE)


def overall(scores: list[dict]) -> pd.DataFrame:
    """Per program year with at least one scored primary indicator: the overall program score (average of
    the primary indicators' individual scores) and whether the year is met or not met (``MET``, ``NOT_MET``),
    with the reason in the current language."""
    years: dict[int, list[dict]] = {}
    for row in scores:
        if row["in_overall"]:
            years.setdefault(row["program_year"], []).append(row)
    rows = []
    for year, part in sorted(years.items()):
        mean = sum(r["score"] for r in part) / len(part)
        failed = [_(vocab.SCORED_INDICATORS[r["indicator"]][0]) for r in part if r["score"] < FAILURE_INDIVIDUAL_SCORE]
        reasons = []
        if mean < FAILURE_OVERALL_SCORE:
            reasons.append(
                _("overall score {score:.1%} is below {minimum:.0%}").format(score=mean, minimum=FAILURE_OVERALL_SCORE)
            )
        if failed:
            reasons.append(
                _("below {share:.0%} of the level: {indicators}").format(
                    share=FAILURE_INDIVIDUAL_SCORE, indicators=", ".join(failed)
                )
            )
        rows.append(
            {
                "program_year": year,
                "overall_score": mean,
                "indicators_scored_count": len(part),
                "verdict": NOT_MET if reasons else MET,
                "reason": "; ".join(reasons)
                or _(
                    "overall score {score:.1%} (at least {minimum:.0%}) and no indicator below {share:.0%} of its level"
                ).format(score=mean, minimum=FAILURE_OVERALL_SCORE, share=FAILURE_INDIVIDUAL_SCORE),
            }
        )
    return pd.DataFrame(rows, columns=["program_year", "overall_score", "indicators_scored_count", "verdict", "reason"])
