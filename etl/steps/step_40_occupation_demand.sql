-- The one local-demand model (lmi/demand reads it; see etl/steps/step_40_occupation_demand.py).
--
-- out_soc_demand: one row per OEWS area x code BLS publishes numbers for (the grain BLS measures:
-- a detailed SOC code, an OEWS aggregate such as 31-1120, or an "All Other" residual), with the
-- area's OEWS employment, wages and location quotient, the national 2024-34 projections and the
-- local openings estimate. A value BLS did not release is NULL with the reason, never 0.
--
-- out_occupation_demand: one row per OEWS area x O*NET-SOC occupation, carrying the numbers of
-- the BLS code that covers it (demand_soc_code) and how many O*NET occupations share them.

-- Per-code facts first (about 830 rows), so the area x code product joins only the local estimates.
CREATE TEMP TABLE demand_sharing AS
SELECT oews_soc_code AS soc_code, count(*) AS shared_with_count
FROM core_onet_soc_crosswalk
WHERE oews_soc_code IS NOT NULL
GROUP BY oews_soc_code;

CREATE TEMP TABLE demand_code AS
WITH codes AS (
    SELECT soc_code FROM core_soc_occupation WHERE soc_level = 'detailed'
    UNION
    SELECT soc_code FROM core_projection WHERE occupation_type = 'Line item'
)
SELECT c.soc_code,
       coalesce(s.title, trim(p.title))                                   AS soc_title,
       coalesce(s.title, trim(p.title)) LIKE '%All Other%'                AS is_all_other,
       coalesce(d.shared_with_count, 0)                                   AS onet_occupations_count,
       s.soc_code IS NOT NULL                                             AS is_surveyed,
       p.soc_code IS NOT NULL                                             AS is_projected,
       n.employment_count                                                 AS national_oews_employment_count,
       p.employment_2024_thousands * 1000                                 AS national_employment_2024_count,
       p.employment_2034_thousands * 1000                                 AS national_employment_2034_count,
       p.employment_change_pct                                            AS national_growth_2024_34_pct,
       p.annual_openings_thousands * 1000                                 AS national_annual_openings_count,
       p.typical_entry_education
FROM codes c
LEFT JOIN core_soc_occupation s ON s.soc_code = c.soc_code AND s.soc_level = 'detailed'
LEFT JOIN core_oews_estimate n ON n.area_code = '0000000' AND n.soc_code = c.soc_code
LEFT JOIN core_projection p ON p.soc_code = c.soc_code AND p.occupation_type = 'Line item'
LEFT JOIN demand_sharing d ON d.soc_code = c.soc_code;

CREATE TABLE out_soc_demand AS
SELECT a.area_code,
       c.soc_code,
       c.soc_title,
       c.is_all_other,
       c.onet_occupations_count,
       e.employment_count                                                 AS local_employment_count,
       e.employment_rse_pct                                               AS local_employment_rse_pct,
       e.employment_footnote                                              AS local_employment_footnote,
       CASE
           WHEN NOT c.is_surveyed THEN 'not_surveyed'
           WHEN e.soc_code IS NULL THEN 'not_published_for_area'
           WHEN e.employment_count IS NULL THEN 'not_released'
       END                                                                AS local_employment_missing_reason,
       e.annual_wage_median_usd                                           AS local_annual_wage_median_usd,
       e.annual_wage_median_footnote                                      AS local_annual_wage_median_footnote,
       e.annual_wage_p10_usd                                              AS local_annual_wage_p10_usd,
       e.annual_wage_p10_footnote                                         AS local_annual_wage_p10_footnote,
       e.annual_wage_p90_usd                                              AS local_annual_wage_p90_usd,
       e.annual_wage_p90_footnote                                         AS local_annual_wage_p90_footnote,
       e.hourly_wage_median_usd                                           AS local_hourly_wage_median_usd,
       CASE
           WHEN NOT c.is_surveyed THEN 'not_surveyed'
           WHEN e.soc_code IS NULL THEN 'not_published_for_area'
           WHEN e.annual_wage_median_usd IS NULL AND e.annual_wage_median_footnote = '4' THEN 'hourly_only'
           WHEN e.annual_wage_median_usd IS NULL THEN 'not_released'
       END                                                                AS local_wage_missing_reason,
       CASE WHEN a.area_kind = 'national' AND e.employment_count IS NOT NULL THEN 1.0
            ELSE e.location_quotient END                                  AS location_quotient,
       c.national_oews_employment_count,
       c.national_employment_2024_count,
       c.national_employment_2034_count,
       c.national_growth_2024_34_pct,
       c.national_annual_openings_count,
       CASE WHEN c.national_employment_2024_count > 0 AND e.employment_count IS NOT NULL
            THEN c.national_annual_openings_count * e.employment_count / c.national_employment_2024_count
       END                                                                AS local_annual_openings_est_count,
       CASE WHEN NOT c.is_projected THEN 'no_projection'
            WHEN e.employment_count IS NULL THEN 'no_local_employment'
            ELSE 'national_rate' END                                      AS openings_basis,
       c.typical_entry_education
FROM core_area a
CROSS JOIN demand_code c
LEFT JOIN core_oews_estimate e ON e.area_code = a.area_code AND e.soc_code = c.soc_code
ORDER BY a.area_code, c.soc_code;

CREATE TEMP TABLE demand_occupation AS
SELECT o.onet_soc_code,
       o.title                                                            AS occupation_title,
       x.oews_soc_code                                                    AS demand_soc_code,
       c.soc_title                                                        AS demand_title,
       CASE
           WHEN x.oews_soc_code IS NULL THEN 'none'
           WHEN x.oews_match_method = 'broad_group' THEN 'bls_aggregate'
           WHEN x.oews_match_method = 'residual_in_broad_group' THEN 'bls_combined'
           WHEN sh.shared_with_count = 1 THEN 'own'
           WHEN c.is_all_other THEN 'all_other'
           ELSE 'shared_soc'
       END                                                                AS demand_grain,
       sh.shared_with_count,
       c.is_all_other                                                     AS demand_is_all_other,
       pr.employment_2024_thousands * 1000                                AS national_employment_2024_count,
       pr.employment_2034_thousands * 1000                                AS national_employment_2034_count,
       pr.employment_change_pct                                           AS national_growth_2024_34_pct,
       pr.annual_openings_thousands * 1000                                AS national_annual_openings_count,
       x.projections_soc_code
FROM core_occupation o
JOIN core_onet_soc_crosswalk x USING (onet_soc_code)
LEFT JOIN demand_code c ON c.soc_code = x.oews_soc_code
LEFT JOIN demand_sharing sh ON sh.soc_code = x.oews_soc_code
LEFT JOIN core_projection pr ON pr.soc_code = x.projections_soc_code AND pr.occupation_type = 'Line item';

-- Not sorted: reading one area costs the same either way (measured), and sorting 590,000 rows costs the
-- build 0.4 s.
CREATE TABLE out_occupation_demand AS
SELECT a.area_code,
       o.onet_soc_code,
       o.occupation_title,
       o.demand_soc_code,
       o.demand_title,
       o.demand_grain,
       o.shared_with_count,
       o.demand_is_all_other,
       d.local_employment_count,
       d.local_employment_rse_pct,
       d.local_employment_footnote,
       CASE WHEN o.demand_soc_code IS NULL THEN 'no_bls_code'
            ELSE d.local_employment_missing_reason END                    AS local_employment_missing_reason,
       d.local_annual_wage_median_usd,
       d.local_annual_wage_median_footnote,
       d.local_annual_wage_p10_usd,
       d.local_annual_wage_p10_footnote,
       d.local_annual_wage_p90_usd,
       d.local_annual_wage_p90_footnote,
       d.local_hourly_wage_median_usd,
       CASE WHEN o.demand_soc_code IS NULL THEN 'no_bls_code'
            ELSE d.local_wage_missing_reason END                          AS local_wage_missing_reason,
       d.location_quotient,
       d.national_oews_employment_count,
       o.national_employment_2024_count,
       o.national_employment_2034_count,
       o.national_growth_2024_34_pct,
       o.national_annual_openings_count,
       o.projections_soc_code,
       CASE WHEN o.projections_soc_code = o.demand_soc_code THEN d.local_annual_openings_est_count
       END                                                                AS local_annual_openings_est_count,
       CASE WHEN o.projections_soc_code IS NULL THEN 'no_projection'
            WHEN o.demand_soc_code IS NULL THEN 'no_local_employment'
            WHEN o.projections_soc_code <> o.demand_soc_code THEN 'codes_differ'
            ELSE d.openings_basis END                                     AS openings_basis
FROM core_area a
CROSS JOIN demand_occupation o
LEFT JOIN out_soc_demand d ON d.area_code = a.area_code AND d.soc_code = o.demand_soc_code;

DROP TABLE demand_occupation;
DROP TABLE demand_sharing;
DROP TABLE demand_code;
