"""Public mode: the app as .streamlit/config.toml serves it shows visitors Streamlit's viewer toolbar only,
no Deploy button and no Rerun or Clear cache in the main menu; ``./dev.sh dev``
(STREAMLIT_CLIENT_TOOLBAR_MODE=developer) brings the developer toolbar back, which also shows that this
test looks in the right places."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import serve_app
from tests.browser.helpers import open_app

pytestmark = pytest.mark.browser

DEPLOY = "[data-testid='stAppDeployButton']"
DEVELOPER_ITEMS = ("Rerun", "Clear cache")


@pytest.fixture(scope="module")
def developer_app(app_env, tmp_path_factory) -> str:
    """The app as ``./dev.sh dev`` starts it: the developer toolbar."""
    env = {**app_env, "STREAMLIT_CLIENT_TOOLBAR_MODE": "developer"}
    with serve_app(env, tmp_path_factory.mktemp("developer-app")) as url:
        yield url


def main_menu(page: Page) -> Locator:
    """Open Streamlit's main menu (the ⋮ button) and return it."""
    page.locator("[data-testid='stMainMenu']").click()
    menu = page.locator("[data-testid='stMainMenuList']")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("menuitem", name="Print")).to_be_visible()  # a viewer option: the menu is drawn
    return menu


def test_public_app_shows_no_deploy_button_and_no_clear_cache(page, app_url):
    open_app(page, app_url)
    expect(page.locator(DEPLOY)).to_have_count(0)
    menu = main_menu(page)
    for item in DEVELOPER_ITEMS:
        expect(menu.get_by_role("menuitem", name=item)).to_have_count(0)


def test_development_mode_shows_the_developer_toolbar(page, developer_app):
    open_app(page, developer_app)
    expect(page.locator(DEPLOY)).to_be_visible()
    menu = main_menu(page)
    for item in DEVELOPER_ITEMS:
        expect(menu.get_by_role("menuitem", name=item)).to_be_visible()
