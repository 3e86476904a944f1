"""The sector file (data/sectors/*.toml): the shipped file loads into core_sector* (with signature
occupations and the project's mapping to Indeed sectors), and a bad file is refused with a message
naming the file and the line to fix."""

from __future__ import annotations

import hashlib
import shutil
import time
import tomllib

import duckdb
import pytest

from etl.sector_file import (
    SECTOR_DIR,
    SectorFileError,
    check_indeed_sectors,
    check_soc_codes,
    parse_sector_file,
    read_sector_files,
)
from etl.steps import step_20_sectors

SHIPPED = SECTOR_DIR / "sectors-v2.toml"
TEXT = SHIPPED.read_text(encoding="utf-8")
LINES = TEXT.splitlines()
REQUIRED_SECTORS = {
    "healthcare",
    "clean_energy",
    "it_cybersecurity",
    "advanced_manufacturing",
    "construction_infrastructure",
    "transportation_logistics",
    "business_finance",
    "hospitality",
}


def line_of(fragment: str) -> int:
    """1-based number of the first line of the shipped file containing ``fragment``."""
    return next(n for n, line in enumerate(LINES, start=1) if fragment in line)


def occupation_line(code: str, sector: str = "healthcare") -> int:
    """1-based line of ``code`` in the sector's ``occupations`` list (the signature list names it earlier)."""
    start = line_of(f'key = "{sector}"')
    listed = next(n for n in range(start, len(LINES) + 1) if LINES[n - 1].startswith("occupations = ["))
    return next(n for n in range(listed, len(LINES) + 1) if f'"{code}"' in LINES[n - 1])


def signature_line(code: str, sector: str) -> int:
    start = line_of(f'key = "{sector}"')
    listed = next(n for n in range(start, len(LINES) + 1) if LINES[n - 1].startswith("signature = ["))
    return next(n for n in range(listed, len(LINES) + 1) if f'"{code}"' in LINES[n - 1])


def edited(line: int, old: str, new: str) -> str:
    lines = list(LINES)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines) + "\n"


def problems_of(text: str, name: str = "sectors-v2.toml") -> list[str]:
    with pytest.raises(SectorFileError) as caught:
        parse_sector_file(text, name)
    return caught.value.problems


@pytest.fixture(scope="module")
def published(ref_con):
    levels = dict(ref_con.execute("SELECT soc_code, soc_level FROM core_soc_occupation").fetchall())
    projected = {
        r[0]
        for r in ref_con.execute("SELECT soc_code FROM core_projection WHERE occupation_type = 'Line item'").fetchall()
    }
    return levels, projected


# ---------------------------------------------------------------- the shipped file


def test_shipped_file_defines_the_required_sectors_each_with_citations():
    parsed = parse_sector_file(TEXT, SHIPPED.name)
    assert parsed.version == "2"
    assert {s.key for s in parsed.sectors} >= REQUIRED_SECTORS
    for sector in parsed.sectors:
        assert sector.citations, sector.key
        assert all(c.url.startswith("https://") for c in sector.citations)
        assert sector.occupations and sector.selection and sector.basis
    # project selections say so, as the issue demands
    by_key = {s.key: s for s in parsed.sectors}
    assert by_key["clean_energy"].selection.startswith("The project's own selection")
    assert by_key["advanced_manufacturing"].selection.startswith("The project's own selection")
    # every sector marks its signature occupations and says in `selection` how they were chosen
    for sector in parsed.sectors:
        assert sector.signature and all(sector.is_signature(s.soc_code) for s in sector.signature), sector.key
        assert {s.soc_code for s in sector.signature} <= {o.soc_code for o in sector.occupations}, sector.key
        assert "Signature occupations" in sector.selection, sector.key
        assert sector.indeed_sectors, sector.key
    assert [s.soc_code for s in by_key["clean_energy"].signature] == ["47-2231", "49-9081"]
    assert [i.name for i in by_key["healthcare"].indeed_sectors][:2] == ["Nursing", "Personal Care & Home Health"]


def test_shipped_file_codes_are_all_published(published):
    assert check_soc_codes(parse_sector_file(TEXT, SHIPPED.name), *published) == []


def test_build_loads_sector_tables_with_provenance(ref_con):
    meta = ref_con.execute(
        "SELECT file_name, version, sha256, sectors_count, sector_occupations_count FROM meta_sector_file"
    ).fetchall()
    document = tomllib.loads(TEXT)
    assert meta == [
        (
            "sectors-v2.toml",
            "2",
            hashlib.sha256(TEXT.encode()).hexdigest(),
            len(document["sector"]),
            sum(len(s["occupations"]) for s in document["sector"]),
        )
    ]
    rows = dict(ref_con.execute("SELECT sector_key, count(*) FROM core_sector_occupation GROUP BY 1").fetchall())
    assert rows == {s["key"]: len(s["occupations"]) for s in document["sector"]}
    # every line number stored points at the code on that line of the file
    for soc_code, line in ref_con.execute("SELECT soc_code, file_line FROM core_sector_occupation").fetchall():
        assert f'"{soc_code}"' in LINES[line - 1]
    signatures = ref_con.execute(
        "SELECT sector_key, soc_code FROM core_sector_occupation WHERE is_signature ORDER BY 1, 2"
    ).fetchall()
    assert signatures == sorted((s["key"], code) for s in document["sector"] for code in s["signature"])
    mapped = ref_con.execute(
        "SELECT sector_key, indeed_sector, file_line FROM core_sector_indeed ORDER BY mapping_order"
    ).fetchall()
    assert [(k, i) for k, i, _ in mapped] == [(s["key"], i) for s in document["sector"] for i in s["indeed_sectors"]]
    assert all(f'"{indeed}"' in LINES[line - 1] for _, indeed, line in mapped)
    assert ref_con.execute("SELECT count(*) FROM core_sector_citation").fetchone()[0] >= 2 * len(REQUIRED_SECTORS)


def test_registered_nurses_are_in_healthcare_and_electricians_in_two_sectors(ref_con):
    def sectors_of(code: str) -> set[str]:
        rows = ref_con.execute("SELECT sector_key FROM core_sector_occupation WHERE soc_code = $c", {"c": code})
        return {r[0] for r in rows.fetchall()}

    assert sectors_of("29-1141") == {"healthcare"}
    assert sectors_of("47-2111") == {"clean_energy", "construction_infrastructure"}
    assert sectors_of("15-1212") == {"it_cybersecurity"}


# ---------------------------------------------------------------- malformed lines


def test_missing_comma_names_the_line_of_the_item():
    line = occupation_line("29-1141")
    problems = problems_of(edited(line, '",', '"'))
    assert problems == [
        f"sectors-v2.toml, line {line}: a comma is missing after this item "
        f"(the line reads: {LINES[line - 1].strip().replace(',', '', 1)})"
    ]


def test_unquoted_code_names_the_line():
    line = occupation_line("29-1141")
    [problem] = problems_of(edited(line, '"29-1141"', "29-1141"))
    assert problem.startswith(f"sectors-v2.toml, line {line}: SOC codes must be in double quotes")


def test_other_syntax_errors_name_the_line_and_quote_it():
    line = line_of('key = "hospitality"')
    [problem] = problems_of(edited(line, 'key = "hospitality"', 'key = "hospitality'))
    assert problem.startswith(f"sectors-v2.toml, line {line}: not valid TOML")
    assert "hospitality" in problem


def test_badly_formed_code_and_duplicate_name_their_lines():
    line = occupation_line("29-1151")
    assert problems_of(edited(line, "29-1151", "29-114")) == [
        f"sectors-v2.toml, line {line}: '29-114' in sector 'healthcare' is not a SOC code "
        '(write six digits as "29-1141")'
    ]
    first = occupation_line("29-1131")
    [problem] = problems_of(edited(line, "29-1151", "29-1131"))
    assert problem == (
        f"sectors-v2.toml, line {line}: 29-1131 is listed twice in sector 'healthcare' (first at line {first})"
    )


def test_structure_problems_are_all_reported_at_once():
    key_line = line_of('key = "hospitality"')
    url_line = line_of('url = "https://www.bls.gov/ooh/healthcare/home.htm"')
    text = TEXT.replace('key = "hospitality"', 'kee = "hospitality"').replace(
        'url = "https://www.bls.gov/ooh/healthcare/home.htm"', 'url = "www.bls.gov"'
    )
    problems = problems_of(text)
    assert (
        f"sectors-v2.toml, line {url_line}: citation url 'www.bls.gov' of sector 'healthcare' must be a web "
        "address (https://...) so the source can be checked"
    ) in problems
    assert any(p.startswith(f"sectors-v2.toml, line {key_line}: unknown field 'kee' in [[sector]]") for p in problems)
    assert any(p.startswith(f"sectors-v2.toml, line {key_line - 1}: [[sector]] needs key") for p in problems)


def test_version_must_match_the_file_name_and_keys_must_be_unique():
    [problem] = problems_of(TEXT.replace('version = "2"', 'version = "3"'))
    assert problem == (
        f"sectors-v2.toml, line {line_of('version =')}: version '3' does not match the file name's version '2'"
    )
    [problem] = problems_of(TEXT.replace('key = "hospitality"', 'key = "healthcare"'))
    assert "sector key 'healthcare' is used twice" in problem


def test_a_sector_without_citations_is_refused():
    start = line_of("citations = [")
    lines = list(LINES)
    end = next(n for n in range(start, len(lines)) if lines[n].strip() == "]")
    text = "\n".join(lines[: start - 1] + lines[end + 1 :])
    [problem] = problems_of(text)
    assert "sector 'healthcare' needs citations" in problem


def test_codes_bls_does_not_publish_are_refused_naming_the_line(published):
    line = occupation_line("29-1051")
    cases = {
        "29-1149": "unknown SOC code 29-1149 in sector 'healthcare': BLS publishes no OEWS estimate or projection",
        "13-1030": "13-1030 in sector 'healthcare' is a SOC broad group, not a detailed occupation",
        "15-1200": "15-1200 in sector 'healthcare' is a SOC minor group",
        "00-0000": "00-0000 in sector 'healthcare' is the all-occupations total",
        "11-1031": "11-1031 in sector 'healthcare' has a projection but no OEWS estimates",
    }
    for code, message in cases.items():
        [problem] = check_soc_codes(parse_sector_file(edited(line, "29-1051", code), "sectors-v2.toml"), *published)
        assert problem.startswith(f"sectors-v2.toml, line {line}: {message}"), problem


# ---------------------------------------------------------------- signature occupations and Indeed sectors


def test_a_signature_code_that_is_not_a_member_is_refused_naming_its_line():
    """Clean energy's signature lists wind turbine technicians; replaced by 47-2061 (Construction Laborers, not a
    clean-energy occupation) the file is refused at that line."""
    line = signature_line("49-9081", "clean_energy")
    assert problems_of(edited(line, "49-9081", "47-2061")) == [
        f"sectors-v2.toml, line {line}: signature occupation 47-2061 of sector 'clean_energy' is not one of its "
        "occupations; add it to occupations or remove it from signature"
    ]


def test_signature_lines_are_those_of_the_signature_list_not_the_occupations():
    parsed = {s.key: s for s in parse_sector_file(TEXT, SHIPPED.name).sectors}
    solar = next(s for s in parsed["clean_energy"].signature if s.soc_code == "47-2231")
    member = next(o for o in parsed["clean_energy"].occupations if o.soc_code == "47-2231")
    assert (
        solar.line
        == signature_line("47-2231", "clean_energy")
        < member.line
        == occupation_line("47-2231", "clean_energy")
    )


def test_a_sector_needs_a_signature_list_and_an_indeed_mapping():
    start, text = line_of('key = "hospitality"'), TEXT
    block_end = next(
        n for n in range(start, len(LINES)) if LINES[n - 1] == "]" and LINES[n - 2].strip().startswith('"39-3091"')
    )
    lines = list(LINES)
    signature_start = next(n for n in range(start, block_end + 1) if lines[n - 1].startswith("signature = ["))
    text = "\n".join(lines[: signature_start - 1] + lines[block_end:]) + "\n"
    [problem] = problems_of(text)
    assert problem.startswith(f"sectors-v2.toml, line {start - 1}: sector 'hospitality' needs signature = [")
    [problem] = problems_of(
        TEXT.replace('indeed_sectors = ["Food Preparation & Service", "Hospitality & Tourism"]\n', "")
    )
    assert "sector 'hospitality' needs indeed_sectors = [" in problem


def test_an_indeed_sector_indeed_does_not_publish_is_refused_naming_its_line(ref_con):
    published = {r[0] for r in ref_con.execute("SELECT DISTINCT sector FROM core_indeed_sector_postings").fetchall()}
    line = line_of('indeed_sectors = ["Construction", "Civil Engineering"]')
    text = edited(line, '"Civil Engineering"', '"Civil Engineers"')
    [problem] = check_indeed_sectors(parse_sector_file(text, SHIPPED.name), published)
    assert problem.startswith(
        f"sectors-v2.toml, line {line}: 'Civil Engineers' (indeed_sectors of sector "
        "'construction_infrastructure') is not a sector Indeed Hiring Lab publishes; use one of: "
        "Accounting, Administrative Assistance"
    )
    assert check_indeed_sectors(parse_sector_file(TEXT, SHIPPED.name), published) == []


# ---------------------------------------------------------------- the ETL step


@pytest.fixture
def build_con(reference_db):
    """A writable in-memory DB holding just the tables the sector step reads."""
    con = duckdb.connect()
    con.execute("ATTACH $p AS r (READ_ONLY)", {"p": str(reference_db)})
    con.execute("CREATE TABLE core_soc_occupation AS SELECT * FROM r.core_soc_occupation")
    con.execute("CREATE TABLE core_projection AS SELECT * FROM r.core_projection")
    con.execute("CREATE TABLE core_indeed_sector_postings AS SELECT * FROM r.core_indeed_sector_postings")
    yield con
    con.close()


def test_step_refuses_an_unknown_code_and_writes_nothing(build_con, tmp_path):
    line = occupation_line("29-1051")
    (tmp_path / "sectors-v2.toml").write_text(edited(line, "29-1051", "29-1149"))
    with pytest.raises(SectorFileError, match=rf"sectors-v2.toml, line {line}: unknown SOC code 29-1149"):
        step_20_sectors.run(build_con, tmp_path)
    assert not build_con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'memory' AND "
        "(table_name LIKE 'core_sector%' OR table_name LIKE 'meta_sector%')"
    ).fetchone()[0]


def test_step_refuses_an_unknown_indeed_sector(build_con, tmp_path):
    line = line_of('indeed_sectors = ["Construction", "Civil Engineering"]')
    (tmp_path / "sectors-v2.toml").write_text(edited(line, '"Construction"', '"Constructions"'))
    with pytest.raises(SectorFileError, match=rf"sectors-v2.toml, line {line}: 'Constructions' \(indeed_sectors"):
        step_20_sectors.run(build_con, tmp_path)


def test_sector_keys_must_be_unique_across_files(tmp_path):
    shutil.copy(SHIPPED, tmp_path / "sectors-v2.toml")
    (tmp_path / "sectors-v3.toml").write_text(TEXT.replace('version = "2"', 'version = "3"'))
    with pytest.raises(
        SectorFileError,
        match=r"sectors-v3.toml, line \d+: sector key 'healthcare' is already "
        r"defined in sectors-v2.toml",
    ):
        read_sector_files(sorted(tmp_path.glob("*.toml")))


def test_step_is_fast(build_con):
    """The build is benchmarked at <= 3x a bare snapshot load; this step must stay well under 0.3 s."""
    started = time.perf_counter()
    step_20_sectors.run(build_con)
    assert time.perf_counter() - started < 0.3
    assert build_con.execute("SELECT count(*) FROM core_sector").fetchone()[0] == len(REQUIRED_SECTORS)


def test_a_partial_test_extract_skips_codes_it_lacks_and_counts_them(build_con):
    """Builds from small official-format fixtures list a few occupations; the file still loads, minus the codes
    those extracts lack, and meta_sector_file says how many were left out. A full release is always strict."""
    build_con.execute(
        "DELETE FROM core_soc_occupation WHERE soc_level = 'detailed' "
        "AND soc_code NOT IN ('29-1141', '15-1252', '47-2231')"
    )
    step_20_sectors.run(build_con)
    kept = build_con.execute("SELECT sector_key, soc_code FROM core_sector_occupation ORDER BY 1, 2").fetchall()
    assert kept == [
        ("clean_energy", "47-2231"),
        ("construction_infrastructure", "47-2231"),
        ("healthcare", "29-1141"),
        ("it_cybersecurity", "15-1252"),
    ]
    listed, skipped = build_con.execute(
        "SELECT sector_occupations_count, codes_not_in_build_count FROM meta_sector_file"
    ).fetchone()
    assert skipped == listed - 4
    signature = build_con.execute(
        "SELECT soc_code FROM core_sector_occupation WHERE is_signature ORDER BY 1"
    ).fetchall()
    assert signature == [("15-1252",), ("29-1141",), ("47-2231",)]  # construction does not sign with solar


def test_a_partial_test_extract_leaves_out_indeed_sectors_it_lacks(build_con):
    build_con.execute("DELETE FROM core_soc_occupation WHERE soc_level = 'detailed' AND soc_code <> '29-1141'")
    build_con.execute("DELETE FROM core_indeed_sector_postings WHERE sector NOT IN ('Nursing', 'Software Development')")
    step_20_sectors.run(build_con)
    assert build_con.execute("SELECT sector_key, indeed_sector FROM core_sector_indeed ORDER BY 1").fetchall() == [
        ("healthcare", "Nursing"),
        ("it_cybersecurity", "Software Development"),
    ]
    mapped = sum(len(s["indeed_sectors"]) for s in tomllib.loads(TEXT)["sector"])
    assert build_con.execute("SELECT indeed_sectors_not_in_build_count FROM meta_sector_file").fetchone() == (
        mapped - 2,
    )


def test_a_full_release_reports_no_skipped_codes(ref_con):
    assert ref_con.execute(
        "SELECT codes_not_in_build_count, indeed_sectors_not_in_build_count FROM meta_sector_file"
    ).fetchall() == [(0, 0)]
