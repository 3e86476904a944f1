"""How published outcome figures read to a person (and in CSV downloads): a hidden cell is the word
"suppressed", never a number or a blank that could be mistaken for zero; a credential rate of a
program type DOL excludes says so; generated example data is labelled in its own column.
"""

from __future__ import annotations

import pandas as pd

from lmi.records import vocab

SUPPRESSED = "suppressed"
NOT_APPLICABLE = "n/a (OJT / customized training: excluded by DOL)"
GENERATED_LABEL = "generated example data"
NOT_RECORDED_LABEL = "Not recorded"

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
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return SUPPRESSED
    if kind == RATE:
        return f"{100 * float(value):.1f}%"
    if kind == USD:
        return f"${float(value):,.0f}"
    return f"{int(value):,}"


def format_outcomes(
    frame: pd.DataFrame, columns: list[str], labels: dict[str, str], credential_indicator: pd.Series | None = None
) -> pd.DataFrame:
    """``columns`` of ``frame`` as text with ``labels`` as headers; NA reads "suppressed", and the
    credential columns of rows without a credential indicator read "n/a (...)"."""
    out = pd.DataFrame(index=frame.index)
    for column in columns:
        kind = COLUMN_KINDS.get(column)
        if kind is None:
            out[labels.get(column, column)] = frame[column].astype(object).where(frame[column].notna(), "")
            continue
        texts = [format_value(v, kind) for v in frame[column]] if column in frame else [NOT_APPLICABLE] * len(frame)
        if column in CREDENTIAL_COLUMNS and credential_indicator is not None:
            texts = [t if bool(has) else NOT_APPLICABLE for t, has in zip(texts, credential_indicator)]
        out[labels.get(column, column)] = texts
    return out.reset_index(drop=True)


def group_label(dimension: str, code) -> str:
    """The words for a group code of an equity dimension (or an exit program year)."""
    if code == "All":
        return "All"
    if dimension == "exit_program_year":
        year = int(code)
        return f"PY{year} (exits Jul {year}–Jun {year + 1})"
    values = vocab.DIMENSIONS[dimension][2]
    return values.get(code, NOT_RECORDED_LABEL if code == "not_reported" else str(code))


def data_label(is_generated_example) -> str:
    return GENERATED_LABEL if bool(is_generated_example) else "program records"


def program_type_label(code: str, hours=None) -> str:
    label = vocab.PROGRAM_TYPES.get(code, code)
    if code == vocab.WORK_EXPERIENCE_TYPE and hours is not None and not pd.isna(hours):
        label += f" ({int(hours)} hours)"
    return label


def services_label(row) -> str:
    offered = [label for column, label in vocab.SUPPORTIVE_SERVICES.items() if bool(row.get(column))]
    return ", ".join(offered) if offered else "none recorded"


GENERATED_NOTE = (
    f"Rows marked “{GENERATED_LABEL}” describe made-up programs and people, created to show how this page works; "
    "they are not real outcomes."
)
SUPPRESSED_MEANING = (
    f"“{SUPPRESSED}”: fewer than the threshold of people in the cell, or hidden so that another small cell cannot "
    "be worked out."
)


def suppression_rule(threshold: int) -> str:
    """What a reader of a breakdown needs to know about hidden cells."""
    return (
        f"Cells about fewer than {threshold} people — and cells that would let such a cell be worked out from the "
        f"totals — read “{SUPPRESSED}”."
    )


def records_source_note(status: dict, threshold: int, any_generated: bool) -> str:
    """The source line of numbers computed from program records: when they were last imported, the WIOA
    definitions, the small-cell threshold, and whether generated example data is among them.
    ``status`` is ``lmi.records.queries.records_status``."""
    when = f"last import {status['last_import_utc']}" if status.get("last_import_utc") else "no import yet"
    note = (
        f"Source: program records entered by staff in this dashboard ({when}); outcomes of exiters with "
        "complete follow-up, WIOA definitions (see “Definitions” on Program outcomes); counts and rates of fewer "
        f"than {threshold} people are suppressed."
    )
    if any_generated:
        note += f" Includes {GENERATED_LABEL} (not real programs or people)."
    return note


def program_choice_label(program_name: str, provider_name: str, is_generated_example) -> str:
    """How a program reads in a picker: "Welding Certificate — Example — Capitol College (generated example data)"."""
    label = f"{program_name} — {provider_name}"
    return label + f" ({GENERATED_LABEL})" if bool(is_generated_example) else label


def funding_label(code: str) -> str:
    return vocab.FUNDING_STREAMS.get(code, code)


def aggregate_group_label(by: str, value) -> str:
    """The words for one group of a total (``lmi.programs.outcomes.AGGREGATE_BY``): a provider's name, a
    program type's or funding stream's words, or "PY2024" for an exit program year."""
    if by == "exit_program_year":
        return f"PY{value}"
    names = {"program_type": vocab.PROGRAM_TYPES, "funding_stream": vocab.FUNDING_STREAMS}.get(by, {})
    return names.get(value, value)
