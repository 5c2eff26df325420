"""Telling whether the process that started a call is still running it."""

from __future__ import annotations

import os
from pathlib import Path

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def process_identity(pid: int) -> str | None:
    """What tells this process from a later one given the same id: on Linux the boot and the
    process's start time; None where the system does not say."""
    try:
        boot = _BOOT_ID.read_text(encoding="ascii").strip()
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return f"{boot}:{pid}:{fields[19]}" if len(fields) > 19 else None


def still_playing(pid: int, owner: str | None) -> bool:
    """Whether the process that started a call is still running it."""
    if owner is not None and _BOOT_ID.exists():
        # The same id may belong to a new process (after a reboot, or in a container).
        return process_identity(pid) == owner
    return _alive(pid)


def _alive(pid: int) -> bool:
    """Whether a process with this id is running on this machine."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
