-- OEWS estimates, one row per area and occupation (cross-industry). Values keep BLS's meaning:
-- "-" becomes NULL and the footnote code says why (8 = not released, 4 = wage published only as
-- hourly or only as annual). Footnote 5 marks a top-coded wage: BLS publishes only the bound
-- (">= $115.00 per hour or $239,200 per year"), so the value is that bound, parsed from the
-- footnote text itself, and its footnote code flags it. Nothing is imputed.

CREATE TABLE core_soc_occupation AS
SELECT substr(occupation_code, 1, 2) || '-' || substr(occupation_code, 3, 4) AS soc_code,
       occupation_name                                                       AS title,
       display_level                                                          AS oews_display_level,
       CASE
           WHEN occupation_code = '000000' THEN 'total'
           WHEN display_level = 0 THEN 'major'
           WHEN display_level = 1 THEN 'minor'
           WHEN display_level = 2 THEN 'broad'
           ELSE 'detailed'
       END                                                                    AS soc_level
FROM raw_oews_occupation;

CREATE TABLE core_oews_topcode AS
SELECT footnote_code,
       CAST(replace(regexp_extract(footnote_text, '\$([0-9,.]+) per hour', 1), ',', '') AS DOUBLE) AS hourly_bound_usd,
       CAST(replace(regexp_extract(footnote_text, '\$([0-9,.]+) per year', 1), ',', '') AS DOUBLE) AS annual_bound_usd
FROM raw_oews_footnote
WHERE footnote_code = '5';

CREATE MACRO oews_number(v) AS TRY_CAST(CASE WHEN v = '-' THEN NULL ELSE v END AS DOUBLE);
CREATE MACRO oews_wage(v, f, bound) AS CASE WHEN f = '5' THEN bound ELSE oews_number(v) END;

CREATE TABLE core_oews_estimate AS
SELECT substr(c.series_key, 5, 7)                                          AS area_code,
       substr(c.series_key, 18, 2) || '-' || substr(c.series_key, 20, 4)   AS soc_code,
       CAST(oews_number(v01) AS BIGINT)                                    AS employment_count,
       oews_number(v02)                                                    AS employment_rse_pct,
       oews_wage(v03, f03, t.hourly_bound_usd)                             AS hourly_wage_mean_usd,
       oews_wage(v04, f04, t.annual_bound_usd)                             AS annual_wage_mean_usd,
       oews_number(v05)                                                    AS wage_rse_pct,
       oews_wage(v06, f06, t.hourly_bound_usd)                             AS hourly_wage_p10_usd,
       oews_wage(v07, f07, t.hourly_bound_usd)                             AS hourly_wage_p25_usd,
       oews_wage(v08, f08, t.hourly_bound_usd)                             AS hourly_wage_median_usd,
       oews_wage(v09, f09, t.hourly_bound_usd)                             AS hourly_wage_p75_usd,
       oews_wage(v10, f10, t.hourly_bound_usd)                             AS hourly_wage_p90_usd,
       oews_wage(v11, f11, t.annual_bound_usd)                             AS annual_wage_p10_usd,
       oews_wage(v12, f12, t.annual_bound_usd)                             AS annual_wage_p25_usd,
       oews_wage(v13, f13, t.annual_bound_usd)                             AS annual_wage_median_usd,
       oews_wage(v14, f14, t.annual_bound_usd)                             AS annual_wage_p75_usd,
       oews_wage(v15, f15, t.annual_bound_usd)                             AS annual_wage_p90_usd,
       oews_number(v16)                                                    AS employment_per_1000_jobs,
       oews_number(v17)                                                    AS location_quotient,
       f01 AS employment_footnote,
       f02 AS employment_rse_footnote,
       f03 AS hourly_wage_mean_footnote,
       f04 AS annual_wage_mean_footnote,
       f05 AS wage_rse_footnote,
       f06 AS hourly_wage_p10_footnote,
       f07 AS hourly_wage_p25_footnote,
       f08 AS hourly_wage_median_footnote,
       f09 AS hourly_wage_p75_footnote,
       f10 AS hourly_wage_p90_footnote,
       f11 AS annual_wage_p10_footnote,
       f12 AS annual_wage_p25_footnote,
       f13 AS annual_wage_median_footnote,
       f14 AS annual_wage_p75_footnote,
       f15 AS annual_wage_p90_footnote,
       f16 AS employment_per_1000_jobs_footnote,
       f17 AS location_quotient_footnote
FROM raw_oews_cell c
LEFT JOIN core_oews_topcode t ON true
WHERE substr(c.series_key, 12, 6) = '000000';

CREATE TABLE core_oews_footnote AS
SELECT footnote_code, footnote_text FROM raw_oews_footnote;

DROP MACRO oews_wage;
DROP MACRO oews_number;
