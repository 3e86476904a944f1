-- Each distinct title of the file (file_values), cleaned once: trimmed, '' taken as none, lower-cased into the
-- key titles are coded and counted by, and that key's 64-bit hash.
SELECT title_raw, title IS NOT NULL AS has_title, title_key, ${hash}(title_key) AS title_hash
FROM (
    SELECT title_raw, title, lower(title) AS title_key
    FROM (SELECT title_raw, nullif(trim(title_raw), '') AS title FROM file_values WHERE title_raw IS NOT NULL) t
) k
