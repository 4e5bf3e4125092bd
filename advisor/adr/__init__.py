"""Architecture decision records: where they live, reading them, rendering and their lifecycle.

dirs       .adr-dir / docs/decisions discovery upward to the repository root, numbering
markdown   a record's parts (front matter, sections) and free text made literal Markdown
status     status and links in every dialect (MADR 2/3/4, adr-tools/Nygard, log4brains)
records    reading one record into `Record`
folder     a whole folder: readable records, problems, one-sided links completed, dialect
context    what a scored record says (drivers, because, flips, revisit)
facts      the system's services, flows and events, named, for a record's context
consequences  what the chosen style means for this model
diagram    Mermaid diagrams from the model's flows, services and events
render     the record `advisor decide` writes (MADR 4 or Nygard)
edits      editing a record in its own dialect, line endings and BOM kept
lifecycle  new records, supersede and typed links (both records), planned together
index      the index table, adr-tools' toc, the graph (DOT or Mermaid)
"""

from __future__ import annotations

from advisor.adr.dirs import adr_id, find_adr_dir, next_number, record_filename, title_slug
from advisor.adr.folder import Folder, read_folder
from advisor.adr.index import plan_index, render_index
from advisor.adr.lifecycle import duplicate_numbers, plan_link, plan_new_record, plan_supersede
from advisor.adr.records import Record, list_records, parse_record, read_record
from advisor.adr.render import TEMPLATES, plan_decision_record
from advisor.adr.status import STATUSES

__all__ = [
    "STATUSES",
    "TEMPLATES",
    "Folder",
    "Record",
    "adr_id",
    "duplicate_numbers",
    "find_adr_dir",
    "list_records",
    "next_number",
    "parse_record",
    "plan_decision_record",
    "plan_index",
    "plan_link",
    "plan_new_record",
    "plan_supersede",
    "read_folder",
    "read_record",
    "record_filename",
    "render_index",
    "title_slug",
]
