"""The scorecard as people read it (and CSV files carry it): a program year's indicators against their
levels, the years' overall scores, the new indicators by program year, the levels and establishment counts
staff entered, and the one-line summary of the Program outcomes list. Every figure is already published
(``lmi.programs.scorecard``); these functions put words on values: a hidden figure reads "suppressed", a
figure that cannot be computed says which input is missing, generated example data is labelled.
"""

from __future__ import annotations

import pandas as pd

from lmi.programs.labels import GENERATED_LABEL, RATE, SUPPRESSED, USD, data_label, format_value, funding_label
from lmi.programs.scorecard import COHORT_NOTE, ESE, PRIMARY, YOUTH_NOTE, Scorecard
from lmi.programs.suppression import TOTAL_LABEL
from lmi.records import vocab

NO_LEVEL = "no level entered"
TOTAL_WORDS = {  # what the All row of a new indicator's table adds up
    "measurable_skill_gains": "All years (a participant counts once in each year in training)",
    "ese_retention": "All exit years",
}
NEW_INDICATORS = {  # indicator -> (rate column, denominator column, what the denominator counts)
    "measurable_skill_gains": ("skill_gain_count_rate", "in_training_count", "participants in training"),
    "ese_retention": ("same_employer_count_rate", "employed_q2_count", "exiters employed in the 2nd quarter"),
    "ese_repeat_business": (
        "returning_count_rate",
        "served_before_count",
        "establishments served in the 3 years before",
    ),
    "ese_penetration": ("served_count_rate", "establishments_count", "establishments in the region (entered)"),
}


def label(indicator: str) -> str:
    return vocab.SCORED_INDICATORS[indicator][0]


def _unit(indicator: str) -> str:
    return USD if vocab.SCORED_INDICATORS[indicator][1] == vocab.USD_UNIT else RATE


def actual_words(indicator: str, value, why: str = "") -> str:
    """A published actual ("63.4%", "$7,210"), or why there is none."""
    if value is None or pd.isna(value):
        return why or SUPPRESSED
    return format_value(value, _unit(indicator))


def level_words(indicator: str, level, basis: str | None = None) -> str:
    """A level as entered ("70% (negotiated)", "$7,000 (adjusted)")."""
    if level is None or pd.isna(level):
        return NO_LEVEL
    shown = f"{float(level):g}%" if _unit(indicator) == RATE else f"${float(level):,.0f}"
    return f"{shown} ({basis})" if basis else shown


def years_with_figures(card: Scorecard) -> list[int]:
    """Program years with a published figure or a level, newest first."""
    years = set(card.actuals.program_year[card.actuals.actual.notna()].tolist()) | set(
        int(y) for y in card.levels.program_year.tolist()
    )
    return sorted(years, reverse=True)


def default_year(card: Scorecard) -> int | None:
    """The latest program year that is scored, else the latest with any figure."""
    scored = card.years.program_year.tolist()
    if scored:
        return int(max(scored))
    years = years_with_figures(card)
    return years[0] if years else None


def year_table(card: Scorecard, year: int) -> pd.DataFrame:
    """Every indicator of one program year: actual, level, individual score, verdict, what it rests on and
    whether it counts in the overall score."""
    actuals = card.actuals[card.actuals.program_year == year].set_index("indicator")
    levels = card.levels[card.levels.program_year == year].set_index("indicator")
    scores = card.scores[card.scores.program_year == year].set_index("indicator")
    rows = []
    for indicator in vocab.SCORED_INDICATORS:
        if indicator not in actuals.index and indicator not in levels.index:
            continue
        actual = actuals.loc[indicator] if indicator in actuals.index else None
        level = levels.loc[indicator] if indicator in levels.index else None
        scored = scores.loc[indicator] if indicator in scores.index else None
        rows.append(
            {
                "Indicator": label(indicator),
                "Actual": actual_words(indicator, actual.actual, actual.why)
                if actual is not None
                else "no figure for this year",
                "Level": level_words(indicator, level.level, level.level_basis) if level is not None else NO_LEVEL,
                "Individual score": f"{scored.score:.1%}" if scored is not None else "not scored",
                "Verdict": scored.verdict if scored is not None else _unscored(actual, level),
                "Rests on": _rests_on(indicator, actual),
                "In the overall score": "no (scored on its own)" if indicator in ESE else "yes",
                "Level source": level.source if level is not None else "",
                "Data": data_label(card.is_generated_example),
            }
        )
    return pd.DataFrame(rows)


def _unscored(actual, level) -> str:
    if level is None:
        return "not scored: no level entered"
    if actual is None:
        return "not scored: no figure for this year"
    return f"not scored: {actual.why or SUPPRESSED}"


def _rests_on(indicator: str, actual) -> str:
    if actual is None:
        return "—"
    words = NEW_INDICATORS.get(indicator, (None, None, "exiters with complete follow-up"))[2]
    if indicator == "earnings_q2_median":
        words = "exiters employed in the 2nd quarter"
    count = actual.rests_on_count
    return f"{int(count):,} {words}" if not pd.isna(count) else f"{words}: {SUPPRESSED}"


def years_table(card: Scorecard) -> pd.DataFrame:
    """One row per scored program year: overall program score, met / not met and why."""
    return pd.DataFrame(
        {
            "Program year": [f"PY{y}" for y in card.years.program_year],
            "Overall program score": [f"{s:.1%}" for s in card.years.overall_score],
            "Primary indicators scored": [
                f"{n} of {len(PRIMARY) - (0 if card.credential_indicator else 1)}"
                for n in card.years.indicators_scored_count
            ],
            "Met / not met": card.years.verdict.str.upper().tolist() if len(card.years) else [],
            "Why": card.years.reason.tolist(),
            "Data": [data_label(card.is_generated_example)] * len(card.years),
        }
    )


def year_verdict(card: Scorecard, year: int) -> str:
    """The sentence under a year's table: met / not met and why, or why it is not scored."""
    row = card.years[card.years.program_year == year]
    if row.empty:
        if card.levels[card.levels.program_year == year].empty:
            return (
                f"PY{year} is not scored: no level is entered for {funding_label(card.funding_stream)} PY{year}. Staff "
                "enter levels on Import program records."
            )
        return f"PY{year} is not scored: none of its primary indicators has both a published figure and a level."
    verdict, reason = row.verdict.iloc[0], row.reason.iloc[0]
    return f"PY{year}: **{verdict.upper()}** — {reason}."


def new_indicator_table(card: Scorecard, indicator: str) -> pd.DataFrame | None:
    """One of the indicators added for the full scorecard, by program year (None when it has no table)."""
    table = card.tables.get(indicator)
    if table is None:
        return None
    rate, denominator, words = NEW_INDICATORS[indicator]
    frame = table.table
    return pd.DataFrame(
        {
            "Program year": [TOTAL_WORDS.get(indicator, g) if g == TOTAL_LABEL else f"PY{g}" for g in frame.group],
            label(indicator): [format_value(v, RATE) for v in frame[rate]],
            words[0].upper() + words[1:]: [format_value(v, "count") for v in frame[denominator]],
            "Data": [data_label(card.is_generated_example)] * len(frame),
        }
    )


def hidden_reasons(card: Scorecard, indicator: str) -> list[str]:
    """Why cells of a new indicator's table are hidden, each reason once."""
    table = card.tables.get(indicator)
    if table is None:
        return []
    return sorted({r for r in table.reasons.to_numpy().ravel() if r})


def summary_words(card: Scorecard) -> str:
    """The Program outcomes list's one-line scorecard: the latest scored year's verdict and score."""
    if card.years.empty:
        return NO_LEVEL if card.levels.empty else "not scored"
    last = card.years.iloc[-1]
    return f"PY{int(last.program_year)}: {last.verdict} ({last.overall_score:.0%})"


def levels_table(levels: pd.DataFrame) -> pd.DataFrame:
    """The levels entered, as staff read them."""
    return pd.DataFrame(
        {
            "Program year": [f"PY{y}" for y in levels.program_year],
            "Funding stream": [funding_label(f) for f in levels.funding_stream],
            "Indicator": [label(i) for i in levels.indicator],
            "Level": [level_words(i, v) for i, v in zip(levels.indicator, levels.level)],
            "Basis": [vocab.LEVEL_BASES.get(b, b) for b in levels.level_basis],
            "Source": levels.source.tolist(),
            "Import": levels.import_id.tolist(),
            "Data": [data_label(g) for g in levels.is_generated_example],
        }
    )


def establishments_table(counts: pd.DataFrame, area_names: dict[str, str]) -> pd.DataFrame:
    """The establishment counts entered, as staff read them."""
    return pd.DataFrame(
        {
            "Region": [area_names.get(a, a) for a in counts.region_area_code],
            "Program year": [f"PY{y}" for y in counts.program_year],
            "Establishments": [f"{int(n):,}" for n in counts.establishments_count],
            "Source": counts.source.tolist(),
            "Import": counts.import_id.tolist(),
            "Data": [data_label(g) for g in counts.is_generated_example],
        }
    )


def notes(card: Scorecard) -> list[str]:
    """What a reader of this program's scorecard needs to know beside the rules: how program years are
    counted, the youth employment caveat, and that generated example levels are made up."""
    out = [COHORT_NOTE]
    if card.funding_stream == "wioa_youth":
        out.append(YOUTH_NOTE)
    if card.is_generated_example and not card.levels.empty:
        out.append(f"The levels of this {GENERATED_LABEL} program are made up too, not any state's negotiated levels.")
    if card.funding_stream not in WIOA_STREAMS:
        out.append(
            f"DOL negotiates levels only for the WIOA core programs; levels for {funding_label(card.funding_stream)} "
            "programs are the board's own targets."
        )
    return out


WIOA_STREAMS = frozenset({"wioa_adult", "wioa_dislocated_worker", "wioa_youth"})
