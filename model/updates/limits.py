"""How much a returned workbook or CSV may hold: a wall against a wrong or hostile file.

Each is checked before the work it protects: the file's size before it is
opened, the zip archive's declared sizes (which :mod:`zipfile` holds it to
while reading) before any XML is parsed, the rows while they are read, a
cell's length as it is read. ``docs/security.md`` lists them; a test checks
the page against these numbers.

For scale (``benchmarks/bench_updates.py``): of the 653 workbooks exported from
a council-wide plan of 10,000 outcomes (``synth --scale 100``), the largest is
124 kB and unpacks to 876 kB; no part packs more than 7.3 times.
"""
from __future__ import annotations

#: The largest workbook or CSV file accepted, in bytes.
MAX_FILE_BYTES = 20_000_000
#: The most a workbook may unpack to (the sum of its members' declared sizes), in bytes.
MAX_UNPACKED_BYTES = 200_000_000
#: The most any member of a workbook may unpack to per byte it takes packed (a zip bomb packs thousands).
MAX_RATIO = 100
#: Members smaller than this unpacked are not held to the ratio (tiny XML parts pack very tightly).
RATIO_FLOOR_BYTES = 1_000_000
#: The most members a workbook may have (a workbook made by export has about a dozen).
MAX_MEMBERS = 200
#: The most rows a sheet may have, the header included.
MAX_ROWS = 100_000
#: The longest a cell may be, in characters (Excel's own limit is 32,767).
MAX_CELL_CHARS = 32_767
