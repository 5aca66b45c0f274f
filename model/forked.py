"""Running a pure computation in a forked child process, beside the caller's own work.

``check`` spends most of its time in :mod:`model.analysis.duplicates`, whose
searches are independent of each other, and in reading a large plan's many
group files, each independent of the others. On a machine with a second
processor the longest search (:func:`model.analysis.similarity.similar_pairs`),
and half the group files (:mod:`model.loader`), are done in a child process
made with :func:`os.fork`, which starts with a copy of the caller's memory
(nothing to send), while the caller does the rest; the child sends its result
back through a pipe, pickled.

It runs in the caller instead, when it is asked for, wherever forking cannot
help or is not safe: no :func:`os.fork` (Windows), a single processor, other
threads running (a fork copies only the calling thread, and any lock another
holds would stay locked in the child), or a small job (*worth* false). If
the child fails in any way, the caller runs the work itself, so an error is
raised where it would have been.

The child never outlives the caller: on Linux the kernel kills it when the
caller dies, however it dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``, through
ctypes); elsewhere a thread of the child watches its parent's process ID and
ends the child when it changes. A caller leaving early (an error, Ctrl+C) kills
the child with ``cancel()``.

>>> result = run_forked(lambda: sum(range(10)))
>>> result()
45
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1


def request_death_signal(signum: int) -> bool:
    """Ask the kernel to send this process *signum* when its parent dies (Linux); whether it could."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def die_with_parent(parent: int) -> None:
    """Make this (forked) process end when the process *parent* does, however *parent* ends.

    Linux: ``PR_SET_PDEATHSIG`` asks the kernel to send SIGKILL. Then, and
    elsewhere, a check of the parent's process ID: if it died before the
    request took effect (or no request can be made), the child is already an
    orphan and ends; without the kernel's help a daemon thread keeps checking.
    """
    armed = request_death_signal(signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
    if not armed:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)
        threading.Thread(target=watch, daemon=True).start()


def can_fork() -> bool:
    """Whether a forked child could run beside the caller (see the module docstring)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cpus > 1


def run_forked(work: Callable[[], T], *, worth: bool = True) -> Callable[[], T]:
    """Start *work* in a forked child if it can help; return a function that gives its result.

    Call the returned function exactly once: it waits for the child (or runs
    *work* there and then).
    """
    if not (worth and can_fork()):
        return work
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:                                   # the child: work, send, leave without clean-up
        status = 1
        try:
            die_with_parent(parent)
            # the caller's handlers (Ctrl+C, SIGTERM) are the caller's: here, just stop
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)                       # no atexit handlers, no flushing the caller's buffers
    os.close(write_end)
    done = []

    def result() -> T:
        with os.fdopen(read_end, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(pid, 0)
        done.append(True)
        if status != 0 or not sent:
            return work()                          # the child failed: the same work, here
        return pickle.loads(sent)

    def cancel() -> None:
        """Kill the child and reap it (when the caller leaves without its result)."""
        if done:
            return
        done.append(True)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(read_end)

    result.cancel = cancel                         # type: ignore[attr-defined]
    return result
