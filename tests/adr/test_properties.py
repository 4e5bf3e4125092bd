"""Properties over arbitrary titles: safe file names, and records that read back as written."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.adr import parse_record, plan_new_record, record_filename
from advisor.adr.dirs import RECORD_NAME
from advisor.adr.markdown import visible

TITLES = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80).filter(
    lambda t: visible(t).strip() != ""
)


@given(title=TITLES, number=st.integers(min_value=1, max_value=99_999))
def test_file_names_are_safe_records(title: str, number: int) -> None:
    name = record_filename(number, title)
    assert RECORD_NAME.match(name) and "/" not in name and "\\" not in name and not name.startswith(".")
    assert int(name.split("-", 1)[0]) == number


@settings(max_examples=60, deadline=None)
@given(title=TITLES, template=st.sampled_from(["madr", "nygard"]))
def test_new_records_read_back_with_their_title(title: str, template: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        planned = plan_new_record(Path(folder), title, template=template, date="2024-01-01")
        record = parse_record(planned.content, planned.path)
    expected = " ".join(visible(title).split())  # bidi and zero-width characters are dropped
    assert (record.number, record.status, record.layout) == (1, "proposed", template)
    # a title ending in a run of `#` after a space is a Markdown closing sequence, not text
    assert record.title == expected or expected.endswith("#")
