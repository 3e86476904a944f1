"""The import log: one row per import attempt (stored, unchanged or refused), written by every importer of
the records store in the same transaction as the rows it stores, so the log and the records never disagree."""

from __future__ import annotations

import datetime as dt


def next_import_id(cursor) -> int:
    """The next import number, read inside the writer's transaction."""
    return cursor.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_log").fetchall()[0][0]


def insert_log_entry(
    cursor, import_id, who, kind, file_name, sha256, size, rows, added, updated, unchanged, outcome, message, generated
) -> None:
    """One import-log row; file names and messages are cut to the lengths the log keeps."""
    cursor.execute(
        """INSERT INTO import_log (import_id, imported_by, imported_utc, import_kind, file_name, file_sha256,
                          file_size_bytes, rows_in_file_count, rows_added_count, rows_updated_count,
                          rows_unchanged_count, outcome, message, is_generated_example)
                      VALUES ($id, $who, $utc, $kind, $name, $sha, $size, $rows, $added, $updated, $unchanged,
                              $outcome, $message, $generated)""",
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
            "message": message[:4000],
            "generated": generated,
        },
    )
