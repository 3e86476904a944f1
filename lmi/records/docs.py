"""The records documentation (docs/records-model.md) for pages to show."""

from __future__ import annotations

from pathlib import Path

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "records-model.md"


def records_model_doc() -> str:
    """The documentation as Markdown, without its top-level title (pages give their own). The asterisk of
    "O*NET" is escaped: two of them in one paragraph would otherwise turn the words between into italics."""
    text = DOC_PATH.read_text(encoding="utf-8").replace("O*NET", "O\\*NET")
    return "\n".join(line for line in text.splitlines() if not line.startswith("# "))
