"""The interactive network views: which items each view draws (``planner``), where they start
(``layout``), and the vis-network page drawn for them with pyvis (``render``)."""
