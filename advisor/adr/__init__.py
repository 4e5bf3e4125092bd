"""Architecture decision records: where they live, reading them, rendering and their lifecycle.

dirs       .adr-dir / docs/decisions discovery, NNNN-slug.md numbering
records    reading MADR and adr-tools/Nygard records into `Record`
context    what a scored record says (drivers, because, flips, revisit)
diagram    Mermaid diagrams from the model's flows, services and events
render     the record `advisor decide` writes (MADR 4 or Nygard)
lifecycle  new skeletons, supersede (both records), the index
"""

from __future__ import annotations

from advisor.adr.dirs import adr_id, find_adr_dir, next_number, record_filename, title_slug
from advisor.adr.lifecycle import duplicate_numbers, plan_index, plan_new_record, plan_supersede, render_index
from advisor.adr.records import STATUSES, Record, list_records, parse_record, read_record
from advisor.adr.render import TEMPLATES, plan_decision_record

__all__ = [
    "STATUSES",
    "TEMPLATES",
    "Record",
    "adr_id",
    "duplicate_numbers",
    "find_adr_dir",
    "list_records",
    "next_number",
    "parse_record",
    "plan_decision_record",
    "plan_index",
    "plan_new_record",
    "plan_supersede",
    "read_record",
    "record_filename",
    "render_index",
    "title_slug",
]
