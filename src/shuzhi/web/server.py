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


class ChineseWorkerLog:
    """A logging filter: the task framework's lines in Chinese (its start-up line is dropped, ours says it)."""

    STATES = {"RUNNING": "开始检查", "SUCCESSFUL": "检查完成", "FAILED": "未完成（后台进程被中止），下次启动后台进程时重新检查"}
    SIGNALS = {"Interrupt": "Ctrl+C", "Terminated": "终止信号", "Quit": "退出信号", "Hangup": "挂断信号"}
    TASKS = {"shuzhi.web.reviews.tasks.check_upload": "上传的报告"}

    def filter(self, record) -> bool:
        msg, args = record.msg, record.args if isinstance(record.args, tuple) else ()
        if msg.startswith("Starting worker"):
            return False
        if msg.startswith("Task id=%s path=%s state=%s") and len(args) == 3:
            task_id, path, state = args
            state = getattr(state, "value", state)
            record.msg, record.args = "任务 %s（%s）：%s", (task_id, self.TASKS.get(path, path), self.STATES.get(state, state))
            record.exc_info = record.exc_text = None  # the checks catch their own errors: this is an interruption
        elif msg.startswith("No more tasks to run"):
            record.msg, record.args = "排队的任务已全部处理，后台检查进程退出", ()
        elif msg.startswith("Received %s - shutting down gracefully"):
            record.msg, record.args = "收到 %s，处理完当前任务后退出（再按 Ctrl+C 立即退出）", self._signal(args)
        elif msg.startswith("Received %s - terminating current task"):
            record.msg, record.args = "收到 %s，中止当前任务并退出（下次启动后台进程时重新检查）", self._signal(args)
        elif msg.startswith("Task id=%s failed unexpectedly"):
            record.msg = "任务 %s 意外失败"
        return True

    def _signal(self, args: tuple) -> tuple:
        return tuple(self.SIGNALS.get(a, a) for a in args)


def worker(batch: bool = False, interval: float = 1.0) -> int:
    """Run queued checks as they arrive (or, with batch, those queued now, then stop)."""
    _setup()
    import logging

    from django.core.management import call_command

    for name in ("django_tasks", "django_tasks_db"):
        logging.getLogger(name).addFilter(ChineseWorkerLog())

    call_command("migrate", interactive=False, verbosity=0)
    from .reviews.recovery import requeue_interrupted, worker_id

    print("后台检查进程已启动" + ("（处理完排队的任务后退出）" if batch else "（Ctrl+C 停止）"), flush=True)
    interrupted = requeue_interrupted()
    if interrupted:
        print(f"上次后台检查进程中断时有 {interrupted} 个检查未完成，已重新排队", flush=True)
    call_command("db_worker", batch=batch, interval=interval, reload=False, startup_delay=False, verbosity=1,
                 worker_id=worker_id())
    return 0
