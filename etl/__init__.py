"""ETL: turns public labour-market sources into one DuckDB reference database.

Data flows one way: official files (downloaded, or the snapshot shipped in ``data/snapshot``)
-> ``raw_`` tables (the source's own columns, lightly typed) -> ``core_`` tables (clean, keyed,
unit-suffixed) -> ``out_`` tables (precomputed analytics). ``meta_`` tables record provenance and
the data checks. Nothing here knows about the user interface.
"""
