"""A hard time budget for printing, whoever prints: the Celery worker, or the web process when
there is no broker (`make run`).

The render runs in a forked child process that the kernel stops once it has used
DOCUMENT_RENDER_CPU_SECONDS of processor time (RLIMIT_CPU), and that the parent stops if it
has not finished after DOCUMENT_RENDER_WALL_SECONDS (a render stuck waiting, not computing).
Whatever the answers, a render can then hold the machine for a bounded time only, once: a
render that ran out of time is not tried again (it would run out again), and the person is
told to shorten their longest answers.

The child inherits the fonts and stylesheets the parent already loaded, so it starts warm.
It never touches the database: rendering is a pure function of the answers.
"""

import os
import resource
import select
import signal
import time
from collections.abc import Callable

from .render import DocumentRenderError

_OK, _FAILED = b"\x01", b"\x00"


class DocumentTooLong(DocumentRenderError):
    """The render used up its time budget: retrying cannot help."""


def _child(render: Callable[[], bytes], write_fd: int, cpu_seconds: int) -> None:
    """Runs in the forked child: never returns."""
    status = 1
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        data = render()
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(_OK + data)
        status = 0
    except BaseException:  # noqa: BLE001 - the parent only needs to know it failed
        try:
            os.write(write_fd, _FAILED)
        except OSError:
            pass
    finally:
        os._exit(status)


def render_within_budget(
    render: Callable[[], bytes],
    *,
    cpu_seconds: int,
    wall_seconds: int,
) -> bytes:
    """`render()`'s bytes, computed in a child process with a hard time budget.

    Raises DocumentTooLong when the budget ran out, DocumentRenderError when the render
    failed otherwise (the caller may try again)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(render, write_fd, cpu_seconds)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + wall_seconds
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    stopped = os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)
    if timed_out or stopped:
        raise DocumentTooLong("The document took longer than its time budget.")
    if not data.startswith(_OK):
        raise DocumentRenderError("The document could not be rendered.")
    return data[1:]
