"""A browser tab without a browser: one Streamlit session driven over its websocket protocol.

What a browser does, minus drawing: fetch the page (the proxy's sticky cookie comes with it), open
``/_stcore/stream`` with the same cookie, send ``BackMsg.rerun_script`` (the page's URL path, its query string
and the widget values) and read ``ForwardMsg`` until the run's ``script_finished``. Widget ids come from
the elements the server sends (a widget with ``key="x"`` has an id ending in ``-x``), the URL's query string
from ``page_info_changed`` (what ``st.query_params`` wrote), like the browser keeps them. Every rerun carries
the value of every widget the last run drew (the sidebar's region, a map's measure), as the browser sends
them: a widget left out is reset to its default, so a visitor's region would fall back to the nation.

A step's problems are collected, not raised: an exception element (a traceback on the page), a page not
found, a compile error, a closed socket or a timeout are ``errors``; error boxes the app drew itself
(``st.error``) are ``error_boxes``, reported beside them.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED_EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FINISHED_WITH_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR
ALERT_ERROR = 1  # streamlit.proto.Alert_pb2.Alert.ERROR
TEXT_SHOWN = 160  # characters of a problem's text kept in the results


@dataclass
class StepResult:
    name: str
    seconds: float
    errors: list[str] = field(default_factory=list)
    error_boxes: list[str] = field(default_factory=list)
    messages: int = 0
    received_bytes: int = 0
    lost: bool = False  # timed out or the socket closed: the session cannot go on
    server_cpu_s: float | None = None  # CPU the app processes used during the step (``cpu_probe`` walks only)
    headings: list[str] = field(default_factory=list)  # the page's headings, in order (what the step showed)


def fetch_cookie(base_url: str, timeout_s: float = 30) -> str:
    """GET the app's page as a browser does first; return the cookies it set (the proxy's sticky key), as a
    ``Cookie`` header value ('' when none, e.g. a single process without the proxy)."""
    with urllib.request.urlopen(base_url + "/", timeout=timeout_s) as response:
        response.read()
        cookies = [header.split(";", 1)[0] for header in response.headers.get_all("Set-Cookie") or []]
    return "; ".join(cookies)


class Session:
    """One visitor's tab: ``open()``, then ``run(page, query, widgets)`` per step, then ``close()``."""

    def __init__(self, base_url: str, step_timeout_s: float = 60.0, cookie: str | None = None) -> None:
        """``cookie``: a browser's cookies from an earlier visit (None: a new browser, which first GETs the page)."""
        self.base_url = base_url.rstrip("/")
        self.step_timeout_s = step_timeout_s
        self.cookie = cookie
        self.query_string = ""
        self.page = ""
        self.widget_ids: dict[str, str] = {}  # user key -> widget id, from the last run's elements
        self.widget_values: dict[str, WidgetState] = {}  # widget id -> its value now, as the browser holds it
        self.media_urls: list[str] = []  # download buttons' URLs of the last run (served by this session's process)
        self.deferred_file_ids: list[str] = []  # download buttons whose file is made on click (``download_urls``)
        self.session_id = ""  # the server's id of this session (``new_session``), which backend requests name
        self._requests = 0
        self._socket = None

    async def open(self) -> None:
        if self.cookie is None:
            self.cookie = await asyncio.to_thread(fetch_cookie, self.base_url)
        parts = urlsplit(self.base_url)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self._socket = await websockets.connect(
            f"ws://{parts.netloc}/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=self.step_timeout_s,
            ping_interval=None,
        )

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
            self._socket = None

    async def run(
        self, name: str, page: str | None = None, query: str | None = None, widgets: dict[str, str] | None = None
    ) -> StepResult:
        """Rerun the script as the browser would after a click: on ``page`` (its URL path; None keeps the
        current page) with ``query`` (None keeps the current query string) and text widgets set by key."""
        if page is not None:
            self.page = page
            self.widget_ids = {}
        if query is not None:
            self.query_string = query
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page
        chosen = {self.widget_ids.get(key, key): value for key, value in (widgets or {}).items()}
        for widget_id, drawn in self.widget_values.items():
            if widget_id not in chosen:
                state.widget_states.widgets.add().CopyFrom(drawn)
        for widget_id, value in chosen.items():
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            widget.string_value = value
            self.widget_values[widget_id] = WidgetState(id=widget_id, string_value=value)
        started = time.perf_counter()
        result = StepResult(name, 0.0)
        try:
            await self._socket.send(message.SerializeToString())
            await asyncio.wait_for(self._read_until_finished(result), self.step_timeout_s)
        except TimeoutError:
            result.errors.append(f"timeout after {self.step_timeout_s:.0f} s")
            result.lost = True
        except websockets.ConnectionClosed as closed:
            result.errors.append(f"connection closed: {closed}")
            result.lost = True
        result.seconds = time.perf_counter() - started
        return result

    async def download_urls(self, count: int | None = None) -> list[str]:
        """The last run's download URLs, the first ``count``: a button's own URL, or for a file made on click the
        URL the server answers after making it (a ``deferred_file`` backend operation, as the browser sends)."""
        urls = list(self.media_urls)
        for file_id in self.deferred_file_ids:
            if count is not None and len(urls) >= count:
                break
            urls.append(await asyncio.wait_for(self._deferred_url(file_id), self.step_timeout_s))
        return urls[:count]

    async def _deferred_url(self, file_id: str) -> str:
        self._requests += 1
        message = BackMsg()
        request = message.backend_operation_request
        request.request_id = f"load-{self._requests}"
        request.session_id = self.session_id
        request.deferred_file.file_id = file_id
        await self._socket.send(message.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await self._socket.recv())
            if reply.WhichOneof("type") != "backend_operation_response":
                continue
            response = reply.backend_operation_response
            if response.request_id != request.request_id:
                continue
            if response.error_msg:
                raise RuntimeError(f"deferred file {file_id}: {response.error_msg}")
            return response.deferred_file.url

    async def _read_until_finished(self, result: StepResult) -> None:
        self.media_urls = []
        self.deferred_file_ids = []
        drawn_ids: set[str] = set()
        while True:
            data = await self._socket.recv()
            result.messages += 1
            result.received_bytes += len(data)
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "delta":
                self._read_delta(message.delta, result, drawn_ids)
            elif kind == "new_session":
                self.session_id = message.new_session.initialize.session_id
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "page_not_found":
                result.errors.append(f"page not found: {message.page_not_found.page_name!r}")
            elif kind == "session_event" and message.session_event.WhichOneof("type") == (
                "script_compilation_exception"
            ):
                result.errors.append("script compilation exception")
            elif kind == "script_finished":
                status = message.script_finished
                if status == FINISHED_WITH_COMPILE_ERROR:
                    result.errors.append("script finished with a compile error")
                if status != FINISHED_EARLY_FOR_RERUN:
                    # widgets the run did not draw are gone from the page, and so is their value
                    self.widget_values = {k: v for k, v in self.widget_values.items() if k in drawn_ids}
                    return

    def _read_delta(self, delta, result: StepResult, drawn_ids: set[str]) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            text = f"{element.exception.type}: {element.exception.message}"
            result.errors.append(text[:TEXT_SHOWN])
        elif kind == "alert" and element.alert.format == ALERT_ERROR:
            result.error_boxes.append(element.alert.body[:TEXT_SHOWN])
        elif kind == "heading":
            result.headings.append(element.heading.body)
        elif kind == "download_button" and element.download_button.url:
            self.media_urls.append(element.download_button.url)
        elif kind == "download_button" and element.download_button.deferred_file_id:
            self.deferred_file_ids.append(element.download_button.deferred_file_id)
        elif kind is not None:
            widget_id = getattr(getattr(element, kind), "id", "")
            if widget_id and "-" in widget_id:
                self.widget_ids[widget_id.rsplit("-", 1)[-1]] = widget_id
            self._remember_value(kind, getattr(element, kind), drawn_ids)

    def _remember_value(self, kind: str, widget, drawn_ids: set[str]) -> None:
        """A widget's value as the browser holds it: the value the server set (from session state), else the
        one it already had, else the widget's default."""
        widget_id = getattr(widget, "id", "")
        if not widget_id:
            return
        drawn_ids.add(widget_id)
        if getattr(widget, "set_value", False) or widget_id not in self.widget_values:
            drawn = drawn_value(kind, widget)
            if drawn is not None:
                self.widget_values[widget_id] = drawn


def drawn_value(kind: str, widget) -> WidgetState | None:
    """A widget's value as the server drew it (its value set from session state, else its default), for the
    kinds the walked pages draw; None for others (buttons send a value only when clicked)."""
    state = WidgetState(id=widget.id)
    if kind in ("selectbox", "radio"):
        if widget.set_value:
            state.string_value = widget.raw_value
        elif widget.HasField("default") and 0 <= widget.default < len(widget.options):
            state.string_value = widget.options[widget.default]
        else:
            return None
    elif kind == "text_input":
        if not widget.set_value and not widget.HasField("default"):
            return None
        state.string_value = widget.value if widget.set_value else widget.default
    elif kind == "checkbox":
        state.bool_value = widget.value if widget.set_value else widget.default
    elif kind == "slider" and not widget.options:
        state.double_array_value.data.extend(widget.value if widget.set_value else widget.default)
    else:
        return None
    return state
