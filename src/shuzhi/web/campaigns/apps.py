from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "shuzhi.web.campaigns"
    label = "campaigns"
    verbose_name = "述职评议"

    def load_demo(self, orgs, examples) -> str:
        from .demo import load_campaign

        return load_campaign(orgs, examples)
