"""`shuzhi serve` on a fresh SQLite database: schema created, pages in Chinese, vendored files served by the app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_serve_starts_on_a_fresh_database_and_serves_static_files(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"SHUZHI_DATA": str(tmp_path)}
    server = subprocess.Popen([sys.executable, "-m", "shuzhi", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, body = _get(base + "/login/")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        assert status == 200 and "登录" in body.decode() and 'lang="zh-Hans"' in body.decode()
        assert (tmp_path / "shuzhi.sqlite3").exists()
        for path, kind in (("/static/vendor/htmx/htmx.min.js", "javascript"), ("/static/vendor/echarts/echarts.min.js", "javascript"),
                           ("/static/reviews/app.css", "css")):
            status, headers, body = _get(base + path)
            assert status == 200 and kind in headers["Content-Type"] and len(body) > 1000, path
        status, headers, _ = _get(base + "/overview/?format=json")
        assert status == 401
        assert _get(base + "/no/such/page/")[0] in (302, 404)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "述职评议工作台已启动" in server.stdout.read()
