"""Budget scenarios for the Funding view, through the one cache layer (``ui.cache``): checking and projecting a
scenario (``lmi.programs.scenario``) on the published program figures and the one demand model, and the staff-only
store of saved scenarios (``lmi.records.scenarios``).

A scenario is a frozen dataclass, so it keys the cache itself; the small-cell threshold is an explicit argument, as
for every published figure. Saved scenarios are read fresh each time: saving one is not an import, so the records
revision the cache is keyed on does not change with it.
"""

from __future__ import annotations

import pandas as pd

from lmi.i18n import N_
from lmi.programs import local_fit as program_fit
from lmi.programs import scenario as budget
from lmi.records import scenarios as store
from ui import data, records_data
from ui.cache import cached, demand_model, records_connection, reference_connection


@cached(max_entries=32)
def targets(scenario: budget.Scenario) -> pd.DataFrame:
    """Local-fit target rows (openings per BLS code in each program's region) of the recorded programs and of the
    scenario's new programs."""
    recorded = records_data.local_fit().targets
    new = budget.new_programs_frame(scenario)
    if new.empty:
        return recorded
    added = program_fit.programs_local_fit(reference_connection(), demand_model(), data.code_resolver(), new)
    return pd.concat([recorded, added.targets], ignore_index=True)


@cached(max_entries=32)
def area_names(codes: tuple[str, ...]) -> dict[str, str]:
    """Names of OEWS areas (an unknown code has none)."""
    return program_fit.area_names(reference_connection(), list(codes))


def region_names(scenario: budget.Scenario) -> dict[str, str]:
    """Names of the recorded programs' regions and of the regions of the scenario's new programs."""
    return {**records_data.area_names(), **area_names(tuple(budget.area_codes_named(scenario)))}


@cached(max_entries=64)
def problems(scenario: budget.Scenario, threshold: int) -> list[budget.Problem]:
    """Every problem of the scenario against the published records, each naming its field."""
    return budget.check(
        scenario,
        records_data.summaries(threshold),
        data.code_resolver(),
        area_names(tuple(budget.area_codes_named(scenario))),
    )


@cached(max_entries=32, spinner=N_("Projecting the scenario…"))
def projection(scenario: budget.Scenario, threshold: int) -> budget.ScenarioResult:
    """The scenario projected from the published records, with absorption against the demand model's openings."""
    return budget.project(
        scenario,
        records_data.summaries(threshold),
        targets(scenario),
        data.code_resolver(),
        area_names(tuple(budget.area_codes_named(scenario))),
    )


def saved() -> pd.DataFrame:
    """Staff only: the saved scenarios, newest first (never cached)."""
    return store.saved_scenarios(records_connection())


def save(scenario: budget.Scenario, name: str, saved_by: str) -> str:
    """Staff only (the page checks): store the scenario under ``name``; raises ``store.SaveProblem``."""
    named = budget.Scenario(scenario.changes, name.strip())
    return store.save_scenario(records_connection(), name, saved_by, budget.scenario_to_json(named))


def load(name: str) -> budget.Scenario:
    """Staff only: a saved scenario; raises ``budget.ScenarioError`` when its text no longer reads as one."""
    return budget.scenario_from_json(store.saved_scenario_json(records_connection(), name))
