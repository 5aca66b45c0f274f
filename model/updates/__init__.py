"""Quarterly updates from the leads, through spreadsheets.

``goldenthread updates export`` writes one workbook per lead with the outcomes
that lead's operational plans answer for (:mod:`.sheet` decides the rows,
:mod:`.xlsx` and :mod:`.csvfile` write them). The lead fills in three columns,
New RAG, New timescale and Commentary. ``goldenthread updates apply`` reads the
workbooks back (:mod:`.xlsx` and :mod:`.csvfile` read them as untrusted input,
:mod:`.validate` checks every cell against the plan and the export's record
of itself) and writes the changes into the plan's YAML, all at once or not at
all (:mod:`.apply`, editing the files in place with :mod:`.yaml_edit`).

Nothing here imports web code: this is part of the model.
"""
