"""`manage.py export_signatures`: the admin's CSV export, from the command line."""

import io
import logging
import stat

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.petitions.factories import PetitionPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signatures(spanish_petition, petition):
    other = PetitionPageFactory(parent=petition.get_parent(), title="Free Alex", slug="free-alex")
    return [
        SignatureFactory(petition=petition, email="ana@example.org", last_name="López"),
        SignatureFactory(petition=petition, email="luis@example.org", language="es"),
        SignatureFactory(petition=other, email="rosa@example.org", last_name="=HYPERLINK(1)"),
    ]


def export(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("export_signatures", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def admin_export(client, query=""):
    response = client.get(f"{reverse('signatures:index')}?export=csv{query}")
    return b"".join(response.streaming_content).decode()


def test_export_of_every_petition_is_the_admins_csv_export(admin_client, signatures):
    csv, summary = export()
    assert csv == admin_export(admin_client)
    assert csv.splitlines()[0] == (
        "First name,Last name,Email,ZIP code,Wants updates,Language,Signed at,Petition"
    )
    assert len(csv.splitlines()) == 4
    assert "'=HYPERLINK(1)" in csv  # a formula stays text in spreadsheets, as in the admin
    assert summary == "Exported 3 signatures.\n"


@pytest.mark.parametrize("identifier", ["stop-powering-ice", "spanish page id", "page id"])
def test_export_of_one_petition_by_slug_or_page_id_in_either_language(
    admin_client, signatures, petition, spanish_petition, identifier
):
    page_ids = {"spanish page id": str(spanish_petition.pk), "page id": str(petition.pk)}
    identifier = page_ids.get(identifier, identifier)
    csv, summary = export("--petition", identifier)
    assert csv == admin_export(admin_client, f"&petition_key={petition.translation_key}")
    assert "ana@example.org" in csv and "luis@example.org" in csv
    assert "rosa@example.org" not in csv
    assert summary == "Exported 2 signatures.\n"


def test_export_to_a_file_only_its_owner_can_read(signatures, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "signatures.csv"
    stdout, summary = export("--petition", "free-alex", "--output", str(path))
    assert stdout == ""
    assert "rosa@example.org" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert summary == "Exported 1 signature.\n"
    assert "rosa@example.org" not in caplog.text


def test_unknown_petition_is_an_error_that_writes_nothing(signatures, tmp_path):
    path = tmp_path / "signatures.csv"
    with pytest.raises(CommandError, match="No petition has the page id or slug 'no-such'"):
        export("--petition", "no-such", "--output", str(path))
    assert not path.exists()


def test_a_slug_two_petitions_share_is_refused(signatures, petition, spanish_petition, spanish):
    # An English petition and a Spanish-only one (not its translation) with one slug.
    PetitionPageFactory(parent=petition.get_parent(), slug="marcha")
    PetitionPageFactory(parent=spanish_petition.get_parent(), slug="marcha", locale=spanish)
    with pytest.raises(CommandError, match="Several petitions have the page id or slug 'marcha'"):
        export("--petition", "marcha")
