-- Each distinct occupation code text of the file (file_values), checked once against the known SOC and
-- O*NET-SOC codes (valid_code, lmi/postings/codes.py).
SELECT
    d.code_raw,
    d.code_text IS NOT NULL AS has_code,
    code.code_key IS NOT NULL AS code_known,
    code.soc_code AS code_soc_code
FROM (SELECT code_raw, nullif(upper(trim(code_raw)), '') AS code_text FROM file_values WHERE code_raw IS NOT NULL) d
LEFT JOIN valid_code code ON code.code_key = d.code_text
