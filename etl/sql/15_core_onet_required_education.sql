-- O*NET's Required Level of Education (Education, Training, and Experience: element 2.D.1, scale RL): for each
-- occupation, the share of incumbents (respondents_pct) whose job requires each of O*NET's 12 levels, from
-- "Less than a High School Diploma" (1) to "Post-Doctoral Training" (12), and the running share up to each level
-- (cumulative_pct), so the domain can read "the lowest level by which a quarter of incumbents are covered"
-- (lmi.transitions.ladder) without summing in pages. BLS publishes one typical level; O*NET the distribution.
CREATE TABLE core_occupation_required_education AS
SELECT e.onet_soc_code,
       e.category                                   AS education_category,
       c.category_description,
       e.data_value                                 AS respondents_pct,
       sum(e.data_value) OVER (PARTITION BY e.onet_soc_code ORDER BY e.category
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_pct,
       e.n                                          AS respondents_count,
       e.date                                       AS rated_month,
       e.domain_source                              AS rated_by
FROM raw_onet_education_training_experience e
JOIN raw_onet_ete_categories c USING (element_id, scale_id, category)
WHERE e.element_id = '2.D.1' AND e.scale_id = 'RL';
