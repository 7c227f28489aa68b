"""Run pip-audit on the pinned requirements and say plainly what it could and could not check.

pip-audit asks PyPI's JSON API about each release (its /pypi/NAME/VERSION/json address).
Where that address does not answer, pip-audit "skips" the package and still ends with "No
known vulnerabilities found", which would pass an audit that checked nothing. So:

- each package pip-audit skipped is looked up at PyPI's project address (/pypi/NAME/json),
  which lists the known vulnerabilities of the project's latest release: when the installed
  version is that release, this is the same advisory data (OSV's), and the package counts
  as checked;
- every package still not checked is listed by name and version.

It fails on any known vulnerability, and whenever a package could not be checked, unless
ALLOW_UNAUDITED=1, which turns the unchecked packages (never a vulnerability) into a loud
warning, for machines that cannot reach PyPI's per-release data.

Usage: python .ci/audit_dependencies.py requirements.txt
"""

import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

RULE = "=" * 78
WHERE_TO_RUN = (
    "Run `make audit` before every release on a machine that reaches PyPI's JSON API "
    "(/pypi/<name>/<version>/json), such as a developer's laptop or a CI runner with "
    "ordinary internet access."
)


SKIPPED_VERSION = re.compile(r"\(([^)]*)\)$")
NOT_LATEST = "Not PyPI's latest release, and PyPI's data for this release was unreachable"


def latest_release(name):
    """PyPI's project data: (its latest version, that version's known vulnerabilities)."""
    connection = http.client.HTTPSConnection("pypi.org", timeout=60)
    try:
        connection.request("GET", f"/pypi/{name}/json", headers={"Accept": "application/json"})
        response = connection.getresponse()
        if response.status != 200:
            return None, []
        project = json.loads(response.read())
    except (OSError, ValueError):  # unreachable or garbled: the package stays unchecked
        return None, []
    finally:
        connection.close()
    return project["info"]["version"], project.get("vulnerabilities") or []


def check_skipped_at_latest_release(report, lookup=latest_release):
    """Check what pip-audit skipped against the vulnerabilities of PyPI's latest releases."""
    skipped = [
        (dependency, version[1])
        for dependency in report["dependencies"]
        if "skip_reason" in dependency
        and (version := SKIPPED_VERSION.search(dependency["skip_reason"]))
    ]
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda item: lookup(item[0]["name"]), skipped))
    for (dependency, version), (latest, vulnerabilities) in zip(skipped, answers, strict=True):
        if latest == version:
            del dependency["skip_reason"]
            dependency.update(
                version=version,
                vulns=[
                    {"id": vulnerability["id"], "fix_versions": vulnerability.get("fixed_in") or []}
                    for vulnerability in vulnerabilities
                    if not vulnerability.get("withdrawn")
                ],
            )
        elif latest is not None:
            dependency["skip_reason"] = f"{NOT_LATEST}: {dependency['name']} ({version})"
    return report


def summarise(report, allow_unaudited=False):
    """The lines to print about a pip-audit JSON report, and the exit status."""
    checked, vulnerable = [], []
    unchecked = defaultdict(list)
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            reason = re.sub(r": [^:]*$", "", dependency["skip_reason"])
            version = SKIPPED_VERSION.search(dependency["skip_reason"])
            label = f"{dependency['name']} {version[1]}" if version else dependency["name"]
            unchecked[reason].append(label)
            continue
        checked.append(dependency)
        for vulnerability in dependency["vulns"]:
            fixed = ", ".join(vulnerability["fix_versions"]) or "no fixed version yet"
            vulnerable.append(
                f"  {dependency['name']} {dependency['version']}: {vulnerability['id']} "
                f"(fixed in {fixed})"
            )
    total = len(checked) + sum(len(labels) for labels in unchecked.values())
    lines = [
        f"pip-audit: {len(checked)} of {total} packages (the requirements and everything they "
        "install) checked for known vulnerabilities."
    ]
    for reason, labels in unchecked.items():
        lines.append(f"NOT CHECKED ({len(labels)}): {reason}:")
        lines += textwrap.wrap(
            ", ".join(sorted(labels)), width=78, initial_indent="  ", subsequent_indent="  "
        )

    if vulnerable:
        lines += [
            "Known vulnerabilities:",
            *vulnerable,
            "FAILED: pin versions with the fixes in requirements.txt.",
        ]
        return lines, 1
    if not unchecked:
        lines.append(f"No known vulnerabilities in the {total} packages checked.")
        return lines, 0
    lines += [
        RULE,
        f"{total - len(checked)} of the {total} packages could not be checked: nothing is known "
        "about them, good or bad."
        if checked
        else f"NO VULNERABILITY CHECK RAN: no vulnerability data could be had for any of the "
        f"{total} packages, so nothing is known about them, good or bad.",
    ]
    if checked:
        lines.append(f"No known vulnerabilities in the {len(checked)} packages checked.")
    lines += textwrap.wrap(WHERE_TO_RUN, width=78)
    if allow_unaudited:
        lines.append("ALLOW_UNAUDITED=1: the unchecked packages are a warning, not a failure.")
        status = 0
    else:
        lines.append("FAILED (set ALLOW_UNAUDITED=1 only where the API cannot be reached).")
        status = 1
    lines.append(RULE)
    return lines, status


def main(requirements):
    with tempfile.TemporaryDirectory() as directory:
        report_path = Path(directory) / "pip-audit.json"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--requirement",
                requirements,
                "--progress-spinner",
                "off",
                "--format",
                "json",
                "--output",
                str(report_path),
            ],
            capture_output=True,
            text=True,
        )
        try:
            report = json.loads(report_path.read_text())
        except (OSError, ValueError):
            print(run.stdout + run.stderr, file=sys.stderr)
            print(f"FAILED: pip-audit wrote no report (exit status {run.returncode}).")
            return 1
    report = check_skipped_at_latest_release(report)
    lines, status = summarise(report, allow_unaudited=os.environ.get("ALLOW_UNAUDITED") == "1")
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
