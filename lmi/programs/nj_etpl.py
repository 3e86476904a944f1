"""New Jersey ETPL published outcomes and program sample, as reference data beside the locally
recorded programs: always labelled "New Jersey ETPL (published)" with its own vintage, and a value
New Jersey suppressed (``-99999`` in its file, NULL plus a ``*_suppressed`` flag in the database) is
shown as "suppressed", never as a number.

The published outcomes are by provider x CIP code, not by program; the program sample joins to them
on (provider, CIP), so a program's row shows the outcomes of every program its provider offers under
that CIP code. Pages say so.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.db import query_df, query_rows
from lmi.i18n import N_, _

SOURCE_KEY = "nj_etpl"
SOURCE_LABEL = N_("New Jersey ETPL (published)")  # message ids here: shown with ``_()``
SUPPRESSED = N_("suppressed")
NJ_STATE_FIPS = "34"
LINKED_JOBS_SOURCE_KEYS = ("oews", "cip_soc")  # sources of the sample's New Jersey jobs (``program_sample``)

# Published outcome columns: (value column, suppressed flag column, kind).
OUTCOME_VALUES: tuple[tuple[str, str, str], ...] = (
    ("employed_q2_pct", "employed_q2_suppressed", "pct"),
    ("employed_q4_pct", "employed_q4_suppressed", "pct"),
    ("employed_q8_pct", "employed_q8_suppressed", "pct"),
    ("quarterly_wage_avg_q2_usd", "quarterly_wage_avg_q2_suppressed", "usd"),
    ("quarterly_wage_avg_q4_usd", "quarterly_wage_avg_q4_suppressed", "usd"),
    ("quarterly_wage_avg_q8_usd", "quarterly_wage_avg_q8_suppressed", "usd"),
    ("retention_q4_pct", "retention_q4_suppressed", "pct"),
    ("retention_q8_pct", "retention_q8_suppressed", "pct"),
)
OUTCOME_LABELS = {
    "employed_q2_pct": N_("Employed 2nd quarter after exit"),
    "employed_q4_pct": N_("Employed 4th quarter after exit"),
    "employed_q8_pct": N_("Employed 8th quarter after exit"),
    "quarterly_wage_avg_q2_usd": N_("Average quarterly wage, 2nd quarter"),
    "quarterly_wage_avg_q4_usd": N_("Average quarterly wage, 4th quarter"),
    "quarterly_wage_avg_q8_usd": N_("Average quarterly wage, 8th quarter"),
    "retention_q4_pct": N_("Retention, 4th quarter"),
    "retention_q8_pct": N_("Retention, 8th quarter"),
}
SORTABLE = ("employed_q2_pct", "employed_q4_pct", "quarterly_wage_avg_q2_usd", "completers_q2_count")
SORT_LABELS = {"completers_q2_count": N_("Completers"), **OUTCOME_LABELS}
PUBLISHED_ROWS_LIMIT = 500  # rows of published outcomes a page shows at once
NO_PUBLISHED_OUTCOME = N_("no published outcome")
NOT_PUBLISHED = N_("not published")
PUBLISHED_COLUMN_LABELS = {
    "provider_id": N_("Provider ID"),
    "provider_name": N_("Provider"),
    "county": N_("County"),
    "cip_code": N_("CIP"),
    "cip_title": N_("Training category"),
    "completers_q2_count": N_("Completers (2nd quarter)"),
    "completers_q4_count": N_("Completers (4th quarter)"),
    "completers_q8_count": N_("Completers (8th quarter)"),
    "wage_calc_q2_count": N_("In wage calculation (2nd quarter)"),
    "wage_calc_q4_count": N_("In wage calculation (4th quarter)"),
    **OUTCOME_LABELS,
}
SAMPLE_COLUMN_LABELS = {
    "program_name": N_("Program"),
    "provider_name": N_("Provider"),
    "county": N_("County"),
    "cip_code": N_("CIP"),
    "cip_title": N_("Training category"),
    "total_cost_usd": N_("Total cost"),
    "clock_hours": N_("Clock hours"),
    "credential_type": N_("Credential type"),
    "license_name": N_("License"),
    "industry_credential": N_("Industry credential"),
    "employed_q2_pct": N_("Employed 2nd quarter after exit (provider × CIP)"),
    "quarterly_wage_avg_q2_usd": N_("Average quarterly wage, 2nd quarter (provider × CIP)"),
    "completers_q2_count": N_("Completers (provider × CIP)"),
    "nj_jobs_in_linked_occupations_count": N_("New Jersey jobs in linked occupations (OEWS)"),
}
SAMPLE_NOTE = N_(
    "“suppressed”: New Jersey suppressed the value; “no published outcome”: New Jersey publishes no outcome row "
    "for this provider and CIP code."
)
UNNAMED_PROVIDER = N_("Provider {id}")  # a provider New Jersey publishes without a name


def sort_label(column: str) -> str:
    """The words of a sortable column, in the current language."""
    return _(SORT_LABELS[column]) if column in SORT_LABELS else column


def published_outcomes(
    con: duckdb.DuckDBPyConnection,
    search: str = "",
    cip_family: str | None = None,
    sort_by: str = "completers_q2_count",
    limit: int = PUBLISHED_ROWS_LIMIT,
) -> pd.DataFrame:
    """Provider x CIP outcomes as published, with the CIP title; ``search`` matches provider name or
    CIP title, ``cip_family`` the 2-digit CIP family. Suppressed values stay NULL with their flag."""
    if sort_by not in SORTABLE:
        raise ValueError(f"cannot sort by {sort_by!r}; choose one of {', '.join(SORTABLE)}")
    return query_df(
        con,
        f"""
        SELECT o.provider_id, coalesce(o.provider_name, replace($unnamed, '{id}', o.provider_id)) AS provider_name,
               o.county,
               o.cip_code, c.cip_title,
               {", ".join(f"o.{v}, o.{s}" for v, s, _kind in OUTCOME_VALUES)},
               o.completers_q2_count, o.completers_q4_count, o.completers_q8_count,
               o.wage_calc_q2_count, o.wage_calc_q4_count
        FROM core_nj_etpl_outcome o
        LEFT JOIN core_cip c USING (cip_code)
        WHERE ($search = '' OR o.provider_name ILIKE '%' || $search || '%' OR c.cip_title ILIKE '%' || $search || '%')
          AND ($family IS NULL OR substr(o.cip_code, 1, 2) = $family)
        ORDER BY o.{sort_by} DESC NULLS LAST, o.provider_id, o.cip_code
        LIMIT $limit
    """,
        {"search": search.strip(), "family": cip_family, "limit": int(limit), "unnamed": _(UNNAMED_PROVIDER)},
    )


def cip_families(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The 2-digit CIP families present in the published outcomes, with their CIP 2020 titles."""
    return query_df(
        con,
        """
        SELECT DISTINCT substr(o.cip_code, 1, 2) AS cip_family, f.cip_title AS family_title
        FROM core_nj_etpl_outcome o
        LEFT JOIN (SELECT cip_code, cip_title FROM raw_cip_codes WHERE length(cip_code) = 2) f
               ON f.cip_code = substr(o.cip_code, 1, 2)
        ORDER BY cip_family
    """,
    )


def program_sample(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The ETPL program sample (costs, hours, credentials) with its provider x CIP published
    outcomes and the New Jersey jobs in occupations linked to its CIP code (NCES CIP-SOC).

    Jobs come from the one demand model (``out_soc_demand``) at the code BLS publishes: a linked SOC
    code that BLS counts only inside a group (31-1121 inside 31-1120) reads the group, and a group
    linked through several SOC codes is counted once."""
    return query_df(
        con,
        """
        WITH linked AS (
            SELECT DISTINCT cs.cip_code, coalesce(d.soc_code, x.oews_soc_code) AS bls_soc_code
            FROM core_cip_soc cs
            LEFT JOIN (SELECT soc_code FROM out_soc_demand WHERE area_code = '0000000') d ON d.soc_code = cs.soc_code
            LEFT JOIN (SELECT DISTINCT soc_code, oews_soc_code FROM core_onet_soc_crosswalk) x
                   ON x.soc_code = cs.soc_code
        ), fit AS (
            SELECT l.cip_code, count(DISTINCT l.bls_soc_code) AS linked_occupations_count,
                   sum(s.local_employment_count) AS nj_jobs_in_linked_occupations_count,
                   count(s.local_employment_count) AS occupations_with_published_jobs_count
            FROM linked l
            LEFT JOIN core_area a ON a.area_kind = 'state' AND a.state_fips = $nj
            LEFT JOIN out_soc_demand s ON s.area_code = a.area_code AND s.soc_code = l.bls_soc_code
            GROUP BY l.cip_code
        )
        SELECT p.program_id, p.program_name, p.provider_id, p.provider_name, p.county, p.cip_code, c.cip_title,
               p.total_cost_usd, p.tuition_usd, p.clock_hours, p.credential_type, p.certificate_or_degree,
               p.license_name, p.industry_credential,
               o.employed_q2_pct, o.employed_q2_suppressed, o.quarterly_wage_avg_q2_usd,
               o.quarterly_wage_avg_q2_suppressed, o.completers_q2_count,
               o.provider_id IS NOT NULL AS has_published_outcomes,
               f.linked_occupations_count, f.nj_jobs_in_linked_occupations_count,
               f.occupations_with_published_jobs_count
        FROM core_nj_etpl_program p
        LEFT JOIN core_cip c USING (cip_code)
        LEFT JOIN core_nj_etpl_outcome o ON o.provider_id = p.provider_id AND o.cip_code = p.cip_code
        LEFT JOIN fit f ON f.cip_code = p.cip_code
        ORDER BY p.provider_name, p.program_name
    """,
        {"nj": NJ_STATE_FIPS},
    )


def outcome_counts(con: duckdb.DuckDBPyConnection) -> dict:
    """How many provider x CIP rows there are and how many of their Q2 employment rates New Jersey
    suppressed: the page says this above the table."""
    rows, suppressed, providers = query_rows(
        con,
        """
        SELECT count(*), count(*) FILTER (WHERE employed_q2_suppressed), count(DISTINCT provider_id)
        FROM core_nj_etpl_outcome""",
    )[0]
    return {"rows": rows, "employed_q2_suppressed": suppressed, "providers": providers}


def format_published(frame: pd.DataFrame) -> pd.DataFrame:
    """Readable copy: percentages and dollars as text, "suppressed" where New Jersey suppressed the
    value; the ``*_suppressed`` flags are folded into the text and dropped."""
    out = frame.copy()
    for value, flag, kind in OUTCOME_VALUES:
        if value not in out:
            continue
        flags = out[flag].astype("boolean").fillna(False) if flag in out else pd.Series(False, index=out.index)
        out[value] = [_published_text(v, bool(f), kind) for v, f in zip(out[value], flags)]
        out = out.drop(columns=[flag], errors="ignore")
    return out


def _published_text(value, suppressed: bool, kind: str) -> str:
    if suppressed:
        return _(SUPPRESSED)
    if value is None or pd.isna(value):
        return _(NOT_PUBLISHED)
    return f"{value:.1f}%" if kind == "pct" else f"${value:,.0f}"


def readable_outcomes(published: pd.DataFrame) -> pd.DataFrame:
    """Published outcomes (``published_outcomes``) as people read them, with plain column names in the current
    language."""
    return format_published(published).rename(columns={c: _(w) for c, w in PUBLISHED_COLUMN_LABELS.items()})


def readable_sample(sample: pd.DataFrame) -> pd.DataFrame:
    """The program sample (``program_sample``) as people read it: costs and jobs as text, and "no published
    outcome" where New Jersey publishes no row for the program's provider and CIP code."""
    published = sample.has_published_outcomes.astype(bool).tolist()
    out = format_published(sample)
    none_published = _(NO_PUBLISHED_OUTCOME)
    out["total_cost_usd"] = [f"${v:,.0f}" if pd.notna(v) else _(NOT_PUBLISHED) for v in sample.total_cost_usd]
    out["nj_jobs_in_linked_occupations_count"] = [
        f"{int(v):,}" if pd.notna(v) else _("not released") for v in sample.nj_jobs_in_linked_occupations_count
    ]
    out["completers_q2_count"] = [f"{int(v):,}" if pd.notna(v) else none_published for v in sample.completers_q2_count]
    for column in ("employed_q2_pct", "quarterly_wage_avg_q2_usd"):
        out[column] = [v if has else none_published for v, has in zip(out[column], published)]
    return out[list(SAMPLE_COLUMN_LABELS)].rename(columns={c: _(w) for c, w in SAMPLE_COLUMN_LABELS.items()})


def family_label(families: pd.DataFrame, family: str | None) -> str:
    """A CIP family choice as it reads: "All", or "51 — Health Professions And Related Programs" (the CIP title
    as published)."""
    if family is None:
        return _("All")
    titles = dict(zip(families.cip_family, families.family_title))
    return f"{family} — {titles.get(family, '')}".title()
