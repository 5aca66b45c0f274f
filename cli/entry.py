"""The ``goldenthread`` command's entry point: signals first, then everything else.

Stopping a run must never show a traceback or leave a half-written folder, at
any moment, start-up included (importing the libraries takes a few tenths of a
second, and Ctrl+C then used to print Python's traceback). So before anything
is imported, Ctrl+C (SIGINT), SIGTERM (what ``timeout``, CI cancellation and
service managers send) and SIGHUP become a quiet ``SystemExit`` with the
shell's usual status, 128 + the signal's number (130, 143, 129). ``finally``
blocks run on the way out, so temporary folders are removed; a second signal
during that clean-up is ignored, so the clean-up finishes. SIGKILL cannot be
caught: what it leaves is removed by the next run (see
:mod:`model.staging`).
"""
from __future__ import annotations

import signal
import sys

STOPPING = (signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else []))


def _stop(signum, frame) -> None:
    for each in STOPPING:                    # the clean-up on the way out must not be cut short in turn
        signal.signal(each, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def stop_quietly_on_signals() -> None:
    """Install the handlers described in the module docstring."""
    for each in STOPPING:
        if signal.getsignal(each) is not signal.SIG_IGN:     # nohup's SIGHUP stays ignored
            signal.signal(each, _stop)


def run(prog_name: str | None = None) -> None:
    """Run the ``goldenthread`` command (the console script; ``python -m`` passes the name to show)."""
    stop_quietly_on_signals()
    try:
        from goldenthread.cli.main import main
        main(prog_name=prog_name)
    except KeyboardInterrupt:                # raised before the handler was in place, or by a library
        sys.exit(128 + signal.SIGINT)


if __name__ == "__main__":  # pragma: no cover
    run()
