"""The maps in a real browser, with every request that would leave the app refused and counted: the Sector
reality check for Missouri draws its metro areas as outlines with Springfield named in Plotly's SVG, and the
Occupation explorer's national map draws the states; no map tile, CDN or font server is ever asked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.helpers import choose_in_selectbox, open_page_in_sidebar, type_into

pytestmark = pytest.mark.browser


def refuse_other_origins(page: Page, app_url: str) -> list[str]:
    """Route every request of the page: the app's own origin goes through, anything else is aborted and
    recorded (the returned list), so a map that needed a server elsewhere would fail visibly and here."""
    app = urlsplit(app_url)
    outside: list[str] = []

    def handle(route: Route) -> None:
        url = urlsplit(route.request.url)
        if (url.scheme, url.netloc) == (app.scheme, app.netloc) or url.scheme in {"data", "blob"}:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    page.on(
        "websocket",
        lambda socket: None if urlsplit(socket.url).netloc == app.netloc else outside.append(socket.url),
    )
    return outside


def test_missouri_sector_map_is_drawn_offline_with_springfield_named(page, app_url):
    outside = refuse_other_origins(page, app_url)
    open_page_in_sidebar(page, app_url, "Sector reality check")
    choose_in_selectbox(page, "State", "Missouri")
    plot = page.locator(".js-plotly-plot").filter(has=page.locator("g.annotation-text-g", has_text="Springfield"))
    expect(plot).to_have_count(1)
    plot.scroll_into_view_if_needed()
    expect(plot.locator("svg text", has_text="Springfield").first).to_be_visible()
    expect(plot.locator("svg text", has_text="St. Louis").first).to_be_visible()
    expect(page.get_by_text("Not drawn as outlines:")).to_be_visible()
    assert outside == [], f"requests left the app: {outside}"


def test_explorer_national_map_is_drawn_offline(page, app_url):
    outside = refuse_other_origins(page, app_url)
    open_page_in_sidebar(page, app_url, "Occupation explorer")
    type_into(page, "Search an occupation or job title", "29-1141.00")
    plot = page.locator(".js-plotly-plot").filter(has=page.locator("g.annotation-text-g", has_text="CA"))
    expect(plot).to_have_count(1)
    plot.scroll_into_view_if_needed()
    expect(plot.locator("svg text", has_text="TX").first).to_be_visible()
    assert outside == [], f"requests left the app: {outside}"
