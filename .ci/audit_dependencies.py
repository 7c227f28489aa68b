"""Run pip-audit on the pinned requirements and say plainly what it could and could not check.

pip-audit asks PyPI's JSON API about each release (its /pypi/NAME/VERSION/json address).
Where that API does not answer, pip-audit "skips" the package and still ends with "No known
vulnerabilities found", which would pass an audit that checked nothing. This script lists
every package that was not checked, and fails:

- on any known vulnerability;
- when some packages were checked and others not (the database works: the gap is real);
- when none was checked (no vulnerability data could be reached), unless ALLOW_UNAUDITED=1,
  which turns that one case into a loud warning, for machines that cannot reach the API.

Usage: python .ci/audit_dependencies.py requirements.txt
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from collections import defaultdict
from pathlib import Path

RULE = "=" * 78
WHERE_TO_RUN = (
    "Run `make audit` before every release on a machine that reaches PyPI's JSON API "
    "(/pypi/<name>/<version>/json), such as a developer's laptop or a CI runner with "
    "ordinary internet access."
)


def summarise(report, allow_unaudited=False):
    """The lines to print about a pip-audit JSON report, and the exit status."""
    checked, vulnerable = [], []
    unchecked = defaultdict(list)
    for dependency in report["dependencies"]:
        if "skip_reason" in dependency:
            reason = re.sub(r": [^:]*$", "", dependency["skip_reason"])
            version = re.search(r"\(([^)]*)\)$", dependency["skip_reason"])
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
        lines.append(f"NOT CHECKED ({len(labels)}), pip-audit says: {reason}:")
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
    if checked:
        lines.append(
            f"No known vulnerabilities in the {len(checked)} packages checked, but "
            f"{total - len(checked)} could not be checked: FAILED."
        )
        return lines, 1
    lines += [
        RULE,
        f"NO VULNERABILITY CHECK RAN: no vulnerability data could be had for any of the {total}",
        "packages, so nothing is known about them, good or bad.",
        *textwrap.wrap(WHERE_TO_RUN, width=78),
    ]
    if allow_unaudited:
        lines.append("ALLOW_UNAUDITED=1: reported as a warning, not a failure.")
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
    lines, status = summarise(report, allow_unaudited=os.environ.get("ALLOW_UNAUDITED") == "1")
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
