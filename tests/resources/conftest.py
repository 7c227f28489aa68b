"""Fixtures for the resources tests: a blog and a library in both languages."""

import pytest

from tests.resources.factories import BlogIndexPageFactory, ResourceIndexPageFactory


@pytest.fixture
def blog(home):
    return BlogIndexPageFactory(parent=home, slug="blog")


@pytest.fixture
def spanish_blog(blog, spanish_home, spanish, translate_now):
    return translate_now(blog, spanish, {"News and analysis from our campaigns.": "Noticias."})


@pytest.fixture
def library(home):
    return ResourceIndexPageFactory(parent=home, slug="resources", title="Resources")


@pytest.fixture
def spanish_library(library, spanish_home, spanish, translate_now):
    return translate_now(library, spanish, {"Resources": "Recursos"})
