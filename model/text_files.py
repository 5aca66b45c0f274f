"""Reading a text file a person gave us: UTF-8 or a clear error, and never a huge file read whole.

Plan files, source documents and corrections files are saved by all sorts of
editors. :func:`read_text_file` accepts UTF-8 with or without the byte-order
mark Windows editors write, and refuses, each with a located error and a hint:

* a file larger than its limit, before reading it (see :mod:`model.limits`);
* a file saved as UTF-16 or UTF-32 (recognised by its byte-order mark);
* a binary file (it holds NUL bytes: an image, a word-processor file...);
* a byte that is not UTF-8 (Latin-1 or Windows-1252 text), at its line:col.

>>> import tempfile, pathlib
>>> from goldenthread.model.errors import PlanLoadError
>>> path = pathlib.Path(tempfile.mkdtemp()) / "notes.yaml"
>>> _ = path.write_bytes(b"title: ok\\nname: caf\\xe9\\n")
>>> try:
...     read_text_file(path, PlanLoadError, limit=1000, display="notes.yaml")
... except PlanLoadError as error:
...     print(error.format())
notes.yaml:2:10: error: notes.yaml is not UTF-8 text: byte 0xE9 is not valid UTF-8
  hint: save the file as UTF-8 (this byte is probably an accented letter or a symbol saved in another encoding, such as Latin-1 or Windows-1252)
>>> _ = path.write_bytes("\\ufefftitle: ok\\n".encode("utf-8"))
>>> read_text_file(path, PlanLoadError, limit=1000, display="notes.yaml")
'title: ok\\n'
"""
from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

from goldenthread.model.errors import GoldenThreadError, Location, relative

#: Byte-order marks of encodings we do not read, longest first (UTF-32's LE mark starts like UTF-16's).
_OTHER_BOMS = [(codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
               (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")]
_SAVE_AS_UTF8 = "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"


def read_text_file(path: Path, error: type[GoldenThreadError], *, limit: int, display: str) -> str:
    """The text of *path*, decoded as UTF-8 (a leading byte-order mark dropped).

    Raises *error* (located at *display*, the name shown to the person) when
    the file cannot be read, is larger than *limit* bytes, or is not UTF-8
    text. ``OSError`` is turned into *error* too, so callers see one type.
    """
    name = Path(path).name
    try:
        size = path.stat().st_size
        if size > limit:
            raise error(f"{name} is too large: {_megabytes(size)} (the limit is {_megabytes(limit)})",
                        Location(display),
                        "check that this is the right file: a plan's files are far smaller; "
                        "see docs/validation.md for the limits")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat(): never read more than the limit
    except IsADirectoryError:
        raise error(f"{name} is a folder, not a file", Location(display), "give the path of a file") from None
    except OSError as problem:
        raise error(f"cannot read {name}: {problem.strerror}", Location(display),
                    "check that the file exists and can be read") from None
    if len(data) > limit:
        raise error(f"{name} is too large: more than {_megabytes(limit)}", Location(display),
                    "check that this is the right file; see docs/validation.md for the limits")
    return decode_utf8(data, error, name, display)


def decode_utf8(data: bytes, error: type[GoldenThreadError], name: str, display: str) -> str:
    """*data* as text (see :func:`read_text_file`); *name* is used in the message."""
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            raise error(f"{name} is saved as {encoding}, not UTF-8", Location(display, 1, 1), _SAVE_AS_UTF8)
    data = data.removeprefix(codecs.BOM_UTF8)  # Windows editors write it; it says "this is UTF-8"
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise error(f"{name} is not a text file: it holds NUL bytes", Location(display, line, column),
                    "this looks like binary data (an image, a word-processor file) or text saved as UTF-16: "
                    + _SAVE_AS_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line, column = _position(data, problem.start)
        raise error(f"{name} is not UTF-8 text: byte 0x{data[problem.start]:02X} is not valid UTF-8",
                    Location(display, line, column),
                    "save the file as UTF-8 (this byte is probably an accented letter or a symbol saved in "
                    "another encoding, such as Latin-1 or Windows-1252)") from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte *offset*, all of whose bytes before are UTF-8."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def write_text_atomically(path: Path, text: str) -> None:
    """Write *text* to *path* in one step: no half-written file is ever left behind."""
    if not path.parent.is_dir():
        raise GoldenThreadError(f"folder {relative(path.parent)} does not exist", Location(relative(path)),
                                "create the folder first, or choose another --out")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
