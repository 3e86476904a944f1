"""The project's sector definitions (``data/sectors/*.toml``): read them, and refuse a bad file with
a message that names the file and the line to fix.

Sectors are data, not code: each ``[[sector]]`` lists SOC 2018 detailed occupations, marks the
few that signal the sector (``signature``: the occupations people mean when they name it, so a
verdict can say when BLS released nothing for them), maps the sector to the Indeed Hiring Lab
job-postings sectors that match it (``indeed_sectors``) and cites the public documents the list
follows (see the comment block at the top of ``data/sectors/sectors-v2.toml``). Everything here is
a pure function of the file's text (and, for ``check_soc_codes`` and ``check_indeed_sectors``, of
what the database publishes), so tests can feed it malformed text without building anything.

Two passes:
1. ``parse_sector_file``: TOML syntax, required fields, sector keys, SOC code format, duplicates,
   signature codes that are members. TOML parsers report positions only for syntax errors, so a
   small line scan (``_Locator``) finds the line of each sector, field and quoted value (per field)
   for the messages of the later checks.
2. ``check_soc_codes``: every code must be a detailed occupation that has both OEWS estimates
   (local numbers) and a 2024-34 projection (national signal); a broad or minor group code is
   refused with a hint, since BLS publishes detailed numbers for its members instead.
   ``check_indeed_sectors``: every Indeed sector named is one Indeed publishes a series for.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import EtlError

SECTOR_DIR = Path(__file__).resolve().parent.parent / "data" / "sectors"
SOC_CODE = re.compile(r"^\d{2}-\d{4}$")
SECTOR_KEY = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
FILE_VERSION = re.compile(r"-v([0-9A-Za-z.]+)\.toml$")
TOP_FIELDS = ("version", "title", "sector")
SECTOR_FIELDS = (
    "key",
    "name",
    "description",
    "basis",
    "selection",
    "citations",
    "signature",
    "indeed_sectors",
    "indeed_note",
    "occupations",
)
CITATION_FIELDS = ("title", "publisher", "url")


class SectorFileError(EtlError):
    """A sector file cannot be used; ``problems`` holds one "file, line N: ..." message each."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("sector definitions refused:\n  " + "\n  ".join(self.problems))


@dataclass(frozen=True)
class Citation:
    title: str
    publisher: str
    url: str


@dataclass(frozen=True)
class SectorOccupation:
    soc_code: str
    line: int | None


@dataclass(frozen=True)
class IndeedSector:
    name: str  # exactly as Indeed Hiring Lab publishes it ("Personal Care & Home Health")
    line: int | None


@dataclass(frozen=True)
class Sector:
    key: str
    name: str
    description: str
    basis: str
    selection: str
    citations: tuple[Citation, ...]
    occupations: tuple[SectorOccupation, ...]
    line: int | None
    signature: tuple[SectorOccupation, ...] = ()  # members that signal the sector; each is in ``occupations``
    indeed_sectors: tuple[IndeedSector, ...] = ()  # the project's mapping to Indeed's postings sectors
    indeed_note: str = ""  # how close that mapping is, when it is not obvious

    def is_signature(self, soc_code: str) -> bool:
        return any(s.soc_code == soc_code for s in self.signature)


@dataclass(frozen=True)
class SectorFile:
    file_name: str
    version: str
    title: str
    sha256: str
    sectors: tuple[Sector, ...]


# ---------------------------------------------------------------- reading files


def sector_files(folder: Path = SECTOR_DIR) -> list[Path]:
    """Every sector file, in name order (one file per version; keys must be unique across files)."""
    return sorted(Path(folder).glob("*.toml"))


def read_sector_files(paths: list[Path]) -> list[SectorFile]:
    """Parse every file, collecting all problems of all files before refusing."""
    parsed, problems = [], []
    for path in paths:
        try:
            parsed.append(parse_sector_file(path.read_text(encoding="utf-8"), path.name))
        except SectorFileError as exc:
            problems.extend(exc.problems)
    problems.extend(_duplicate_keys_across_files(parsed))
    if problems:
        raise SectorFileError(problems)
    if not parsed:
        raise SectorFileError([f"no sector file (*.toml) found in {SECTOR_DIR}"])
    return parsed


def _duplicate_keys_across_files(files: list[SectorFile]) -> list[str]:
    seen: dict[str, tuple[str, int | None]] = {}
    problems = []
    for sector_file in files:
        for sector in sector_file.sectors:
            if sector.key in seen:
                first_file, first_line = seen[sector.key]
                problems.append(
                    f"{sector_file.file_name}, line {sector.line}: sector key {sector.key!r} is already "
                    f"defined in {first_file}, line {first_line}; keys must be unique across files"
                )
            else:
                seen[sector.key] = (sector_file.file_name, sector.line)
    return problems


# ---------------------------------------------------------------- pass 1: syntax and structure


def parse_sector_file(text: str, file_name: str) -> SectorFile:
    """Parse one sector file's text; raise ``SectorFileError`` naming every bad line."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SectorFileError([_syntax_problem(text, file_name, str(exc))]) from None
    where = _Locator(text)
    problems: list[str] = []
    version = _top_text(document, "version", file_name, where, problems)
    title = _top_text(document, "title", file_name, where, problems)
    for name in document:
        if name not in TOP_FIELDS:
            problems.append(
                f"{file_name}, line {where.top_field(name)}: unknown field {name!r} "
                f"(allowed at the top: {', '.join(TOP_FIELDS)})"
            )
    if version:
        match = FILE_VERSION.search(file_name)
        if match and match.group(1) != version:
            problems.append(
                f"{file_name}, line {where.top_field('version')}: version {version!r} does not match "
                f"the file name's version {match.group(1)!r}"
            )
    raw_sectors = document.get("sector")
    sectors: list[Sector] = []
    if not isinstance(raw_sectors, list) or not raw_sectors:
        problems.append(f"{file_name}: defines no sectors (add [[sector]] tables)")
    else:
        keys: dict[str, int | None] = {}
        for index, raw in enumerate(raw_sectors):
            sector = _parse_sector(raw, index, file_name, where, problems)
            if sector is None:
                continue
            if sector.key in keys:
                problems.append(
                    f"{file_name}, line {where.field(index, 'key')}: sector key {sector.key!r} is "
                    f"used twice (first at line {keys[sector.key]})"
                )
            keys.setdefault(sector.key, sector.line)
            sectors.append(sector)
    if problems:
        raise SectorFileError(problems)
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return SectorFile(file_name, version, title, sha256, tuple(sectors))


def _top_text(document: dict, name: str, file_name: str, where: _Locator, problems: list[str]) -> str:
    value = document.get(name)
    if not isinstance(value, str) or not value.strip():
        line = where.top_field(name)
        place = f", line {line}" if line else ""
        problems.append(f'{file_name}{place}: the top of the file needs {name} = "..." (a non-empty text)')
        return ""
    return value.strip()


def _parse_sector(raw: object, index: int, file_name: str, where: _Locator, problems: list[str]) -> Sector | None:
    header = where.sector_line(index)
    here = f"{file_name}, line {header}"
    if not isinstance(raw, dict):
        problems.append(f"{here}: [[sector]] must be a table")
        return None
    before = len(problems)
    for name in raw:
        if name not in SECTOR_FIELDS:
            problems.append(
                f"{file_name}, line {where.field(index, name) or header}: unknown field {name!r} in "
                f"[[sector]] (allowed: {', '.join(SECTOR_FIELDS)})"
            )
    texts = {}
    for name in ("key", "name", "description", "basis", "selection"):
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                f"{file_name}, line {where.field(index, name) or header}: [[sector]] needs "
                f'{name} = "..." (a non-empty text)'
            )
        else:
            texts[name] = value.strip()
    key = texts.get("key")
    if key and not SECTOR_KEY.match(key):
        problems.append(
            f"{file_name}, line {where.field(index, 'key')}: sector key {key!r} must be 2-40 lower-case "
            "letters, digits or underscores, starting with a letter"
        )
    citations = _parse_citations(raw.get("citations"), index, key or "?", file_name, where, problems)
    occupations = _parse_occupations(raw.get("occupations"), index, key or "?", file_name, where, problems)
    signature = _parse_signature(raw.get("signature"), occupations, index, key or "?", file_name, where, problems)
    indeed = _parse_indeed_sectors(raw.get("indeed_sectors"), index, key or "?", file_name, where, problems)
    note = raw.get("indeed_note", "")
    if not isinstance(note, str):
        problems.append(
            f"{file_name}, line {where.field(index, 'indeed_note') or header}: indeed_note of sector "
            f"{key or '?'!r} must be a text"
        )
    if len(problems) > before:
        return None
    return Sector(
        texts["key"],
        texts["name"],
        texts["description"],
        texts["basis"],
        texts["selection"],
        citations,
        occupations,
        header,
        signature,
        indeed,
        note.strip(),
    )


def _parse_citations(
    raw: object, index: int, key: str, file_name: str, where: _Locator, problems: list[str]
) -> tuple[Citation, ...]:
    line = where.field(index, "citations") or where.sector_line(index)
    if not isinstance(raw, list) or not raw:
        problems.append(
            f'{file_name}, line {line}: sector {key!r} needs citations = [ {{ title = "...", '
            'publisher = "...", url = "https://..." }, ... ] naming the public documents its list follows'
        )
        return ()
    citations = []
    for item in raw:
        item_line = where.value(index, item.get("url", "")) if isinstance(item, dict) else None
        here = f"{file_name}, line {item_line or line}"
        if not isinstance(item, dict):
            problems.append(f"{here}: each citation of sector {key!r} must be {{ title, publisher, url }}")
            continue
        missing = [name for name in CITATION_FIELDS if not isinstance(item.get(name), str) or not item[name].strip()]
        extra = [name for name in item if name not in CITATION_FIELDS]
        if missing or extra:
            problems.append(
                f"{here}: a citation of sector {key!r} "
                + (f"lacks {', '.join(missing)}" if missing else "")
                + ("; " if missing and extra else "")
                + (f"has unknown field(s) {', '.join(extra)}" if extra else "")
            )
            continue
        if not item["url"].startswith(("https://", "http://")):
            problems.append(
                f"{here}: citation url {item['url']!r} of sector {key!r} must be a web address "
                "(https://...) so the source can be checked"
            )
            continue
        citations.append(Citation(item["title"].strip(), item["publisher"].strip(), item["url"].strip()))
    return tuple(citations)


def _parse_occupations(
    raw: object, index: int, key: str, file_name: str, where: _Locator, problems: list[str]
) -> tuple[SectorOccupation, ...]:
    line = where.field(index, "occupations") or where.sector_line(index)
    if not isinstance(raw, list) or not raw:
        problems.append(
            f'{file_name}, line {line}: sector {key!r} needs occupations = ["29-1141", ...] (SOC 2018 detailed codes)'
        )
        return ()
    occupations, seen = [], {}
    for position, code in enumerate(raw):
        if not isinstance(code, str):
            problems.append(
                f"{file_name}, line {line}: item {position + 1} of sector {key!r}'s occupations is "
                f'{code!r}; SOC codes must be quoted text like "29-1141"'
            )
            continue
        occurrence = sum(1 for earlier in raw[:position] if earlier == code)
        code_line = where.value(index, code, occurrence, in_field="occupations")
        if not SOC_CODE.match(code):
            problems.append(
                f"{file_name}, line {code_line}: {code!r} in sector {key!r} is not a SOC code "
                '(write six digits as "29-1141")'
            )
            continue
        if code in seen:
            problems.append(
                f"{file_name}, line {code_line}: {code} is listed twice in sector {key!r} (first at line {seen[code]})"
            )
            continue
        seen[code] = code_line
        occupations.append(SectorOccupation(code, code_line))
    return tuple(occupations)


def _parse_signature(
    raw: object,
    members: tuple[SectorOccupation, ...],
    index: int,
    key: str,
    file_name: str,
    where: _Locator,
    problems: list[str],
) -> tuple[SectorOccupation, ...]:
    """The sector's signature occupations: quoted SOC codes, each one of the sector's own occupations."""
    line = where.field(index, "signature") or where.sector_line(index)
    if not isinstance(raw, list) or not raw:
        problems.append(
            f'{file_name}, line {line}: sector {key!r} needs signature = ["47-2231", ...]: the '
            "occupations (from its own list) that signal the sector"
        )
        return ()
    member_codes = {m.soc_code for m in members}
    signature, seen = [], {}
    for position, code in enumerate(raw):
        if not isinstance(code, str) or not SOC_CODE.match(code):
            problems.append(
                f"{file_name}, line {line}: item {position + 1} of sector {key!r}'s signature is "
                f'{code!r}; write SOC codes as quoted text like "29-1141"'
            )
            continue
        occurrence = sum(1 for earlier in raw[:position] if earlier == code)
        code_line = where.value(index, code, occurrence, in_field="signature")
        if code in seen:
            problems.append(
                f"{file_name}, line {code_line}: {code} is listed twice in the signature of sector "
                f"{key!r} (first at line {seen[code]})"
            )
            continue
        seen[code] = code_line
        if members and code not in member_codes:
            problems.append(
                f"{file_name}, line {code_line}: signature occupation {code} of sector {key!r} is not one "
                "of its occupations; add it to occupations or remove it from signature"
            )
            continue
        signature.append(SectorOccupation(code, code_line))
    return tuple(signature)


def _parse_indeed_sectors(
    raw: object, index: int, key: str, file_name: str, where: _Locator, problems: list[str]
) -> tuple[IndeedSector, ...]:
    """The Indeed Hiring Lab sectors the project maps to this sector (may be empty: no Indeed sector matches)."""
    line = where.field(index, "indeed_sectors") or where.sector_line(index)
    if not isinstance(raw, list):
        problems.append(
            f'{file_name}, line {line}: sector {key!r} needs indeed_sectors = ["Nursing", ...] (the '
            "Indeed Hiring Lab sectors that match it, as Indeed names them; [] when none does)"
        )
        return ()
    names, seen = [], {}
    for position, name in enumerate(raw):
        if not isinstance(name, str) or not name.strip():
            problems.append(
                f"{file_name}, line {line}: item {position + 1} of sector {key!r}'s indeed_sectors is "
                f'{name!r}; write Indeed\'s sector name as quoted text like "Nursing"'
            )
            continue
        occurrence = sum(1 for earlier in raw[:position] if earlier == name)
        name_line = where.value(index, name, occurrence, in_field="indeed_sectors")
        if name in seen:
            problems.append(
                f"{file_name}, line {name_line}: Indeed sector {name!r} is listed twice for sector "
                f"{key!r} (first at line {seen[name]})"
            )
            continue
        seen[name] = name_line
        names.append(IndeedSector(name, name_line))
    return tuple(names)


# ---------------------------------------------------------------- pass 2: codes BLS publishes


def check_soc_codes(
    sector_file: SectorFile,
    oews_levels: Mapping[str, str],
    projected_codes: set[str] | frozenset[str],
    skip_absent: bool = False,
) -> list[str]:
    """Problems with codes that are well formed but unusable, one "file, line N: ..." each.

    ``oews_levels`` maps each SOC code in OEWS to its level (detailed, broad, minor, major, total);
    ``projected_codes`` holds the codes with a 2024-34 projection line. A sector occupation needs
    both: projections give the national signal, OEWS the local numbers. ``skip_absent`` tolerates
    codes missing from either source (only for builds from partial test extracts, see
    ``etl/steps/step_20_sectors.py``); a group code is refused even then.
    """
    problems = []
    for sector in sector_file.sectors:
        for occupation in sector.occupations:
            code, here = occupation.soc_code, f"{sector_file.file_name}, line {occupation.line}"
            level = oews_levels.get(code)
            if skip_absent and (level is None or level == "detailed" and code not in projected_codes):
                continue
            if level is None and code not in projected_codes:
                problems.append(
                    f"{here}: unknown SOC code {code} in sector {sector.key!r}: BLS publishes no "
                    "OEWS estimate or projection for it (check https://www.bls.gov/soc/2018/major_groups.htm)"
                )
            elif level == "total":
                problems.append(
                    f"{here}: {code} in sector {sector.key!r} is the all-occupations total, not an "
                    "occupation; remove it"
                )
            elif level is not None and level != "detailed":
                problems.append(
                    f"{here}: {code} in sector {sector.key!r} is a SOC {level} group, not a detailed "
                    "occupation; list the detailed occupations in it instead"
                )
            elif level is None:
                problems.append(
                    f"{here}: {code} in sector {sector.key!r} has a projection but no OEWS estimates, "
                    "so it can have no local numbers; remove it"
                )
            elif code not in projected_codes:
                problems.append(
                    f"{here}: {code} in sector {sector.key!r} has OEWS estimates but no 2024-34 "
                    "projection, so it can have no national signal; remove it"
                )
    return problems


def check_indeed_sectors(sector_file: SectorFile, published: set[str] | frozenset[str]) -> list[str]:
    """Problems with Indeed sector names that Indeed publishes no series for, one "file, line N: ..." each
    (a typo would otherwise silently show no postings trend)."""
    problems = []
    for sector in sector_file.sectors:
        for indeed in sector.indeed_sectors:
            if indeed.name not in published:
                problems.append(
                    f"{sector_file.file_name}, line {indeed.line}: {indeed.name!r} (indeed_sectors of "
                    f"sector {sector.key!r}) is not a sector Indeed Hiring Lab publishes; use one of: "
                    f"{', '.join(sorted(published))}"
                )
    return problems


# ---------------------------------------------------------------- syntax messages and line finding


def _syntax_problem(text: str, file_name: str, message: str) -> str:
    """A TOML syntax error as "file, line N: ...", pointing at the line a person must edit."""
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    reason = re.sub(r"\s*\(at .*\)$", "", message)
    lines = text.splitlines()
    if not match:
        return f"{file_name}, line {len(lines)}: not valid TOML ({reason}); is a ] or a closing quote missing?"
    line = int(match.group(1))
    shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if reason == "Unclosed array":
        if re.search(r"(?<![\"\d])\d{2}-\d{4}(?![\"\d])", _code_part(shown)):
            return (
                f'{file_name}, line {line}: SOC codes must be in double quotes, e.g. "29-1141" '
                f"(the line reads: {shown})"
            )
        previous = _previous_item_line(lines, line)
        if previous is not None:
            return (
                f"{file_name}, line {previous}: a comma is missing after this item "
                f"(the line reads: {lines[previous - 1].strip()})"
            )
    hint = "; is a comma missing between two items?" if reason == "Unclosed array" else ""
    return f"{file_name}, line {line}: not valid TOML ({reason}{hint}) (the line reads: {shown})"


def _previous_item_line(lines: list[str], line: int) -> int | None:
    """The last line before ``line`` holding a value that is not followed by a comma."""
    for number in range(line - 1, 0, -1):
        code = _code_part(lines[number - 1]).strip()
        if not code:
            continue
        return None if code.endswith((",", "[")) else number
    return None


def _code_part(line: str) -> str:
    """The line without its comment (a # outside a quoted string)."""
    in_string = False
    for position, char in enumerate(line):
        if char == '"' and (position == 0 or line[position - 1] != "\\"):
            in_string = not in_string
        elif char == "#" and not in_string:
            return line[:position]
    return line


@dataclass
class _Locator:
    """Line numbers of sector headers, of ``name =`` fields and of quoted values, per sector."""

    text: str
    headers: list[int] = field(default_factory=list)
    fields: list[dict[str, int]] = field(default_factory=list)
    values: list[dict[str, list[int]]] = field(default_factory=list)
    field_values: list[dict[tuple[str, str], list[int]]] = field(default_factory=list)
    top_fields: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        current = ""  # the field whose value the line belongs to (arrays span many lines)
        for number, line in enumerate(self.text.splitlines(), start=1):
            code = _code_part(line)
            if re.match(r"^\s*\[\[\s*sector\s*\]\]\s*$", code):
                self.headers.append(number)
                self.fields.append({})
                self.values.append({})
                self.field_values.append({})
                current = ""
                continue
            assignment = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=", code)
            if assignment:
                current = assignment.group(1)
                target = self.fields[-1] if self.headers else self.top_fields
                target.setdefault(current, number)
            if self.headers:
                for value in re.findall(r'"((?:[^"\\]|\\.)*)"', code):
                    self.values[-1].setdefault(value, []).append(number)
                    self.field_values[-1].setdefault((current, value), []).append(number)

    def sector_line(self, index: int) -> int | None:
        return self.headers[index] if index < len(self.headers) else None

    def field(self, index: int, name: str) -> int | None:
        return self.fields[index].get(name) if index < len(self.fields) else None

    def top_field(self, name: str) -> int | None:
        return self.top_fields.get(name)

    def value(self, index: int, value: str, occurrence: int = 0, in_field: str | None = None) -> int | None:
        """The line of the ``occurrence``-th quoted ``value`` in the sector (within ``in_field`` if given)."""
        if index >= len(self.values):
            return None
        if in_field is None:
            lines = self.values[index].get(value, [])
        else:
            lines = self.field_values[index].get((in_field, value), [])
        fallback = (self.field(index, in_field) if in_field else None) or self.sector_line(index)
        return lines[occurrence] if occurrence < len(lines) else (lines[-1] if lines else fallback)
