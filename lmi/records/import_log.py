"""The import log: one row per import attempt (stored, unchanged or refused), written by every importer of
the records store in the same transaction as the rows it stores, so the log and the records never disagree.

Its message is kept twice: ``message`` in English (what any DuckDB client reads, the audit trail) and
``message_json`` as its message id and values (``lmi.records.messages``, records schema migration 6), which
pages show in the reader's language (``shown_messages``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from lmi.i18n import use_language
from lmi.records.messages import Message, shown

MAX_MESSAGE_CHARS = 4000


def next_import_id(cursor) -> int:
    """The next import number, from the database's own sequence (records schema migration 8): never "largest so
    far + 1", which two simultaneous imports would both take."""
    return int(cursor.execute("SELECT nextval('import_id_seq')").fetchall()[0][0])


def insert_log_entry(
    cursor,
    import_id,
    who,
    kind,
    file_name,
    sha256,
    size,
    rows,
    added,
    updated,
    unchanged,
    outcome,
    message: Message,
    generated,
) -> None:
    """One import-log row (``message`` a ``Message``); file names and the English message are cut to the lengths
    the log keeps."""
    with use_language("en"):
        english = message.text()
    cursor.execute(
        """INSERT INTO import_log (import_id, imported_by, imported_utc, import_kind, file_name, file_sha256,
                          file_size_bytes, rows_in_file_count, rows_added_count, rows_updated_count,
                          rows_unchanged_count, outcome, message, message_json, is_generated_example)
                      VALUES ($id, $who, $utc, $kind, $name, $sha, $size, $rows, $added, $updated, $unchanged,
                              $outcome, $message, $message_json, $generated)""",
        {
            "id": import_id,
            "who": who,
            "utc": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "kind": kind,
            "name": file_name[:255],
            "sha": sha256,
            "size": size,
            "rows": rows,
            "added": added,
            "updated": updated,
            "unchanged": unchanged,
            "outcome": outcome,
            "message": english[:MAX_MESSAGE_CHARS],
            "message_json": message.to_json(),
            "generated": generated,
        },
    )


def shown_messages(log: pd.DataFrame) -> pd.DataFrame:
    """Log rows read with ``message`` and ``message_json``: ``message`` in the current language (rows logged
    before migration 6 keep their English text), ``message_json`` dropped."""
    out = log.copy()
    out["message"] = [
        shown(stored, "" if english is None or pd.isna(english) else str(english))
        for stored, english in zip(out.message_json, out.message)
    ]
    return out.drop(columns=["message_json"])
