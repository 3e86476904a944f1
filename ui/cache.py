"""The one cache layer between pages and the domain.

Every cached result depends on what was served when it was computed: the reference database file (the
ETL replaces it atomically, so its identity changes) and the records store (its revision changes with
every import that stores something; it also holds states' imported projections, which the demand model
reads), and the visitor's language. ``data_key()`` reads both, and every decorator here adds it to the cache key itself, so pages
and ``ui`` modules call plain functions with plain arguments and never pass a stamp around, and a
result computed before a rebuild or an import is never served after it.

- ``reference_query(fn)``: ``fn(reference_connection, *args)``, cached as data;
- ``model_query(fn)``: ``fn(reference_connection, demand_model, *args)``, cached as data;
- ``records_query(fn)``: ``fn(records_connection, *args)``, cached as data;
- ``cached(fn)``: any ``ui`` function built from the above, cached as data;
- ``resource(fn)``: long-lived objects (connections, the demand model, engines), one per data key.

Arguments must be small and hashable (codes, tuples, frozen dataclasses): a DataFrame is never a key.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import duckdb
import streamlit as st

from lmi.db import file_stamp, open_reference, reference_db_path
from lmi.i18n import _, current_language
from lmi.records import db as records_db

DataKey = tuple


def reference_stamp() -> tuple:
    """Identity of the reference file now at its path (a rebuilt file has a new inode and mtime)."""
    return file_stamp(reference_db_path())


def records_state() -> tuple:
    """The records store's path and revision; the revision is None when the file cannot be opened (another
    process holds it), so public pages keep serving reference figures instead of failing."""
    path = str(records_db.records_db_path())
    try:
        return (path, records_db.revision(records_connection()))
    except duckdb.Error:
        return (path, None)


def data_key() -> DataKey:
    """What every cached result depends on: the data served and the language its words are in (domain
    results carry translated labels and sentences, so an English result is never served in Spanish)."""
    return (reference_stamp(), records_state(), current_language())


@st.cache_resource(max_entries=1)
def _reference_connection(path: str, stamp: tuple) -> duckdb.DuckDBPyConnection:
    return open_reference(path)


def reference_connection() -> duckdb.DuckDBPyConnection:
    """One read-only connection per reference file; a replaced file is reopened."""
    path = reference_db_path()
    return _reference_connection(str(path), file_stamp(path))


@st.cache_resource(max_entries=4)
def _records_connection(path: str) -> duckdb.DuckDBPyConnection:
    return records_db.open_records(path)


def records_connection() -> duckdb.DuckDBPyConnection:
    """The records store (read-write: the app is its only writer)."""
    return _records_connection(str(records_db.records_db_path()))


def _keyed(fn: Callable, kind: Callable, spinner: bool | str, **options) -> Callable:
    """``fn`` cached by ``kind`` (st.cache_data or st.cache_resource) under its own name, with the data key
    as a hidden first argument. The inner function is renamed after ``fn`` so that every decorated
    function has a cache of its own (Streamlit keys a cache by module and qualified name).

    A spinner text (marked ``N_``) is fixed when Streamlit wraps the function, so a function with one gets a
    cache per language, each made on first use with the text in that language; the data key holds the
    language too, so no entry is lost or shared by splitting them."""
    wrapped: dict[str, Callable] = {}

    def cached_run() -> Callable:
        language = current_language() if isinstance(spinner, str) else ""
        if language not in wrapped:

            def run(key: DataKey, *args: Any, **kwargs: Any) -> Any:
                return fn(*args, **kwargs)

            name = f"{fn.__qualname__}.cached" + (f".{language}" if language else "")
            run.__module__, run.__qualname__, run.__name__ = fn.__module__, name, fn.__name__
            wrapped[language] = kind(show_spinner=_(spinner) if language else spinner, **options)(run)
        return wrapped[language]

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        return cached_run()(data_key(), *args, **kwargs)

    def clear() -> None:
        for each in list(wrapped.values()):
            each.clear()

    call.clear = clear
    return call


def cached(fn: Callable | None = None, *, max_entries: int = 128, spinner: bool | str = False) -> Callable:
    """Cache a ``ui`` function's result as data, keyed on its arguments and the data key. A ``spinner`` text is
    marked with ``N_`` and shown in the visitor's language."""
    if fn is None:
        return lambda f: cached(f, max_entries=max_entries, spinner=spinner)
    return _keyed(fn, st.cache_data, spinner, max_entries=max_entries)


def resource(fn: Callable | None = None, *, max_entries: int = 2, spinner: bool | str = False) -> Callable:
    """Keep one long-lived object per data key (the demand model, an engine, an index)."""
    if fn is None:
        return lambda f: resource(f, max_entries=max_entries, spinner=spinner)
    return _keyed(fn, st.cache_resource, spinner, max_entries=max_entries)


def reference_query(fn: Callable, *, max_entries: int = 128, spinner: bool | str = False) -> Callable:
    """``fn(reference_connection, *args)`` as a plain cached function of ``*args``."""

    @functools.wraps(fn)
    def bound(*args: Any, **kwargs: Any) -> Any:
        return fn(reference_connection(), *args, **kwargs)

    return cached(bound, max_entries=max_entries, spinner=spinner)


def model_query(fn: Callable, *, max_entries: int = 128, spinner: bool | str = False) -> Callable:
    """``fn(reference_connection, demand_model, *args)`` as a plain cached function of ``*args``."""

    @functools.wraps(fn)
    def bound(*args: Any, **kwargs: Any) -> Any:
        return fn(reference_connection(), demand_model(), *args, **kwargs)

    return cached(bound, max_entries=max_entries, spinner=spinner)


def records_query(fn: Callable, *, max_entries: int = 32, spinner: bool | str = False) -> Callable:
    """``fn(records_connection, *args)`` as a plain cached function of ``*args``."""

    @functools.wraps(fn)
    def bound(*args: Any, **kwargs: Any) -> Any:
        return fn(records_connection(), *args, **kwargs)

    return cached(bound, max_entries=max_entries, spinner=spinner)


@resource(max_entries=2)
def demand_model():
    """The one demand model for the databases now served, with states' projections staff imported."""
    from lmi.demand import DemandModel
    from lmi.records import state_projections

    if records_state()[1] is None:
        return DemandModel(reference_connection())
    imported = state_projections.stored_projections(records_connection())
    return DemandModel(reference_connection(), state_projections=imported)
