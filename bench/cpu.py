"""Where the machine's CPU went during a measurement, from Linux's /proc.

A snapshot adds up the CPU time (user and system, every thread) that each group of
processes has used so far, the time the benchmark's finished children used (wrk, which
the benchmark runs and waits for), and the whole machine's busy and idle time. The
difference of two snapshots tells what each group used in between, and what the rest of
the machine, other work than the benchmark's, used.
"""

import os
import resource
from dataclasses import dataclass

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WRK = "wrk"
OTHER = "other work"
IDLE = "idle"


@dataclass
class Snapshot:
    used: dict
    busy: float
    idle: float


def processes():
    """(pid, command name, process group, CPU seconds) of every process /proc shows."""
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                text = stat.read()
        except OSError:  # ended meanwhile
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        # After the name: state, ppid, pgrp, ... utime (12th), stime (13th), in clock ticks.
        seconds = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        yield int(entry.name), name, int(fields[2]), seconds


def snapshot(groups):
    """`groups`: a name for each group, with a test of (pid, name, process group)."""
    used = dict.fromkeys(groups, 0.0)
    for pid, name, group, seconds in processes():
        for group_name, member in groups.items():
            if member(pid, name, group):
                used[group_name] += seconds
                break
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    used[WRK] = children.ru_utime + children.ru_stime
    with open("/proc/stat") as stat:
        user, nice, system, idle, iowait, irq, softirq, steal = (
            int(value) for value in stat.readline().split()[1:9]
        )
    return Snapshot(
        used=used,
        busy=(user + nice + system + irq + softirq + steal) / CLOCK_TICKS,
        idle=(idle + iowait) / CLOCK_TICKS,
    )


def spent(before, after):
    """CPU seconds of each group between two snapshots, then the rest of the machine's
    busy time (other work) and its idle time."""
    used = {name: after.used[name] - before.used[name] for name in after.used}
    used[OTHER] = max(0.0, after.busy - before.busy - sum(used.values()))
    used[IDLE] = after.idle - before.idle
    return used
