"""The one cache layer (``ui.cache``) and the visitor's language: a spinner text is shown in the language of
the run that waits for it, and results are never shared across languages; the records revision in the key
is read once per script run."""

from __future__ import annotations

from lmi.i18n import N_, _, use_language
from ui import cache

SPINNER = N_("Projecting the scenario…")


def fake_cache(made: list):
    """Stands in for ``st.cache_data``: records the spinner each wrapper was made with, caches nothing."""

    def kind(show_spinner, **options):
        made.append(show_spinner)
        return lambda fn: fn

    return kind


def test_a_spinner_reads_in_the_language_of_the_run(monkeypatch):
    monkeypatch.setattr(cache, "data_key", lambda: ("served", "records"))
    monkeypatch.setattr(cache, "records_state", lambda: "records")  # read again after computing: unchanged
    made: list = []
    double = cache._keyed(lambda x: 2 * x, fake_cache(made), SPINNER, max_entries=1)
    assert double(2) == 4 and double(3) == 6  # one wrapper per language, made on first use
    with use_language("es"):
        assert double(2) == 4
        spanish = _(SPINNER)
    assert made == [SPINNER, spanish] and spanish != SPINNER


def test_without_a_spinner_text_one_cache_serves_every_language(monkeypatch):
    monkeypatch.setattr(cache, "data_key", lambda: ("served", "records"))
    monkeypatch.setattr(cache, "records_state", lambda: "records")  # read again after computing: unchanged
    made: list = []
    double = cache._keyed(lambda x: 2 * x, fake_cache(made), False, max_entries=1)
    double(1)
    with use_language("es"):
        double(1)
    assert made == [False]


def test_the_data_key_holds_the_language(monkeypatch):
    """Only the language part is under test: the served files are stood in for (a clean clone has none)."""
    monkeypatch.setattr(cache, "reference_stamp", lambda: ("reference",))
    monkeypatch.setattr(cache, "records_state", lambda: ("records", 1))
    with use_language("es"):
        assert cache.data_key()[-1] == "es"
    assert cache.data_key()[-1] == "en"


def test_the_records_revision_is_read_once_per_script_run_and_again_after_a_write(monkeypatch):
    """Dozens of cached calls in one run share one revision read; a new run, or a write in the run, reads again;
    outside a script run (tests, commands) every call reads it."""
    reads: list = []
    monkeypatch.setattr(cache, "reference_stamp", lambda: ("reference",))
    monkeypatch.setattr(cache, "records_state", lambda: reads.append(1) or ("records", len(reads)))
    monkeypatch.setattr(cache, "_script_run", lambda: None)
    cache.records_changed()
    assert cache.data_key()[1] != cache.data_key()[1]
    first_run, second_run = {}, {}
    monkeypatch.setattr(cache, "_script_run", lambda: first_run)
    assert len({cache.data_key()[1] for _ in range(20)}) == 1
    reads_in_run = len(reads)
    cache.records_changed()
    assert cache.data_key()[1] == ("records", reads_in_run + 1)
    monkeypatch.setattr(cache, "_script_run", lambda: second_run)
    assert cache.data_key()[1] == ("records", reads_in_run + 2)


def test_a_result_that_reads_no_records_is_kept_without_reading_the_revision_again(monkeypatch):
    """Reference and model queries never open the records store, so the revision is not read again after them
    (it was a query per computed result); a function that may read records is still checked."""
    reads: list = []
    monkeypatch.setattr(cache, "data_key", lambda: ("served", ("records", 1)))
    monkeypatch.setattr(cache, "records_state", lambda: reads.append(1) or ("records", 1))
    reference_only = cache._keyed(lambda x: 2 * x, fake_cache([]), False, reads_records=False, max_entries=1)
    assert reference_only(2) == 4 and reads == []
    may_read_records = cache._keyed(lambda x: 2 * x, fake_cache([]), False, max_entries=1)
    assert may_read_records(2) == 4 and reads == [1]
