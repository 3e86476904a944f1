"""Command line: ``python -m etl [build|download|snapshot]`` (``build`` is the default).

build      build the reference database ($LMI_REFERENCE_DB, else var/lmi.duckdb) from the shipped
           snapshot in data/snapshot (offline); --db overrides both
download   fetch the pinned releases from their official URLs, make a snapshot of them, build
snapshot   maintainers: remake data/snapshot from a folder holding the official files
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.errors import EtlError


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except EtlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    from etl.build import target_db_path
    from etl.snapshot import SHIPPED_SNAPSHOT

    parser = argparse.ArgumentParser(
        prog="python -m etl", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default_db = target_db_path()
    parser.set_defaults(run=_run_build, db=default_db, snapshot=SHIPPED_SNAPSHOT)
    commands = parser.add_subparsers(dest="command")

    build = commands.add_parser("build", help="build the database from a snapshot (default: the shipped one)")
    build.add_argument(
        "--db",
        type=Path,
        default=default_db,
        help="database file to (re)place (default: $LMI_REFERENCE_DB, else var/lmi.duckdb)",
    )
    build.add_argument("--snapshot", type=Path, default=SHIPPED_SNAPSHOT, help="snapshot folder to build from")
    build.set_defaults(run=_run_build)

    download = commands.add_parser("download", help="fetch the pinned releases from their official URLs, then build")
    download.add_argument("--db", type=Path, default=default_db)
    download.add_argument("--cache", type=Path, default=None, help="folder for raw downloads (default var/cache)")
    download.add_argument(
        "--contact-email",
        default=None,
        help="e-mail for the User-Agent (BLS refuses anonymous requests); or LMI_CONTACT_EMAIL",
    )
    download.add_argument(
        "--only", nargs="*", default=None, help="source keys to fetch (others from the shipped snapshot)"
    )
    download.set_defaults(run=_run_download)

    snapshot = commands.add_parser("snapshot", help="maintainers: remake data/snapshot from the shared data folder")
    snapshot.add_argument("--from", dest="shared", type=Path, required=True, help="folder holding the official files")
    snapshot.add_argument("--out", type=Path, default=SHIPPED_SNAPSHOT)
    snapshot.set_defaults(run=_run_snapshot)
    return parser


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _run_build(args: argparse.Namespace) -> int:
    from etl.build import build_database

    build_database(args.db, args.snapshot, progress=_progress)
    return 0


def _run_download(args: argparse.Namespace) -> int:
    from etl.download import download_and_build

    download_and_build(
        db_path=args.db, cache_dir=args.cache, contact_email=args.contact_email, only=args.only, progress=_progress
    )
    return 0


def _run_snapshot(args: argparse.Namespace) -> int:
    from etl.make_snapshot import make_snapshot_from_shared

    make_snapshot_from_shared(args.shared, args.out, progress=_progress)
    return 0


if __name__ == "__main__":
    sys.exit(main())
