"""Signers in the Wagtail admin: listing, filters, CSV and XLSX export, removal, dashboard panel."""

import csv
import io
import re
from datetime import UTC, datetime

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from petitions.models import PetitionPage, Signature
from tests.petitions.factories import PetitionPageFactory, SignatureFactory

pytestmark = pytest.mark.django_db

SIGNATURES_URL = reverse("signatures:index")
EXPORT_HEADINGS = [
    "First name",
    "Last name",
    "Email",
    "ZIP code",
    "Wants updates",
    "Language",
    "Signed at",
    "Petition",
]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def staff_user(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username, f"{username}@mijente.example", "pw")
    group = Group.objects.create(name=username)
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="petitions", codename__in=codenames),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def organizer(client, django_user_model):
    """Staff allowed to see and export signers, but not to delete them."""
    client.force_login(staff_user(django_user_model, "organizer", "view_signature"))
    return client


@pytest.fixture
def signers(petition_index, spanish_petition, petition):
    other = PetitionPageFactory(parent=petition_index, title="Free Alex", slug="free-alex")
    return {
        "ana": SignatureFactory(
            petition=petition,
            first_name="Ana",
            last_name="López",
            email="ana@example.org",
            postal_code="85007",
            opt_in=True,
            language="es",
            created_at=datetime(2024, 3, 9, 3, 30, tzinfo=UTC),
        ),
        "luis": SignatureFactory(
            petition=petition,
            first_name="Luis",
            last_name="=HYPERLINK(1)",
            email="luis@example.org",
            language="en",
        ),
        "rosa": SignatureFactory(
            petition=other,
            first_name="Rosa",
            last_name="Díaz",
            email="rosa@example.org",
            created_at=datetime(2020, 6, 1, 12, tzinfo=UTC),
        ),
    }


def listed_emails(response):
    html = response.content.decode()
    return {email for email in ("ana@", "luis@", "rosa@") if email in html}


def test_organizer_lists_signers_of_every_petition_in_both_languages(organizer, signers):
    response = organizer.get(SIGNATURES_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert listed_emails(response) == {"ana@", "luis@", "rosa@"}
    assert "Ana López" in html
    assert "Tell Amazon: Stop Powering ICE!" in html  # the English title, for both languages
    assert "Free Alex" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("language=es", {"ana@"}),
        ("opt_in=true", {"ana@"}),
        ("q=rosa%40example", {"rosa@"}),
        ("q=L%C3%B3pez", {"ana@"}),
        ("created_at_from=2020-01-01&created_at_to=2020-12-31", {"rosa@"}),
    ],
)
def test_organizer_searches_and_filters_signers(organizer, signers, query, expected):
    assert listed_emails(organizer.get(f"{SIGNATURES_URL}?{query}")) == expected


def test_organizer_filters_signers_by_petition(organizer, signers, petition):
    response = organizer.get(f"{SIGNATURES_URL}?petition_key={petition.translation_key}")
    assert listed_emails(response) == {"ana@", "luis@"}


def csv_rows(response):
    assert response["Content-Type"] == "text/csv"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_organizer_exports_one_petitions_signers_as_csv(organizer, signers, petition):
    response = organizer.get(f"{SIGNATURES_URL}?petition_key={petition.translation_key}&export=csv")
    assert (
        'filename="signatures-tell-amazon-stop-powering-ice.csv"'
        in (response["Content-Disposition"])
    )
    header, *rows = csv_rows(response)
    assert header == EXPORT_HEADINGS
    by_email = {row[2]: row for row in rows}
    assert set(by_email) == {"ana@example.org", "luis@example.org"}
    ana = by_email["ana@example.org"]
    assert ana[:6] == ["Ana", "López", "ana@example.org", "85007", "True", "es"]
    assert ana[6] == "2024-03-08T20:30:00-07:00"  # in Phoenix, the evening before in UTC
    assert ana[7] == "Tell Amazon: Stop Powering ICE!"
    # A name that looks like a formula is kept as text in spreadsheets.
    assert by_email["luis@example.org"][1] == "'=HYPERLINK(1)"


def xlsx_rows(response):
    """The rows of the downloaded workbook's sheet, as cells (value, type, quote prefix)."""
    assert response["Content-Type"] == XLSX_TYPE
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows())


def test_organizer_downloads_every_signer_as_an_xlsx_spreadsheet_in_local_time(organizer, signers):
    response = organizer.get(f"{SIGNATURES_URL}?export=xlsx")
    assert 'filename="signatures.xlsx"' in response["Content-Disposition"]
    header, *rows = [[cell.value for cell in row] for row in xlsx_rows(response)]
    assert header == EXPORT_HEADINGS
    by_email = {row[2]: row for row in rows}
    assert set(by_email) == {"ana@example.org", "luis@example.org", "rosa@example.org"}
    # Times are Phoenix's (UTC-7), as organizers read them, not UTC.
    assert by_email["ana@example.org"] == [
        "Ana",
        "López",
        "ana@example.org",
        "85007",
        True,
        "es",
        datetime(2024, 3, 8, 20, 30),
        "Tell Amazon: Stop Powering ICE!",
    ]
    assert by_email["rosa@example.org"][6] == datetime(2020, 6, 1, 5, 0)
    assert by_email["rosa@example.org"][7] == "Free Alex"


FORMULA_PREFIXES = {
    "equals": "=",
    "plus": "+",
    "minus": "-",
    "at": "@",
    "tab": "\t",
    "carriage return": "\r",
}


@pytest.fixture(params=FORMULA_PREFIXES.values(), ids=FORMULA_PREFIXES.keys())
def formula_signer(request, petition):
    """A signer whose every field starts with what makes a spreadsheet run a formula."""
    prefix = request.param
    return SignatureFactory(
        petition=petition,
        first_name=f'{prefix}HYPERLINK("https://evil.example")',
        last_name=f"{prefix}cmd|' /C calc'!A0",
        email=f"{prefix}x@example.org",
        postal_code=f"{prefix}1+1",
    )


def signer_fields(signature):
    return [signature.first_name, signature.last_name, signature.email, signature.postal_code]


def test_a_formula_a_signer_typed_stays_text_in_the_csv_export(organizer, formula_signer):
    _header, row = csv_rows(organizer.get(f"{SIGNATURES_URL}?export=csv"))
    assert row[:4] == [f"'{value}" for value in signer_fields(formula_signer)]


def test_a_formula_a_signer_typed_stays_text_in_the_xlsx_export(organizer, formula_signer):
    _header, row = xlsx_rows(organizer.get(f"{SIGNATURES_URL}?export=xlsx"))
    # Shown as typed, stored as text (never a formula), and quote-prefixed, so that
    # Excel keeps it text even when someone edits the cell.
    # (XML reads a carriage return as a line feed.)
    shown = [value.replace("\r", "\n") for value in signer_fields(formula_signer)]
    assert [cell.value for cell in row[:4]] == shown
    assert [(cell.data_type, cell.quotePrefix) for cell in row[:4]] == [("s", True)] * 4


@pytest.mark.parametrize(
    "url",
    [
        SIGNATURES_URL,
        f"{SIGNATURES_URL}?export=csv",
        f"{SIGNATURES_URL}?export=xlsx",
        f"{SIGNATURES_URL}results/",
    ],
)
def test_people_without_permission_never_see_signers(client, django_user_model, signers, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))

    client.force_login(staff_user(django_user_model, "editor"))
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert not response.streaming and listed_emails(response) == set()
    dashboard = client.get(response["Location"]).content.decode()
    assert "Sorry, you do not have permission to access this area." in dashboard


def test_people_without_permission_cannot_inspect_or_delete(client, django_user_model, signers):
    signature = signers["ana"]
    client.force_login(staff_user(django_user_model, "editor"))
    for name in ("inspect", "delete"):
        response = client.get(reverse(f"signatures:{name}", args=(signature.pk,)))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert "ana@example.org" not in response.content.decode()
    client.post(reverse("signatures:delete", args=(signature.pk,)))
    assert Signature.objects.filter(pk=signature.pk).exists()


def test_nobody_adds_or_edits_signatures_in_the_admin(admin_client, signers):
    html = admin_client.get(SIGNATURES_URL).content.decode()
    assert reverse("signatures:add") not in html
    assert admin_client.get(reverse("signatures:add")).status_code == 302
    signature = signers["ana"]
    response = admin_client.post(
        reverse("signatures:edit", args=(signature.pk,)), {"email": "changed@example.org"}
    )
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.email == "ana@example.org"


def test_organizer_without_delete_permission_cannot_remove_a_signer(organizer, signers):
    signature = signers["ana"]
    organizer.post(reverse("signatures:delete", args=(signature.pk,)))
    assert Signature.objects.filter(pk=signature.pk).exists()


def test_removal_request_deletes_the_signers_data_and_lowers_the_count(
    client, django_user_model, shown, signers
):
    staff = staff_user(django_user_model, "data-steward", "view_signature", "delete_signature")
    client.force_login(staff)
    signature = signers["ana"]
    inspect = client.get(reverse("signatures:inspect", args=(signature.pk,))).content.decode()
    assert "ana@example.org" in inspect and "85007" in inspect

    response = client.post(reverse("signatures:delete", args=(signature.pk,)))
    assert response.status_code == 302
    assert not Signature.objects.filter(email="ana@example.org").exists()
    client.logout()
    assert shown("/en/petitions/stop-powering-ice/")[0] == 1
    # The admin's history keeps a label for the deletion, but nothing that names the signer.
    labels = list(ModelLogEntry.objects.values_list("label", flat=True))
    assert f"Signature {signature.pk}" in labels
    assert not any("López" in label or "ana@" in label for label in labels)


def test_dashboard_lists_open_petitions_with_count_and_goal(organizer, signers, petition):
    PetitionPageFactory(parent=petition.get_parent(), title="Already won", status="won")
    html = organizer.get(reverse("wagtailadmin_home")).content.decode()
    assert "Open petitions" in html
    assert "Tell Amazon: Stop Powering ICE!" in html
    assert '<td data-signature-count="2">2</td>' in html
    assert '<td data-signature-goal="9000">9,000</td>' in html
    assert "Already won" not in html
    assert f"?petition_key={petition.translation_key}&amp;export=csv" in html


def test_dashboard_counts_carried_over_signatures_and_zero_for_a_new_petition(
    organizer, signers, petition
):
    PetitionPage.objects.filter(translation_key=petition.translation_key).update(
        signatures_collected_elsewhere=500
    )
    PetitionPageFactory(parent=petition.get_parent(), title="Brand new", goal=100)
    html = organizer.get(reverse("wagtailadmin_home")).content.decode()
    rows = re.findall(
        r'>([^<]+)</a></td>\s*<td data-signature-count="(\d+)">[^<]*</td>\s*'
        r'<td data-signature-goal="(\d+)">',
        html,
    )
    assert sorted(rows) == [
        ("Brand new", "0", "100"),
        ("Free Alex", "1", "100"),
        ("Tell Amazon: Stop Powering ICE!", "502", "9000"),
    ]


def test_dashboard_lists_a_petition_published_only_in_spanish(
    organizer, signers, spanish_petition_index
):
    PetitionPageFactory(parent=spanish_petition_index, title="Libertad para Alex")
    html = organizer.get(reverse("wagtailadmin_home")).content.decode()
    assert "Libertad para Alex" in html
    assert "Tell Amazon: Stop Powering ICE!" in html
    assert "Dile a Amazon" not in html  # a bilingual petition is listed once, in English


def test_dashboard_hides_signer_links_without_permission(client, django_user_model, signers):
    client.force_login(staff_user(django_user_model, "editor"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Tell Amazon: Stop Powering ICE!" in html
    assert "export=csv" not in html


def test_groups_can_be_given_view_and_delete_on_signatures_only(admin_client):
    html = admin_client.get(reverse("wagtailusers_groups:add")).content.decode()
    permissions = Permission.objects.filter(content_type__model="signature")
    offered = {p.codename for p in permissions if f'value="{p.pk}"' in html}
    assert offered == {"view_signature", "delete_signature"}
