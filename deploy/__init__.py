"""Serving the dashboard with several app processes behind one port (issue 12, item 2).

One Streamlit process runs every visitor's script on one core (a session's reruns are Python, held by the
GIL), so a busy dashboard needs several processes. ``python -m deploy serve --port 8080`` (two processes per CPU)
starts N ``streamlit run app.py`` processes on loopback ports and nginx (Debian's package) in front of
them on one port, and stops them all on Ctrl-C. docs/deployment.md says how and why.

- ``deploy.nginx``: the proxy's configuration (sticky by a cookie the proxy sets, websockets passed through);
- ``deploy.cluster``: starting, watching and stopping the processes (also used by the tests and
  ``bench.bench_load``).

This package knows processes and ports only: nothing about the data or the pages.
"""
