"""Which messages the code asks for: Babel's Python extractor over the code that shows words (``app.py``,
``app_pages/``, ``ui/`` and ``lmi/``), with this project's keywords. The catalog tests and the catalog
command (``python -m lmi.i18n``) both start here, so a message in the code and a message in the catalog
can never be counted two ways."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import extract_from_file

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SOURCE_PATHS = ("app.py", "app_pages", "ui", "lmi")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)?(?:[:!][^{}]*)?\}(?!\})")


@dataclass(frozen=True)
class Message:
    """One message the code asks for: its English text (``plural`` set for ``ngettext``) and where."""

    id: str
    plural: str | None
    locations: tuple[str, ...]

    def placeholders(self) -> set[str]:
        return placeholders(self.id) | (placeholders(self.plural) if self.plural else set())


def placeholders(text: str) -> set[str]:
    """The named ``{placeholders}`` in ``text`` (``{{`` escapes are not placeholders)."""
    return {match.group(0).split(":")[0].split("!")[0].strip("{}") for match in PLACEHOLDER.finditer(text)}


def source_files(paths: Iterable[str | Path] = SOURCE_PATHS) -> list[Path]:
    """Every Python file under ``paths`` (files or folders, relative to the project root)."""
    found: list[Path] = []
    for item in paths:
        path = Path(item) if Path(item).is_absolute() else PROJECT_ROOT / item
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return found


def extract_messages(paths: Iterable[str | Path] = SOURCE_PATHS) -> dict[str, Message]:
    """Message id -> the message, over ``paths``; the same id asked for in several places is one message."""
    merged: dict[str, Message] = {}
    for path in source_files(paths):
        where = path.relative_to(PROJECT_ROOT).as_posix() if path.is_relative_to(PROJECT_ROOT) else str(path)
        for lineno, text, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            singular, plural = (text, None) if isinstance(text, str) else (text[0], text[1])
            if not singular:
                continue
            known = merged.get(singular)
            locations = (known.locations if known else ()) + (f"{where}:{lineno}",)
            merged[singular] = Message(singular, plural or (known.plural if known else None), locations)
    return merged
