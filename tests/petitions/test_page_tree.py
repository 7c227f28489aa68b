"""The private Wagtail detail petitions.page_tree relies on (checked against Wagtail 8.0.1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from petitions.models import PetitionPage
from petitions.page_tree import remember_parent

pytestmark = pytest.mark.django_db


def test_a_page_told_its_parent_answers_get_parent_without_a_query(petition, petition_index):
    page = PetitionPage.objects.get(pk=petition.pk)
    remember_parent(page, petition_index)
    with CaptureQueriesContext(connection) as queries:
        assert page.get_parent() is petition_index
    assert len(queries) == 0
