"""Budget scenarios staff save from the Funding view, in the records store (``budget_scenario``, migration 3).

A saved scenario is its name (the key), who saved it (the name typed at staff sign-in), when (UTC) and its changes
as the JSON document the page downloads (``lmi.programs.scenario.scenario_to_json``). The store keeps the text and
does not interpret it: the domain checks a scenario before it is saved and again whenever it is loaded, against
the records of that moment (a program may have gone since). Saving is one INSERT in its own transaction, so a
scenario is stored whole or not at all; a name already used is refused (save under another name), so a saved
scenario never changes under the people who looked at it.

Saving is not an import: it does not change the records revision, so lists of saved scenarios are read fresh,
never from a cache.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows, transaction
from lmi.i18n import _
from lmi.records.db import writer

MAX_NAME_CHARS = 120
MAX_JSON_CHARS = 1_000_000


class SaveProblem(ValueError):
    """Why a scenario was not saved, naming the field at fault (the message in the current language)."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


def save_scenario(
    con: duckdb.DuckDBPyConnection,
    name: str,
    created_by: str,
    changes_json: str,
    now: datetime | None = None,
) -> str:
    """Store one scenario under ``name`` (trimmed) and return the name; raises ``SaveProblem`` (nothing stored)
    for an empty or too long name, a name already saved, no staff name, or text that is not a JSON object."""
    name, created_by = (name or "").strip(), (created_by or "").strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise SaveProblem("name", _("give the scenario a name of 1-{n} characters").format(n=MAX_NAME_CHARS))
    if not created_by:
        raise SaveProblem("created_by", _("sign in as staff: every saved scenario records who saved it"))
    if len(changes_json) > MAX_JSON_CHARS:
        raise SaveProblem("changes", _("longer than {n:,} characters").format(n=MAX_JSON_CHARS))
    try:
        document = json.loads(changes_json)
    except json.JSONDecodeError as error:
        raise SaveProblem("changes", _("not a JSON document ({error})").format(error=error)) from None
    if not isinstance(document, dict) or not isinstance(document.get("changes"), list):
        raise SaveProblem("changes", _("expected a JSON object with a list of changes"))
    when = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    with writer(con), transaction(con) as cursor:  # one writer at a time: a name is checked and taken at once
        taken = cursor.execute(
            "SELECT count(*) FROM budget_scenario WHERE scenario_name = $name", {"name": name}
        ).fetchone()[0]
        if taken:
            raise SaveProblem(
                "name", _("a scenario named “{name}” is already saved; choose another name").format(name=name)
            )
        cursor.execute(
            "INSERT INTO budget_scenario VALUES ($name, $by, $when, $json)",
            {"name": name, "by": created_by[:MAX_NAME_CHARS], "when": when, "json": changes_json},
        )
    return name


def saved_scenarios(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every saved scenario, newest first: name, who saved it, when (UTC). Staff only."""
    return query_df(
        con,
        """SELECT scenario_name, created_by, created_utc FROM budget_scenario
           ORDER BY created_utc DESC, scenario_name""",
    )


def saved_scenario_json(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The JSON document saved under ``name``; LookupError when there is none."""
    rows = query_rows(con, "SELECT changes_json FROM budget_scenario WHERE scenario_name = $name", {"name": name})
    if not rows:
        raise LookupError(f"no saved scenario named {name!r}")
    return rows[0][0]
