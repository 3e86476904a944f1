-- New Jersey ETPL, as New Jersey's Training Explorer publishes it (reference data, not program records).
-- CIP codes arrive as 6 digits without the dot ("511020") and become CIP 2020 style "51.1020".
-- Percentages arrive as shares (0.85) and become percent (85.0). The publisher writes -99999 for a
-- value it suppressed or does not have: that becomes NULL with a *_suppressed flag, never a number.
-- Contact fields were never loaded (see etl/sources/nj_etpl.py).

CREATE MACRO nj_value(v) AS CASE WHEN v = -99999 THEN NULL ELSE v END;
CREATE MACRO nj_pct(v) AS CASE WHEN v = -99999 THEN NULL ELSE v * 100 END;
CREATE MACRO nj_cip(c) AS substr(c, 1, 2) || '.' || substr(c, 3, 4);
CREATE MACRO nj_text(v) AS nullif(trim(trim(v), '"'), '');  -- the files triple-quote some names
CREATE MACRO nj_flag(v) AS CASE WHEN lower(v) IN ('t', 'true') THEN true
                                WHEN lower(v) IN ('f', 'false') THEN false END;

CREATE TABLE core_nj_etpl_provider AS
SELECT provider_id, nj_text(provider_name) AS provider_name, nj_text(city) AS city, nj_text(county) AS county,
       upper(state) AS state_postal, status
FROM raw_nj_etpl_providers;

CREATE TABLE core_nj_etpl_outcome AS
SELECT o.provider_id,
       nj_cip(o.cip_code_6)                             AS cip_code,
       coalesce(nj_text(p.provider_name), s.provider_name) AS provider_name,
       coalesce(nj_text(p.county), s.county)            AS county,
       nj_pct(o.per_employed_2)                         AS employed_q2_pct,
       nj_pct(o.per_employed_4)                         AS employed_q4_pct,
       nj_pct(o.per_employed_8)                         AS employed_q8_pct,
       nj_value(o.avg_quarterly_wage_2)                 AS quarterly_wage_avg_q2_usd,
       nj_value(o.avg_quarterly_wage_4)                 AS quarterly_wage_avg_q4_usd,
       nj_value(o.avg_quarterly_wage_8)                 AS quarterly_wage_avg_q8_usd,
       nj_pct(o.per_retention_4)                        AS retention_q4_pct,
       nj_pct(o.per_retention_8)                        AS retention_q8_pct,
       coalesce(o.per_employed_2 = -99999, false)       AS employed_q2_suppressed,
       coalesce(o.per_employed_4 = -99999, false)       AS employed_q4_suppressed,
       coalesce(o.per_employed_8 = -99999, false)       AS employed_q8_suppressed,
       coalesce(o.avg_quarterly_wage_2 = -99999, false) AS quarterly_wage_avg_q2_suppressed,
       coalesce(o.avg_quarterly_wage_4 = -99999, false) AS quarterly_wage_avg_q4_suppressed,
       coalesce(o.avg_quarterly_wage_8 = -99999, false) AS quarterly_wage_avg_q8_suppressed,
       coalesce(o.per_retention_4 = -99999, false)      AS retention_q4_suppressed,
       coalesce(o.per_retention_8 = -99999, false)      AS retention_q8_suppressed,
       o.num_completed_2                                AS completers_q2_count,
       o.num_completed_4                                AS completers_q4_count,
       o.num_completed_8                                AS completers_q8_count,
       o.num_used_wage_calc_2                           AS wage_calc_q2_count,
       o.num_used_wage_calc_4                           AS wage_calc_q4_count,
       o.num_used_wage_calc_8                           AS wage_calc_q8_count,
       o.num_used_retention_calc_4                      AS retention_calc_q4_count,
       o.num_used_retention_calc_8                      AS retention_calc_q8_count
FROM raw_nj_etpl_outcomes o
LEFT JOIN raw_nj_etpl_providers p USING (provider_id)
-- providers added after the 2021-03-05 provider list are named by the 2023 program sample
LEFT JOIN (SELECT provider_id, any_value(nj_text(provider_name)) AS provider_name, any_value(nj_text(county)) AS county
           FROM raw_nj_etpl_programs GROUP BY provider_id) s USING (provider_id);

CREATE TABLE core_nj_etpl_program AS
SELECT program_id,
       provider_id,
       nj_text(program_name)                            AS program_name,
       nj_cip(cip_code_6)                               AS cip_code,
       nj_text(provider_name)                           AS provider_name,
       nj_text(city)                                    AS city,
       nj_text(county)                                  AS county,
       upper(state)                                     AS state_postal,
       tuition                                          AS tuition_usd,
       fees                                             AS fees_usd,
       books_materials_cost                             AS books_materials_usd,
       supplies_tools_cost                              AS supplies_tools_usd,
       other_costs                                      AS other_costs_usd,
       total_cost                                       AS total_cost_usd,
       total_clock_hours                                AS clock_hours,
       nj_text(prerequisites)                           AS prerequisites,
       nj_flag(wia_eligible)                            AS is_wioa_eligible,
       credential_type,
       degree_awarded_name                              AS certificate_or_degree,
       nj_flag(lead_to_license)                         AS leads_to_license,
       license_awarded_name                             AS license_name,
       nj_flag(lead_to_industry_credential)             AS leads_to_industry_credential,
       industry_credential_name                         AS industry_credential,
       status                                           AS program_status,
       provider_status
FROM raw_nj_etpl_programs;

DROP MACRO nj_flag;
DROP MACRO nj_text;
DROP MACRO nj_cip;
DROP MACRO nj_pct;
DROP MACRO nj_value;
