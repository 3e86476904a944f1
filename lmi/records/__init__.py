"""Program records entered by staff: providers, training programs, their target occupations,
participants, employer partners, employer services, negotiated levels of performance, establishment counts
per region, and the log of every import.

They live in their own DuckDB file (``LMI_RECORDS_DB``, default ``var/records.duckdb``), written only
by the app (and by the generated-example loader), never by the ETL; the reference database stays
read-only. The schema is made by versioned migrations (``schema.py``); tables are documented in
``docs/records-model.md``. Nothing in this package imports Streamlit.
"""
