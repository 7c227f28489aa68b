"""`make audit`'s verdict on pip-audit's report: it passes only on what was really checked."""

import importlib.util

import pytest
from django.conf import settings

spec = importlib.util.spec_from_file_location(
    "audit_dependencies", settings.BASE_DIR / ".ci" / "audit_dependencies.py"
)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {
    "name": "leaky-package",
    "version": "1.0.0",
    "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["1.0.1"], "aliases": []}],
}


def unchecked(name, version):
    reason = f"Dependency not found on PyPI and could not be audited: {name} ({version})"
    return {"name": name, "skip_reason": reason}


def verdict(*dependencies, allow_unaudited=False):
    lines, status = audit.summarise(
        {"dependencies": list(dependencies), "fixes": []}, allow_unaudited=allow_unaudited
    )
    return "\n".join(lines), status


def test_passes_when_every_package_was_checked_and_none_is_vulnerable():
    text, status = verdict(CLEAN, {**CLEAN, "name": "wagtail", "version": "8.0.1"})
    assert status == 0
    assert "2 of 2 packages" in text
    assert "No known vulnerabilities in the 2 packages checked." in text


@pytest.mark.parametrize("allow_unaudited", [False, True])
def test_fails_on_a_known_vulnerability_naming_it_and_its_fix(allow_unaudited):
    text, status = verdict(CLEAN, VULNERABLE, allow_unaudited=allow_unaudited)
    assert status == 1
    assert "leaky-package 1.0.0: PYSEC-2099-1 (fixed in 1.0.1)" in text


def test_fails_when_some_packages_could_not_be_checked_and_names_them():
    text, status = verdict(CLEAN, unchecked("wagtail", "8.0.1"))
    assert status == 1
    assert "1 of 2 packages" in text
    assert "NOT CHECKED (1): Dependency not found on PyPI" in text
    assert "wagtail 8.0.1" in text
    assert "No known vulnerabilities in the 1 packages checked." in text


def test_allow_unaudited_turns_packages_not_checked_into_a_warning_naming_them():
    text, status = verdict(CLEAN, unchecked("wagtail", "8.0.1"), allow_unaudited=True)
    assert status == 0
    assert "1 of the 2 packages could not be checked" in text
    assert "wagtail 8.0.1" in text


def test_fails_loudly_when_nothing_could_be_checked():
    text, status = verdict(unchecked("django", "5.2.19"), unchecked("wagtail", "8.0.1"))
    assert status == 1
    assert "0 of 2 packages" in text
    assert "NO VULNERABILITY CHECK RAN" in text
    assert "django 5.2.19, wagtail 8.0.1" in text
    assert "No known vulnerabilities" not in text


def test_allow_unaudited_turns_nothing_checked_into_a_warning_that_still_says_so():
    text, status = verdict(unchecked("django", "5.2.19"), allow_unaudited=True)
    assert status == 0
    assert "NO VULNERABILITY CHECK RAN" in text
    assert "/pypi/<name>/<version>/json" in text
    assert "No known vulnerabilities" not in text


def pypi_latest(releases):
    """A stand-in for PyPI's project data: {name: (latest version, its vulnerabilities)}."""
    return lambda name: releases.get(name, (None, []))


def test_skipped_packages_at_pypis_latest_release_are_checked_against_its_vulnerabilities():
    report = {
        "dependencies": [
            unchecked("wagtail", "8.0.1"),
            unchecked("leaky-package", "1.0.0"),
            unchecked("django", "5.2.19"),
        ],
        "fixes": [],
    }
    leak = {"id": "GHSA-xxxx-yyyy-zzzz", "fixed_in": ["1.0.1"], "withdrawn": None}
    withdrawn = {"id": "PYSEC-2099-2", "fixed_in": [], "withdrawn": "2099-01-01T00:00:00"}
    audit.check_skipped_at_latest_release(
        report,
        lookup=pypi_latest(
            {
                "wagtail": ("8.0.1", [withdrawn]),
                "leaky-package": ("1.0.0", [leak]),
                "django": ("6.1.3", []),
            }
        ),
    )
    lines, status = audit.summarise(report, allow_unaudited=True)
    text = "\n".join(lines)
    assert status == 1
    assert "2 of 3 packages" in text
    assert "leaky-package 1.0.0: GHSA-xxxx-yyyy-zzzz (fixed in 1.0.1)" in text
    assert "PYSEC-2099-2" not in text
    assert "NOT CHECKED (1): Not PyPI's latest release" in text
    assert "django 5.2.19" in text


def test_a_package_pypi_does_not_answer_for_keeps_pip_audits_reason():
    report = {"dependencies": [unchecked("private-package", "0.1")], "fixes": []}
    audit.check_skipped_at_latest_release(report, lookup=pypi_latest({}))
    text, status = verdict(*report["dependencies"])
    assert status == 1
    assert "NOT CHECKED (1): Dependency not found on PyPI" in text
    assert "private-package 0.1" in text
