"""The records documentation (docs/records-model.md, in Spanish docs/records-model.es.md) for pages to show, in
the reader's language. The two files describe the same model section by section; a test keeps their headings,
tables and code names in step."""

from __future__ import annotations

from pathlib import Path

from lmi.i18n import DEFAULT_LANGUAGE, current_language

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"
DOC_PATH = DOCS_DIR / "records-model.md"
DOC_PATHS = {"en": DOC_PATH, "es": DOCS_DIR / "records-model.es.md"}


def doc_path(language: str | None = None) -> Path:
    """The documentation file of ``language`` (default: the current one); English when there is none."""
    return DOC_PATHS.get(language or current_language(), DOC_PATHS[DEFAULT_LANGUAGE])


def records_model_doc() -> str:
    """The documentation as Markdown in the current language, without its top-level title (pages give their
    own). The asterisk of "O*NET" is escaped: two of them in one paragraph would otherwise turn the words
    between into italics."""
    text = doc_path().read_text(encoding="utf-8").replace("O*NET", "O\\*NET")
    return "\n".join(line for line in text.splitlines() if not line.startswith("# "))
