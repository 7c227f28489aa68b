"""Hub's processes, started and stopped the one way the tests and the benchmark (bench/) do
it: the web process (gunicorn with hub/gunicorn.py, as `make serve` runs it) and the
background worker (`manage.py run_worker`, as `make worker` runs it), each in a process
group of its own, so that stopping it stops its children too."""

import os
import signal
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "gunicorn", "-c", "hub/gunicorn.py", "hub.wsgi"]
WORKER_COMMAND = [sys.executable, "manage.py", "run_worker", "--interval", "0.2"]


def start(env, output=subprocess.PIPE, command=COMMAND):
    """Start `command` (gunicorn by default) in the project folder with exactly `env`."""
    return subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def stop(process):
    """Stop the process and everything it started; what it printed, when it was piped."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate(timeout=10)
    return output
