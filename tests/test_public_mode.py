"""Public mode and license, as shipped: Streamlit's config gives visitors the viewer toolbar (the browser test
tests/browser/test_public_mode_browser.py checks what they see), ``./dev.sh dev`` turns the developer toolbar
back on, and the code's license says the data keep their own."""

from __future__ import annotations

import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def test_streamlit_config_is_the_public_mode():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["server"]["headless"] is True
    assert config["browser"]["gatherUsageStats"] is False


def test_dev_mode_brings_back_the_developer_toolbar_and_is_documented():
    script = (PROJECT_ROOT / "dev.sh").read_text()
    assert "start|dev)" in script and "STREAMLIT_CLIENT_TOOLBAR_MODE=developer" in script
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert "## Public and development mode" in readme and "./dev.sh dev" in readme


def test_the_code_is_mit_licensed_and_the_data_keep_their_licenses():
    license_text = (PROJECT_ROOT / "LICENSE").read_text()
    assert license_text.startswith("MIT License")
    assert "data/SOURCES.md" in license_text
