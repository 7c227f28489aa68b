"""The backups the README documents restore the site: pg_dump/pg_restore on PostgreSQL,
sqlite3's .backup on SQLite."""

import sqlite3
import subprocess

import psycopg2
import pytest
from django.db import connection
from wagtail.models import Page

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def pages(home):
    for number in range(3):
        StandardPageFactory(parent=home, slug=f"campaign-{number}", title=f"Campaign {number}")
    return Page.objects.count()


def postgres_arguments(database):
    return [
        "--host",
        database["HOST"] or "127.0.0.1",
        "--port",
        str(database["PORT"] or 5432),
        "--username",
        database["USER"] or "postgres",
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore back up PostgreSQL only"
)
def test_pg_dump_restores_into_a_fresh_database_with_every_page(pages, tmp_path):
    database = connection.settings_dict
    dump = tmp_path / "hub.dump"
    restored = f"{database['NAME']}_restored"
    server = postgres_arguments(database)
    subprocess.run(
        ["pg_dump", *server, "--format", "custom", "--file", dump, database["NAME"]],
        check=True,
        timeout=120,
    )
    subprocess.run(["dropdb", *server, "--if-exists", restored], check=True, timeout=60)
    subprocess.run(["createdb", *server, restored], check=True, timeout=60)
    try:
        subprocess.run(
            ["pg_restore", *server, "--no-owner", "--dbname", restored, dump],
            check=True,
            timeout=120,
        )
        with (
            psycopg2.connect(
                dbname=restored,
                host=server[1],
                port=server[3],
                user=server[5],
                password=database["PASSWORD"] or None,
            ) as copy,
            copy.cursor() as cursor,
        ):
            cursor.execute("SELECT count(*) FROM wagtailcore_page")
            assert cursor.fetchone()[0] == pages
        copy.close()
    finally:
        subprocess.run(["dropdb", *server, "--if-exists", restored], check=True, timeout=60)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="sqlite3 .backup backs up SQLite only")
def test_sqlite_backup_copies_every_page_while_the_site_runs(pages, tmp_path):
    backup = tmp_path / "hub-backup.sqlite3"
    subprocess.run(
        ["sqlite3", connection.settings_dict["NAME"], f".backup '{backup}'"],
        check=True,
        timeout=60,
    )
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0] == pages
    copy.close()
