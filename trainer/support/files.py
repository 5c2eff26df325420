"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(destination: Path, text: str) -> None:
    """Write `text` to a temporary file beside `destination`, then put it in place: a failed
    write leaves no half file. The file gets the mode an ordinary new file would (or the one
    it replaces had)."""
    try:
        mode = destination.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        newline="",
        dir=destination.parent,
        delete=False,
        prefix=f".{destination.name}.",
        suffix=".tmp",
    ) as handle:
        handle.write(text)
    try:
        Path(handle.name).chmod(mode)
        Path(handle.name).replace(destination)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
        raise
