"""The Layoff response page's data, through the one cache layer (``ui.cache``): the plan engine (a resource, one per
data key, sharing the Career transitions engine), plans cached on the ``Layoff`` (a frozen, hashable value), the
plan's PDF brief, and the registry's programs when the records store can be read (else the plan goes without them
and says so)."""

from __future__ import annotations

import pandas as pd

from lmi.briefs.planner import plan_brief
from lmi.briefs.render import render_pdf
from lmi.db import DATABASE_ERRORS
from lmi.i18n import N_
from lmi.planner import inputs, staffing
from lmi.planner import saved as saved_plans
from lmi.planner.inputs import AffectedGroup, Layoff
from lmi.planner.plan import Plan, PlanEngine, make_plan
from lmi.records.db import RecordsUnavailable
from ui import data, records_data
from ui import transitions_data as tdata
from ui.cache import cached, records_connection, reference_connection, reference_query, resource


@resource(max_entries=1, spinner=N_("Loading occupation profiles…"))
def engine() -> PlanEngine:
    """The plan engine, on the Career transitions engine (neighbour lists, national facts, demand rows)."""
    return PlanEngine(reference_connection(), tdata.engine())


def registry_programs() -> pd.DataFrame | None:
    """The registry's programs with their published outcomes; None when the records store cannot be read."""
    try:
        return records_data.summaries(records_data.threshold())
    except (RecordsUnavailable, *DATABASE_ERRORS):
        return None


@cached(max_entries=64, spinner=N_("Planning…"))
def plan(layoff: Layoff) -> Plan:
    """The plan for ``layoff`` (raises ``LayoffInputError`` for codes that lead nowhere)."""
    return make_plan(engine(), layoff, registry_programs())


@cached(max_entries=16)
def plan_pdf(layoff: Layoff) -> bytes:
    return render_pdf(plan_brief(reference_connection(), plan(layoff)))


def staffing_groups(data: bytes, file_name: str) -> tuple[AffectedGroup, ...]:
    """An uploaded staffing table's groups (raises ``LayoffInputError`` naming row and column)."""
    return inputs.read_staffing_table(data, file_name, engine().resolver)


def typed_groups(rows: list[tuple[str, str, str]]) -> tuple[AffectedGroup, ...]:
    """The groups typed in the page's table (raises ``LayoffInputError`` naming row and column)."""
    return inputs.check_groups(rows, engine().resolver)


def saved() -> pd.DataFrame:
    """Staff only: the saved plans, read fresh (saving is not an import, so it is not in the data key)."""
    return saved_plans.saved_plans(records_connection())


def save(layoff: Layoff, name: str, saved_by: str) -> str:
    """Raises ``SavePlanProblem`` (nothing stored) naming the field at fault."""
    return saved_plans.save_plan(records_connection(), name, saved_by, layoff)


def load(name: str) -> Layoff:
    return saved_plans.saved_plan(records_connection(), name)


def region_choice(area_code: str) -> tuple[str, str | None]:
    """The sidebar pickers' values (state choice, area choice) that pick ``area_code`` (a saved plan's region)."""
    from lmi.areas import NATION_CODE, get_area  # noqa: PLC0415

    area = get_area(reference_connection(), area_code)
    states = data.states()
    state_codes = dict(zip(states.state_fips, states.area_code))
    if area.area_code == NATION_CODE or area.state_fips not in state_codes:
        return NATION_CODE, None
    return state_codes[area.state_fips], area.area_code


industries = reference_query(staffing.industries, max_entries=2)
industries.__doc__ = "Industries with a usual staffing pattern (BLS OEWS national industry-specific estimates)."
staffing_pattern = reference_query(staffing.staffing_pattern, max_entries=64)
staffing_pattern.__doc__ = "An industry's usual staffing pattern as affected groups adding up to the head count."
