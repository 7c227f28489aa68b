"""Fixtures for the translation workflow: a machine translator (the people in each role
are in tests/conftest.py)."""

import pytest

DUMMY_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}


@pytest.fixture
def machine_translator(settings):
    """wagtail-localize's dummy machine translator, which reverses the order of words."""
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_TRANSLATOR
