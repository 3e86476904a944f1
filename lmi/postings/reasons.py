"""Why a row is not stored, and what else an import noticed about the rows it stored: the codes the staging
SQL writes (``problem``, ``expiry_note``, ``code_note``, ``location_note``) in words, marked for the message
catalogs and shown in the reader's language."""

from __future__ import annotations

from lmi.i18n import N_, _

PROBLEM_WORDS = {
    "no_title": N_("no job title and no occupation code"),
    "no_posted_date": N_("no posted date"),
    "posted_date_unreadable": N_("the posted date is not a date (write YYYY-MM-DD or M/D/YYYY)"),
    "posted_date_out_of_range": N_("the posted date is before 2000 or after 2099"),
    "no_location": N_("no location"),
    "location_unknown": N_("the location is not a known county FIPS code, CBSA code, city or state"),
}
NOTE_WORDS = {
    "expiry_unreadable": N_("expiry date not a date (the posting is kept without one)"),
    "expiry_before_posted": N_("expiry date before the posted date (the posting is kept without one)"),
    "code_not_a_known_code": N_(
        "occupation code not a known SOC or O*NET-SOC code of a detailed occupation (the title is coded instead)"
    ),
    "location_value_not_recognised": N_("a location value not recognised (placed by another location column)"),
    "location_city_not_matched": N_("city not named in any CBSA title nor a county name (placed in its state only)"),
    "placed_in_state_only": N_("placed in a state only (no metro area: nonmetropolitan, micropolitan or unmatched)"),
    "metro_without_state": N_("placed in a metro area that crosses a state line, without a state"),
    "given_code_kept": N_("occupation code from the file kept"),
    "given_code_differs_from_title": N_("occupation code from the file differs from its title's coding (kept)"),
}


def problem_words(problem: str) -> str:
    return _(PROBLEM_WORDS[problem]) if problem in PROBLEM_WORDS else problem


def note_words(note: str) -> str:
    return _(NOTE_WORDS[note]) if note in NOTE_WORDS else note
