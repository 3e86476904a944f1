"""Map O*NET-SOC occupations (8 characters) to the SOC codes that OEWS and the projections publish.

O*NET rates occupations at a finer grain than BLS publishes numbers for. Every O*NET code starts
with its SOC 2018 code (``29-1141.03`` -> ``29-1141``), but BLS sometimes publishes only an
aggregate. The rules, tried in order, each recorded as the match method:

1. ``exact``: BLS publishes the SOC code itself.
2. ``broad_group``: BLS publishes the SOC broad group (``13-1020`` for ``13-1021``..``13-1023``) as a
   detailed line.
3. ``residual_in_broad_group``: within the same broad group, exactly one published detailed code is
   not itself an O*NET code; BLS uses such codes for combinations (``53-1047`` covers ``53-1042``..
   ``53-1049``; ``25-9045`` covers ``25-9042``, ``25-9043``, ``25-9049``).
4. ``none``: BLS publishes no estimate covering it (military occupations, for example).

The result is a table, and the coverage report lists what is not matched, so nothing is silently
dropped.
"""

from __future__ import annotations

from collections import defaultdict

import duckdb
import pandas as pd

METHODS = ("exact", "broad_group", "residual_in_broad_group", "none")


def match_codes(onet_socs: list[str], published: set[str]) -> dict[str, tuple[str | None, str]]:
    """For each 6-digit SOC used by O*NET, the published code covering it and the rule that found it."""
    onet_set = set(onet_socs)
    residuals = defaultdict(list)
    for code in sorted(published):
        if code not in onet_set:
            residuals[code[:6]].append(code)
    result = {}
    for soc in sorted(onet_set):
        broad = soc[:6] + "0"
        if soc in published:
            result[soc] = (soc, "exact")
        elif broad in published:
            result[soc] = (broad, "broad_group")
        elif len(candidates := [c for c in residuals[soc[:6]] if c != broad]) == 1:
            result[soc] = (candidates[0], "residual_in_broad_group")
        else:
            result[soc] = (None, "none")
    return result


def build_crosswalk(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``core_onet_soc_crosswalk`` from the O*NET occupations and the published code lists."""
    occupations = con.execute("SELECT onet_soc_code, soc_code FROM core_occupation ORDER BY 1").df()
    oews_codes = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT e.soc_code FROM core_oews_estimate e JOIN core_soc_occupation s USING (soc_code) "
            "WHERE s.soc_level = 'detailed'"
        ).fetchall()
    }
    projection_codes = {
        r[0] for r in con.execute("SELECT soc_code FROM core_projection WHERE occupation_type = 'Line item'").fetchall()
    }
    socs = occupations.soc_code.unique().tolist()
    oews_match = match_codes(socs, oews_codes)
    projection_match = match_codes(socs, projection_codes)
    frame = pd.DataFrame(
        {
            "onet_soc_code": occupations.onet_soc_code,
            "soc_code": occupations.soc_code,
            "oews_soc_code": [oews_match[s][0] for s in occupations.soc_code],
            "oews_match_method": [oews_match[s][1] for s in occupations.soc_code],
            "projections_soc_code": [projection_match[s][0] for s in occupations.soc_code],
            "projections_match_method": [projection_match[s][1] for s in occupations.soc_code],
        }
    )
    con.register("crosswalk_frame", frame)
    con.execute("CREATE TABLE core_onet_soc_crosswalk AS SELECT * FROM crosswalk_frame")
    con.unregister("crosswalk_frame")
