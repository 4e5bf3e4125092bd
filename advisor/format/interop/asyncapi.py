"""AsyncAPI 2.6 and 3.0 -> a service's publishes and consumes, and the events' details.

A document describes one application (the service: --service, else its info.title).
In 3.0 `send` operations publish and `receive` operations consume; in 2.x the verbs
are the other way round from the application's view (`subscribe` = it sends). Message
ids name the events; a channel address other than the event's name becomes its
`channel`; payload properties become fields; a Kafka message binding whose key schema
names a field (its `title`) becomes the event's key; the message extensions
`x-advisor-version` and `x-advisor-kind` (as `advisor export` writes them) its version and kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from advisor.errors import InputError
from advisor.format.interop.facts import Facts, Recorder, listing, mapping, text
from advisor.format.interop.sources import Source
from advisor.format.loader import NodePath
from advisor.format.schema import CHANNEL_PATTERN, EVENT_KINDS
from advisor.names import model_name, slug

SERVICE_EXTENSION = "x-advisor-service"
VERSION_EXTENSION = "x-advisor-version"  # a message's event version (written by `advisor export`)
KIND_EXTENSION = "x-advisor-kind"  # a message's event kind: event, command or reply
FIELD_TYPES = ("string", "integer", "number", "boolean", "object", "array")
_MAX_HOPS = 32
# service, send|receive, event, where its message is, where the operation is, (address, where)
Operation = tuple[str, str, str, NodePath, NodePath, tuple[str, NodePath]]


class Dangling(Exception):
    """A local `$ref` that points to nothing in its document."""

    def __init__(self, ref: str, at: NodePath) -> None:
        super().__init__(ref)
        self.ref = ref
        self.at = at


def resolve(data: Any, value: Any, at: NodePath) -> tuple[Any, NodePath]:
    """Follow local `$ref`s (`#/components/...`); an external one is left as it is.

    Raises Dangling (with where the reference is written) when a local one points to nothing.
    """
    for _ in range(_MAX_HOPS):
        ref = value.get("$ref") if isinstance(value, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return value, at
        node: Any = data
        path: NodePath = ()
        for raw in ref[2:].split("/"):
            part = raw.replace("~1", "/").replace("~0", "~")
            node = node.get(part) if isinstance(node, dict) else None
            path = (*path, part)
        if node is None:
            raise Dangling(ref, (*at, "$ref"))
        value, at = node, path
    return value, at


def read(sources: list[Source], facts: Facts, options: Any) -> None:
    """Record the services and events of AsyncAPI documents."""
    for source in sources:
        rec = Recorder(source.document, facts)
        try:
            _Document(source, rec, getattr(options, "service", "")).read()
        except Dangling as broken:
            raise InputError(f"$ref {broken.ref!r} points to nothing in this document", rec.at(broken.at)) from None


class _Document:
    def __init__(self, source: Source, rec: Recorder, service: str) -> None:
        self.data: dict[str, Any] = source.document.data
        self.rec = rec
        self.service = service
        self.external = False

    def read(self) -> None:
        version = str(self.data.get("asyncapi", ""))
        if not version.startswith(("2.", "3.")):
            self.rec.note(f"AsyncAPI {version}: only versions 2 and 3 are read", ("asyncapi",))
            return
        default = self.service or self._title_name()
        operations = self._operations_v3() if version.startswith("3.") else self._operations_v2()
        for service, action, event, message, at, (address, address_at) in operations:
            name = service or default
            if not name:
                self.rec.note("no service to give this operation to: pass --service", at)
                continue
            self.rec.declare(("services", name), at)
            self.rec.add(("services", name, "publishes" if action == "send" else "consumes"), event, at)
            self._event(event, message)
            self._channel(event, address, address_at)
        if self.external:
            self.rec.note("references to other files are not followed: fields and keys there are not imported")

    def _title_name(self) -> str:
        title = text(mapping(self.data.get("info")).get("title"))
        return model_name(title) if model_name(title) == title else model_name(slug(title, ""))

    def _channel(self, event: str, address: str, at: NodePath) -> None:
        """The channel's address, where it is not simply the event's name."""
        if not address or address == event:
            return
        if re.fullmatch(CHANNEL_PATTERN, address):
            self.rec.set(("events", event, "channel"), address, at)
        else:
            self.rec.note(f"channel address {address!r} is not one the model can hold: not imported", at)

    def _operations_v3(self) -> Iterator[Operation]:
        for op_id, op in mapping(self.data.get("operations")).items():
            at: NodePath = ("operations", op_id)
            if not isinstance(op, dict) or op.get("action") not in ("send", "receive"):
                self.rec.note(f"operation {op_id}: no send/receive action", at)
                continue
            if "reply" in op:
                self.rec.note(f"operation {op_id}: its reply is not imported (the model has no request/reply)",
                              (*at, "reply"))
            channel, channel_at = resolve(self.data, op.get("channel"), (*at, "channel"))
            refs = op.get("messages") if isinstance(op.get("messages"), list) else None
            if refs is None:  # no list: every message of the channel
                messages = channel.get("messages") if isinstance(channel, dict) else None
                refs = [{"$ref": "#/" + "/".join(map(str, (*channel_at, "messages", k)))}
                        for k in (messages or {})] if isinstance(messages, dict) else []
            for i, ref in enumerate(refs):
                pointer = ref.get("$ref") if isinstance(ref, dict) else None
                event = model_name(pointer.rsplit("/", 1)[-1]) if isinstance(pointer, str) else ""
                if not event:
                    self.rec.note(f"operation {op_id}: a message without a usable id", (*at, "messages", i))
                    continue
                service = text(op.get(SERVICE_EXTENSION))
                _, message_at = resolve(self.data, ref, (*at, "messages", i))
                address = text(channel.get("address")) if isinstance(channel, dict) else ""
                yield model_name(service), str(op["action"]), event, message_at, (*at, "action"), (
                    address,
                    (*channel_at, "address"),
                )

    def _operations_v2(self) -> Iterator[Operation]:
        for address, channel in mapping(self.data.get("channels")).items():
            for verb, action in (("subscribe", "send"), ("publish", "receive")):
                op = channel.get(verb) if isinstance(channel, dict) else None
                if not isinstance(op, dict):
                    continue
                at: NodePath = ("channels", address, verb)
                message = op.get("message")
                several = isinstance(message, dict) and "oneOf" in message
                choices = listing(mapping(message).get("oneOf")) if several else [message]
                for i, choice in enumerate(choices):
                    choice_at = (*at, "message", "oneOf", i) if several else (*at, "message")
                    body, body_at = resolve(self.data, choice, choice_at)
                    event = self._v2_name(choice, body)
                    if not event:
                        self.rec.note(f"channel {address}: a message without a name", choice_at)
                        continue
                    yield "", action, event, body_at, at, (str(address), ("channels", address))

    @staticmethod
    def _v2_name(choice: Any, body: Any) -> str:
        ref = choice.get("$ref") if isinstance(choice, dict) else None
        if isinstance(ref, str) and ref.startswith("#/components/messages/"):
            return model_name(ref.rsplit("/", 1)[-1])
        for key in ("messageId", "name"):
            if isinstance(body, dict) and isinstance(body.get(key), str):
                return model_name(body[key])
        return ""

    def _event(self, event: str, at: NodePath) -> None:
        message, at = resolve(self.data, _get(self.data, at), at)
        path = ("events", event)
        self.rec.declare(path, at)
        if not isinstance(message, dict):
            self.external = self.external or isinstance(_get(self.data, at), dict)
            return
        if isinstance(message.get("$ref"), str):
            self.external = True
            return
        text = message.get("summary") or message.get("description")
        if isinstance(text, str) and text.strip():
            self.rec.set((*path, "description"), " ".join(text.split()), (*at, "summary" if "summary" in message
                                                                            else "description"))
        self._fields(path, message, at)
        self._key(path, message, at)
        self._extensions(path, message, at)

    def _extensions(self, path: tuple[str, ...], message: dict[str, Any], at: NodePath) -> None:
        """The event's version and kind, from the extensions `advisor export` writes."""
        version = message.get(VERSION_EXTENSION)
        if isinstance(version, int) and not isinstance(version, bool) and version >= 1:
            self.rec.set((*path, "version"), version, (*at, VERSION_EXTENSION))
        elif VERSION_EXTENSION in message:
            self.rec.note(f"{VERSION_EXTENSION} {str(version)[:40]!r} is not a version (a whole number from 1); "
                          "not imported", (*at, VERSION_EXTENSION))
        kind = message.get(KIND_EXTENSION)
        if kind in EVENT_KINDS:
            self.rec.set((*path, "kind"), kind, (*at, KIND_EXTENSION))
        elif KIND_EXTENSION in message:
            self.rec.note(f"{KIND_EXTENSION} {str(kind)[:40]!r} is not one of {', '.join(EVENT_KINDS)}; not imported",
                          (*at, KIND_EXTENSION))

    def _fields(self, path: tuple[str, ...], message: dict[str, Any], at: NodePath) -> None:
        payload, payload_at = resolve(self.data, message.get("payload"), (*at, "payload"))
        if isinstance(payload, dict) and "schema" in payload and "schemaFormat" in payload:  # 3.0 multi-format
            payload, payload_at = resolve(self.data, payload["schema"], (*payload_at, "schema"))
        properties = payload.get("properties") if isinstance(payload, dict) else None
        if isinstance(payload, dict) and isinstance(payload.get("$ref"), str):
            self.external = True
        for name, schema in (properties or {}).items() if isinstance(properties, dict) else ():
            resolved, _ = resolve(self.data, schema, (*payload_at, "properties", name))
            kind = resolved.get("type") if isinstance(resolved, dict) else None
            field = model_name(str(name))
            if field and kind in FIELD_TYPES:
                self.rec.set((*path, "fields", field), kind, (*payload_at, "properties", name))

    def _key(self, path: tuple[str, ...], message: dict[str, Any], at: NodePath) -> None:
        kafka = mapping(mapping(message.get("bindings")).get("kafka"))
        key, key_at = resolve(self.data, kafka.get("key"), (*at, "bindings", "kafka", "key"))
        if not isinstance(key, dict):
            return
        title = key.get("title")
        if isinstance(title, str) and model_name(title) == title:
            self.rec.set((*path, "key"), title, key_at)
        else:
            self.rec.note("a Kafka message key without a field name (its schema's title): key not imported", key_at)


def _get(data: Any, at: NodePath) -> Any:
    for part in at:
        data = data.get(part) if isinstance(data, dict) else (
            data[part] if isinstance(data, list) and isinstance(part, int) and part < len(data) else None)
    return data
