"""Plan text made safe to print: control characters shown escaped, long values cut.

Plan text is untrusted, and a terminal obeys control characters: ESC starts a
sequence that can set the window's title or recolour the screen, CR moves back
to overwrite a line with a fake ``OK:``, BEL rings, and bidirectional overrides
reorder what a reader sees. Every text a command prints goes through
:func:`printable` (``cli`` prints with it; :mod:`model.errors` formats with it),
so what a plan says is shown, never obeyed.

>>> printable("rag: \\x1b]0;pwned\\x07GREEN")
'rag: \\\\x1b]0;pwned\\\\x07GREEN'
>>> printable("fine\\nlines\\tand tabs")
'fine\\nlines\\tand tabs'
>>> printable("\\u202eevil")
'\\\\u202eevil'
>>> excerpt("DB_PASSWORD=" + "x" * 100, 20)
'DB_PASSWORD=xxxxxxx…'
"""
from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match, *, json: bool = False) -> str:
    code = ord(match.group(0))
    if json or code > 0xFF:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def printable(text: str) -> str:
    """*text* with every control character (:data:`CONTROL`) written as ``\\xNN`` or ``\\uNNNN``."""
    return CONTROL.sub(_escaped, text)


def printable_json(text: str) -> str:
    """JSON text with control characters that JSON leaves raw (DEL, C1, bidi) written as ``\\uNNNN``:
    still valid JSON, read back to the same text, never obeyed by a terminal."""
    return CONTROL.sub(lambda m: _escaped(m, json=True), text)


def excerpt(text: str, width: int = 40) -> str:
    """At most *width* characters of *text* on one line, control characters escaped, a cut marked with ``…``."""
    flat = printable(" ".join(str(text).split()))
    return flat if len(flat) <= width else flat[:width - 1] + "…"
