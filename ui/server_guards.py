"""Guards on what any browser can ask the Streamlit server to do, installed once per process by ``app.py``.

Streamlit's "Clear cache" is a websocket message (``BackMsg.clear_cache``) that any client can send, whatever the
toolbar shows; the server then empties ``st.cache_data`` and ``st.cache_resource`` for every visitor, so one script
could make every page recompute from scratch (issue 12: Program outcomes went from under a second to ~10 s).
Streamlit has no option to turn the message off, so outside developer mode (``client.toolbarMode =
"developer"``, as ``./dev.sh dev`` sets) the handler is replaced by one that only logs the request. The cache
layer (``ui/cache.py``) never needs a manual clear: results are keyed on the data they were computed from.
"""

from __future__ import annotations

import logging

from streamlit import config
from streamlit.runtime import app_session

_log = logging.getLogger(__name__)
_HANDLER = "_handle_clear_cache_request"
_MARK = "_lmi_public_mode_guard"


def clear_cache_allowed() -> bool:
    """Only a developer-mode server honours a client's Clear cache."""
    return config.get_option("client.toolbarMode") == "developer"


def install_clear_cache_guard() -> bool:
    """Make a client's Clear cache a no-op outside developer mode; True once installed (idempotent). If a newer
    Streamlit renamed the handler, say so in the log (tests/test_clean_faults.py fails too) rather than stop the app."""
    original = getattr(app_session.AppSession, _HANDLER, None)
    if original is None:
        _log.error("Streamlit's AppSession has no %s: the clear-cache guard is not installed", _HANDLER)
        return False
    if getattr(original, _MARK, False):
        return True

    def guarded(self) -> None:
        if clear_cache_allowed():
            original(self)
        else:
            _log.warning(
                "ignored a Clear cache request from a client (public mode: client.toolbarMode is not developer)"
            )

    setattr(guarded, _MARK, True)
    guarded.__doc__ = original.__doc__
    setattr(app_session.AppSession, _HANDLER, guarded)
    return True
