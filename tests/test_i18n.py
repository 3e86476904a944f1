"""The message catalogs keep up with the code: every message the code asks for has Spanish, no catalog
entry is orphaned, placeholders survive translation, and the language of one request never leaks into
another's."""

from __future__ import annotations

import ast
import threading

import pytest

from lmi.i18n import N_, _, current_language, ngettext, normalise_language, set_language, use_language
from lmi.i18n.extract import extract_messages, placeholders, source_files
from lmi.i18n.maintain import catalog_problems

TRANSLATION_FUNCTIONS = {"_", "N_", "ngettext"}


def test_every_message_has_english_and_spanish():
    problems = catalog_problems()
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} problems; python -m lmi.i18n check)"


def test_the_code_asks_for_messages_from_every_layer():
    where = {location.split("/")[0].split(":")[0] for m in extract_messages().values() for location in m.locations}
    assert {"app.py", "app_pages", "ui", "lmi"} <= where


def _imports_underscore(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom) and node.module == "lmi.i18n" and any(a.name == "_" for a in node.names)
        for node in ast.walk(tree)
    )


def _binds_underscore(tree: ast.Module) -> list[int]:
    """Lines where ``_`` is assigned, looped over or unpacked (it would shadow the translation function)."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
    ]


def _formatted_messages(tree: ast.Module) -> list[int]:
    """Lines where a translation function gets an f-string or a %-formatted string (not extractable)."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in TRANSLATION_FUNCTIONS
        and node.args
        and isinstance(node.args[0], (ast.JoinedStr, ast.BinOp))
    ]


@pytest.mark.parametrize("path", source_files(), ids=lambda p: p.name)
def test_translated_modules_never_shadow_the_translation_function(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if _imports_underscore(tree):
        assert not _binds_underscore(tree), f"{path}: `_` rebound at lines {_binds_underscore(tree)}"
    assert not _formatted_messages(tree), f"{path}: f-string or % message at lines {_formatted_messages(tree)}"


def test_placeholders_are_named_fields():
    assert placeholders("Jobs in {area} ({count:,} of {total})") == {"area", "count", "total"}
    assert placeholders("A literal {{brace}}") == set()


def test_language_codes_from_links_are_normalised():
    assert normalise_language("ES") == "es"
    assert normalise_language("es-US") == "es"
    assert normalise_language("fr") == "en"
    assert normalise_language(None) == "en"
    assert normalise_language("<script>") == "en"


def test_words_follow_the_language_and_fall_back_to_english():
    with use_language("es"):
        assert _("Occupation explorer") == "Explorador de ocupaciones"
        assert _("A message no catalog holds") == "A message no catalog holds"
    assert _("Occupation explorer") == "Occupation explorer"
    assert N_("Occupation explorer") == "Occupation explorer"


def test_plural_forms_follow_the_count():
    assert ngettext("{n} program", "{n} programs", 1) == "{n} program"
    assert ngettext("{n} program", "{n} programs", 2) == "{n} programs"


def test_one_threads_language_never_leaks_into_another():
    """Streamlit runs each session in its own thread: a Spanish session leaves others in English."""
    seen: dict[str, str] = {}
    spanish_set = threading.Event()

    def spanish_session() -> None:
        set_language("es")
        spanish_set.set()
        seen["spanish"] = _("Occupation explorer")

    def english_session() -> None:
        spanish_set.wait(5)
        seen["english"] = _("Occupation explorer")

    threads = [threading.Thread(target=spanish_session), threading.Thread(target=english_session)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"spanish": "Explorador de ocupaciones", "english": "Occupation explorer"}
    assert current_language() == "en"
