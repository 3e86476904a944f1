"""Employer job postings: imported from a state job bank's, the NLx Research Hub's or a vendor's export,
each distinct title coded to an O*NET-SOC occupation, and counted by area, occupation and month at any scale.

OEWS counts jobs that exist and projections estimate openings from national rates; postings are what
employers advertise now, in the workforce board's own data. They live in their own store (``store``:
Parquet under ``var/postings``, apart from the reference database and the program records), imported all
or nothing (``importer``, ``layouts``, ``places``, ``codes``, ``coding``), and counted by one pipeline written
once in SQL (``pipeline``, ``sql/``) that DuckDB runs on one machine (``duck``, ``aggregate``) and Apache
Spark runs past one (``spark``). ``example`` makes generated example files. Nothing here imports Streamlit.
"""
