"""Files that appear whole or not at all: what DocScan writes (exports, saved work, a batch job's files)
goes to a temporary file beside its target and replaces the target only once it is complete, so a crash
or a full disk never leaves half a file behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

_umask_lock = threading.Lock()


def _umask() -> int:
    with _umask_lock:  # os.umask can only be read by setting it
        current = os.umask(0o022)
        os.umask(current)
    return current


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A file to write that becomes ``path`` only when the block succeeds, so a crash or a full disk never
    leaves half a file behind. What is at ``path`` decides how:

    - a symbolic link is written through: its target is replaced, the link stays;
    - a FIFO or a character device (``/dev/null``, ``/dev/stdout``, a terminal) is written directly (it
      cannot be replaced, and must not be turned into a regular file);
    - a folder or a block device is refused (OSError);
    - otherwise a temporary file beside it replaces it, with the mode a new file gets from the umask (or
      the replaced file's own mode), not the temporary file's 0600."""
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    if status is not None:
        if stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
            yield path
            return
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "it is a device, not a file", str(path))
    mode = stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing."""
    with replacing(path) as temporary:
        # errors: a non-UTF-8 file name in a txt/md heading is written with \udcXX escapes, not a crash
        with open(temporary, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            stream.write(text)
