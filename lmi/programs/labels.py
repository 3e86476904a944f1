"""How published outcome figures read to a person (and in CSV downloads): a hidden cell is the word
"suppressed", never a number or a blank that could be mistaken for zero; a credential rate of a
program type DOL excludes says so; generated example data is labelled in its own column.

Every word comes in the current language (``lmi.i18n``); the constants here are English message ids, shown
with ``_()``. Codes (program types, funding streams, groups) stay as stored.
"""

from __future__ import annotations

import pandas as pd

from lmi.i18n import N_, _
from lmi.records import vocab

SUPPRESSED = N_("suppressed")
NOT_APPLICABLE = N_("n/a (OJT / customized training: excluded by DOL)")
GENERATED_LABEL = N_("generated example data")
NOT_RECORDED_LABEL = N_("Not recorded")
PROGRAM_RECORDS_LABEL = N_("program records")

RATE, USD, COUNT = "rate", "usd", "count"
COLUMN_KINDS = {
    "exiters_count": COUNT,
    "completed_count": COUNT,
    "credential_count": COUNT,
    "employed_q2_count": COUNT,
    "employed_q4_count": COUNT,
    "placed_count": COUNT,
    "training_related_count": COUNT,
    "enrolled_count": COUNT,
    "completed_count_rate": RATE,
    "credential_count_rate": RATE,
    "employed_q2_count_rate": RATE,
    "employed_q4_count_rate": RATE,
    "placed_count_rate": RATE,
    "training_related_count_rate": RATE,
    "placement_rate": RATE,
    "training_related_rate": RATE,
    "earnings_q2_median_usd": USD,
    "cost_per_placement_usd": USD,
    "cost_per_credential_usd": USD,
    "cost_per_participant_usd": USD,
}
CREDENTIAL_COLUMNS = {"credential_count", "credential_count_rate", "cost_per_credential_usd"}


def format_value(value, kind: str) -> str:
    """A published figure as text (US number formats in both languages); a hidden one reads "suppressed"."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return _(SUPPRESSED)
    if kind == RATE:
        return f"{100 * float(value):.1f}%"
    if kind == USD:
        return f"${float(value):,.0f}"
    return f"{int(value):,}"


def format_outcomes(
    frame: pd.DataFrame, columns: list[str], labels: dict[str, str], credential_indicator: pd.Series | None = None
) -> pd.DataFrame:
    """``columns`` of ``frame`` as text with ``labels`` (message ids) as headers, in the current language; NA
    reads "suppressed", and the credential columns of rows without a credential indicator read "n/a (...)"."""
    out = pd.DataFrame(index=frame.index)
    not_applicable = _(NOT_APPLICABLE)
    for column in columns:
        kind = COLUMN_KINDS.get(column)
        header = _(labels[column]) if column in labels else column
        if kind is None:
            out[header] = frame[column].astype(object).where(frame[column].notna(), "")
            continue
        texts = [format_value(v, kind) for v in frame[column]] if column in frame else [not_applicable] * len(frame)
        if column in CREDENTIAL_COLUMNS and credential_indicator is not None:
            texts = [t if bool(has) else not_applicable for t, has in zip(texts, credential_indicator)]
        out[header] = texts
    return out.reset_index(drop=True)


def group_label(dimension: str, code) -> str:
    """The words for a group code of an equity dimension (or an exit program year); the total's code is "All"."""
    if code == "All":
        return _("All")
    if dimension == "exit_program_year":
        year = int(code)
        return _("PY{year} (exits Jul {year}–Jun {next_year})").format(year=year, next_year=year + 1)
    values = vocab.DIMENSIONS[dimension][2]
    if code in values:
        return _(values[code])
    return _(NOT_RECORDED_LABEL) if code == "not_reported" else str(code)


def dimension_label(dimension: str) -> str:
    """The words for an equity dimension ("Race / ethnicity")."""
    return _(vocab.DIMENSIONS[dimension][1])


def data_label(is_generated_example) -> str:
    return _(GENERATED_LABEL) if bool(is_generated_example) else _(PROGRAM_RECORDS_LABEL)


def program_type_label(code: str, hours=None) -> str:
    label = vocab.label(vocab.PROGRAM_TYPES, code)
    if code == vocab.WORK_EXPERIENCE_TYPE and hours is not None and not pd.isna(hours):
        return _("{program_type} ({hours} hours)").format(program_type=label, hours=int(hours))
    return label


def services_label(row) -> str:
    offered = [_(label) for column, label in vocab.SUPPORTIVE_SERVICES.items() if bool(row.get(column))]
    return ", ".join(offered) if offered else _("none recorded")


def level_basis_label(basis: str) -> str:
    """The words for a level's basis ("Negotiated level (agreed before the program year)")."""
    return vocab.label(vocab.LEVEL_BASES, basis)


def service_type_label(code: str) -> str:
    return vocab.label(vocab.EMPLOYER_SERVICE_TYPES, code)


GENERATED_NOTE = N_(
    "Rows marked “generated example data” describe made-up programs and people, created to show how this page "
    "works; they are not real outcomes."
)
SUPPRESSED_MEANING = N_(
    "“suppressed”: fewer than the threshold of people in the cell, or hidden so that another small cell cannot "
    "be worked out."
)


def suppression_rule(threshold: int) -> str:
    """What a reader of a breakdown needs to know about hidden cells."""
    return _(
        "Cells about fewer than {threshold} people — and cells that would let such a cell be worked out from the "
        "totals — read “{suppressed}”."
    ).format(threshold=threshold, suppressed=_(SUPPRESSED))


def records_source_note(status: dict, threshold: int, any_generated: bool) -> str:
    """The source line of numbers computed from program records: when they were last imported, the WIOA
    definitions, the small-cell threshold, and whether generated example data is among them.
    ``status`` is ``lmi.records.queries.records_status``."""
    if status.get("last_import_utc"):
        when = _("last import {when}").format(when=status["last_import_utc"])
    else:
        when = _("no import yet")
    note = _(
        "Source: program records entered by staff in this dashboard ({when}); outcomes of exiters with complete "
        "follow-up, WIOA definitions (see “Definitions” on Program outcomes); counts and rates of fewer than "
        "{threshold} people are suppressed."
    ).format(when=when, threshold=threshold)
    if any_generated:
        note += " " + _("Includes {generated} (not real programs or people).").format(generated=_(GENERATED_LABEL))
    return note


def program_choice_label(program_name: str, provider_name: str, is_generated_example) -> str:
    """How a program reads in a picker: "Welding Certificate — Example — Capitol College (generated example data)"."""
    label = f"{program_name} — {provider_name}"
    if bool(is_generated_example):
        return _("{program} ({generated})").format(program=label, generated=_(GENERATED_LABEL))
    return label


def funding_label(code: str) -> str:
    return vocab.label(vocab.FUNDING_STREAMS, code)


def aggregate_group_label(by: str, value) -> str:
    """The words for one group of a total (``lmi.programs.outcomes.AGGREGATE_BY``): a provider's name, a
    program type's or funding stream's words, or "PY2024" for an exit program year."""
    if by == "exit_program_year":
        return _("PY{year}").format(year=value)
    names = {"program_type": vocab.PROGRAM_TYPES, "funding_stream": vocab.FUNDING_STREAMS}.get(by)
    return vocab.label(names, value) if names is not None else value
