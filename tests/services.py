"""What a test does when something it needs is missing: skip on a developer's machine, fail in CI.

CI (`.ci/run`, with CI=true) starts every service the production stack uses and points
SEEDS_DIR at the seed documents, so there a missing one is a broken run, never a quiet
skip that turns a check off.
"""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available, reason):
    """Go on when `available`; otherwise skip with `reason`, or fail with it in CI."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: CI must provide it, so this fails instead of skipping)")
    pytest.skip(reason)
