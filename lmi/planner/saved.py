"""Layoff plans staff save, in the records store (``layoff_plan``, migration 9).

A saved plan is its name (the key), who saved it (the signed-in staff name), when (UTC) and the plan's inputs as
JSON (``to_json``): the plan itself is made again from them when loaded, on the data of that moment, so a saved plan
never shows stale numbers as if they were current. Saving is one INSERT in its own transaction under the store's
writer lock: stored whole or not at all; a name already used is refused (save under another name). Saving is not
an import: lists of saved plans are read fresh, never from a cache.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from datetime import UTC, datetime

import pandas as pd

from lmi.db import query_df, query_rows, transaction
from lmi.i18n import _
from lmi.planner.inputs import AffectedGroup, Layoff
from lmi.records.db import writer
from lmi.transitions.ranking import Thresholds

MAX_NAME_CHARS = 120


class SavePlanProblem(ValueError):
    """Why a plan was not saved, naming the field at fault."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


def to_json(layoff: Layoff) -> str:
    return json.dumps(
        {
            "area_code": layoff.area_code,
            "groups": [[g.code, g.workers] for g in layoff.groups],
            "layoff_date": layoff.layoff_date.isoformat() if layoff.layoff_date else None,
            "horizon_months": layoff.horizon_months,
            "openings_share": layoff.openings_share,
            "trade_affected": layoff.trade_affected,
            "include_same_occupation": layoff.include_same_occupation,
            "thresholds": asdict(layoff.thresholds),
        },
        sort_keys=True,
    )


def from_json(text: str) -> Layoff:
    document = json.loads(text)
    date = document.get("layoff_date")
    return Layoff(
        str(document["area_code"]),
        tuple(AffectedGroup(str(code), int(workers)) for code, workers in document["groups"]),
        dt.date.fromisoformat(date) if date else None,
        int(document["horizon_months"]),
        float(document["openings_share"]),
        bool(document["trade_affected"]),
        bool(document.get("include_same_occupation", True)),
        Thresholds(**document.get("thresholds", {})),
    )


def save_plan(con, name: str, created_by: str, layoff: Layoff, now: datetime | None = None) -> str:
    """Store the plan's inputs under ``name`` (trimmed); raises ``SavePlanProblem`` (nothing stored) for an empty or
    too long name, a name already saved or no staff name."""
    name, created_by = (name or "").strip(), (created_by or "").strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise SavePlanProblem("name", _("give the plan a name of 1-{n} characters").format(n=MAX_NAME_CHARS))
    if not created_by:
        raise SavePlanProblem("created_by", _("sign in as staff: every saved plan records who saved it"))
    when = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    with writer(con), transaction(con) as cursor:
        taken = cursor.execute("SELECT count(*) FROM layoff_plan WHERE plan_name = $name", {"name": name}).fetchone()[0]
        if taken:
            raise SavePlanProblem(
                "name", _("a plan named “{name}” is already saved; choose another name").format(name=name)
            )
        cursor.execute(
            "INSERT INTO layoff_plan VALUES ($name, $by, $when, $json)",
            {"name": name, "by": created_by[:MAX_NAME_CHARS], "when": when, "json": to_json(layoff)},
        )
    return name


def saved_plans(con) -> pd.DataFrame:
    """Every saved plan, newest first: name, who saved it, when (UTC). Staff only."""
    return query_df(
        con, "SELECT plan_name, created_by, created_utc FROM layoff_plan ORDER BY created_utc DESC, plan_name"
    )


def saved_plan(con, name: str) -> Layoff:
    """The inputs saved under ``name``; LookupError when there is none."""
    rows = query_rows(con, "SELECT inputs_json FROM layoff_plan WHERE plan_name = $name", {"name": name})
    if not rows:
        raise LookupError(f"no saved plan named {name!r}")
    return from_json(rows[0][0])
