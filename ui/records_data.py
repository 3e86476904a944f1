"""Program records for the pages, through the one cache layer (``ui.cache``): published outcome figures,
the records' status and employer partners, every program's local fit, and the staff-only import calls.

Every cached result is keyed on its arguments and on what is served (reference file, records revision), so
a new import is seen at once. Published outcome tables are read as stored after each import
(``lmi.programs.published``), not computed per view. The small-cell threshold is an explicit argument of the
outcome figures (``threshold()`` reads the configured one), so a changed threshold never serves figures
suppressed under another. Only published (suppressed) outcome figures pass through here; participant rows
never do.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import BinaryIO

import pandas as pd

from lmi.i18n import N_
from lmi.programs import local_fit as program_fit
from lmi.programs import outcomes, published, roi, scorecard, scorecard_tables
from lmi.records import queries
from lmi.records.example import import_examples
from lmi.records.importer import ImportResult, import_file, reference_codes
from lmi.records.template import ENTERED_FILE_NAME, entry_csv
from lmi.records.validate import ReferenceCodes
from ui import data
from ui.cache import (
    cached,
    demand_model,
    records_connection,
    records_query,
    reference_connection,
    resource,
    writes_records,
)


def threshold() -> int:
    """The configured small-cell threshold (``LMI_SMALL_CELL_THRESHOLD``, default 10)."""
    return outcomes.threshold_from_env()


@resource(max_entries=4, spinner=N_("Reading published outcome figures…"))
def reports(threshold: int) -> dict[str, outcomes.ProgramReport]:
    """Every program's suppressed outcome tables, as stored after the last import (computed and stored here
    only when missing, e.g. in a store from before they were stored). Kept as one shared, read-only object per
    records revision and threshold: hundreds of small tables, which a data cache would copy on every call."""
    return published.reports(records_connection(), threshold)


def report(program_id: str, threshold: int) -> outcomes.ProgramReport:
    """One program's suppressed outcome tables, as stored after the last import (read-only)."""
    return reports(threshold)[program_id]


@cached(max_entries=8)
def summaries(threshold: int) -> pd.DataFrame:
    """One row per program: its facts and overall published figures."""
    return outcomes.program_summaries(records_connection(), threshold, reports(threshold))


@cached(max_entries=32)
def aggregates(by: str, program_ids: tuple[str, ...] | None, threshold: int) -> pd.DataFrame:
    """Published figures of the given programs (all when None) added up ``by`` provider, type, funding stream
    or exit year."""
    ids = list(program_ids) if program_ids is not None else None
    return outcomes.aggregate_outcomes(records_connection(), by, threshold, ids, reports(threshold))


status = records_query(queries.records_status, max_entries=8)
status.__doc__ = "How many programs, how many generated, and when the last import stored anything."
partners = records_query(queries.employer_partners, max_entries=32)
partners.__doc__ = "Employers committed to hire from a program (all programs when called without one)."
programs = records_query(queries.programs, max_entries=8)
programs.__doc__ = "Every stored program's facts (no outcome figures)."


@cached(max_entries=8)
def local_fit() -> program_fit.ProgramsFit:
    """Every program's local fit: its target occupations at the BLS codes they lead to, with the demand model's
    numbers in the program's region, verdicts, and one summary row per program."""
    return program_fit.programs_local_fit(reference_connection(), demand_model(), data.code_resolver(), programs())


def fit_source() -> str:
    """The source line of local-fit numbers: OEWS, projections, crosswalks, the openings method and the
    verdict thresholds."""
    return f"{data.source_note(program_fit.FIT_SOURCE_KEYS)} {program_fit.fit_method()}"


@cached(max_entries=8)
def area_names() -> dict[str, str]:
    """Names of the programs' regions."""
    return program_fit.area_names(reference_connection(), list(programs().region_area_code))


@cached(max_entries=8)
def cip_titles() -> dict[str, str]:
    """Titles of the programs' CIP codes."""
    return program_fit.cip_titles(reference_connection(), list(programs().cip_code))


@resource(max_entries=1)
def _reference_codes() -> ReferenceCodes:
    return reference_codes(reference_connection(), data.code_resolver())


@writes_records
def run_import(kind: str, file_name: str, stream: BinaryIO, imported_by: str) -> ImportResult:
    """Staff only (the page checks): validate and store one file."""
    return import_file(records_connection(), _reference_codes(), kind, file_name, stream, imported_by)


@writes_records
def load_generated_examples(imported_by: str) -> list[ImportResult]:
    """Staff only: import the generated example data through the ordinary importer."""
    return import_examples(records_connection(), _reference_codes(), dt.date.today(), requested_by=imported_by)


@cached(max_entries=8, spinner=N_("Scoring programs against their levels…"))
def scorecards(threshold: int) -> dict[str, scorecard.Scorecard]:
    """Every program's WIOA scorecard (published figures against the levels staff entered)."""
    return scorecard.program_scorecards(records_connection(), reports(threshold), threshold, area_names())


@cached(max_entries=8)
def scorecard_summaries(threshold: int) -> dict[str, str]:
    """Each program's one-line scorecard (latest scored year, met / not met) for the Program outcomes list,
    made without the employer tables, which the verdict does not depend on."""
    cards = scorecard.program_scorecards(records_connection(), reports(threshold), threshold, employer_indicators=False)
    return {program_id: scorecard_tables.summary_words(card) for program_id, card in cards.items()}


@cached(max_entries=8)
def returns(threshold: int) -> dict[str, roi.ReturnOnInvestment]:
    """Every program's return on investment (earnings gain, payback, cost per placement and credential)."""
    facts = programs()
    costs = dict(zip(facts.program_id, facts.cost_per_participant_usd))
    return roi.program_roi(records_connection(), reports(threshold), costs, threshold)


levels = records_query(scorecard.negotiated_levels, max_entries=4)
levels.__doc__ = "Every negotiated (or adjusted) level staff entered."
establishments = records_query(scorecard.establishment_counts, max_entries=4)
establishments.__doc__ = "Every establishment count staff entered, with its source."


@writes_records
def enter_rows(kind: str, rows: list[dict], imported_by: str) -> ImportResult:
    """Staff only (the page checks): values typed on the page, checked and stored by the ordinary importer."""
    data = entry_csv(kind, rows)
    return import_file(records_connection(), _reference_codes(), kind, ENTERED_FILE_NAME, io.BytesIO(data), imported_by)


def import_log() -> pd.DataFrame:
    """Staff only; never cached (it is the audit trail)."""
    return queries.import_log(records_connection())
