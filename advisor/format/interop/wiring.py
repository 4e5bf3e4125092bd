"""Reading deployment wiring: which images are datastores or engines, which values name a host."""

from __future__ import annotations

import re

# Images that are infrastructure, not services of the system (a call to them is not a service call).
_INFRA = frozenset((
    "redis", "valkey", "postgres", "postgresql", "mysql", "mariadb", "mongo", "mongodb", "memcached",
    "cassandra", "scylla", "elasticsearch", "opensearch", "cockroach", "cockroachdb", "etcd", "minio",
    "couchdb", "neo4j", "influxdb", "dynamodb", "spanner", "firestore", "kafka", "zookeeper", "rabbitmq",
    "nats", "pulsar", "redpanda", "activemq", "artemis", "emqx", "mosquitto", "localstack",
))
# Images of workflow engines: a workload running one is an orchestrator.
_ENGINES = frozenset(("temporal", "temporalio", "zeebe", "camunda", "airflow", "conductor", "cadence"))
_PROTOCOLS = {"grpc": "grpc", "grpcs": "grpc", "h2c": "grpc", "http": "http", "https": "http",
              "http2": "http", "ws": "http", "wss": "http", "graphql": "graphql"}
_HOST = re.compile(
    r"^(?:(?P<scheme>[a-z][a-z0-9+.-]*)://)?(?:[^@/\s]+@)?(?P<host>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*)"
    r"(?::(?P<port>\d{1,5}))?(?:[/?#].*)?$",
    re.IGNORECASE,
)


def image_words(image: str) -> set[str]:
    """The words of an image's name: `confluentinc/cp-kafka:7.5` -> {confluentinc, cp, kafka}."""
    name = image.rsplit("@", 1)[0]
    name = name.rsplit(":", 1)[0] if ":" in name.rsplit("/", 1)[-1] else name
    return {w for w in re.split(r"[/_.-]+", name.lower()) if w}


def infrastructure(image: str) -> str:
    """The datastore or broker an image runs (`redis`), or "" for an application image."""
    return next(iter(sorted(image_words(image) & _INFRA)), "")


def engine(image: str) -> str:
    """The workflow engine an image runs (`temporal`), or ""."""
    return next(iter(sorted(image_words(image) & _ENGINES)), "")


def protocol_of(name: str) -> str:
    """A port name, scheme or appProtocol as a model protocol (`grpc-web` -> grpc), or ""."""
    lowered = name.lower().removeprefix("kubernetes.io/")
    head = re.split(r"[-_]", lowered, maxsplit=1)[0]
    return _PROTOCOLS.get(lowered) or _PROTOCOLS.get(head, "")


# Environment variable names that say their value is an address: CART_SERVICE_ADDR, PAYMENTS_HOST.
_ADDRESS_NAME = re.compile(r"(^|[_.-])(HOST|HOSTNAME|ADDR|ADDRESS|URL|URI|ENDPOINT|SERVER|SVC)$", re.IGNORECASE)
_LOCAL = re.compile(r"^(localhost|0\.0\.0\.0|127(\.\d+){3})$")


def address_name(name: str) -> bool:
    """Whether an environment variable's name says it holds an address (`PAYMENTS_HOST`)."""
    return bool(_ADDRESS_NAME.search(name))


def local_host(host: str) -> bool:
    """The workload's own address (`localhost`, `0.0.0.0`): never a call."""
    return bool(_LOCAL.match(host))


def host_in(value: str, *, named: bool = False) -> tuple[str, int | None, str] | None:
    """(host, port, scheme) when a whole value is an address (`cart:7070`, `http://cart/x`), else None.

    A bare word (`payments`) is an address only when the variable's name says so (`named`).
    """
    match = _HOST.match(value.strip())
    if not match or (not match.group("port") and not match.group("scheme") and not named):
        return None  # a bare word is not evidence of an address
    port = int(match.group("port")) if match.group("port") else None
    return match.group("host").lower(), port, (match.group("scheme") or "").lower()
