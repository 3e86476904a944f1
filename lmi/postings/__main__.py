"""Command line for the postings store (large files are imported here rather than uploaded):

    python -m lmi.postings import FILE [--layout auto|standard|linkup] [--map field=COLUMN ...]
                                      [--source NAME] [--by NAME] [--max-rejected-share 0.5] [--no-aggregate]
    python -m lmi.postings aggregate [--window-days 30] [--min-confidence 0.5] [--csv OUT.csv]
    python -m lmi.postings log
    python -m lmi.postings example OUT.(csv|csv.gz|parquet) --rows N [--seed 0]
    python -m lmi.postings example-store [--if-empty] [--rows 60000]   (generated example postings, imported)
    python -m lmi.postings spark FILE [--layout ...] [--map ...] [--out DIR]   (same pipeline on Apache Spark)
    python -m lmi.postings accuracy

``--store DIR`` (or ``LMI_POSTINGS_DIR``) chooses the store, ``--db FILE`` (or ``LMI_REFERENCE_DB``) the
reference database. Exit status: 0 when stored or unchanged, 1 when refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lmi.db import open_reference, reference_db_path
from lmi.i18n import _, ngettext
from lmi.postings.aggregate import read_aggregate, refresh_aggregate
from lmi.postings.layouts import AUTO, LAYOUT_NAMES, LayoutError, parse_overrides
from lmi.postings.pipeline import DEFAULT_WINDOW_DAYS, MIN_CONFIDENCE
from lmi.postings.reasons import note_words, problem_words
from lmi.postings.store import PostingsStore


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    store = PostingsStore(Path(args.store)) if args.store else PostingsStore.default()
    return args.run(args, store)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lmi.postings", description=_("Job postings: import and count."))
    parser.add_argument("--store", help=_("the postings store's folder (default var/postings)"))
    parser.add_argument("--db", help=_("the reference database (default var/lmi.duckdb)"))
    commands = parser.add_subparsers(required=True)

    importing = commands.add_parser("import", help=_("import a CSV, CSV.gz or Parquet file of postings"))
    importing.add_argument("file", type=Path)
    _mapping_arguments(importing)
    importing.add_argument("--source", help=_("what to call the source of rows that name none (default: file name)"))
    importing.add_argument("--by", default="staff", help=_("who is importing (kept in the log)"))
    importing.add_argument("--max-rejected-share", type=float, default=0.5)
    importing.add_argument("--no-aggregate", action="store_true", help=_("do not recount after storing"))
    importing.add_argument("--window-days", type=int, default=DEFAULT_WINDOW_DAYS)
    importing.add_argument("--threads", type=int)
    importing.set_defaults(run=_import)

    counting = commands.add_parser("aggregate", help=_("recount the stored postings by area, occupation and month"))
    counting.add_argument("--window-days", type=int, default=DEFAULT_WINDOW_DAYS)
    counting.add_argument("--min-confidence", type=float, default=MIN_CONFIDENCE)
    counting.add_argument("--csv", type=Path, help=_("also write the counts to this CSV file"))
    counting.add_argument("--threads", type=int)
    counting.set_defaults(run=_aggregate)

    log = commands.add_parser("log", help=_("show the import log"))
    log.set_defaults(run=_log)

    example = commands.add_parser("example", help=_("write a file of generated example postings"))
    example.add_argument("out", type=Path)
    example.add_argument("--rows", type=int, default=10_000)
    example.add_argument("--seed", type=int, default=0)
    example.set_defaults(run=_example)

    example_store = commands.add_parser(
        "example-store", help=_("import generated example postings into the store and count them")
    )
    example_store.add_argument(
        "--if-empty", action="store_true", help=_("only when the store holds no import yet (./dev.sh start)")
    )
    example_store.add_argument("--rows", type=_positive, help=_("rows of the generated file (default 60,000)"))
    example_store.add_argument("--seed", type=int, default=0)
    example_store.set_defaults(run=_example_store)

    spark = commands.add_parser("spark", help=_("run the same import and counting on Apache Spark"))
    spark.add_argument("file", type=Path)
    _mapping_arguments(spark)
    spark.add_argument("--out", type=Path, help=_("write stored rows and counts as Parquet under this folder"))
    spark.add_argument("--window-days", type=int, default=DEFAULT_WINDOW_DAYS)
    spark.add_argument("--min-confidence", type=float, default=MIN_CONFIDENCE)
    spark.add_argument("--master", default="local[*]")
    spark.set_defaults(run=_spark)

    accuracy = commands.add_parser("accuracy", help=_("title coding accuracy on O*NET's reported titles"))
    accuracy.set_defaults(run=_accuracy)
    return parser


def _mapping_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--layout", default=AUTO, choices=LAYOUT_NAMES)
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN")


def _reference(args):
    return open_reference(Path(args.db) if args.db else reference_db_path())


def _import(args, store: PostingsStore) -> int:
    from lmi.postings.importer import import_postings

    try:
        overrides = parse_overrides(args.map)
    except LayoutError as exc:
        print(exc, file=sys.stderr)
        return 2
    result = import_postings(
        args.file,
        _reference(args),
        store,
        layout=args.layout,
        overrides=overrides,
        imported_by=args.by,
        default_source=args.source,
        max_rejected_share=args.max_rejected_share,
        threads=args.threads,
    )
    print(result.message)
    if result.mapping:
        print(_("Columns: {mapping}").format(mapping=result.mapping))
    for problem, count in sorted(result.rejected.items(), key=lambda item: -item[1]):
        line = ngettext("  not counted: {count:,} row: {reason}", "  not counted: {count:,} rows: {reason}", count)
        print(line.format(count=count, reason=problem_words(problem)))
    for note, count in sorted(result.notes.items(), key=lambda item: -item[1]):
        print(
            ngettext("  note: {count:,} row: {note}", "  note: {count:,} rows: {note}", count).format(
                count=count, note=note_words(note)
            )
        )
    if result.outcome == "imported" and not args.no_aggregate:
        meta = refresh_aggregate(store, window_days=args.window_days, threads=args.threads)
        print(
            _("Counted {postings:,} postings ({reposts:,} reposts removed) in {seconds:.1f} s.").format(
                postings=meta["postings_count"], reposts=meta["reposts_removed_count"], seconds=meta["seconds"]
            )
        )
    return 1 if result.outcome == "refused" else 0


def _aggregate(args, store: PostingsStore) -> int:
    meta = refresh_aggregate(store, args.window_days, args.min_confidence, args.threads)
    print(json.dumps(meta, indent=2))
    if args.csv:
        read_aggregate(store).to_csv(args.csv, index=False)
    return 0


def _log(args, store: PostingsStore) -> int:
    for entry in store.log_entries():
        print(json.dumps(entry, ensure_ascii=False))
    return 0


def _example(args, store: PostingsStore) -> int:
    from lmi.postings.example import ExampleSpec, generate_postings, write_example

    table = generate_postings(_reference(args), ExampleSpec(rows=args.rows, seed=args.seed))
    print(write_example(table, args.out))
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more"))
    return value


def _example_store(args, store: PostingsStore) -> int:
    from lmi.postings.example_store import EXAMPLE_ROWS, load_example_postings

    rows = args.rows or EXAMPLE_ROWS
    loaded = load_example_postings(_reference(args), store, rows=rows, seed=args.seed, if_empty=args.if_empty)
    if loaded is None:
        print(
            _("{store}: the postings store already holds an import; generated example postings not loaded").format(
                store=store.root
            ),
            file=sys.stderr,
        )
        return 0
    print(_("{message} (generated example data)").format(message=loaded.result.message), file=sys.stderr)
    if loaded.aggregate is not None:
        print(
            _("Counted {postings:,} postings ({reposts:,} reposts removed); {seconds:.1f} s in all.").format(
                postings=loaded.aggregate["postings_count"],
                reposts=loaded.aggregate["reposts_removed_count"],
                seconds=loaded.seconds,
            ),
            file=sys.stderr,
        )
    return 1 if loaded.result.outcome == "refused" else 0


def _spark(args, store: PostingsStore) -> int:
    from lmi.postings.spark import run_on_spark, spark_session

    spark = spark_session(args.master)
    try:
        run = run_on_spark(
            spark,
            args.file,
            _reference(args),
            layout=args.layout,
            overrides=parse_overrides(args.map),
            window_days=args.window_days,
            min_confidence=args.min_confidence,
            out_dir=args.out,
        )
    finally:
        spark.stop()
    print(json.dumps(run.summary(), indent=2))
    return 0


def _accuracy(args, store: PostingsStore) -> int:
    from lmi.occupations.title_index import accuracy_on_reported_titles

    print(json.dumps(accuracy_on_reported_titles(_reference(args)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
