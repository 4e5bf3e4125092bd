"""AsyncAPI 2.6 and 3.0 (asyncapi/spec examples) in, AsyncAPI 3.0 out, checked by the official schema."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from advisor.format.interop.asyncapi_out import asyncapi_document
from tests.interop.support import FIXTURES, asyncapi_validator, errors, imported, model_of

ASYNC = FIXTURES / "asyncapi"
SOCIAL = ASYNC / "social-media"


def test_version_2_6_reads_subscribe_as_send_and_publish_as_receive() -> None:
    _, data = imported(ASYNC / "streetlights-kafka-2.6.yml")
    service = data["services"]["streetlights-kafka-api"]
    assert service == {"consumes": ["lightMeasured"], "publishes": ["turnOnOff", "dimLight"]}
    assert data["events"]["lightMeasured"]["fields"] == {"lumens": "integer", "sentAt": "string"}


def test_version_3_0_reads_operations_and_message_ids() -> None:
    _, data = imported(ASYNC / "streetlights-kafka-3.0.yml", service="lights")
    assert data["services"] == {
        "lights": {"consumes": ["lightMeasured"], "publishes": ["turnOn", "turnOff", "dimLight"]}}
    assert data["events"]["dimLight"]["description"] == "Command a particular streetlight to dim the lights."


def test_one_document_per_service_gives_the_system() -> None:
    merged, data = imported(SOCIAL)
    services = data["services"]
    assert services["website-backend"]["publishes"] == ["commentLiked", "updateCommentLikes"]
    consumers = {name for name, s in services.items() if "commentLiked" in s.get("consumes", [])}
    assert consumers == {"comments-service", "notifications-service", "public-api"}
    assert any("references to other files are not followed" in n.message for n in merged.notes)


def operations(document: dict[str, Any]) -> set[tuple[str, str]]:
    """(action, message id) of every operation."""
    return {(op["action"], ref["$ref"].rsplit("/", 1)[-1])
            for op in document["operations"].values() for ref in op["messages"]}


def channel_messages(document: dict[str, Any]) -> set[frozenset[str]]:
    return {frozenset(channel["messages"]) for channel in document["channels"].values()}


def test_an_imported_document_exports_with_its_channels_messages_and_operations() -> None:
    original = yaml.safe_load((ASYNC / "streetlights-kafka-3.0.yml").read_text(encoding="utf-8"))
    merged, _ = imported(ASYNC / "streetlights-kafka-3.0.yml")
    exported = asyncapi_document(model_of(merged.text), "streetlights-kafka-api")
    assert errors(asyncapi_validator(), exported) == []
    assert operations(exported) == operations(original)
    assert channel_messages(exported) == channel_messages(original)
    assert set(exported["components"]["messages"]) == {m for c in original["channels"].values() for m in c["messages"]}
    # and back: importing the export gives the same model
    again = imported_document(exported)
    assert again["services"] == {"streetlights-kafka-api": {"consumes": ["lightMeasured"],
                                                            "publishes": ["turnOn", "turnOff", "dimLight"]}}


def imported_document(document: dict[str, Any]) -> dict[str, Any]:
    import json
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        return imported(path)[1]


def test_a_system_document_names_each_operations_service_and_reads_back() -> None:
    merged, data = imported(SOCIAL)
    exported = asyncapi_document(model_of(merged.text))
    assert errors(asyncapi_validator(), exported) == []
    again = imported_document(exported)
    for name, service in data["services"].items():
        assert sorted(again["services"][name].get("publishes", [])) == sorted(service.get("publishes", []))
        assert sorted(again["services"][name].get("consumes", [])) == sorted(service.get("consumes", []))


def test_fields_and_keys_export_as_payload_and_kafka_key() -> None:
    model = model_of("""
version: 2
services:
  orders: {publishes: [OrderPlaced]}
  billing: {consumes: [OrderPlaced]}
events:
  OrderPlaced: {version: 1, key: order_id, description: An order was placed., fields: {order_id: string, total: number}}
""")
    exported = asyncapi_document(model)
    assert errors(asyncapi_validator(), exported) == []
    message = exported["components"]["messages"]["OrderPlaced"]
    assert message["payload"]["properties"] == {"order_id": {"type": "string"}, "total": {"type": "number"}}
    assert message["bindings"]["kafka"]["key"]["title"] == "order_id"
    again = imported_document(exported)
    assert again["events"]["OrderPlaced"]["key"] == "order_id"
    assert again["events"]["OrderPlaced"]["fields"] == {"order_id": "string", "total": "number"}


def test_the_schema_rejects_what_it_should() -> None:
    """The validator is live: a wrong action is an error (so an empty error list means something)."""
    exported = asyncapi_document(model_of("version: 2\nservices: {a: {publishes: [E]}}\n"))
    exported["operations"]["a.send.E"]["action"] = "publish"
    assert errors(asyncapi_validator(), exported)


@pytest.mark.parametrize("version", ["1.2.0", "4.0.0"])
def test_other_versions_are_reported_not_guessed(tmp_path: Any, version: str) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(f"asyncapi: {version}\ninfo: {{title: x, version: '1'}}\n", encoding="utf-8")
    merged, data = imported(path)
    assert "services" not in data
    assert [n.message for n in merged.notes] == [f"AsyncAPI {version}: only versions 2 and 3 are read"]


def addresses(document: dict[str, Any]) -> dict[str, str]:
    """message id -> the address of the channel that carries it."""
    return {m: c["address"] for c in document["channels"].values() for m in c["messages"]}


def test_channel_addresses_survive_the_round_trip() -> None:
    original = yaml.safe_load((ASYNC / "streetlights-kafka-3.0.yml").read_text(encoding="utf-8"))
    merged, data = imported(ASYNC / "streetlights-kafka-3.0.yml")
    assert data["events"]["dimLight"]["channel"] == "smartylighting.streetlights.1.0.action.{streetlightId}.dim"
    exported = asyncapi_document(model_of(merged.text), "streetlights-kafka-api")
    assert errors(asyncapi_validator(), exported) == []
    assert addresses(exported) == addresses(original)


def test_version_2_6_channel_names_are_addresses() -> None:
    _, data = imported(ASYNC / "streetlights-kafka-2.6.yml")
    assert data["events"]["lightMeasured"]["channel"].endswith("lighting.measured")


def test_events_on_one_address_share_one_channel() -> None:
    text = (
        "version: 2\nservices: {a: {publishes: [Opened, Closed]}, b: {consumes: [Opened, Closed]}}\n"
        "events: {Opened: {channel: 'doors/{doorId}'}, Closed: {channel: 'doors/{doorId}'}}\n"
    )
    exported = asyncapi_document(model_of(text))
    assert errors(asyncapi_validator(), exported) == []
    assert list(exported["channels"]) == ["doors_doorId"]
    assert set(exported["channels"]["doors_doorId"]["messages"]) == {"Opened", "Closed"}
    refs = {op["channel"]["$ref"] for op in exported["operations"].values()}
    assert refs == {"#/channels/doors_doorId"}


def test_version_kind_key_and_channel_survive_export_and_import() -> None:
    text = """\
version: 2
services:
  orders: {publishes: [OrderPlaced, ReserveStock]}
  stock: {consumes: [OrderPlaced, ReserveStock], publishes: [StockReserved]}
events:
  OrderPlaced: {version: 2, key: order_id, channel: shop.orders, fields: {order_id: string}}
  ReserveStock: {version: 1, kind: command, channel: shop.stock.commands}
  StockReserved: {version: 3, kind: reply}
"""
    exported = asyncapi_document(model_of(text))
    assert errors(asyncapi_validator(), exported) == []
    messages = exported["components"]["messages"]
    assert (messages["ReserveStock"]["x-advisor-version"], messages["ReserveStock"]["x-advisor-kind"]) == (1, "command")
    again = imported_document(exported)
    assert again["events"] == {
        "OrderPlaced": {"version": 2, "key": "order_id", "channel": "shop.orders", "fields": {"order_id": "string"}},
        "ReserveStock": {"version": 1, "kind": "command", "channel": "shop.stock.commands"},
        "StockReserved": {"version": 3, "kind": "reply"},
    }
    original = model_of(text)
    assert {n: s.publishes for n, s in model_of(yaml.safe_dump(again)).services.items()} == {
        n: s.publishes for n, s in original.services.items()}


def test_the_round_trip_adds_no_findings(tmp_path: Any) -> None:
    """Exported and imported again, the model lints as before: no invented unversioned or command findings."""
    import json
    from pathlib import Path

    from advisor.lint import lint_text

    text = ("version: 2\nservices: {a: {publishes: [E, Do]}, b: {consumes: [E, Do]}, c: {consumes: [E]}}\n"
            "events: {E: {version: 1, key: id, fields: {id: string}}, Do: {version: 4, kind: command}}\n")
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(asyncapi_document(model_of(text))), encoding="utf-8")
    merged, _ = imported(path)

    def rules(model: str) -> list[str]:
        return sorted(f"{f.rule}: {f.message}" for f in lint_text(model, "a.yaml", None, Path(".")))

    assert rules(merged.text) == rules(text)
    assert not any(r.startswith(("unversioned-event", "command-as-event")) for r in rules(merged.text))
