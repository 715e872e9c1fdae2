from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "shuzhi.web.reviews"
    label = "reviews"
    verbose_name = "述职审读"

    def ready(self):
        # The task queue's admin pages carry the package's English names; the administrator reads Chinese.
        from django.apps import apps

        from django_tasks_db.models import DBTaskResult

        apps.get_app_config("django_tasks_database").verbose_name = "后台任务"
        DBTaskResult._meta.verbose_name = DBTaskResult._meta.verbose_name_plural = "后台任务记录"

    def load_demo(self, orgs, examples) -> str:
        from .demo import load_reports

        n = load_reports(orgs, examples)
        return f"示例报告：上传并检查了 {n} 个文件" if n else ""
