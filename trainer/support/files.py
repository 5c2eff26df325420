"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_whole(destination: Path, text: str) -> None:
    """Write `text` to `destination` so that a failed write leaves no half file and no
    temporary file: a regular file (or a new one) is written beside itself and then put in
    place, with the mode an ordinary new file would get (or the one it replaces had). A
    symlink is followed, so its target is replaced and the link kept (a dangling link's target
    is created). Anything else, a FIFO or a device, is written through as it is, never
    replaced by a file."""
    target = Path(os.path.realpath(destination))
    try:
        found = target.stat()
    except FileNotFoundError:
        found = None
    if found is not None and not stat.S_ISREG(found.st_mode):
        with target.open("w", encoding="utf-8", newline="") as through:
            through.write(text)
        return
    if found is not None:
        mode = found.st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - removed below on any failure
        "w",
        encoding="utf-8",
        newline="",
        dir=target.parent,
        delete=False,
        prefix=f".{target.name}.",
        suffix=".tmp",
    )
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(text)
        temporary.chmod(mode)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
