"""The scorecard as people read it (and CSV files carry it): a program year's indicators against their
levels, the years' overall scores, the new indicators by program year, the levels and establishment counts
staff entered, and the one-line summary of the Program outcomes list. Every figure is already published
(``lmi.programs.scorecard``); these functions put words on values: a hidden figure reads "suppressed", a
figure that cannot be computed says which input is missing, generated example data is labelled. Everything
in the current language; the constants are English message ids.
"""

from __future__ import annotations

import pandas as pd

from lmi.i18n import N_, _
from lmi.programs.labels import (
    GENERATED_LABEL,
    RATE,
    SUPPRESSED,
    USD,
    data_label,
    format_value,
    funding_label,
    level_basis_label,
)
from lmi.programs.scorecard import COHORT_NOTE, ESE, MET, NOT_MET, PRIMARY, YOUTH_NOTE, Scorecard
from lmi.programs.suppression import TOTAL_LABEL
from lmi.records import vocab

NO_LEVEL = N_("no level entered")
NOT_SCORED_WORDS = N_("not scored")
VERDICT_WORDS = {MET: N_("met"), NOT_MET: N_("not met")}  # a year's verdict code -> its words
TOTAL_WORDS = {  # what the All row of a new indicator's table adds up
    "measurable_skill_gains": N_("All years (a participant counts once in each year in training)"),
    "ese_retention": N_("All exit years"),
}
NEW_INDICATORS = {  # indicator -> (rate column, denominator column, what the denominator counts)
    "measurable_skill_gains": ("skill_gain_count_rate", "in_training_count", N_("participants in training")),
    "ese_retention": ("same_employer_count_rate", "employed_q2_count", N_("exiters employed in the 2nd quarter")),
    "ese_repeat_business": (
        "returning_count_rate",
        "served_before_count",
        N_("establishments served in the 3 years before"),
    ),
    "ese_penetration": ("served_count_rate", "establishments_count", N_("establishments in the region (entered)")),
}
DENOMINATOR_HEADERS = {  # the header of each new indicator table's denominator column
    "measurable_skill_gains": N_("Participants in training"),
    "ese_retention": N_("Exiters employed in the 2nd quarter"),
    "ese_repeat_business": N_("Establishments served in the 3 years before"),
    "ese_penetration": N_("Establishments in the region (entered)"),
}
EXITERS_WORDS = N_("exiters with complete follow-up")
EMPLOYED_WORDS = N_("exiters employed in the 2nd quarter")


def label(indicator: str) -> str:
    """An indicator's words in the current language."""
    return _(vocab.SCORED_INDICATORS[indicator][0])


def verdict_words(verdict: str) -> str:
    """A year's verdict ("met", "not met") in the current language."""
    return _(VERDICT_WORDS[verdict]) if verdict in VERDICT_WORDS else verdict


def _unit(indicator: str) -> str:
    return USD if vocab.SCORED_INDICATORS[indicator][1] == vocab.USD_UNIT else RATE


def actual_words(indicator: str, value, why: str = "") -> str:
    """A published actual ("63.4%", "$7,210"), or why there is none."""
    if value is None or pd.isna(value):
        return why or _(SUPPRESSED)
    return format_value(value, _unit(indicator))


def level_words(indicator: str, level, basis: str | None = None) -> str:
    """A level as entered ("70% (negotiated)", "$7,000 (adjusted)")."""
    if level is None or pd.isna(level):
        return _(NO_LEVEL)
    shown = f"{float(level):g}%" if _unit(indicator) == RATE else f"${float(level):,.0f}"
    if not basis:
        return shown
    return _("{level} ({basis})").format(level=shown, basis=_(BASIS_WORDS[basis]) if basis in BASIS_WORDS else basis)


BASIS_WORDS = {"negotiated": N_("negotiated"), "adjusted": N_("adjusted")}  # a level's basis, short


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
                _("Indicator"): label(indicator),
                _("Actual"): actual_words(indicator, actual.actual, actual.why)
                if actual is not None
                else _("no figure for this year"),
                _("Level"): level_words(indicator, level.level, level.level_basis)
                if level is not None
                else _(NO_LEVEL),
                _("Individual score"): f"{scored.score:.1%}" if scored is not None else _(NOT_SCORED_WORDS),
                _("Verdict"): scored.verdict if scored is not None else _unscored(actual, level),
                _("Rests on"): _rests_on(indicator, actual),
                _("In the overall score"): _("no (scored on its own)") if indicator in ESE else _("yes"),
                _("Level source"): level.source if level is not None else "",
                _("Data"): data_label(card.is_generated_example),
            }
        )
    return pd.DataFrame(rows)


def _unscored(actual, level) -> str:
    if level is None:
        return _("not scored: no level entered")
    if actual is None:
        return _("not scored: no figure for this year")
    return _("not scored: {why}").format(why=actual.why or _(SUPPRESSED))


def _rests_on(indicator: str, actual) -> str:
    if actual is None:
        return "—"
    words = NEW_INDICATORS.get(indicator, (None, None, EXITERS_WORDS))[2]
    if indicator == "earnings_q2_median":
        words = EMPLOYED_WORDS
    count = actual.rests_on_count
    if pd.isna(count):
        return _("{people}: {suppressed}").format(people=_(words), suppressed=_(SUPPRESSED))
    return _("{n:,} {people}").format(n=int(count), people=_(words))


def years_table(card: Scorecard) -> pd.DataFrame:
    """One row per scored program year: overall program score, met / not met and why."""
    scorable = len(PRIMARY) - (0 if card.credential_indicator else 1)
    return pd.DataFrame(
        {
            _("Program year"): [_("PY{year}").format(year=y) for y in card.years.program_year],
            _("Overall program score"): [f"{s:.1%}" for s in card.years.overall_score],
            _("Primary indicators scored"): [
                _("{n} of {total}").format(n=n, total=scorable) for n in card.years.indicators_scored_count
            ],
            _("Met / not met"): [verdict_words(v).upper() for v in card.years.verdict],
            _("Why"): card.years.reason.tolist(),
            _("Data"): [data_label(card.is_generated_example)] * len(card.years),
        }
    )


def year_verdict(card: Scorecard, year: int) -> str:
    """The sentence under a year's table: met / not met and why, or why it is not scored."""
    row = card.years[card.years.program_year == year]
    if row.empty:
        if card.levels[card.levels.program_year == year].empty:
            return _(
                "PY{year} is not scored: no level is entered for {funding} PY{year}. Staff enter levels on Import "
                "program records."
            ).format(year=year, funding=funding_label(card.funding_stream))
        return _(
            "PY{year} is not scored: none of its primary indicators has both a published figure and a level."
        ).format(year=year)
    verdict, reason = row.verdict.iloc[0], row.reason.iloc[0]
    return _("PY{year}: **{verdict}** — {reason}.").format(
        year=year, verdict=verdict_words(verdict).upper(), reason=reason
    )


def new_indicator_table(card: Scorecard, indicator: str) -> pd.DataFrame | None:
    """One of the indicators added for the full scorecard, by program year (None when it has no table)."""
    table = card.tables.get(indicator)
    if table is None:
        return None
    rate, denominator, _words = NEW_INDICATORS[indicator]
    frame = table.table
    return pd.DataFrame(
        {
            _("Program year"): [_year_words(indicator, g) for g in frame.group],
            label(indicator): [format_value(v, RATE) for v in frame[rate]],
            _(DENOMINATOR_HEADERS[indicator]): [format_value(v, "count") for v in frame[denominator]],
            _("Data"): [data_label(card.is_generated_example)] * len(frame),
        }
    )


def _year_words(indicator: str, group) -> str:
    """A program year of a new indicator's table ("PY2024"), or what its All row adds up."""
    if group != TOTAL_LABEL:
        return _("PY{year}").format(year=group)
    return _(TOTAL_WORDS[indicator]) if indicator in TOTAL_WORDS else _("All")


def hidden_reasons(card: Scorecard, indicator: str) -> list[str]:
    """Why cells of a new indicator's table are hidden, each reason once, in the current language."""
    table = card.tables.get(indicator)
    if table is None:
        return []
    return sorted({r for r in table.reasons.to_numpy().ravel() if r})


def summary_words(card: Scorecard) -> str:
    """The Program outcomes list's one-line scorecard: the latest scored year's verdict and score."""
    if card.years.empty:
        return _(NO_LEVEL) if card.levels.empty else _(NOT_SCORED_WORDS)
    last = card.years.iloc[-1]
    return _("PY{year}: {verdict} ({score:.0%})").format(
        year=int(last.program_year), verdict=verdict_words(last.verdict), score=last.overall_score
    )


def levels_table(levels: pd.DataFrame) -> pd.DataFrame:
    """The levels entered, as staff read them."""
    return pd.DataFrame(
        {
            _("Program year"): [_("PY{year}").format(year=y) for y in levels.program_year],
            _("Funding stream"): [funding_label(f) for f in levels.funding_stream],
            _("Indicator"): [label(i) for i in levels.indicator],
            _("Level"): [level_words(i, v) for i, v in zip(levels.indicator, levels.level)],
            _("Basis"): [level_basis_label(b) for b in levels.level_basis],
            _("Source"): levels.source.tolist(),
            _("Import"): levels.import_id.tolist(),
            _("Data"): [data_label(g) for g in levels.is_generated_example],
        }
    )


def establishments_table(counts: pd.DataFrame, area_names: dict[str, str]) -> pd.DataFrame:
    """The establishment counts entered, as staff read them."""
    return pd.DataFrame(
        {
            _("Region"): [area_names.get(a, a) for a in counts.region_area_code],
            _("Program year"): [_("PY{year}").format(year=y) for y in counts.program_year],
            _("Establishments"): [f"{int(n):,}" for n in counts.establishments_count],
            _("Source"): counts.source.tolist(),
            _("Import"): counts.import_id.tolist(),
            _("Data"): [data_label(g) for g in counts.is_generated_example],
        }
    )


def notes(card: Scorecard) -> list[str]:
    """What a reader of this program's scorecard needs to know beside the rules: how program years are
    counted, the youth employment caveat, and that generated example levels are made up."""
    out = [_(COHORT_NOTE)]
    if card.funding_stream == "wioa_youth":
        out.append(_(YOUTH_NOTE))
    if card.is_generated_example and not card.levels.empty:
        out.append(
            _("The levels of this {generated} program are made up too, not any state's negotiated levels.").format(
                generated=_(GENERATED_LABEL)
            )
        )
    if card.funding_stream not in WIOA_STREAMS:
        out.append(
            _(
                "DOL negotiates levels only for the WIOA core programs; levels for {funding} programs are the board's "
                "own targets."
            ).format(funding=funding_label(card.funding_stream))
        )
    return out


WIOA_STREAMS = frozenset({"wioa_adult", "wioa_dislocated_worker", "wioa_youth"})
