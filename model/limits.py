"""How much a plan may hold: generous for any council plan, and a wall against a wrong or hostile file.

Each limit is checked before the work it protects: a file's size before it is
read, the nesting of a YAML file while it is parsed (before anything is built
from it), a text's length when its file is validated. ``docs/validation.md``
lists them; a test checks the page against these numbers.

The bundled plan, for scale: its largest YAML file is 55 kB, its source
document 59 kB, its longest text 2,226 characters, and it nests 9 levels deep.
"""
from __future__ import annotations

#: The largest YAML file of a plan folder (plan.yaml, a group file, operational_plans.yaml, corrections):
#: 90 times the bundled plan's largest. A file with a mistake is parsed again, carefully, to locate it, and
#: the careful parser is pure Python (benchmarks/bench_hostile_inputs.py times a file just under the limit).
MAX_YAML_BYTES = 5_000_000

#: The largest source document (the text export the importer reads and every ``lines`` points into).
MAX_SOURCE_BYTES = 20_000_000

#: The longest text of one field (a title, an outcome's bullets, a step...), in characters.
MAX_TEXT_CHARS = 50_000

#: How deep mappings and lists may nest in a YAML file (a plan file needs 9 levels).
MAX_YAML_DEPTH = 40
