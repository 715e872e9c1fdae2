"""`shuzhi serve` and `shuzhi worker`: the web server and the background worker, on the configured database."""

from __future__ import annotations

import os


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuzhi.web.settings")
    import django

    django.setup()


def serve(host: str, port: int, migrate: bool = True, threads: int = 8) -> int:
    """Bring the database schema up to date, then serve with waitress (a production WSGI server) until interrupted."""
    _setup()
    import logging

    import waitress
    from django.conf import settings
    from django.core.management import call_command

    from .wsgi import application

    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append(host)
    logging.getLogger("waitress").setLevel(logging.WARNING)  # its own start-up line is English; ours follows
    print(f"述职评议工作台已启动：http://{host}:{port}/  （Ctrl+C 停止）", flush=True)
    try:
        waitress.serve(application, host=host, port=port, threads=threads, ident="shuzhi")
    except KeyboardInterrupt:
        pass
    return 0


def worker(batch: bool = False, interval: float = 1.0) -> int:
    """Run queued checks as they arrive (or, with batch, those queued now, then stop)."""
    _setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print("后台检查进程已启动" + ("（处理完排队的任务后退出）" if batch else "（Ctrl+C 停止）"), flush=True)
    call_command("db_worker", batch=batch, interval=interval, reload=False, startup_delay=False, verbosity=1)
    return 0
