-- BLS OEWS national industry-specific estimates, employment only: an industry's usual staffing pattern (the
-- Layoff response planner's prefill, labelled an estimate). NAICS sectors and 3-digit subsectors; detailed
-- occupations only (core_soc_occupation's 'detailed' level, which holds the codes OEWS publishes at a combined
-- detailed level such as 51-2090); "-" becomes NULL and the footnote code says why. Nothing is imputed.

CREATE TABLE core_industry AS
SELECT industry_code, industry_name AS industry_title, display_level AS oews_display_level
FROM raw_oews_industry;

CREATE TABLE core_industry_staffing AS
SELECT substr(c.series_key, 12, 6)                                        AS industry_code,
       substr(c.series_key, 18, 2) || '-' || substr(c.series_key, 20, 4)  AS soc_code,
       TRY_CAST(CASE WHEN c.v01 = '-' THEN NULL ELSE c.v01 END AS BIGINT) AS national_employment_count,
       c.f01                                                              AS employment_footnote
FROM raw_oews_industry_cell c
JOIN core_soc_occupation o ON o.soc_code = substr(c.series_key, 18, 2) || '-' || substr(c.series_key, 20, 4)
WHERE o.soc_level = 'detailed';
