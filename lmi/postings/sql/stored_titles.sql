-- The distinct titles of a file's stored rows, to be coded (lmi/postings/coding.py): from the file's title table
-- (file_titles, titles.sql), those of the rows staging accepted (postings).
SELECT DISTINCT title_key, title_hash
FROM file_titles
WHERE has_title AND title_hash IN (SELECT title_hash FROM postings)
