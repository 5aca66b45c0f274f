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

>>> result = run_forked(lambda: sum(range(10)))
>>> result()
45
"""
from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


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
    pid = os.fork()
    if pid == 0:                                   # the child: work, send, leave without clean-up
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)                       # no atexit handlers, no flushing the caller's buffers
    os.close(write_end)

    def result() -> T:
        with os.fdopen(read_end, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not sent:
            return work()                          # the child failed: the same work, here
        return pickle.loads(sent)

    return result
