"""One end-to-end `advisor decide` in a real pseudo-terminal: every default accepted."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from advisor.decision.catalogue import load_catalogue
from advisor.format.loader import load_file

pexpect = pytest.importorskip("pexpect", reason="pexpect (test extra) drives a real terminal")
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pseudo-terminal")
def test_accepting_every_default_in_a_terminal_writes_the_record(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm",
        # No terminal emulator answers cursor-position requests here; don't wait for one.
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "advisor", "decide"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 140),
    )
    try:
        total = len(load_catalogue().traits)
        for position in range(1, total + 1):
            child.expect(rf"\({position}/{total}\) ")
            child.send("\r")
        for prompt in ("Next", "Style to record", "Title of the decision record", "Write these 2 files"):
            child.expect(prompt)
            child.send("\r")
        child.expect("Wrote 2 files")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    decision = load_file(tmp_path / "architecture.yaml").data["decision"]
    record = tmp_path / decision["adr"]
    assert record.is_file()
    assert decision["style"] in record.read_text(encoding="utf-8")
