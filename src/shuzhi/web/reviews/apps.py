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
