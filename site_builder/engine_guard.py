"""Keeps the preview engine from outliving ``goldenthread serve``, however ``serve`` ends.

``python -m goldenthread.site_builder.engine_guard SCRATCH -- ENGINE ARGS...``
runs the engine's server as its child, and reads its standard input, a pipe
whose other end only ``serve`` holds. When ``serve`` ends, by Ctrl+C,
SIGTERM or even SIGKILL, the kernel closes that end: the guard reads end of
file, stops the engine (SIGTERM, then SIGKILL after 5 seconds), removes the
temporary folder SCRATCH and exits. The engine is also set to die with the
guard (``PR_SET_PDEATHSIG`` on Linux), so no engine serves a stale preview.

The guard ignores Ctrl+C (it reaches the whole process group): ``serve`` decides
when the preview ends, by closing the pipe.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from goldenthread.model.forked import request_death_signal


def guard(scratch: Path, command: list[str]) -> int:
    """Run *command* until standard input ends or it stops; then stop it and remove *scratch*."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    engine = None
    try:
        engine = subprocess.Popen(command, preexec_fn=lambda: request_death_signal(signal.SIGTERM))
        ended = threading.Event()

        def wait_for_end_of_input() -> None:
            while sys.stdin.buffer.read(4096):
                pass
            ended.set()

        threading.Thread(target=wait_for_end_of_input, daemon=True).start()
        while not ended.wait(0.2) and engine.poll() is None:
            pass
        return engine.poll() or 0
    finally:
        if engine is not None and engine.poll() is None:
            engine.terminate()
            try:
                engine.wait(timeout=5)
            except subprocess.TimeoutExpired:
                engine.kill()
                engine.wait()
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python -m goldenthread.site_builder.engine_guard SCRATCH -- COMMAND...", file=sys.stderr)
        return 2
    return guard(Path(argv[0]), argv[2:])


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main(sys.argv[1:]))
