from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "shuzhi.web.reviews"
    label = "reviews"
    verbose_name = "述职审读"
