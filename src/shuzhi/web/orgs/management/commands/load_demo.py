from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from ...demo import load_tree


class Command(BaseCommand):
    help = "建立演示用的党组织和账号，再由各应用载入演示数据（示例报告、台账……）"

    def add_arguments(self, parser):
        parser.add_argument("--examples", default="examples/reports", help="示例报告所在文件夹")

    def handle(self, *args, examples, **options):
        folder = Path(examples)
        if not folder.is_dir():
            raise CommandError(f"示例报告文件夹不存在：{folder}")
        orgs, logins = load_tree()
        # Each app that has demo data says so on its AppConfig (load_demo(orgs, examples) -> a line to print).
        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo", None)
            if loader is not None:
                line = loader(orgs, folder)
                if line:
                    self.stdout.write(line)
        for username, password, role in logins:
            self.stdout.write(f"  {username:<12} 密码 {password}   {role}")
