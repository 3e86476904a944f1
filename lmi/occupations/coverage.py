"""Coverage of the O*NET-to-SOC mapping: which O*NET occupations get BLS numbers and which do not, and the
method in words, made from the database and the words below so the page says what the data holds."""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.areas import NATION_CODE
from lmi.db import query_df, query_rows
from lmi.demand.labels import basis_label, grain_words
from lmi.i18n import N_, _
from lmi.provenance import source_versions

# How ``core_onet_soc_crosswalk`` matched an O*NET occupation to a code BLS publishes (etl/steps crosswalk).
# English, marked for the catalog: shown through ``match_method_words``.
MATCH_METHOD_WORDS = {
    "exact": N_("the occupation's own SOC code"),
    "broad_group": N_("the SOC broad group BLS publishes as one line"),
    "residual_in_broad_group": N_("the one residual code in the same broad group that BLS uses for a combination"),
    "none": N_("no code: BLS publishes no estimates for it (military occupations have no civilian estimates)"),
}


def match_method_words(method) -> str:
    """How an O*NET occupation was matched to a BLS code, in the visitor's language ("" if unknown)."""
    return _(MATCH_METHOD_WORDS[method]) if method in MATCH_METHOD_WORDS else ""


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
    frame.insert(2, "what_it_means", frame.match_method.map(match_method_words))
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
    return _(
        "O*NET describes {occupations:,} occupations; BLS publishes the numbers they show under {codes:,} codes, "
        "sometimes only as a combination. Each O*NET occupation is matched to the code BLS publishes: "
        "*exact*, {exact}; {broad_group} (*broad group*, e.g. {broad_example}); or {residual} (*residual*, "
        "e.g. {residual_example}). Otherwise, {none}."
    ).format(
        occupations=occupations,
        codes=codes,
        exact=match_method_words("exact"),
        broad_group=match_method_words("broad_group"),
        broad_example=examples.get("broad_group", ""),
        residual=match_method_words("residual_in_broad_group"),
        residual_example=examples.get("residual_in_broad_group", ""),
        none=match_method_words("none"),
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
    frame.insert(
        1, "what_it_means", [grain_words(grain) if isinstance(grain, str) else "" for grain in frame.demand_grain]
    )
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
        examples.append(
            _("O*NET splits {title} into {count} occupations").format(
                title=split["demand_title"], count=split["shared_with_count"]
            )
        )
    if aggregate:
        examples.append(
            _("BLS publishes {titles} only together as {code}").format(
                titles=_and_list(aggregate["occupation_titles"]), code=aggregate["demand_soc_code"]
            )
        )
    examples.append(_("“All Other” codes cover many occupations"))
    shown = (
        _("they show the same figure, and the dashboard says so beside the figure: “{basis}”.").format(
            basis=aggregate["basis"]
        )
        if aggregate
        else _("they show the same figure, and the dashboard says so beside the figure.")
    )
    return _(
        "Every page, download and notebook reads local demand from one table the ETL builds, "
        "`out_occupation_demand`: one row per area and O*NET occupation, holding the "
        "OEWS {oews} employment, wages and location quotient, the national "
        "{projections} projections and the local openings estimate, together with "
        "`demand_soc_code`, the BLS code whose numbers these are. When several O*NET occupations are covered by one "
        "BLS code ({examples}), {shown} Rankings and sector totals count such a figure once. A value BLS did not "
        "release stays empty with the reason, never zero. `out_soc_demand` holds the same numbers once per BLS code."
    ).format(
        oews=versions.get("oews", ""),
        projections=versions.get("projections", ""),
        examples="; ".join(examples),
        shown=shown,
    )


def _and_list(titles: list[str]) -> str:
    """ "A and B", "A, B and C": titles as one phrase, in the visitor's language."""
    if len(titles) < 2:
        return "".join(titles)
    return _("{items} and {last}").format(items=", ".join(titles[:-1]), last=titles[-1])
