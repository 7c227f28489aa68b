"""Fixtures for the petitions tests (the petition itself is in tests/conftest.py)."""

import re

import pytest


@pytest.fixture
def shown(client):
    """The count and goal a page shows in its data attributes, as (count, goal)."""

    def count_and_goal(url):
        html = client.get(url).content.decode()
        match = re.search(r'data-signature-count="(\d+)" data-signature-goal="(\d+)"', html)
        return int(match.group(1)), int(match.group(2))

    return count_and_goal
