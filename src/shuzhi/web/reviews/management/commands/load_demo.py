from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...demo import load_demo


class Command(BaseCommand):
    help = "建立演示用的党组织、账号，并检查示例报告"

    def add_arguments(self, parser):
        parser.add_argument("--examples", default="examples/reports", help="示例报告所在文件夹")

    def handle(self, *args, examples, **options):
        folder = Path(examples)
        if not folder.is_dir():
            raise CommandError(f"示例报告文件夹不存在：{folder}")
        for username, password, role in load_demo(folder):
            self.stdout.write(f"  {username:<10} 密码 {password}   {role}")
