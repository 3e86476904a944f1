-- O*NET profile tables beyond the ratings: task statements (with importance where a downloaded full release
-- has Task Ratings), technology skills (hot technologies flagged), and, from a downloaded full release only,
-- abilities and work context. raw_onet_task_ratings, raw_onet_abilities, raw_onet_work_context and
-- raw_onet_work_context_categories are optional (etl/sources/onet.py): the shipped snapshot lacks them, so when
-- no snapshot table was loaded they are declared here, empty, and the core tables built from them are empty
-- too; lmi.occupations.profile then says the database lacks them.

CREATE TABLE IF NOT EXISTS raw_onet_task_ratings (
    onet_soc_code VARCHAR, task_id BIGINT, scale_id VARCHAR, category BIGINT, data_value DOUBLE, n DOUBLE,
    recommend_suppress VARCHAR, date VARCHAR, domain_source VARCHAR
);
CREATE TABLE IF NOT EXISTS raw_onet_abilities (
    onet_soc_code VARCHAR, element_id VARCHAR, element_name VARCHAR, scale_id VARCHAR, data_value DOUBLE, n DOUBLE,
    recommend_suppress VARCHAR, not_relevant VARCHAR, date VARCHAR, domain_source VARCHAR
);
CREATE TABLE IF NOT EXISTS raw_onet_work_context (
    onet_soc_code VARCHAR, element_id VARCHAR, element_name VARCHAR, scale_id VARCHAR, category BIGINT,
    data_value DOUBLE, n DOUBLE, recommend_suppress VARCHAR, not_relevant VARCHAR, date VARCHAR, domain_source VARCHAR
);
CREATE TABLE IF NOT EXISTS raw_onet_work_context_categories (
    element_id VARCHAR, element_name VARCHAR, scale_id VARCHAR, category BIGINT, category_description VARCHAR
);

-- One row per task of an occupation. task_type: 'Core' (relevance >= 67% and importance >= 3.0),
-- 'Supplemental', or NULL for tasks O*NET has not yet rated. importance (1-5) and relevance_pct come from
-- Task Ratings (scales IM and RT) and are NULL when the release loaded has none.
CREATE TABLE core_occupation_task AS
WITH ratings AS (
    SELECT onet_soc_code,
           task_id,
           max(data_value) FILTER (WHERE scale_id = 'IM')                              AS importance,
           max(data_value) FILTER (WHERE scale_id = 'RT')                              AS relevance_pct,
           coalesce(bool_or(recommend_suppress = 'Y') FILTER (WHERE scale_id = 'IM'), false)
                                                                                       AS importance_suppress_recommended
    FROM raw_onet_task_ratings
    GROUP BY onet_soc_code, task_id
)
SELECT t.onet_soc_code,
       t.task_id,
       t.task                              AS task_text,
       t.task_type,
       coalesce(t.task_type = 'Core', false) AS is_core,
       t.incumbents_responding_pct,
       r.importance,
       r.relevance_pct,
       coalesce(r.importance_suppress_recommended, false) AS importance_suppress_recommended,
       t.date                              AS rated_month,
       t.domain_source                     AS rated_by
FROM raw_onet_task_statements t
LEFT JOIN ratings r USING (onet_soc_code, task_id);

-- One row per technology example an occupation uses; O*NET flags "hot technologies" (frequently named in
-- employers' job postings) and "in demand" ones (hot and often named for this occupation).
CREATE TABLE core_occupation_technology AS
SELECT onet_soc_code,
       example                              AS technology,
       commodity_code,
       commodity_title,
       coalesce(hot_technology = 'Y', false) AS is_hot_technology,
       coalesce(in_demand = 'Y', false)      AS is_in_demand
FROM raw_onet_technology_skills;

-- Abilities pivoted like core_occupation_rating (importance IM 1-5, level LV 0-7), in their own table so the
-- ratings' row-count band and the similarity method's inputs are unchanged by a download.
CREATE TABLE core_occupation_ability AS
SELECT onet_soc_code,
       element_id,
       any_value(element_name)                                              AS element_name,
       max(data_value) FILTER (WHERE scale_id = 'IM')                       AS importance,
       max(data_value) FILTER (WHERE scale_id = 'LV')                       AS level,
       coalesce(bool_or(recommend_suppress = 'Y') FILTER (WHERE scale_id = 'LV'), false) AS level_suppress_recommended,
       coalesce(bool_or(not_relevant = 'Y') FILTER (WHERE scale_id = 'LV'), false)       AS level_not_relevant,
       max(date)                                                            AS rated_month,
       any_value(domain_source)                                             AS rated_by
FROM raw_onet_abilities
GROUP BY onet_soc_code, element_id;

-- Work context ("how and with whom you work"): per occupation and element, the mean answer on its scale
-- (CX 1-5 or CT 1-3) and the answer most respondents gave with its share (categories CXP / CTP).
CREATE TABLE core_occupation_work_context AS
WITH means AS (
    SELECT onet_soc_code,
           element_id,
           any_value(element_name)               AS element_name,
           any_value(scale_id)                   AS scale_id,
           max(data_value)                       AS context_score,
           coalesce(bool_or(recommend_suppress = 'Y'), false) AS suppress_recommended,
           max(date)                             AS rated_month
    FROM raw_onet_work_context
    WHERE scale_id IN ('CX', 'CT')
    GROUP BY onet_soc_code, element_id
),
answers AS (
    SELECT w.onet_soc_code,
           w.element_id,
           c.category_description,
           w.data_value AS share_pct,
           row_number() OVER (PARTITION BY w.onet_soc_code, w.element_id
                              ORDER BY w.data_value DESC, w.category DESC) AS answer_rank
    FROM raw_onet_work_context w
    LEFT JOIN raw_onet_work_context_categories c USING (element_id, scale_id, category)
    WHERE w.scale_id IN ('CXP', 'CTP')
)
SELECT m.onet_soc_code,
       m.element_id,
       m.element_name,
       m.scale_id,
       m.context_score,
       s.minimum                                    AS context_scale_min,
       s.maximum                                    AS context_scale_max,
       100 * (m.context_score - s.minimum) / nullif(s.maximum - s.minimum, 0) AS context_score_pct,
       a.category_description                       AS most_common_answer,
       a.share_pct                                  AS most_common_answer_pct,
       m.suppress_recommended,
       m.rated_month
FROM means m
LEFT JOIN raw_onet_scales_reference s USING (scale_id)
LEFT JOIN answers a ON a.onet_soc_code = m.onet_soc_code AND a.element_id = m.element_id AND a.answer_rank = 1;
