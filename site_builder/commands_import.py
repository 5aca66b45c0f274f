"""Commands: (filled in by their owner)."""
from __future__ import annotations

COMMANDS: list = []
