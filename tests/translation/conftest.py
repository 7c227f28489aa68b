"""Fixtures for the translation workflow: people in each role, and a machine translator."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from home.roles import EDITORS, TRANSLATORS

DUMMY_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, EDITORS, "editor")


@pytest.fixture
def translator(django_user_model):
    return member_of(django_user_model, TRANSLATORS, "translator")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def translator_client(translator):
    client = Client()
    client.force_login(translator)
    return client


@pytest.fixture
def machine_translator(settings):
    """wagtail-localize's dummy machine translator, which reverses the order of words."""
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_TRANSLATOR
