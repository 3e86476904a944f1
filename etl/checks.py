"""Data checks run in SQL after every build. A failing check fails the build, naming the check.

Each check is a query returning the rows that break it (at most a few are shown). Checks are data:
a name, what it protects, and the SQL. Row-count bands guard against a source that silently shrank
or a join that exploded; builds from tiny test fixtures turn them off.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from etl.errors import DataCheckError

SOC = r"^\d{2}-\d{4}$"
ONET_SOC = r"^\d{2}-\d{4}\.\d{2}$"


@dataclass(frozen=True)
class DataCheck:
    name: str
    protects: str
    sql: str  # returns violating rows
    kind: str = "rule"  # "rule" or "row_count"


def _unique(table: str, *keys: str) -> DataCheck:
    cols = ", ".join(keys)
    return DataCheck(
        f"{table}_key_unique",
        f"one row per ({cols}) in {table}",
        f"SELECT {cols}, count(*) AS n FROM {table} GROUP BY ALL HAVING count(*) > 1",
    )


def _not_null(table: str, *columns: str) -> DataCheck:
    condition = " OR ".join(f"{c} IS NULL" for c in columns)
    return DataCheck(
        f"{table}_required_not_null",
        f"{', '.join(columns)} always present in {table}",
        f"SELECT * FROM {table} WHERE {condition}",
    )


def _matches(table: str, column: str, pattern: str) -> DataCheck:
    return DataCheck(
        f"{table}_{column}_format",
        f"{table}.{column} matches {pattern}",
        f"SELECT {column} FROM {table} WHERE NOT regexp_full_match({column}, '{pattern[1:-1]}')",
    )


def _rows_between(table: str, low: int, high: int) -> DataCheck:
    return DataCheck(
        f"{table}_row_count",
        f"{table} holds {low:,}-{high:,} rows",
        f"SELECT count(*) AS n FROM {table} HAVING count(*) NOT BETWEEN {low} AND {high}",
        kind="row_count",
    )


def _ordered(prefix: str) -> DataCheck:
    """Published percentiles never decrease. A top-coded value (footnote 5) is only a lower bound,
    and BLS publishes some percentiles above the footnote's stated bound, so bounds are skipped."""
    points = ("p10", "p25", "median", "p75", "p90")
    cols = [(f"{prefix}_wage_{p}_usd", f"{prefix}_wage_{p}_footnote") for p in points]
    pairs = " OR ".join(
        f"({a} > {b} AND coalesce({fa}, '') <> '5' AND coalesce({fb}, '') <> '5')"
        for (a, fa), (b, fb) in zip(cols, cols[1:])
    )
    return DataCheck(
        f"oews_{prefix}_percentiles_ordered",
        f"published {prefix} wage percentiles never decrease",
        f"SELECT area_code, soc_code FROM core_oews_estimate WHERE {pairs}",
    )


_NJ_PCTS = ("employed_q2", "employed_q4", "employed_q8", "retention_q4", "retention_q8")
_NJ_WAGES = ("quarterly_wage_avg_q2", "quarterly_wage_avg_q4", "quarterly_wage_avg_q8")
_NJ_ETPL_CHECKS: tuple[DataCheck, ...] = (
    DataCheck(
        "core_nj_etpl_outcome_key_unique",
        "one row per (provider_id, cip_code) in core_nj_etpl_outcome",
        "SELECT provider_id, cip_code, count(*) AS n FROM core_nj_etpl_outcome GROUP BY ALL HAVING count(*) > 1",
    ),
    DataCheck(
        "core_nj_etpl_program_key_unique",
        "one row per program_id in core_nj_etpl_program",
        "SELECT program_id, count(*) AS n FROM core_nj_etpl_program GROUP BY ALL HAVING count(*) > 1",
    ),
    DataCheck(
        "core_nj_etpl_provider_key_unique",
        "one row per provider_id in core_nj_etpl_provider",
        "SELECT provider_id, count(*) AS n FROM core_nj_etpl_provider GROUP BY ALL HAVING count(*) > 1",
    ),
    DataCheck(
        "nj_etpl_cip_format",
        "NJ ETPL CIP codes read as NN.NNNN",
        "SELECT cip_code FROM core_nj_etpl_outcome WHERE NOT regexp_full_match(cip_code, '\\d{2}\\.\\d{4}') "
        "UNION ALL SELECT cip_code FROM core_nj_etpl_program WHERE NOT regexp_full_match(cip_code, '\\d{2}\\.\\d{4}')",
    ),
    DataCheck(
        "nj_etpl_percent_in_range",
        "published NJ ETPL percentages lie within 0-100",
        "SELECT provider_id, cip_code FROM core_nj_etpl_outcome WHERE "
        + " OR ".join(f"{p}_pct NOT BETWEEN 0 AND 100" for p in _NJ_PCTS),
    ),
    DataCheck(
        "nj_etpl_wages_not_negative",
        "published NJ ETPL average quarterly wages are >= 0",
        "SELECT provider_id, cip_code FROM core_nj_etpl_outcome WHERE "
        + " OR ".join(f"{w}_usd < 0" for w in _NJ_WAGES),
    ),
    DataCheck(
        "nj_etpl_suppressed_is_never_a_number",
        "a value New Jersey suppressed (-99999) is NULL with its flag set, and only then",
        "SELECT provider_id, cip_code FROM core_nj_etpl_outcome WHERE "
        + " OR ".join(
            f"(({c} IS NULL) <> {s}_suppressed)"
            for c, s in [(f"{p}_pct", p) for p in _NJ_PCTS] + [(f"{w}_usd", w) for w in _NJ_WAGES]
        ),
    ),
    DataCheck(
        "nj_etpl_counts_not_negative",
        "NJ ETPL completer counts are >= 0",
        "SELECT provider_id, cip_code FROM core_nj_etpl_outcome WHERE least(completers_q2_count, "
        "completers_q4_count, completers_q8_count, wage_calc_q2_count, wage_calc_q4_count, wage_calc_q8_count) < 0",
    ),
    DataCheck(
        "nj_etpl_costs_not_negative",
        "NJ ETPL program costs are >= 0",
        "SELECT program_id FROM core_nj_etpl_program WHERE least(tuition_usd, fees_usd, books_materials_usd, "
        "supplies_tools_usd, other_costs_usd, total_cost_usd) < 0",
    ),
    _rows_between("core_nj_etpl_outcome", 1_000, 3_000),
    _rows_between("core_nj_etpl_provider", 200, 2_000),
    _rows_between("core_nj_etpl_program", 50, 5_000),
)

_SIMILARITY_SCORES = (
    "similarity_score",
    "skills_score",
    "knowledge_score",
    "work_activities_score",
    "detailed_work_activities_score",
    "tasks_score",
    "interests_score",
    "work_styles_score",
)
_SIMILARITY_CHECKS = (  # out_occupation_similarity (etl/steps/step_30_occupation_similarity.py)
    _unique("out_occupation_similarity", "onet_soc_code", "target_onet_soc_code"),
    DataCheck(
        "similarity_no_self_pairs",
        "an occupation is never listed as similar to itself",
        "SELECT onet_soc_code FROM out_occupation_similarity WHERE onet_soc_code = target_onet_soc_code",
    ),
    DataCheck(
        "similarity_scores_in_scale",
        "similarity and component scores lie on the 0-100 rarity scale",
        "SELECT onet_soc_code, target_onet_soc_code FROM out_occupation_similarity WHERE "
        + " OR ".join(f"{c} NOT BETWEEN 0 AND 100" for c in _SIMILARITY_SCORES),
    ),
    DataCheck(
        "similarity_ranks_complete",
        "each occupation's neighbours are ranked 1..n without gaps, best first",
        "SELECT onet_soc_code FROM out_occupation_similarity GROUP BY 1 HAVING min(similarity_rank) <> 1 "
        "OR max(similarity_rank) <> count(*) OR arg_min(similarity_score, similarity_rank) < "
        "arg_max(similarity_score, similarity_rank)",
    ),
    DataCheck(
        "similarity_targets_known",
        "every similar occupation is an O*NET occupation",
        "SELECT target_onet_soc_code FROM out_occupation_similarity EXCEPT SELECT onet_soc_code FROM core_occupation",
    ),
    _rows_between("out_occupation_similarity", 40_000, 55_000),
)

_DEMAND_CHECKS = (  # out_soc_demand, out_occupation_demand (etl/steps/step_40_occupation_demand.sql)
    _unique("out_soc_demand", "area_code", "soc_code"),
    _unique("out_occupation_demand", "area_code", "onet_soc_code"),
    DataCheck(
        "demand_every_area_and_occupation",
        "every OEWS area has a row for every O*NET occupation",
        "SELECT count(*) FROM out_occupation_demand HAVING count(*) <> (SELECT count(*) FROM core_area) * "
        "(SELECT count(*) FROM core_occupation) OR count(DISTINCT area_code) <> (SELECT count(*) FROM core_area)"
        " OR count(DISTINCT onet_soc_code) <> (SELECT count(*) FROM core_occupation)",
    ),
    DataCheck(
        "demand_missing_has_reason",
        "a NULL local employment always carries the reason, a value never does",
        "SELECT area_code, onet_soc_code FROM out_occupation_demand WHERE "
        "(local_employment_count IS NULL) <> (local_employment_missing_reason IS NOT NULL)",
    ),
    DataCheck(
        "demand_not_released_is_null",
        "an estimate BLS did not release (footnote 8) is NULL, never 0",
        "SELECT area_code, soc_code FROM out_soc_demand WHERE local_employment_footnote = '8' "
        "AND local_employment_count IS NOT NULL",
    ),
    DataCheck(
        "demand_figures_match_oews",
        "each row's local employment is OEWS's figure for its demand_soc_code",
        "SELECT d.area_code, d.onet_soc_code FROM out_occupation_demand d "
        "JOIN core_oews_estimate e ON e.area_code = d.area_code AND e.soc_code = d.demand_soc_code "
        "WHERE e.employment_count IS DISTINCT FROM d.local_employment_count",
    ),
    DataCheck(
        "demand_sharing_counted",
        "shared_with_count is the number of O*NET occupations on the code",
        "SELECT d.onet_soc_code FROM out_occupation_demand d WHERE d.area_code = '0000000' AND "
        "d.shared_with_count IS DISTINCT FROM (SELECT count(*) FROM core_onet_soc_crosswalk x "
        "WHERE x.oews_soc_code = d.demand_soc_code) AND d.demand_soc_code IS NOT NULL",
    ),
    DataCheck(
        "demand_grain_agrees_with_sharing",
        "a figure called the occupation's own is shared with nobody",
        "SELECT area_code, onet_soc_code FROM out_occupation_demand WHERE "
        "demand_grain = 'own' AND shared_with_count IS DISTINCT FROM 1",
    ),
    DataCheck(
        "demand_shared_figures_never_called_own",
        "a figure several O*NET occupations share is never called the occupation's own",
        "SELECT area_code, onet_soc_code FROM out_occupation_demand WHERE shared_with_count > 1 "
        "AND demand_grain = 'own'",
    ),
    _unique("core_state_projection", "state_fips", "soc_code"),
    _matches("core_state_projection", "soc_code", SOC),
    DataCheck(
        "demand_openings_not_negative",
        "estimated local openings are >= 0 and only where jobs are known",
        "SELECT area_code, soc_code FROM out_soc_demand WHERE local_annual_openings_est_count < 0 OR "
        "(local_annual_openings_est_count IS NOT NULL AND local_employment_count IS NULL)",
    ),
    _rows_between("out_occupation_demand", 550_000, 650_000),
    _rows_between("out_soc_demand", 450_000, 520_000),
)

_SECTOR_FILE_CHECKS = (  # core_sector* (data/sectors/*.toml, etl/steps/step_20_sectors.py)
    _unique("core_sector_indeed", "sector_key", "indeed_sector"),
    DataCheck(
        "sector_indeed_series_published",
        "every Indeed sector a sector maps to has a published postings series",
        "SELECT sector_key, indeed_sector FROM core_sector_indeed "
        "WHERE indeed_sector NOT IN (SELECT sector FROM core_indeed_sector_postings)",
    ),
    DataCheck(
        "sector_members_have_demand",
        "every sector occupation has a row in the demand model (out_soc_demand)",
        "SELECT o.sector_key, o.soc_code FROM core_sector_occupation o "
        "WHERE o.soc_code NOT IN (SELECT soc_code FROM out_soc_demand WHERE area_code = '0000000')",
    ),
)

_SHAPE_REASONS = (
    "ct_planning_regions",
    "counties_not_in_boundaries",
    "not_in_delineation",
    "nonmetro_definition_not_in_snapshot",
    "not_in_boundaries",
)
_AREA_SHAPE_CHECKS = (  # core_area_shape (etl/area_shapes.py, etl/steps/step_25_area_shapes.py)
    _unique("core_area_shape", "area_code"),
    DataCheck(
        "area_shape_every_area",
        "every state, metro and nonmetropolitan area has a row in core_area_shape",
        "SELECT area_code FROM core_area WHERE area_kind <> 'national' EXCEPT SELECT area_code FROM core_area_shape",
    ),
    DataCheck(
        "area_shape_or_reason",
        "every area has a shape or the reason it has none, never both",
        "SELECT area_code FROM core_area_shape WHERE (shape_wkb IS NULL) = (shape_missing_reason IS NULL) "
        "OR shape_missing_reason NOT IN (" + ", ".join(f"'{r}'" for r in _SHAPE_REASONS) + ")",
    ),
    DataCheck(
        "area_shape_valid",
        "every stored shape is a valid polygon with at least a triangle's corners",
        "SELECT area_code FROM core_area_shape WHERE shape_wkb IS NOT NULL AND (NOT shape_is_valid "
        "OR vertex_count < 4 OR shape_area_km2 <= 0)",
    ),
    DataCheck(
        "metro_shape_size_matches_gazetteer",
        "a metro area's shape covers 0.8-2 times the land area the Census gazetteer gives its CBSA",
        "SELECT s.area_code, s.shape_area_km2, g.land_area_m2 / 1e6 FROM core_area_shape s "
        "JOIN core_area a USING (area_code) JOIN raw_cbsa_gazetteer g ON g.cbsa_code = a.cbsa_code "
        "WHERE s.shape_wkb IS NOT NULL AND s.shape_area_km2 NOT BETWEEN 0.8 * g.land_area_m2 / 1e6 "
        "AND 2 * g.land_area_m2 / 1e6",
    ),
    DataCheck(
        "metro_shape_around_its_centroid",
        "a metro area's Census internal point lies inside its shape's bounding box",
        "SELECT s.area_code FROM core_area_shape s JOIN core_area a USING (area_code) "
        "WHERE s.shape_wkb IS NOT NULL AND a.area_kind = 'metro' AND (a.latitude_deg NOT BETWEEN s.lat_min_deg "
        "AND s.lat_max_deg OR a.longitude_deg NOT BETWEEN s.lon_min_deg AND s.lon_max_deg)",
    ),
    DataCheck(
        "area_shape_size_sane",
        "shapes measure 10-2,000,000 km2 (Alaska is 1.7 million) and have at most 10,000 corners",
        "SELECT area_code, shape_area_km2, vertex_count FROM core_area_shape WHERE shape_wkb IS NOT NULL AND "
        "(shape_area_km2 NOT BETWEEN 10 AND 2000000 OR vertex_count > 10000)",
    ),
    DataCheck(
        "area_shape_has_source_and_vintage",
        "every row names the boundaries' source, version and vintage",
        "SELECT area_code FROM core_area_shape WHERE shape_source_key IS NULL OR shape_source_version IS NULL "
        "OR shape_vintage IS NULL",
    ),
)

_PROFILE_CHECKS = (  # core_occupation_task, _technology, _ability, _work_context (etl/sql/12_core_onet_profile.sql)
    _unique("core_occupation_task", "onet_soc_code", "task_id"),
    _unique("core_occupation_technology", "onet_soc_code", "technology"),
    _unique("core_occupation_ability", "onet_soc_code", "element_id"),
    _unique("core_occupation_work_context", "onet_soc_code", "element_id"),
    _not_null("core_occupation_task", "onet_soc_code", "task_id", "task_text"),
    _not_null("core_occupation_technology", "onet_soc_code", "technology"),
    DataCheck(
        "onet_task_type_known",
        "a task is Core, Supplemental or not yet rated (NULL), as O*NET publishes it",
        "SELECT onet_soc_code, task_id, task_type FROM core_occupation_task "
        "WHERE task_type IS NOT NULL AND task_type NOT IN ('Core', 'Supplemental')",
    ),
    DataCheck(
        "onet_task_importance_in_scale",
        "task importance (Task Ratings, IM) lies within 1-5 and relevance within 0-100",
        "SELECT onet_soc_code, task_id FROM core_occupation_task "
        "WHERE importance NOT BETWEEN 1 AND 5 OR relevance_pct NOT BETWEEN 0 AND 100",
    ),
    DataCheck(
        "onet_profile_occupations_known",
        "every task, technology, ability and work context row names an O*NET occupation of this release",
        "SELECT onet_soc_code FROM (SELECT onet_soc_code FROM core_occupation_task "
        "UNION SELECT onet_soc_code FROM core_occupation_technology "
        "UNION SELECT onet_soc_code FROM core_occupation_ability "
        "UNION SELECT onet_soc_code FROM core_occupation_work_context) EXCEPT SELECT onet_soc_code FROM core_occupation",
    ),
    DataCheck(
        "onet_ability_in_scale",
        "ability importance lies within 1-5 and level within 0-7",
        "SELECT onet_soc_code, element_id FROM core_occupation_ability "
        "WHERE importance NOT BETWEEN 1 AND 5 OR level NOT BETWEEN 0 AND 7",
    ),
    DataCheck(
        "onet_work_context_in_scale",
        "a work context answer lies on its scale and the most common answer's share within 0-100",
        "SELECT onet_soc_code, element_id FROM core_occupation_work_context "
        "WHERE context_score NOT BETWEEN context_scale_min AND context_scale_max "
        "OR most_common_answer_pct NOT BETWEEN 0 AND 100",
    ),
    _rows_between("core_occupation_task", 15_000, 25_000),
    _rows_between("core_occupation_technology", 25_000, 45_000),
)

_REQUIRED_EDUCATION_CHECKS = (  # core_occupation_required_education (etl/sql/15_core_onet_required_education.sql)
    _unique("core_occupation_required_education", "onet_soc_code", "education_category"),
    DataCheck(
        "required_education_is_a_distribution",
        "each occupation's O*NET required-education shares sit on levels 1-12, lie in 0-100 and add up to 100",
        "SELECT onet_soc_code FROM core_occupation_required_education GROUP BY 1 HAVING "
        "min(education_category) < 1 OR max(education_category) > 12 OR min(respondents_pct) < 0 "
        "OR max(respondents_pct) > 100 OR abs(sum(respondents_pct) - 100) > 0.5",
    ),
    DataCheck(
        "required_education_occupations_known",
        "every occupation with a required-education distribution is an O*NET occupation",
        "SELECT onet_soc_code FROM core_occupation_required_education EXCEPT SELECT onet_soc_code FROM core_occupation",
    ),
)

_WAGES = [f"{k}_wage_{p}_usd" for k in ("hourly", "annual") for p in ("mean", "p10", "p25", "median", "p75", "p90")]

CHECKS: tuple[DataCheck, ...] = (
    _unique("core_occupation", "onet_soc_code"),
    _unique("core_occupation_rating", "onet_soc_code", "domain", "element_id"),
    _unique("core_area", "area_code"),
    _unique("core_soc_occupation", "soc_code"),
    _unique("core_oews_estimate", "area_code", "soc_code"),
    _unique("core_projection", "soc_code"),
    _unique("core_onet_soc_crosswalk", "onet_soc_code"),
    _unique("core_cip", "cip_code"),
    _unique("core_state", "state_fips"),
    _not_null("core_occupation", "onet_soc_code", "title", "soc_code"),
    _not_null("core_area", "area_code", "area_kind", "area_name"),
    _not_null("core_oews_estimate", "area_code", "soc_code"),
    _not_null("core_projection", "soc_code", "title", "employment_2024_thousands"),
    _not_null("core_occupation_rating", "element_id", "element_name"),
    _matches("core_occupation", "onet_soc_code", ONET_SOC),
    _matches("core_occupation", "soc_code", SOC),
    _matches("core_oews_estimate", "soc_code", SOC),
    _matches("core_projection", "soc_code", SOC),
    _matches("core_area", "area_code", r"^\d{7}$"),
    _matches("core_cip", "cip_code", r"^\d{2}\.\d{4}$"),
    _matches("core_cip_soc", "soc_code", SOC),
    DataCheck(
        "oews_location_quotient_not_negative",
        "location quotients are >= 0",
        "SELECT area_code, soc_code FROM core_oews_estimate WHERE location_quotient < 0",
    ),
    DataCheck(
        "oews_employment_not_negative",
        "employment counts are >= 0",
        "SELECT area_code, soc_code FROM core_oews_estimate WHERE employment_count < 0",
    ),
    DataCheck(
        "oews_wages_positive",
        "every published wage is > 0",
        "SELECT area_code, soc_code FROM core_oews_estimate WHERE " + " OR ".join(f"{w} <= 0" for w in _WAGES),
    ),
    _ordered("hourly"),
    _ordered("annual"),
    DataCheck(
        "oews_not_released_has_no_value",
        "a value BLS did not release (footnote 8) stays NULL",
        "SELECT area_code, soc_code FROM core_oews_estimate "
        "WHERE (employment_footnote = '8' AND employment_count IS NOT NULL) "
        "OR (annual_wage_median_footnote = '8' AND annual_wage_median_usd IS NOT NULL)",
    ),
    DataCheck(
        "oews_top_coded_wage_is_the_bound",
        "a top-coded wage (footnote 5) equals the published bound",
        "SELECT e.area_code, e.soc_code FROM core_oews_estimate e, core_oews_topcode t "
        "WHERE e.annual_wage_median_footnote = '5' AND e.annual_wage_median_usd <> t.annual_bound_usd",
    ),
    DataCheck(
        "oews_estimates_have_known_area",
        "every estimate's area is in core_area",
        "SELECT DISTINCT area_code FROM core_oews_estimate EXCEPT SELECT area_code FROM core_area",
    ),
    DataCheck(
        "oews_estimates_have_known_occupation",
        "every estimate's SOC code is in core_soc_occupation",
        "SELECT DISTINCT soc_code FROM core_oews_estimate EXCEPT SELECT soc_code FROM core_soc_occupation",
    ),
    DataCheck(
        "metro_areas_have_centroids",
        "every OEWS metro area is found in the CBSA gazetteer",
        "SELECT area_code, area_name FROM core_area WHERE area_kind = 'nonmetro' "
        "AND area_name NOT ILIKE '%nonmetropolitan%'",
    ),
    DataCheck(
        "onet_importance_in_scale",
        "importance ratings lie on O*NET's 1-5 scale",
        "SELECT onet_soc_code, element_id FROM core_occupation_rating WHERE importance NOT BETWEEN 1 AND 5",
    ),
    DataCheck(
        "onet_level_in_scale",
        "level ratings lie on O*NET's 0-7 scale",
        "SELECT onet_soc_code, element_id FROM core_occupation_rating WHERE level NOT BETWEEN 0 AND 7",
    ),
    DataCheck(
        "onet_job_zone_in_range",
        "job zones are 1-5",
        "SELECT onet_soc_code FROM core_occupation WHERE job_zone NOT BETWEEN 1 AND 5",
    ),
    DataCheck(
        "projection_openings_not_negative",
        "projected annual openings are >= 0",
        "SELECT soc_code FROM core_projection WHERE annual_openings_thousands < 0",
    ),
    DataCheck(
        "projection_total_matches_sum",
        "detailed projections sum to the published total (within rounding)",
        "SELECT t.employment_2024_thousands AS total, s.detail FROM core_projection t, "
        "(SELECT sum(employment_2024_thousands) AS detail FROM core_projection WHERE occupation_type = 'Line item') s "
        "WHERE t.soc_code = '00-0000' AND abs(t.employment_2024_thousands - s.detail) > 0.001 * t.employment_2024_thousands",
    ),
    DataCheck(
        "centroids_in_united_states",
        "CBSA centroids lie within U.S. latitude and longitude ranges",
        "SELECT area_code FROM core_area WHERE latitude_deg NOT BETWEEN 13 AND 72 "
        "OR longitude_deg NOT BETWEEN -180 AND -64",
    ),
    *_NJ_ETPL_CHECKS,
    *_SIMILARITY_CHECKS,
    *_PROFILE_CHECKS,
    *_DEMAND_CHECKS,
    *_SECTOR_FILE_CHECKS,
    *_AREA_SHAPE_CHECKS,
    *_REQUIRED_EDUCATION_CHECKS,
    _rows_between("core_occupation", 900, 1200),
    _rows_between("core_occupation_rating", 80_000, 140_000),
    _rows_between("core_area", 500, 700),
    _rows_between("core_area_shape", 500, 700),
    _rows_between("core_oews_estimate", 200_000, 300_000),
    _rows_between("core_projection", 1_000, 1_300),
    _rows_between("core_cip_soc", 5_000, 7_000),
    _rows_between("core_occupation_title", 50_000, 90_000),
)


@dataclass(frozen=True)
class CheckResult:
    check: DataCheck
    violations: int
    examples: list[tuple]


def run_checks(
    con: duckdb.DuckDBPyConnection, checks: tuple[DataCheck, ...] = CHECKS, include_row_counts: bool = True
) -> list[CheckResult]:
    """Run every check and return all results; the caller decides to fail (see ``require_passing``)."""
    results = []
    for check in checks:
        if check.kind == "row_count" and not include_row_counts:
            continue
        violations = con.execute(f"SELECT count(*) FROM ({check.sql})").fetchone()[0]
        examples = con.execute(f"{check.sql} LIMIT 3").fetchall() if violations else []
        results.append(CheckResult(check, violations, examples))
    return results


def require_passing(results: list[CheckResult]) -> None:
    failed = [r for r in results if r.violations]
    if failed:
        lines = [
            f"data check {r.check.name!r} failed ({r.check.protects}): {r.violations} row(s), e.g. {r.examples}"
            for r in failed
        ]
        raise DataCheckError("\n".join(lines))


def record_results(con: duckdb.DuckDBPyConnection, results: list[CheckResult]) -> None:
    con.execute(
        "CREATE TABLE meta_data_check (check_name VARCHAR, protects VARCHAR, kind VARCHAR, "
        "violations BIGINT, passed BOOLEAN)"
    )
    con.executemany(
        "INSERT INTO meta_data_check VALUES (?, ?, ?, ?, ?)",
        [(r.check.name, r.check.protects, r.check.kind, r.violations, r.violations == 0) for r in results],
    )
