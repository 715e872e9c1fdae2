from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "shuzhi.web.ledger"
    label = "ledger"
    verbose_name = "党支部工作台账"

    def ready(self):
        from . import signals  # noqa: F401  (records' changes bump the organization's revision)

    def load_demo(self, orgs, examples) -> str:
        from .demo import load_ledger

        return load_ledger(orgs)
