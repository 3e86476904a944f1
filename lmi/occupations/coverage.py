"""Coverage of the O*NET-to-SOC mapping: which O*NET occupations get BLS numbers and which do not, and the
method in words, made from the database and the words below so the page says what the data holds."""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.areas import NATION_CODE
from lmi.db import query_df, query_rows
from lmi.demand.labels import GRAIN_WORDS, basis_label
from lmi.provenance import source_versions

# How ``core_onet_soc_crosswalk`` matched an O*NET occupation to a code BLS publishes (etl/steps crosswalk).
MATCH_METHOD_WORDS = {
    "exact": "the occupation's own SOC code",
    "broad_group": "the SOC broad group BLS publishes as one line",
    "residual_in_broad_group": "the one residual code in the same broad group that BLS uses for a combination",
    "none": "no code: BLS publishes no estimates for it (military occupations have no civilian estimates)",
}


def coverage_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Counts of O*NET occupations by how they were matched to OEWS and to the projections."""
    frame = query_df(
        con,
        """
        SELECT 'OEWS' AS dataset, oews_match_method AS match_method, count(*) AS onet_occupations
        FROM core_onet_soc_crosswalk GROUP BY ALL
        UNION ALL
        SELECT 'Employment Projections', projections_match_method, count(*)
        FROM core_onet_soc_crosswalk GROUP BY ALL
        ORDER BY dataset, onet_occupations DESC
    """,
    )
    frame.insert(2, "what_it_means", frame.match_method.map(MATCH_METHOD_WORDS).fillna(""))
    return frame


def crosswalk_method(con: duckdb.DuckDBPyConnection) -> str:
    """How O*NET occupations meet the codes BLS publishes, with this database's counts and, for each kind
    of match, the code most O*NET occupations share as its example."""
    occupations = query_rows(con, "SELECT count(*) FROM core_occupation")[0][0]
    codes = query_rows(
        con,
        "SELECT count(DISTINCT demand_soc_code) FROM out_occupation_demand WHERE area_code = $nation",
        {"nation": NATION_CODE},
    )[0][0]
    examples = dict(
        query_rows(
            con,
            """
        SELECT oews_match_method, oews_soc_code FROM core_onet_soc_crosswalk
        WHERE oews_soc_code IS NOT NULL
        GROUP BY oews_match_method, oews_soc_code
        QUALIFY row_number() OVER (PARTITION BY oews_match_method ORDER BY count(*) DESC, oews_soc_code) = 1
    """,
        )
    )
    kinds = [
        ("exact", "*exact*, {words}"),
        ("broad_group", "{words} (*broad group*, e.g. {example})"),
        ("residual_in_broad_group", "{words} (*residual*, e.g. {example})"),
    ]
    matches = [
        template.format(words=MATCH_METHOD_WORDS[kind], example=examples.get(kind, "")) for kind, template in kinds
    ]
    return (
        f"O*NET describes {occupations:,} occupations; BLS publishes the numbers they show under {codes:,} codes, "
        "sometimes only as a combination. Each O*NET occupation is matched to the code BLS publishes: "
        f"{matches[0]}; {matches[1]}; or {matches[2]}. Otherwise, {MATCH_METHOD_WORDS['none']}."
    )


def unmatched_occupations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """O*NET occupations without OEWS or projections numbers, and those matched to an aggregate."""
    return query_df(
        con,
        """
        SELECT x.onet_soc_code, o.title, x.oews_soc_code, x.oews_match_method,
               x.projections_soc_code, x.projections_match_method
        FROM core_onet_soc_crosswalk x JOIN core_occupation o USING (onet_soc_code)
        WHERE x.oews_match_method <> 'exact' OR x.projections_match_method <> 'exact'
        ORDER BY x.oews_match_method DESC, x.onet_soc_code
    """,
    )


def demand_grain_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """How many O*NET occupations show their own BLS figure, and how many a group's (by grain), each grain
    in the words ``lmi.demand.labels`` uses beside the figures."""
    frame = query_df(
        con,
        """
        SELECT demand_grain, count(*) AS onet_occupations_count,
               count(DISTINCT demand_soc_code) AS bls_codes_count
        FROM out_occupation_demand WHERE area_code = $nation
        GROUP BY demand_grain ORDER BY onet_occupations_count DESC
    """,
        {"nation": NATION_CODE},
    )
    frame.insert(1, "what_it_means", frame.demand_grain.map(GRAIN_WORDS).fillna(""))
    return frame


def shared_figures(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every BLS code whose figures several O*NET occupations show, with those occupations named."""
    return query_df(
        con,
        """
        SELECT demand_soc_code, any_value(demand_title) AS demand_title, any_value(demand_grain) AS demand_grain,
               count(*) AS shared_with_count,
               string_agg(occupation_title || ' (' || onet_soc_code || ')', '; ' ORDER BY onet_soc_code)
                   AS onet_occupations
        FROM out_occupation_demand
        WHERE area_code = $nation AND shared_with_count > 1
        GROUP BY demand_soc_code ORDER BY demand_soc_code
    """,
        {"nation": NATION_CODE},
    )


def largest_shared_figure(con: duckdb.DuckDBPyConnection, grain: str) -> dict | None:
    """The BLS code of ``grain`` with the most national jobs, with the O*NET occupations sharing it: the
    example the method text gives (None when the database holds no such code)."""
    rows = query_rows(
        con,
        """
        SELECT demand_soc_code, any_value(demand_title), any_value(shared_with_count),
               list(occupation_title ORDER BY onet_soc_code)
        FROM out_occupation_demand
        WHERE area_code = $nation AND demand_grain = $grain
        GROUP BY demand_soc_code
        ORDER BY max(local_employment_count) DESC NULLS LAST, demand_soc_code
        LIMIT 1
    """,
        {"nation": NATION_CODE, "grain": grain},
    )
    if not rows:
        return None
    code, title, shared_with, titles = rows[0]
    return {
        "demand_soc_code": code,
        "demand_title": title,
        "shared_with_count": shared_with,
        "occupation_titles": list(titles),
        "basis": basis_label(code, title, grain, shared_with),
    }


def demand_method(con: duckdb.DuckDBPyConnection) -> str:
    """The one demand model in words: what ``out_occupation_demand`` holds (with the versions this database
    was built from) and how a figure several occupations share is labelled, with this database's examples."""
    versions = source_versions(con)
    split = largest_shared_figure(con, "shared_soc")
    aggregate = largest_shared_figure(con, "bls_aggregate")
    examples = []
    if split:
        examples.append(f"O*NET splits {split['demand_title']} into {split['shared_with_count']} occupations")
    if aggregate:
        examples.append(
            f"BLS publishes {' and '.join(aggregate['occupation_titles'])} only together as "
            f"{aggregate['demand_soc_code']}"
        )
    examples.append("“All Other” codes cover many occupations")
    labelled = f": “{aggregate['basis']}”" if aggregate else ""
    return (
        "Every page, download and notebook reads local demand from one table the ETL builds, "
        "`out_occupation_demand`: one row per area and O*NET occupation, holding the "
        f"OEWS {versions.get('oews', '')} employment, wages and location quotient, the national "
        f"{versions.get('projections', '')} projections and the local openings estimate, together with "
        "`demand_soc_code`, the BLS code whose numbers these are. When several O*NET occupations are covered by one "
        f"BLS code ({'; '.join(examples)}), they show the same figure, and the dashboard says so beside the "
        f"figure{labelled}. Rankings and sector totals count such a figure once. A value BLS did not release stays "
        "empty with the reason, never zero. `out_soc_demand` holds the same numbers once per BLS code."
    )
