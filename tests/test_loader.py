"""The safe loader: attacks are refused with file:line:col, positions are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.errors import YamlError
from advisor.format.loader import MAX_ALIAS_NODES, load_file, load_text


def refused(text: str) -> str:
    with pytest.raises(YamlError) as caught:
        load_text(text, "model.yaml")
    return str(caught.value)


def test_positions_of_values_and_keys_are_one_based() -> None:
    doc = load_text("system: shop\nservices:\n  payments:\n    publishes: [Paid, Refunded]\n", "m.yaml")
    assert doc.positions[("system",)] == (1, 9)
    assert doc.key_positions[("services", "payments")] == (3, 3)
    assert doc.positions[("services", "payments", "publishes", 1)] == (4, 23)
    assert str(doc.locate(("services", "payments", "missing"))) == "m.yaml:4:5"
    assert str(doc.locate(("services", "payments"), key=True)) == "m.yaml:3:3"


def test_python_tags_are_refused() -> None:
    message = refused("a: !!python/object/apply:os.system ['echo hi']\n")
    assert message.startswith("model.yaml:1:4:")
    assert "!!python/object/apply:os.system" in message


def test_custom_and_binary_tags_are_refused() -> None:
    assert "!shell" in refused("a: !shell rm\n")
    assert "!!binary" in refused("a: !!binary aGVsbG8=\n")


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        prev, name = chr(96 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    message = refused("\n".join(lines) + "\n")
    assert "alias bomb" in message and f"{MAX_ALIAS_NODES:,}" in message


def test_self_referencing_alias_is_refused() -> None:
    assert "self-referencing alias" in refused("a: &a [1, *a]\n")


def test_harmless_aliases_and_merge_keys_work() -> None:
    doc = load_text("base: &b {owner: team-a}\nsvc:\n  <<: *b\n  replicas: 2\n")
    assert doc.data["svc"] == {"replicas": 2, "owner": "team-a"}


def test_duplicate_keys_name_both_lines() -> None:
    message = refused("services:\n  a: {}\n  b: {}\n  a: {}\n")
    assert message.startswith("model.yaml:4:3:")
    assert "first on line 2, again on line 4" in message


def test_syntax_error_is_located() -> None:
    message = refused("services:\n  a: [1, 2\n")
    assert message.startswith("model.yaml:3:") and "invalid YAML" in message


def test_top_level_must_be_a_mapping() -> None:
    assert "found a list" in refused("- a\n- b\n")
    assert "found an empty file" in refused("")
    assert "found a string" in refused("just text\n")


def test_multiple_documents_are_refused() -> None:
    assert "invalid YAML" in refused("a: 1\n---\nb: 2\n")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"a: 1\nb: \x00\x01\n")
    with pytest.raises(YamlError, match=r"bin.yaml:2:4: binary data"):
        load_file(path)


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("a: café\n".encode("latin-1"))
    with pytest.raises(YamlError, match=r"latin.yaml:1:7: not UTF-8"):
        load_file(path)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(YamlError, match="the limit is 1,000"):
        load_file(path, max_bytes=1000)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(YamlError, match="no such file"):
        load_file(tmp_path / "nope.yaml")
    with pytest.raises(YamlError, match="is a directory"):
        load_file(tmp_path)


def test_yaml11_scalars_keep_their_source_text() -> None:
    doc = load_text("level: on\nmode: 0755\nname: 'on'\n")
    assert doc.data == {"level": True, "mode": 493, "name": "on"}
    assert doc.raw[("level",)] == "on" and doc.raw[("mode",)] == "0755"
    assert ("name",) not in doc.raw


def test_dates_stay_text() -> None:
    assert load_text("date: 2026-11-25\n").data == {"date": "2026-11-25"}


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfversion: 1\n")
    assert load_file(path).data == {"version": 1}


def test_explicit_keys_win_over_merged_ones_with_their_positions() -> None:
    doc = load_text("base: &b {a: 1, c: on}\nsvc:\n  <<: *b\n  a: two\n")
    assert doc.data["svc"] == {"a": "two", "c": True}
    assert doc.positions[("svc", "a")] == (4, 6)
    assert ("svc", "a") not in doc.raw and doc.raw[("svc", "c")] == "on"
