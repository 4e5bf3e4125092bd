"""What the loader refuses before reading: devices, pipes, wide encodings, oversized files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.errors import YamlError
from advisor.format.loader import load_file, read_bytes

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs /dev/zero and named pipes")


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_a_device_is_refused_without_reading_it(tmp_path: Path, device: str) -> None:
    link = tmp_path / "architecture.yaml"
    link.symlink_to(device)
    with pytest.raises(YamlError, match="not a regular file"):
        load_file(link)


@posix_only
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "architecture.yaml"
    os.mkfifo(fifo)
    with pytest.raises(YamlError, match="not a regular file"):
        load_file(fifo)


@posix_only
@pytest.mark.parametrize(
    "args",
    [
        ["lint", "{dev}"],
        ["score", "{dev}"],
        ["lint", "--config", "{dev}", "good.yaml"],
        ["decide", "--no-input", "--answers", "{dev}", "--target", "none", "--style", "orchestration"],
    ],
    ids=["lint", "score", "lint-config", "decide-answers"],
)
def test_every_command_refuses_a_device_with_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "good.yaml").write_text("version: 1\n")
    result = CliRunner().invoke(cli, [a.format(dev="zero.yaml") for a in args])
    assert result.exit_code == 2, result.output
    assert "not a regular file" in result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(result.exception, SystemExit)


def test_never_more_than_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n" * 100)
    assert read_bytes(path, "a.yaml", max_bytes=500) == b"a: 1\n" * 100
    with pytest.raises(YamlError, match="limit is 499"):
        read_bytes(path, "a.yaml", max_bytes=499)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_wide_encoding_is_named_not_called_binary(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "architecture.yaml"
    path.write_bytes(("\ufeff" if encoding.endswith("be") else "").encode(encoding) + "version: 1\n".encode(encoding))
    with pytest.raises(YamlError) as caught:
        load_file(path)
    message = str(caught.value)
    assert "UTF-" in message and "save it as UTF-8" in message and "binary" not in message


def test_utf16_without_a_bom_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "architecture.yaml"
    path.write_bytes("version: 1\nsystem: shop\n".encode("utf-16-le"))
    with pytest.raises(YamlError, match="looks like UTF-16"):
        load_file(path)
