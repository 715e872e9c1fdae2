"""Exit 0 when the PostgreSQL server of a DATABASE_URL answers (make test runs the web tests on it then)."""

import sys

import dj_database_url
import psycopg

cfg = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"] or None,
                    dbname="postgres", connect_timeout=3).close()
except psycopg.Error as exc:
    print(f"PostgreSQL 连接失败：{exc}".strip(), file=sys.stderr)
    sys.exit(1)
