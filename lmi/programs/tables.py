"""The tables and chart data of the training-program pages, as people read them and CSV files carry them.

Every figure here is already published (``lmi.programs.outcomes`` suppressed it) or comes from the demand
model (``lmi.programs.local_fit``); these functions only join, choose columns and put words on values: a
hidden cell reads "suppressed", a figure BLS did not release says so, generated example data is labelled
in its own "Data" column. Pages render what these return. Headers and words are in the current language
(the tables are made per request); data values (program, provider and area names) stay as recorded.
"""

from __future__ import annotations

import pandas as pd

from lmi.i18n import N_, _, ngettext
from lmi.programs.labels import (
    aggregate_group_label,
    data_label,
    dimension_label,
    format_outcomes,
    funding_label,
    group_label,
    program_type_label,
    services_label,
)
from lmi.programs.local_fit import NONE_RELEASED_HERE, SUMMARY_WORDS, growth_words, jobs_words
from lmi.programs.outcomes import (
    AGGREGATE_BY,
    INDICATOR_LABELS,
    ProgramReport,
    aggregate_label,
    indicator_label,
    with_placement_rates,
)

LIST_COLUMNS = [
    "enrolled_count",
    "exiters_count",
    "completed_count_rate",
    "employed_q2_count_rate",
    "employed_q4_count_rate",
    "earnings_q2_median_usd",
    "credential_count_rate",
    "placement_rate",
    "training_related_rate",
    "cost_per_placement_usd",
    "cost_per_credential_usd",
]
FUNDING_COLUMNS = [
    "cost_per_participant_usd",
    "exiters_count",
    "placement_rate",
    "employed_q2_count_rate",
    "earnings_q2_median_usd",
    "credential_count_rate",
    "cost_per_placement_usd",
    "cost_per_credential_usd",
]
TOTALS_COLUMNS = [
    "exiters_count",
    "employed_q2_count_rate",
    "employed_q4_count_rate",
    "earnings_q2_median_usd",
    "credential_count_rate",
    "placement_rate",
    "cost_per_placement_usd",
]
FUNDING_TOTALS_COLUMNS = [
    "exiters_count",
    "placement_rate",
    "employed_q2_count_rate",
    "employed_q4_count_rate",
    "earnings_q2_median_usd",
    "credential_count_rate",
    "cost_per_placement_usd",
]
OUTCOME_TABLE_COLUMNS = [
    "exiters_count",
    "completed_count",
    "completed_count_rate",
    "employed_q2_count",
    "employed_q2_count_rate",
    "employed_q4_count",
    "employed_q4_count_rate",
    "credential_count",
    "credential_count_rate",
    "placed_count",
    "placement_rate",
    "training_related_rate",
]
COHORT_CHART_RATES = ["employed_q2_count_rate", "employed_q4_count_rate", "placement_rate"]
COST_PER_PARTICIPANT = N_("Cost per participant")
# Headers of the local-fit totals (message ids; tables show ``_(LOCAL_JOBS)``...).
LOCAL_JOBS = SUMMARY_WORDS["local_employment_count"][0]
LOCAL_OPENINGS = SUMMARY_WORDS["local_annual_openings_est_count"][0]
NATIONAL_GROWTH = SUMMARY_WORDS["national_growth_2024_34_pct"][0]


# ------------------------------------------------------------------------------------------------ many programs


def with_local_fit(programs: pd.DataFrame, fit_summary: pd.DataFrame) -> pd.DataFrame:
    """Programs (``outcomes.program_summaries`` rows) with their local-fit totals and verdict
    (``local_fit.ProgramsFit.summary``); a program without targets keeps empty fit columns."""
    return programs.merge(fit_summary.drop(columns=["region_area_code"]), on="program_id", how="left")


def _program_columns(table: pd.DataFrame, programs: pd.DataFrame, first: list[str]) -> None:
    """Insert the named identifying columns (program, provider, type, funding) at the front, in order."""
    values = {
        "program": (_("Program"), programs.program_name.values),
        "provider": (_("Provider"), programs.provider_name.values),
        "type": (
            _("Type"),
            [program_type_label(t, h) for t, h in zip(programs.program_type, programs.work_experience_hours)],
        ),
        "funding": (_("Funding"), [funding_label(f) for f in programs.funding_stream]),
    }
    for position, name in enumerate(first):
        header, column = values[name]
        table.insert(position, header, column)


def _local_fit_columns(table: pd.DataFrame, programs: pd.DataFrame) -> None:
    """The program's local jobs, estimated openings and verdict over its target occupations' BLS codes."""
    table[_(LOCAL_JOBS)] = [jobs_words(v, NONE_RELEASED_HERE) for v in programs.local_employment_count]
    table[_(LOCAL_OPENINGS)] = programs.local_annual_openings_words.values
    table[_("Local fit")] = programs.fit_verdict.values


def program_list_table(programs: pd.DataFrame, area_names: dict[str, str]) -> pd.DataFrame:
    """The Program outcomes list: what each program is, its published figures, and its local fit."""
    table = format_outcomes(programs, LIST_COLUMNS, INDICATOR_LABELS, programs.credential_indicator)
    _program_columns(table, programs, ["program", "provider", "type", "funding"])
    table.insert(4, _("Region"), [area_names.get(a, a) for a in programs.region_area_code])
    _local_fit_columns(table, programs)
    table[_("Data")] = [data_label(g) for g in programs.is_generated_example]
    return table


def funding_table(programs: pd.DataFrame, area_names: dict[str, str]) -> pd.DataFrame:
    """The Funding view's comparison: cost and results beside local demand for the target occupations."""
    labels = {**INDICATOR_LABELS, "cost_per_participant_usd": COST_PER_PARTICIPANT}
    table = format_outcomes(programs, FUNDING_COLUMNS, labels, programs.credential_indicator)
    _program_columns(table, programs, ["program", "funding", "type"])
    table[_("Region")] = [area_names.get(a, a) for a in programs.region_area_code]
    _local_fit_columns(table, programs)
    table[_("BLS codes of its target occupations")] = programs.bls_codes.values
    table[_(NATIONAL_GROWTH)] = [growth_words(v) for v in programs.national_growth_2024_34_pct]
    table[_("Data")] = [data_label(g) for g in programs.is_generated_example]
    return table


def totals_table(totals: pd.DataFrame, by: str, columns: list[str] = TOTALS_COLUMNS) -> pd.DataFrame:
    """Totals by provider, type, funding stream or exit year (``outcomes.aggregate_outcomes``), with how many
    programs each adds up and how many of them have published figures."""
    shown = format_outcomes(totals, columns, INDICATOR_LABELS)
    shown.insert(0, aggregate_label(by), [aggregate_group_label(by, v) for v in totals[AGGREGATE_BY[by]]])
    shown.insert(1, _("Programs"), totals.programs_count.values)
    shown.insert(2, _("Programs with published figures"), totals.programs_published_count.values)
    return shown


def placement_points(programs: pd.DataFrame) -> pd.DataFrame:
    """One bar per program with a published placement rate: program_name, placement_rate, data."""
    drawn = programs[programs.placement_rate.notna()]
    return pd.DataFrame(
        {
            "program_name": drawn.program_name.values,
            "placement_rate": drawn.placement_rate.astype(float).values,
            "data": [data_label(g) for g in drawn.is_generated_example],
        }
    )


def cost_placement_points(programs: pd.DataFrame) -> pd.DataFrame:
    """One point per program with both a published placement rate and cost per placement, sized by local
    jobs in its target occupations (a program whose jobs BLS did not release is drawn smallest)."""
    drawn = programs[programs.placement_rate.notna() & programs.cost_per_placement_usd.notna()]
    return pd.DataFrame(
        {
            "program": drawn.program_name.values,
            "funding": [funding_label(f) for f in drawn.funding_stream],
            "placement_rate": drawn.placement_rate.astype(float).values,
            "cost_per_placement_usd": drawn.cost_per_placement_usd.astype(float).values,
            "local_jobs": drawn.local_employment_count.fillna(0).astype(float).values,
            "local_jobs_text": [jobs_words(v, NONE_RELEASED_HERE) for v in drawn.local_employment_count],
            "local_fit": drawn.fit_verdict.values,
            "data": [data_label(g) for g in drawn.is_generated_example],
        }
    )


# ------------------------------------------------------------------------------------------------ one program


def facts_table(program: pd.Series, area_names: dict[str, str], cip_titles: dict[str, str]) -> pd.DataFrame:
    """What the program is: provider, type, funding, CIP, region, cost, seats, services, whether it is real."""
    facts = {
        _("Provider"): program.provider_name,
        _("Type"): program_type_label(program.program_type, program.work_experience_hours),
        _("Funding stream"): funding_label(program.funding_stream),
        _("Training category (CIP 2020)"): f"{program.cip_code} {cip_titles.get(program.cip_code, '')}",
        _("Region"): area_names.get(program.region_area_code, program.region_area_code),
        _(COST_PER_PARTICIPANT): f"${program.cost_per_participant_usd:,.0f}",
        _("Seats per year"): f"{int(program.seats_count):,}",
        _("Supportive services"): services_label(program),
        _("Data"): data_label(program.is_generated_example),
    }
    return pd.DataFrame({_("About the program"): list(facts), _("Value"): list(facts.values())})


def cohort_table(report: ProgramReport) -> pd.DataFrame:
    """The program's outcomes by exit cohort (WIOA program year), its All row last; only the All row when
    no exiter has complete follow-up yet."""
    cohort = with_placement_rates(report.by_cohort)
    table = format_outcomes(
        cohort, OUTCOME_TABLE_COLUMNS, INDICATOR_LABELS, pd.Series(report.credential_indicator, index=cohort.index)
    )
    table.insert(0, _("Exit cohort"), [group_label("exit_program_year", g) for g in cohort["group"]])
    return table


def cohort_rates(report: ProgramReport) -> pd.DataFrame:
    """The published cohort rates to draw, one row per cohort x measure: cohort ("PY2024"), measure (its
    label), rate. Suppressed rates are left out (never drawn as zero)."""
    cohort = with_placement_rates(report.by_cohort)
    long = cohort.iloc[:-1].melt(id_vars="group", value_vars=COHORT_CHART_RATES, var_name="measure", value_name="rate")
    long = long[long.rate.notna()]
    return pd.DataFrame(
        {
            "group": long.group.values,
            "measure": [indicator_label(m) for m in long.measure],
            "rate": long.rate.astype(float).values,
            "cohort": ("PY" + long.group.astype(str)).values,
        }
    )


def equity_table(report: ProgramReport, dimension: str) -> pd.DataFrame:
    """One equity breakdown as shown: every group of the dimension, the All row last, hidden cells as words."""
    frame = report.equity_table(dimension)
    table = format_outcomes(
        frame,
        [*OUTCOME_TABLE_COLUMNS, "earnings_q2_median_usd"],
        INDICATOR_LABELS,
        pd.Series(report.credential_indicator, index=frame.index),
    )
    table.insert(0, dimension_label(dimension), [group_label(dimension, g) for g in frame["group"]])
    return table


def suppression_reasons(report: ProgramReport, dimension: str) -> list[str]:
    """Why cells of one breakdown are hidden, each reason once, in the current language."""
    return sorted({r for r in report.breakdowns[dimension].reasons.to_numpy().ravel() if r})


def partners_table(partners: pd.DataFrame) -> pd.DataFrame:
    """Employer partners of a program: hires committed and made (employer-reported counts of hires)."""
    return pd.DataFrame(
        {
            _("Employer"): partners.employer_name.values,
            _("Hires committed"): partners.hires_committed_count.values,
            _("Hires made"): partners.hires_made_count.values,
            _("Data"): [data_label(g) for g in partners.is_generated_example],
        }
    )


def partners_note(partners: pd.DataFrame) -> str:
    """ "9 hires made of 12 committed (75%) — ..."; empty when no hire was committed."""
    committed, made = int(partners.hires_committed_count.sum()), int(partners.hires_made_count.sum())
    if not committed:
        return ""
    return ngettext(
        "{made:,} hire made of {committed:,} committed ({share:.0%}) — employer-reported counts of hires, the co-op "
        "model's commitment.",
        "{made:,} hires made of {committed:,} committed ({share:.0%}) — employer-reported counts of hires, the co-op "
        "model's commitment.",
        made,
    ).format(made=made, committed=committed, share=made / committed)
