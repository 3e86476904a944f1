"""Importing a postings file (CSV, gzip-compressed CSV or Parquet) into the postings store.

What an import guarantees, as the program records' import does:

* **All or nothing.** The file is staged in full (``lmi.postings.pipeline``'s staging SQL on DuckDB) in a
  work folder; only then is the file kept as received (``received/``), its folder of stored rows renamed
  into the store and the import logged. A refused or failed import leaves nothing in the store but its
  log line.
* **Every row accounted for.** A row that cannot be dated or placed, or has neither title nor code, is kept
  with its reason (``problem``) but never counted, and the import reports how many there are by reason
  (``lmi.postings.reasons``), with a few examples of each; what was noticed about counted rows (an unreadable
  expiry date, an unknown code, a state-only place) is reported too.
* **Refused whole** when it cannot be read, when its columns do not give a title or code, a posted date and
  a location (``lmi.postings.layouts``), when it has no rows, or when more than ``max_rejected_share`` of its
  rows cannot be stored (a file that bad is more likely mis-mapped than a few rows wrong).
* **Idempotent.** A file whose SHA-256 was already stored is not read again ("unchanged").
* **Titles coded once.** The titles no earlier import coded are coded in one batch and stored beside the
  postings (``lmi.postings.coding``).
* **Logged.** Every attempt adds a line to the store's ``imports.jsonl``: who, when (UTC), file name, size,
  SHA-256, the column mapping, rows stored and not stored by reason, notes, outcome and a message (in English
  and as a message id with values, shown in the reader's language). A refused file's line keeps metadata
  only: counts by reason, never the examples of its cell values (the page shows those once, to the uploader).
* **One writer at a time** (the store's lock); readers are never blocked: they read only what the log lists.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from lmi.i18n import N_, use_language
from lmi.postings import duck
from lmi.postings.codes import valid_code_table
from lmi.postings.coding import TitleCoder
from lmi.postings.example import GENERATED_SOURCE
from lmi.postings.layouts import AUTO, LayoutError, resolve_mapping
from lmi.postings.pipeline import ACCEPTED, MIN_CONFIDENCE, REJECTED_COLUMNS, stored_titles_sql
from lmi.postings.places import load_place_tables
from lmi.postings.store import PostingsStore, utc_now
from lmi.records.messages import Message, literal, say, without_values

SYSTEM_USER = "staff"
MAX_REJECTED_SHARE = 0.5
EXAMPLES_PER_REASON = 3
# The values a refused file's logged message keeps (its name and counts); any other is withheld ("…").
LOGGED_VALUES = frozenset({"file", "rows", "rejected", "share", "stored", "import_id", "when"})


@dataclass(frozen=True)
class ImportResult:
    outcome: str  # "imported" | "unchanged" | "refused"
    import_id: int | None
    file_name: str
    file_sha256: str
    file_size_bytes: int
    rows_in_file: int = 0
    rows_stored: int = 0
    rejected: Mapping[str, int] = field(default_factory=dict)
    notes: Mapping[str, int] = field(default_factory=dict)
    examples: Mapping[str, list] = field(default_factory=dict)
    mapping: str = ""
    titles_distinct: int = 0
    titles_coded_new: int = 0
    is_generated_example: bool = False
    summary: Message = field(default_factory=lambda: literal(""))
    seconds: float = 0.0
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """What happened, in the current language."""
        return self.summary.text()

    def logged_summary(self) -> Message:
        """What the log keeps of the message: a refused file's counts and name, never text it quoted (a value
        from a cell, a line DuckDB could not read)."""
        return self.summary if self.outcome != "refused" else without_values(self.summary, LOGGED_VALUES)

    def log_entry(self, imported_by: str) -> dict:
        summary = self.logged_summary()
        with use_language("en"):
            english = summary.text()
        return {
            "import_id": self.import_id,
            "imported_utc": utc_now(),
            "imported_by": imported_by,
            "file_name": self.file_name[:255],
            "file_sha256": self.file_sha256,
            "file_size_bytes": self.file_size_bytes,
            "column_mapping": self.mapping,
            "rows_in_file_count": self.rows_in_file,
            "rows_stored_count": self.rows_stored,
            "rows_rejected_count": sum(self.rejected.values()),
            "rejected_by_reason": dict(self.rejected),
            "notes": dict(self.notes),
            # A refused file is not kept, so neither are its cell values: its line says only how many rows failed
            # and why (a stored file is kept as received, and its examples with it).
            "rejected_examples": dict(self.examples) if self.outcome == "imported" else {},
            "titles_distinct_count": self.titles_distinct,
            "titles_coded_new_count": self.titles_coded_new,
            "is_generated_example": self.is_generated_example,
            "outcome": self.outcome,
            "message": english,
            "message_json": summary.to_json(),
            "seconds": round(self.seconds, 3),
            "timings_s": {name: round(value, 3) for name, value in self.timings.items()},
        }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_postings(
    path: Path,
    ref_con: duckdb.DuckDBPyConnection,
    store: PostingsStore | None = None,
    layout: str = AUTO,
    overrides: Mapping[str, str] | None = None,
    imported_by: str = SYSTEM_USER,
    default_source: str | None = None,
    max_rejected_share: float = MAX_REJECTED_SHARE,
    coder: TitleCoder | None = None,
    threads: int | None = None,
) -> ImportResult:
    """Stage ``path``, and store it whole or refuse it whole (module docstring); always logged."""
    started = time.perf_counter()
    store = store or PostingsStore.default()
    path = Path(path)
    who = (imported_by or SYSTEM_USER).strip()[:100] or SYSTEM_USER
    attempt = _Attempt(path, started)
    if not path.is_file():
        return attempt.refused_unlogged(say(N_("{file}: no such file"), file=str(path)))
    with store.writer():
        import_id = store.next_import_id()
        result = _import_locked(
            attempt, import_id, ref_con, store, layout, overrides, default_source, max_rejected_share, coder, threads
        )
        store.append_log(result.log_entry(who))
    return result


class _Attempt:
    """What is known of the file so far, to build any result from."""

    def __init__(self, path: Path, started: float):
        self.path = path
        self.started = started
        self.size = path.stat().st_size if path.is_file() else 0
        self.sha256 = ""
        self.timings: dict[str, float] = {}

    def result(self, outcome: str, import_id: int | None, summary: Message, **values) -> ImportResult:
        return ImportResult(
            outcome=outcome,
            import_id=import_id,
            file_name=self.path.name,
            file_sha256=self.sha256,
            file_size_bytes=self.size,
            summary=summary,
            seconds=time.perf_counter() - self.started,
            timings=dict(self.timings),
            **values,
        )

    def refused_unlogged(self, summary: Message) -> ImportResult:
        return self.result("refused", None, summary)

    def timed(self, name: str, started: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started


def _import_locked(
    attempt: _Attempt, import_id, ref_con, store, layout, overrides, default_source, max_rejected_share, coder, threads
) -> ImportResult:
    file_name = attempt.path.name
    tick = time.perf_counter()
    attempt.sha256 = file_sha256(attempt.path)
    attempt.timed("hash_s", tick)
    if attempt.size == 0:
        return attempt.result("refused", import_id, say(N_("{file}: the file is empty (0 bytes)"), file=file_name))
    earlier = store.stored_import_with_hash(attempt.sha256)
    if earlier is not None:
        return attempt.result(
            "unchanged",
            import_id,
            say(
                N_("{file}: this file was already imported (import #{import_id} on {when} UTC); nothing changed"),
                file=file_name,
                import_id=earlier["import_id"],
                when=earlier["imported_utc"].replace("T", " ")[:16],
            ),
        )
    file_format = duck.detect_format(attempt.path)
    if file_format is None:
        return attempt.result(
            "refused", import_id, say(N_("{file}: not a CSV, gzip-compressed CSV or Parquet file"), file=file_name)
        )
    staging = store.staging_dir()
    con = duck.connect(staging / "spill", threads)
    try:
        return _stage_and_store(
            attempt,
            import_id,
            con,
            staging,
            file_format,
            ref_con,
            store,
            layout,
            overrides,
            default_source,
            max_rejected_share,
            coder,
        )
    finally:
        con.close()
        store.discard(staging)


def _stage_and_store(
    attempt,
    import_id,
    con,
    staging,
    file_format,
    ref_con,
    store,
    layout,
    overrides,
    default_source,
    max_rejected_share,
    coder,
) -> ImportResult:
    file_name = attempt.path.name
    try:
        mapping = resolve_mapping(duck.file_columns(con, attempt.path, file_format), layout, overrides)
    except (duck.UnreadableFileError, LayoutError) as exc:
        problem = exc.problem if isinstance(exc, LayoutError) else literal(str(exc))
        return attempt.result("refused", import_id, say(N_("{file}: {problem}"), file=file_name, problem=problem))
    tick = time.perf_counter()
    duck.register_frames(con, {**load_place_tables(ref_con).frames(), "valid_code": valid_code_table(ref_con)})
    duck.create_source_rows(con, attempt.path, file_format, mapping, default_source or file_name)
    staged = staging / "staged"
    try:
        duck.stage(con, staged)
    except duck.UnreadableFileError as exc:
        return attempt.result(
            "refused",
            import_id,
            say(N_("{file}: the file could not be read: {problem}"), file=file_name, problem=literal(str(exc))),
            mapping=mapping.describe(),
        )
    attempt.timed("stage_s", tick)
    tick = time.perf_counter()
    counts = _problem_counts(con, staged)
    rows = sum(counts.values())
    stored = counts.pop(ACCEPTED, 0)
    examples = _examples(con, staged, counts)
    attempt.timed("checks_s", tick)
    values = {"rows_in_file": rows, "rejected": counts, "examples": examples, "mapping": mapping.describe()}
    refusal = _refusal(file_name, rows, stored, counts, max_rejected_share)
    if refusal is not None:
        return attempt.result("refused", import_id, refusal, **values)
    tick = time.perf_counter()
    coder = coder or TitleCoder(ref_con)
    titles_distinct, new_codes = _code_new_titles(con, staged, store, coder)
    title_file = staging / "title_codes.parquet"
    con.register("new_codes_frame", new_codes)
    con.execute(f"COPY new_codes_frame TO '{duck._text(str(title_file))}' (FORMAT parquet)")
    attempt.timed("coding_s", tick)
    tick = time.perf_counter()
    notes, generated = _notes(con, staged, [*store.title_code_files(), title_file])
    attempt.timed("checks_s", tick)
    tick = time.perf_counter()
    _commit(store, import_id, staged, title_file, attempt.path, attempt.sha256)
    attempt.timed("commit_s", tick)
    summary = say(
        N_(
            "{file}: {stored:,} postings stored; {rejected:,} rows cannot be counted and are kept apart with their "
            "reason (in the log); {titles:,} distinct titles, {new_titles:,} coded for the first time"
        ),
        file=file_name,
        stored=stored,
        rejected=sum(counts.values()),
        titles=titles_distinct,
        new_titles=len(new_codes),
    )
    return attempt.result(
        "imported",
        import_id,
        summary,
        rows_stored=stored,
        notes=notes,
        titles_distinct=titles_distinct,
        titles_coded_new=len(new_codes),
        is_generated_example=generated == stored,
        **values,
    )


def _staged_rows(staged: Path, where: str = "") -> str:
    """The staged rows as a DuckDB table expression (``where``: a condition on them)."""
    files = duck.parquet_list(sorted(staged.glob("*.parquet")))
    return f"(SELECT * FROM read_parquet({files}) {'WHERE ' + where if where else ''})"


def _problem_counts(con, staged: Path) -> dict[str, int]:
    if not any(staged.glob("*.parquet")):
        return {}
    rows = con.execute(f"SELECT problem, count(*) FROM {_staged_rows(staged)} GROUP BY 1").fetchall()
    return {problem: int(count) for problem, count in rows}


def _examples(con, staged: Path, counts: Mapping[str, int]) -> dict[str, list]:
    examples = {}
    for problem in counts:
        rows = con.execute(
            f"SELECT {', '.join(REJECTED_COLUMNS)} "
            f"FROM {_staged_rows(staged, 'problem = $problem')} LIMIT {EXAMPLES_PER_REASON}",
            {"problem": problem},
        ).fetchall()
        examples[problem] = [dict(zip(("title", "posted_date", "location", "occupation_code"), row)) for row in rows]
    return examples


def _refusal(file_name: str, rows: int, stored: int, rejected: Mapping[str, int], max_share: float) -> Message | None:
    if rows == 0:
        return say(N_("{file}: the file has no rows"), file=file_name)
    share = sum(rejected.values()) / rows
    if stored == 0 or share > max_share:
        return say(
            N_(
                "{file}: refused: {rejected:,} of {rows:,} rows ({share:.0%}) cannot be counted (by reason in the "
                "log); nothing was stored. Check the column mapping and the date and location columns."
            ),
            file=file_name,
            rejected=sum(rejected.values()),
            rows=rows,
            share=share,
        )
    return None


def _code_new_titles(con, staged: Path, store: PostingsStore, coder: TitleCoder):
    """The number of distinct titles the stored rows have, and those no earlier import coded, coded (the
    titles come from the file's distinct-value table ``file_titles``, which staging left in ``con``)."""
    con.execute(f"CREATE OR REPLACE TEMP VIEW postings AS {_staged_rows(staged, f'problem = {ACCEPTED!r}')}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE stored_titles AS {stored_titles_sql()}")
    known = store.title_code_files()
    anti_join = (
        f"WHERE title_hash NOT IN (SELECT title_hash FROM read_parquet({duck.parquet_list(known)}))" if known else ""
    )
    new_titles = con.execute(f"SELECT title_key, title_hash FROM stored_titles {anti_join} ORDER BY 1").df()
    distinct = con.execute("SELECT count(*) FROM stored_titles").fetchall()[0][0]
    return int(distinct), coder.code(new_titles)


def _notes(con, staged: Path, title_code_files: list[Path]) -> tuple[dict[str, int], int]:
    row = con.execute(
        f"""
        SELECT
            count(*) FILTER (WHERE p.expiry_note = 'unreadable'),
            count(*) FILTER (WHERE p.expiry_note = 'before_posted'),
            count(*) FILTER (WHERE p.code_note = 'not_a_known_code'),
            count(*) FILTER (WHERE p.location_note = 'value_not_recognised'),
            count(*) FILTER (WHERE p.location_note = 'city_not_matched'),
            count(*) FILTER (WHERE p.area_code IS NULL AND p.cbsa_code IS NULL),
            count(*) FILTER (WHERE p.area_code IS NOT NULL AND p.state_area_code IS NULL),
            count(*) FILTER (WHERE p.given_soc_code IS NOT NULL),
            count(*) FILTER (WHERE p.given_soc_code IS NOT NULL AND t.confidence >= {MIN_CONFIDENCE}
                             AND t.soc_code <> p.given_soc_code),
            count(*) FILTER (WHERE p.source = '{duck._text(GENERATED_SOURCE)}')
        FROM {_staged_rows(staged, f"problem = {ACCEPTED!r}")} p
        LEFT JOIN read_parquet({duck.parquet_list(title_code_files)}) t ON t.title_hash = p.title_hash
        """
    ).fetchall()[0]
    names = (
        "expiry_unreadable",
        "expiry_before_posted",
        "code_not_a_known_code",
        "location_value_not_recognised",
        "location_city_not_matched",
        "placed_in_state_only",
        "metro_without_state",
        "given_code_kept",
        "given_code_differs_from_title",
    )
    return {name: int(value) for name, value in zip(names, row[:-1]) if value}, int(row[-1])


def _commit(store: PostingsStore, import_id: int, staged: Path, title_file: Path, source: Path, sha256: str) -> None:
    """Keep the file as received, then rename the staged rows and title codes into the store (the caller logs
    the import right after); anything placed is removed again if a later step fails."""
    target = store.partition(import_id)
    codes_target = store.title_code_file(import_id)
    kept = store.keep_received(source, sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    codes_target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staged, target)
        os.replace(title_file, codes_target)
    except OSError:
        store.discard(target)
        codes_target.unlink(missing_ok=True)
        kept.unlink(missing_ok=True)
        raise
