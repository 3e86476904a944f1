"""The one cache layer (``ui.cache``) and the visitor's language: a spinner text is shown in the language of
the run that waits for it, and results are never shared across languages."""

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
    monkeypatch.setattr(cache, "data_key", lambda: ("served", "language"))
    made: list = []
    double = cache._keyed(lambda x: 2 * x, fake_cache(made), SPINNER, max_entries=1)
    assert double(2) == 4 and double(3) == 6  # one wrapper per language, made on first use
    with use_language("es"):
        assert double(2) == 4
        spanish = _(SPINNER)
    assert made == [SPINNER, spanish] and spanish != SPINNER


def test_without_a_spinner_text_one_cache_serves_every_language(monkeypatch):
    monkeypatch.setattr(cache, "data_key", lambda: ("served", "language"))
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
