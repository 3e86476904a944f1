-- BLS Employment Projections 2024-34, national, by SOC occupation (Table 1.2 joined to 1.10).
-- Employment and openings stay in thousands, as published. A median wage written ">=$239,200"
-- is top-coded: the bound is kept with a flag. Summary rows (major, minor and broad groups) are
-- kept and marked, so shares can be checked against the published totals.

CREATE TABLE core_projection AS
SELECT p.soc_code,
       trim(p.title)                                   AS title,
       p.occupation_type,
       p.employment_2024_thousands,
       p.employment_2034_thousands,
       p.employment_share_2024_pct,
       p.employment_share_2034_pct,
       p.employment_change_thousands,
       p.employment_change_pct,
       p.self_employed_2024_pct,
       p.annual_openings_thousands,
       TRY_CAST(regexp_replace(p.median_annual_wage_2024_text, '[^0-9.]', '', 'g') AS DOUBLE) AS annual_wage_median_2024_usd,
       coalesce(p.median_annual_wage_2024_text LIKE '>=%', false)                               AS annual_wage_median_2024_is_top_coded,
       p.typical_entry_education,
       p.related_work_experience,
       p.typical_on_the_job_training,
       s.labor_force_exit_rate_pct,
       s.occupational_transfer_rate_pct,
       s.separations_rate_pct,
       s.labor_force_exits_thousands,
       s.occupational_transfers_thousands,
       s.separations_thousands
FROM raw_ep_occupation p
LEFT JOIN raw_ep_separations s USING (soc_code);
