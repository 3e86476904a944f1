"""The occupation codes a postings file may carry, as the staging SQL looks them up (``valid_code``).

A file's code is kept when it is an O*NET-SOC code (``29-1141.00``, or ``29114100`` without punctuation) or a
detailed SOC 2018 code (``29-1141`` or ``291141``) that O*NET or the SOC structure in the reference database
has. Postings are counted by detailed SOC code, the level OEWS publishes most occupations at; a broad or
BLS-aggregated code ("29-1140", "31-1120") names no single occupation, so it is not kept and the posting's
title is coded instead (the import reports how many).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df


def valid_code_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """code_key (upper case, as a file may write it) -> onet_soc_code (None for a SOC code O*NET splits or
    lacks) and soc_code."""
    onet = query_df(con, "SELECT onet_soc_code, soc_code FROM core_occupation")
    detailed = query_df(con, "SELECT soc_code FROM core_soc_occupation WHERE soc_level = 'detailed'")
    soc_level = dict(zip(onet.soc_code[onet.onet_soc_code.str.endswith(".00")], onet.onet_soc_code))
    socs = sorted(set(detailed.soc_code) | set(onet.soc_code))
    rows = []
    for code, soc in zip(onet.onet_soc_code, onet.soc_code):
        rows.append((code, code, soc))
        rows.append((code.replace("-", "").replace(".", ""), code, soc))
    for soc in socs:
        rows.append((soc, soc_level.get(soc), soc))
        rows.append((soc.replace("-", ""), soc_level.get(soc), soc))
    frame = pd.DataFrame(rows, columns=["code_key", "onet_soc_code", "soc_code"]).drop_duplicates("code_key")
    return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)
