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

import contextlib
import functools
import threading
from collections.abc import Callable
from typing import Any

import duckdb
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lmi.db import DATABASE_ERRORS, file_stamp, open_reference, reference_db_path
from lmi.i18n import _, current_language
from lmi.records import db as records_db

DataKey = tuple


def reference_stamp() -> tuple:
    """Identity of the reference file now at its path (a rebuilt file has a new inode and mtime)."""
    return file_stamp(reference_db_path())


def records_state() -> tuple:
    """The records store (file path or PostgreSQL URL) and its revision; the revision is None when the store
    cannot be opened (another process holds the file, the server is down), so public pages keep serving
    reference figures instead of failing."""
    location = records_db.records_location()
    try:
        return (location, records_db.revision(records_connection()))
    except (records_db.RecordsUnavailable, *DATABASE_ERRORS):
        return (location, None)


def data_key() -> DataKey:
    """What every cached result depends on: the data served and the language its words are in (domain
    results carry translated labels and sentences, so an English result is never served in Spanish). The
    records revision is read once per script run (``_records_state_this_run``)."""
    return (reference_stamp(), _records_state_this_run(), current_language())


# The records state read in the current script run, with the run it was read in: a page makes dozens of cached
# calls, and reading the revision for each (a query, a round trip to PostgreSQL) was a tenth of a search's CPU.
# One revision per run also keeps a page at one revision throughout. A result computed under it is still checked
# against a fresh read (``_computed_at``), and a write in the run forgets it (``records_changed``).
_run_records = threading.local()


def _script_run() -> Any:
    """An object that is new in every script run of the session (Streamlit resets a run's cursors to a new
    dict), or None outside a script run (tests and commands read the revision every time)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return None if ctx is None else ctx.cursors


def _records_state_this_run() -> tuple:
    run = _script_run()
    if run is None:
        return records_state()
    remembered = getattr(_run_records, "value", None)
    if remembered is None or remembered[0] is not run:
        remembered = (run, records_state())
        _run_records.value = remembered
    return remembered[1]


def records_changed() -> None:
    """Forget the revision this run read: records were written, so the rest of the run reads under the new one."""
    _run_records.value = None


def writes_records(fn: Callable) -> Callable:
    """Mark a ``ui`` function that writes records (an import, a state's projections): whatever it returns or
    raises, the rest of the script run reads the records under their new revision (``records_changed``)."""

    @functools.wraps(fn)
    def write(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        finally:
            records_changed()

    return write


@st.cache_resource(max_entries=1)
def _reference_connection(path: str, stamp: tuple) -> duckdb.DuckDBPyConnection:
    return open_reference(path)


def reference_connection() -> duckdb.DuckDBPyConnection:
    """One read-only connection per reference file; a replaced file is reopened."""
    path = reference_db_path()
    return _reference_connection(str(path), file_stamp(path))


@st.cache_resource(max_entries=4)
def _records_connection(location: str):
    return records_db.open_records(location)


def records_connection():
    """The records store (read-write): the embedded DuckDB file, or PostgreSQL when ``LMI_RECORDS_URL`` is set.
    Raises ``RecordsUnavailable`` (a plain sentence the app shows) when it cannot be opened; not cached then, so
    the store is opened as soon as the other process lets go of the file."""
    return _records_connection(records_db.records_location())


class _ReadDuringImport(Exception):
    """The records changed while a result was computed: it may mix two revisions, so it is not cached."""


# The data key of the outermost cached computation running in this thread: results it calls for are read under
# its records revision, so one computation never combines cached results of two revisions (a program list of the
# old records with the published tables of the new ones).
_pinned = threading.local()


def _computed_at(key: DataKey, fn: Callable, args: tuple, kwargs: dict, reads_records: bool = True) -> Any:
    """``fn``'s result, only if the records revision read after computing it is still the one in ``key`` (read
    before). A result stored under a revision then holds only data of that revision: an import that commits
    while a page computes (a program list read after it, the published tables before) makes the result
    uncacheable, and ``call`` computes it again under the new revision. An error raised while the revision
    changed (a program missing from tables read before the import) is such a mixed read too, not a failure.

    A function that never reads the records store itself (``reads_records`` False: reference and model queries,
    whose demand model is a cached resource of the same data key) cannot mix revisions and skips the second
    read, which was a revision query per computed result: some dozens per search."""
    if not reads_records:
        return fn(*args, **kwargs)
    try:
        result = fn(*args, **kwargs)
    except _ReadDuringImport:
        raise
    except Exception:
        if records_state() != _records_part(key):
            raise _ReadDuringImport from None
        raise
    if records_state() != _records_part(key):
        raise _ReadDuringImport
    return result


def _records_part(key: DataKey) -> Any:
    """The records store and revision in a data key (``data_key``: reference, records, language)."""
    return key[1]


def _run_pinned(cached_fn: Callable, key: DataKey, args: tuple, kwargs: dict) -> Any:
    _pinned.key = key
    try:
        return cached_fn(key, *args, **kwargs)
    finally:
        _pinned.key = None


@contextlib.contextmanager
def _records_writer():
    """The records store's writer lock, when the store can be opened (``lmi.records.db.writer``)."""
    try:
        con = records_connection()
    except (records_db.RecordsUnavailable, *DATABASE_ERRORS):
        yield
        return
    with records_db.writer(con):
        yield


def _keyed(fn: Callable, kind: Callable, spinner: bool | str, reads_records: bool = True, **options) -> Callable:
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
                return _computed_at(key, fn, args, kwargs, reads_records)

            name = f"{fn.__qualname__}.cached" + (f".{language}" if language else "")
            run.__module__, run.__qualname__, run.__name__ = fn.__module__, name, fn.__name__
            wrapped[language] = kind(show_spinner=_(spinner) if language else spinner, **options)(run)
        return wrapped[language]

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        pinned = getattr(_pinned, "key", None)
        if pinned is not None:  # inside another cached computation: its records revision (a change is its to retry)
            key = data_key()
            return cached_run()((key[0], _records_part(pinned), *key[2:]), *args, **kwargs)
        for _attempt in range(3):  # an import committed while computing: again under the new revision
            try:
                return _run_pinned(cached_run(), data_key(), args, kwargs)
            except _ReadDuringImport:
                records_changed()
                continue
        with _records_writer():  # imports keep landing: once more while none can (the writers wait briefly)
            return _run_pinned(cached_run(), data_key(), args, kwargs)

    def clear() -> None:
        for each in list(wrapped.values()):
            each.clear()

    call.clear = clear
    return call


def cached(
    fn: Callable | None = None, *, max_entries: int = 128, spinner: bool | str = False, reads_records: bool = True
) -> Callable:
    """Cache a ``ui`` function's result as data, keyed on its arguments and the data key. A ``spinner`` text is
    marked with ``N_`` and shown in the visitor's language. ``reads_records`` False: ``fn`` never opens the records
    store itself (``_computed_at``)."""
    if fn is None:
        return lambda f: cached(f, max_entries=max_entries, spinner=spinner, reads_records=reads_records)
    return _keyed(fn, st.cache_data, spinner, reads_records, max_entries=max_entries)


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

    return cached(bound, max_entries=max_entries, spinner=spinner, reads_records=False)


def model_query(fn: Callable, *, max_entries: int = 128, spinner: bool | str = False) -> Callable:
    """``fn(reference_connection, demand_model, *args)`` as a plain cached function of ``*args``."""

    @functools.wraps(fn)
    def bound(*args: Any, **kwargs: Any) -> Any:
        return fn(reference_connection(), demand_model(), *args, **kwargs)

    return cached(bound, max_entries=max_entries, spinner=spinner, reads_records=False)


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
