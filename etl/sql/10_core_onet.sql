-- O*NET core tables. Ratings are pivoted so that one row holds an element's importance (IM, 1-5)
-- and level (LV, 0-7) for one occupation; O*NET's own "recommend suppress" and "not relevant"
-- marks are kept as booleans so the domain layer can decide how to show them.

CREATE TABLE core_occupation AS
SELECT o.onet_soc_code,
       o.title,
       o.description,
       substr(o.onet_soc_code, 1, 7)            AS soc_code,
       NOT o.onet_soc_code LIKE '%.00'          AS is_onet_breakout,
       jz.job_zone,
       o.onet_soc_code IN (SELECT onet_soc_code FROM raw_onet_skills) AS has_ratings
FROM raw_onet_occupation_data o
LEFT JOIN raw_onet_job_zones jz USING (onet_soc_code);

CREATE TABLE core_element AS
SELECT element_id,
       element_name,
       description,
       CASE
           WHEN element_id LIKE '2.A.%' OR element_id LIKE '2.B.%' THEN 'skill'
           WHEN element_id LIKE '2.C.%' THEN 'knowledge'
           WHEN element_id LIKE '4.A.%' THEN 'work_activity'
           WHEN element_id LIKE '1.C.%' THEN 'work_style'
           WHEN element_id LIKE '1.B.1.%' THEN 'interest'
           WHEN element_id LIKE '2.D%' OR element_id LIKE '3.A%' THEN 'education_training'
       END AS domain
FROM raw_onet_content_model_reference;

CREATE TABLE core_occupation_rating AS
WITH ratings AS (
    SELECT 'skill' AS domain, * EXCLUDE (not_relevant) , not_relevant FROM raw_onet_skills
    UNION ALL BY NAME
    SELECT 'knowledge' AS domain, * FROM raw_onet_knowledge
    UNION ALL BY NAME
    SELECT 'work_activity' AS domain, * FROM raw_onet_work_activities
    UNION ALL BY NAME
    SELECT 'work_style' AS domain, * FROM raw_onet_work_styles
)
SELECT onet_soc_code,
       domain,
       element_id,
       any_value(element_name)                                              AS element_name,
       max(data_value) FILTER (WHERE scale_id = 'IM')                       AS importance,
       max(data_value) FILTER (WHERE scale_id = 'LV')                       AS level,
       coalesce(bool_or(recommend_suppress = 'Y') FILTER (WHERE scale_id = 'LV'), false) AS level_suppress_recommended,
       coalesce(bool_or(not_relevant = 'Y') FILTER (WHERE scale_id = 'LV'), false)       AS level_not_relevant,
       max(date)                                                            AS rated_month,
       any_value(domain_source)                                             AS rated_by
FROM ratings
GROUP BY onet_soc_code, domain, element_id;

CREATE TABLE core_occupation_interest AS
SELECT i.onet_soc_code,
       i.element_id,
       i.element_name                       AS interest,
       i.data_value                         AS score_1_to_7
FROM raw_onet_interests i
WHERE i.scale_id = 'OI';

CREATE TABLE core_occupation_interest_code AS
-- IH rows: element 1.B.1.g..i hold the first, second and third high-point interest as a number 1-6
SELECT i.onet_soc_code,
       row_number() OVER (PARTITION BY i.onet_soc_code ORDER BY i.element_id) AS rank,
       r.element_name AS interest
FROM raw_onet_interests i
JOIN (SELECT element_id, element_name,
             row_number() OVER (ORDER BY element_id) AS code
      FROM raw_onet_interests WHERE scale_id = 'OI' GROUP BY element_id, element_name) r
  ON r.code = i.data_value
WHERE i.scale_id = 'IH' AND i.data_value > 0;

CREATE TABLE core_occupation_ete AS
SELECT e.onet_soc_code,
       e.element_id,
       e.element_name,
       e.scale_id,
       e.category,
       c.category_description,
       e.data_value AS respondents_pct
FROM raw_onet_education_training_experience e
JOIN raw_onet_ete_categories c USING (element_id, scale_id, category)
WHERE e.scale_id IN ('RL', 'RW', 'PT', 'OJ');

CREATE TABLE core_occupation_title AS
SELECT onet_soc_code, title AS title_text, 'title' AS title_kind FROM raw_onet_occupation_data
UNION
SELECT onet_soc_code, alternate_title, 'alternate' FROM raw_onet_alternate_titles WHERE alternate_title IS NOT NULL
UNION
SELECT onet_soc_code, short_title, 'short' FROM raw_onet_alternate_titles WHERE short_title IS NOT NULL
UNION
SELECT onet_soc_code, reported_job_title, 'reported' FROM raw_onet_reported_titles;

CREATE TABLE core_related_occupation AS
SELECT onet_soc_code, related_onet_soc_code, relatedness_tier, related_index
FROM raw_onet_related_occupations;

CREATE TABLE core_dwa AS
SELECT dwa_id, dwa_title, iwa_id, iwa_title, element_id FROM raw_onet_dwa_reference;

CREATE TABLE core_occupation_dwa AS
SELECT DISTINCT onet_soc_code, dwa_id FROM raw_onet_tasks_to_dwas;

CREATE TABLE core_level_anchor AS
SELECT element_id, scale_id, anchor_value, anchor_description FROM raw_onet_level_scale_anchors;

CREATE TABLE core_scale AS
SELECT scale_id, scale_name, minimum, maximum FROM raw_onet_scales_reference;

CREATE TABLE core_job_zone AS
SELECT job_zone, name, experience, education, job_training, examples, svp_range
FROM raw_onet_job_zone_reference;
