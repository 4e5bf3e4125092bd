"""The helpers every target shares: durations and model text made safe."""

from __future__ import annotations

import pytest

from advisor.format.durations import duration_seconds, duration_text, seconds
from advisor.scaffold.text import label, listed, plain, prose


@pytest.mark.parametrize(("text", "expected"), [("30s", 30), ("5m", 300), ("2h", 7200), ("1d", 86400),
                                                 ("500ms", 1), ("1500ms", 2), ("", 9), ("soon", 9)])
def test_seconds(text: str, expected: int) -> None:
    assert seconds(text, 9) == expected


@pytest.mark.parametrize(("text", "expected"), [("10m", 600.0), ("500ms", 0.5), (" 2h ", 7200.0),
                                                 ("", None), ("0s", None), ("10 min", None)])
def test_duration_seconds(text: str, expected: float | None) -> None:
    assert duration_seconds(text) == expected


@pytest.mark.parametrize(("value", "expected"), [(600, "10m"), (0.5, "500ms"), (90, "90s"), (86400, "1d"),
                                                  (7200, "2h")])
def test_duration_text_round_trips(value: float, expected: str) -> None:
    assert duration_text(value) == expected
    assert duration_seconds(expected) == value


def test_text_helpers_keep_quotes_and_comment_ends_out() -> None:
    hostile = 'x\ny"""; {a} #b |c `d` \\e */'
    assert label(hostile) == "x y'''; (a)  b /c 'd' /e */"
    assert prose(hostile) == "x?y'''; {a} #b /c `d` /e */"
    assert plain(hostile) == "x y ; a #b c d e /"
    assert [label(""), prose(" "), plain("")] == ["?", "?", ""]
    assert listed(["a|b", "c"]) == "a b, c"
    assert listed([]) == "-"
