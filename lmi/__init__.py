"""Domain package: queries and analytics over the reference database, with no Streamlit in it.

Every function takes a DuckDB connection first and binds every value as a parameter; table and
column names only ever come from allow-lists in this package. Pages call these functions and
render what they return.
"""
