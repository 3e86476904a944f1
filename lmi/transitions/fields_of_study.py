"""Training programs that lead to an occupation: the instructional programs (CIP 2020) that the
NCES CIP-SOC crosswalk links to its SOC code.

The crosswalk says which fields of study prepare people for an occupation; it does not say that a
program is offered nearby, how long it takes, or how its graduates fare. O*NET breakouts
(29-1141.01) use their SOC code (29-1141); an occupation BLS publishes only inside a wider group is
looked up by its own SOC code first and by the group's code if that finds nothing.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df
from lmi.i18n import N_, _


def programs_for(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> pd.DataFrame:
    """CIP programs linked to the occupation's SOC code: cip_code, cip_title, cip_definition, soc_code."""
    return query_df(
        con,
        """
        WITH codes AS (
            SELECT o.soc_code, x.oews_soc_code
            FROM core_occupation o LEFT JOIN core_onet_soc_crosswalk x USING (onet_soc_code)
            WHERE o.onet_soc_code = $code),
        own AS (SELECT cs.cip_code, cs.soc_code FROM core_cip_soc cs JOIN codes c ON cs.soc_code = c.soc_code),
        grouped AS (SELECT cs.cip_code, cs.soc_code FROM core_cip_soc cs JOIN codes c ON cs.soc_code = c.oews_soc_code
                    WHERE NOT EXISTS (SELECT 1 FROM own))
        SELECT p.cip_code, c.cip_title, c.cip_definition, p.soc_code
        FROM (SELECT * FROM own UNION SELECT * FROM grouped) p
        JOIN core_cip c USING (cip_code)
        ORDER BY p.cip_code
    """,
        {"code": onet_soc_code},
    )


CROSSWALK_CAVEAT = N_(  # English, marked for the catalog: shown through ``crosswalk_caveat``
    "Fields of study the NCES CIP-SOC crosswalk links to this occupation; it does not say where a program is offered "
    "or how its graduates fare."
)


def crosswalk_caveat() -> str:
    """What the crosswalk does not say, under the fields of study (in the visitor's language)."""
    return _(CROSSWALK_CAVEAT)


def none_linked_sentence(title: str) -> str:
    return _("The CIP-SOC crosswalk links no instructional program to {title}.").format(title=title)
