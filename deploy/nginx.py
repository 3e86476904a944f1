"""The nginx configuration of a deployment: one port in front of N app processes, sticky per browser.

Why a cookie and not ``ip_hash``: a Streamlit session lives in one process. Its websocket is one long
connection, but the same browser tab also makes plain HTTP requests that only the process holding the
session can answer: CSV downloads (``/media/...``, kept in that process's memory) and file uploads
(``/_stcore/upload_file/<session id>/...``). ``ip_hash`` would send every visitor behind one NAT (an office,
a library, or the load harness on loopback) to one process; a hash of the client port would split a tab's
requests across processes. So the proxy gives each browser a random key in a cookie (``lmi_backend``, set on
the first response, ``$request_id``: 128 random bits, no personal data) and picks the process by a hash of
that key: every request of a browser (its tabs' websockets, downloads and uploads) reaches one process,
and different browsers spread evenly. The first request, which has no cookie yet, is hashed on the same
key the cookie then carries, so it goes to the same process too.

nginx open source has no ``sticky`` directive (that is NGINX Plus); ``hash`` on a ``map`` of the cookie is
the portable equivalent. If a process dies, nginx re-hashes its browsers to another one; the page
reconnects and starts a new session there (Streamlit's own behaviour after a server restart).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

COOKIE_NAME = "lmi_backend"
# nginx's temporary folders, created under the deployment's run folder (never the system's /var/lib/nginx)
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


@dataclass(frozen=True)
class ProxySettings:
    """What the configuration depends on. ``upload_limit_mb`` must match Streamlit's
    ``server.maxUploadSize`` (a larger body is refused by the proxy before it reaches an app process)."""

    listen_host: str
    listen_port: int
    backends: tuple[tuple[str, int], ...]
    run_dir: Path
    upload_limit_mb: int
    access_log: bool = True


def render(settings: ProxySettings) -> str:
    """The complete nginx.conf text for ``settings`` (one worker: the proxy only shuffles bytes)."""
    run = settings.run_dir.resolve()
    temp = "\n".join(f"    {name}_temp_path {run / 'tmp' / name};" for name in TEMP_FOLDERS)
    servers = "\n".join(f"        server {host}:{port} max_fails=0;" for host, port in settings.backends)
    access = f"    access_log {run / 'access.log'} lmi;" if settings.access_log else "    access_log off;"
    return f"""# Written by `python -m deploy serve` ({__name__}); regenerated at every start, do not edit.
worker_processes 1;
pid {run / "nginx.pid"};
error_log {run / "error.log"} warn;

events {{
    worker_connections 4096;
}}

http {{
{temp}
    log_format lmi '$remote_addr [$time_iso8601] "$request" $status $body_bytes_sent '
                   'upstream=$upstream_addr key=$lmi_backend_key rt=$request_time';
{access}
    server_tokens off;

    # Websockets: pass the upgrade through; plain requests keep a keep-alive connection to the app.
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      '';
    }}
    # Stickiness: the browser's key (its cookie), or for its very first request a new random key ...
    map $cookie_{COOKIE_NAME} $lmi_backend_key {{
        ''      $request_id;
        default $cookie_{COOKIE_NAME};
    }}
    # ... which the response then hands to the browser (no Set-Cookie once it has one).
    map $cookie_{COOKIE_NAME} $lmi_set_cookie {{
        ''      "{COOKIE_NAME}=$request_id; Path=/; HttpOnly; SameSite=Lax";
        default '';
    }}

    upstream lmi_app {{
        hash $lmi_backend_key;
{servers}
        keepalive 32;
    }}

    server {{
        listen {settings.listen_host}:{settings.listen_port};
        # the app checks the file itself; the proxy's limit is a backstop, 1 MiB above for the form's framing
        client_max_body_size {settings.upload_limit_mb + 1}m;

        location / {{
            proxy_pass http://lmi_app;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # a session's websocket stays open while the tab is open
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            # uploads go straight to the app process, which enforces its own limit too
            proxy_request_buffering off;
            add_header Set-Cookie $lmi_set_cookie;
        }}
    }}
}}
"""


def write(settings: ProxySettings) -> Path:
    """Write the configuration and nginx's temporary folders under ``settings.run_dir``; return the file."""
    run = settings.run_dir
    for name in TEMP_FOLDERS:
        (run / "tmp" / name).mkdir(parents=True, exist_ok=True)
    path = run / "nginx.conf"
    path.write_text(render(settings))
    return path
