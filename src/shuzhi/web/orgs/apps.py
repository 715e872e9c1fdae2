from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "shuzhi.web.orgs"
    label = "orgs"
    verbose_name = "党组织与用户"
