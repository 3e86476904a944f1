"""Layoff plans saved by staff (``lmi.planner.saved``, migration 9) on both records stores: the inputs round-trip,
a used name or an empty staff name is refused with nothing stored."""

from __future__ import annotations

import datetime as dt

import pytest

from lmi.planner.inputs import AffectedGroup, Layoff
from lmi.planner.saved import SavePlanProblem, from_json, save_plan, saved_plan, saved_plans, to_json
from lmi.transitions.ranking import Thresholds
from tests.records_helpers import new_records

pytestmark = pytest.mark.usefixtures("records_backend")

LAYOFF = Layoff(
    "0041180",
    (AffectedGroup("51-2092", 400), AffectedGroup("51-4041", 60)),
    dt.date(2027, 1, 15),
    6,
    0.3,
    True,
    False,
    Thresholds(min_similarity=30.0, max_education_step=2, min_wage_ratio=0.85),
)


def test_inputs_round_trip_as_json():
    assert from_json(to_json(LAYOFF)) == LAYOFF


def test_save_list_load_and_refuse(tmp_path):
    con = new_records(tmp_path)
    assert save_plan(con, "  Closure A ", "Dana", LAYOFF) == "Closure A"
    assert saved_plan(con, "Closure A") == LAYOFF
    with pytest.raises(SavePlanProblem, match="already saved"):
        save_plan(con, "Closure A", "Lee", LAYOFF)
    with pytest.raises(SavePlanProblem) as problem:
        save_plan(con, "Closure B", "  ", LAYOFF)
    assert problem.value.field == "created_by"
    with pytest.raises(SavePlanProblem):
        save_plan(con, "", "Dana", LAYOFF)
    listed = saved_plans(con)
    assert listed.plan_name.tolist() == ["Closure A"] and listed.created_by.tolist() == ["Dana"]
    with pytest.raises(LookupError):
        saved_plan(con, "Closure B")
