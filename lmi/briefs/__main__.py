"""Write one-page PDF briefs for many regions or programs at once.

    python -m lmi.briefs regions 0025540 0044180 --out briefs/
    python -m lmi.briefs regions 0025540 --occupation 29-1141.00 --out briefs/
    python -m lmi.briefs regions --state 09 --out briefs/          (a state and its metro and nonmetro areas)
    python -m lmi.briefs programs --all --out briefs/
    python -m lmi.briefs programs EX-WELD EX-MEDA --out briefs/
    python -m lmi.briefs programs --all --lang es --out briefs/es/  (in Spanish)

Reads the reference database (LMI_REFERENCE_DB, default var/lmi.duckdb) and, for programs, the records store
(LMI_RECORDS_DB, default var/records.duckdb; it holds states' imported projections too). DuckDB lets one process
open that file at a time: stop the dashboard first, or region briefs leave states' imported projections out. Program figures are the published
(suppressed) ones at LMI_SMALL_CELL_THRESHOLD. Prints one line per file written; an unknown code stops the
command before anything is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from lmi.areas import UnknownAreaError, get_area, list_areas_in_state, state_area_code
from lmi.briefs.program import program_briefs
from lmi.briefs.region import occupation_brief, region_brief
from lmi.briefs.render import render_pdf
from lmi.db import MissingDatabaseError, open_reference, reference_db_path
from lmi.demand import DemandModel
from lmi.demand.codes import CodeResolver
from lmi.i18n import DEFAULT_LANGUAGE, LANGUAGES, use_language
from lmi.occupations.profile import UnknownOccupationError
from lmi.programs.outcomes import threshold_from_env
from lmi.records import db as records_db
from lmi.records import state_projections


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with use_language(args.lang):
        return _write(args)


def _write(args) -> int:
    """Make every brief asked for (in the current language), then write them; nothing is written on a problem."""
    try:
        briefs = _region_briefs(args) if args.what == "regions" else _program_briefs(args)
    except (LookupError, MissingDatabaseError, ValueError) as problem:
        print(f"lmi.briefs: {problem}", file=sys.stderr)
        return 2
    if not briefs:
        print("lmi.briefs: nothing to write (no programs are recorded)", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for brief in briefs:
        path = args.out / f"{brief.file_stem}.pdf"
        path.write_bytes(render_pdf(brief))
        print(path)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lmi.briefs", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    kinds = parser.add_subparsers(dest="what", required=True)
    regions = kinds.add_parser("regions", help="briefs of OEWS areas (optionally of one occupation in each)")
    regions.add_argument(
        "area_codes", nargs="*", help="OEWS area codes, e.g. 0025540 (Hartford), 0900000 (Connecticut)"
    )
    regions.add_argument("--state", action="append", default=[], help="a state FIPS code: the state and all its areas")
    regions.add_argument("--occupation", help="an O*NET-SOC code: brief that occupation in each region")
    programs = kinds.add_parser("programs", help="briefs of recorded training programs")
    programs.add_argument("program_ids", nargs="*", help="program IDs as recorded")
    programs.add_argument("--all", action="store_true", help="every recorded program")
    programs.add_argument(
        "--records", default=None, help="records file or postgresql:// URL (default LMI_RECORDS_URL, LMI_RECORDS_DB)"
    )
    for sub in (regions, programs):
        sub.add_argument("--out", type=Path, default=Path("briefs"), help="folder to write the PDFs to")
        sub.add_argument(
            "--lang",
            choices=list(LANGUAGES),
            default=DEFAULT_LANGUAGE,
            help="the language of the briefs' words (data values stay as published); default en",
        )
    return parser


def _region_briefs(args) -> list:
    con = open_reference(reference_db_path())
    try:
        codes = list(args.area_codes)
        for fips in args.state:
            codes += [state_area_code(con, fips), *list_areas_in_state(con, fips).area_code]
        if not codes:
            raise ValueError("name at least one OEWS area code or --state")
        for code in codes:
            get_area(con, code)  # every code known before anything is written
        model = _demand_model(con)
        if args.occupation:
            return [occupation_brief(con, model, args.occupation, code) for code in dict.fromkeys(codes)]
        return [region_brief(con, model, code) for code in dict.fromkeys(codes)]
    except (UnknownAreaError, UnknownOccupationError) as problem:
        raise LookupError(str(problem)) from problem
    finally:
        con.close()


def _demand_model(ref: duckdb.DuckDBPyConnection, records: duckdb.DuckDBPyConnection | None = None) -> DemandModel:
    """The demand model the dashboard serves: with the states' projections staff imported into the records
    store, when there is one and it can be opened (the running dashboard holds it: then without them, said
    on stderr)."""
    if records is None:
        path = records_db.records_location()
        if not records_db.records_url() and not Path(path).exists():
            return DemandModel(ref)
        try:
            records = records_db.open_records(path)
        except (records_db.RecordsUnavailable, duckdb.Error):
            print(f"lmi.briefs: {path} is in use; states' imported projections left out", file=sys.stderr)
            return DemandModel(ref)
        try:
            return DemandModel(ref, state_projections=state_projections.stored_projections(records))
        finally:
            records.close()
    return DemandModel(ref, state_projections=state_projections.stored_projections(records))


def _program_briefs(args) -> list:
    if not args.all and not args.program_ids:
        raise ValueError("name program IDs or use --all")
    path = str(args.records or records_db.records_location())
    if not path.startswith("postgres") and not Path(path).exists():
        raise ValueError(f"no records store at {path}; load records first (python -m lmi.records.example)")
    ref = open_reference(reference_db_path())
    try:
        records = records_db.open_records(path)
    except (records_db.RecordsUnavailable, duckdb.Error) as problem:
        ref.close()
        raise ValueError(f"cannot open the records store {path} (stop the dashboard first): {problem}") from problem
    try:
        return program_briefs(
            ref,
            records,
            _demand_model(ref, records),
            CodeResolver(ref),
            threshold_from_env(),
            None if args.all else list(args.program_ids),
        )
    finally:
        records.close()
        ref.close()


if __name__ == "__main__":
    sys.exit(main())
