"""The frame's stylesheet and document language (ui/style.py): one style-only block (it takes no room on the
page) with the contrast, focus and print rules, and a script that can only ever write a supported language
code into ``<html lang>``."""

from __future__ import annotations

import pytest

from lmi.i18n import LANGUAGES, use_language
from ui.briefs_view import print_css
from ui.style import SCREEN_CSS, document_language_script


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_the_script_sets_the_document_language(code):
    assert document_language_script(code) == f'<script>document.documentElement.lang = "{code}";</script>'


@pytest.mark.parametrize("value", ["", "fr", 'es";alert(1);"', "EN"])
def test_the_script_takes_only_a_supported_code(value):
    with pytest.raises(ValueError):
        document_language_script(value)


def test_the_stylesheet_is_style_only_with_the_print_rules_in_the_visitors_language():
    with use_language("es"):
        sheet = SCREEN_CSS + print_css()
    assert sheet.count("<style>") == sheet.count("</style>") == 2
    assert "<script" not in sheet
    assert "@media print" in sheet and "Printed from the Local Labor Market Dashboard" not in sheet
