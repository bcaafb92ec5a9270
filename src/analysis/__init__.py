"""Map inter-agency cooperation on migration from press releases.

Stages (one module each, data flows one way):
raw files --ingest--> documents --extract--> entities/mentions/relations/events
--network--> graph + metrics --figures/report--> reports/.
"""

__version__ = "0.1.0"
