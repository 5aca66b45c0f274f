"""One-shot commands run with the cyclic garbage collector paused.

A plan loads as hundreds of thousands of long-lived objects (validated models,
the graph's attribute dicts), and the analyses then make millions of
short-lived lists, tuples and sets. Each time the collector's allocation
counters trip, it walks the objects made since, and now and then the whole
heap, to find almost nothing: the analyses make few reference cycles, and
reference counting frees everything else at once. At about 10,000 outcomes
that walking was over a third of ``check``'s processor time
(``benchmarks/bench_check.py``), for some 10% more memory without it.
Commands that end when their work is done pause the collector while they run;
long-running ones (``serve``) keep it.

>>> import gc
>>> @without_cycle_collection
... def work():
...     return gc.isenabled()
>>> work(), gc.isenabled()
(False, True)
"""
from __future__ import annotations

import functools
import gc


def without_cycle_collection(command):
    """*command*, run with :mod:`gc` disabled, and re-enabled afterwards if it was on (see the module docstring)."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return command(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return run
