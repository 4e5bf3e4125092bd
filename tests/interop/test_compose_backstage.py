"""Compose (dockersamples/example-voting-app) and Backstage (backstage example catalog) imports."""

from __future__ import annotations

from pathlib import Path

from tests.interop.support import FIXTURES, imported

VOTING = FIXTURES / "compose" / "docker-compose.yml"
CATALOG = FIXTURES / "backstage" / "catalog.yaml"


def test_compose_services_without_the_datastores() -> None:
    merged, data = imported(VOTING)
    assert set(data["services"]) == {"vote", "result", "worker", "seed"}
    assert data["services"]["seed"]["calls"] == ["vote"]  # depends_on an application service
    assert "calls" not in data["services"]["worker"]  # redis and db are datastores
    assert {n.message.split(" ")[0] for n in merged.notes} == {"redis", "db"}


def test_compose_environment_wiring_replicas_and_labels(tmp_path: Path) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text("""\
services:
  web:
    image: shop/web
    environment:
      ORDERS_URL: http://orders:8080/api
      GREETING: hello
    labels: [owner=team-web]
  orders:
    image: shop/orders
    deploy: {replicas: 3}
    environment: ["DB=postgres://db:5432/orders"]
  db:
    image: postgres:16
""", encoding="utf-8")
    _, data = imported(path)
    assert data["services"]["web"] == {"replicas": 1, "owner": "team-web",
                                       "calls": [{"service": "orders", "protocol": "http"}]}
    assert data["services"]["orders"] == {"replicas": 3}


def test_backstage_components_owners_and_api_calls() -> None:
    merged, data = imported(CATALOG)
    services = data["services"]
    assert set(services) == {"artist-lookup", "wayback-search", "wayback-archive", "wayback-archive-ingestion",
                             "wayback-archive-storage", "queue-proxy"}
    assert services["wayback-search"]["owner"] == "team-a"
    # wayback-search consumes the openapi API that wayback-archive provides
    assert services["wayback-search"]["calls"] == [{"service": "wayback-archive", "protocol": "http"}]
    notes = [n.message for n in merged.notes]
    assert any(m.startswith("dependsOn resource:artists-db") for m in notes)
    assert any(m.startswith("subcomponentOf wayback-archive") for m in notes)


def test_one_system_of_all_components_names_the_model(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog-info.yaml"
    catalog.write_text("""\
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: a}
spec: {type: service, owner: group:default/team-a, system: shop, dependsOn: [component:b]}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: b}
spec: {type: service, owner: user:jane, system: shop}
""", encoding="utf-8")
    merged, data = imported(catalog, text="version: 2\nservices:\n  a: {}\n")
    assert data["system"] == "shop" and merged.text.index("system:") < merged.text.index("services:")
    assert data["services"] == {"a": {"owner": "team-a", "calls": ["b"]}, "b": {"owner": "jane"}}


def test_compose_bare_hosts_in_address_variables_and_unmapped_addresses(tmp_path: Path) -> None:
    path = tmp_path / "compose.yaml"
    path.write_text("""\
services:
  web:
    image: shop/web
    environment:
      - PAYMENTS_HOST=payments
      - CACHE_HOST=cache
      - SEARCH_URL=http://search:9200
      - GREETING=payments
      - PUBLIC_URL=http://web:8080/
  payments:
    image: shop/payments
  cache:
    image: redis:7
""", encoding="utf-8")
    merged, data = imported(path)
    assert data["services"]["web"]["calls"] == ["payments"]
    notes = [n.message for n in merged.notes]
    assert "CACHE_HOST=cache: cache runs redis, a datastore or broker; not a call" in notes
    assert "SEARCH_URL=http://search:9200: no service search in this file; not a call" in notes
    assert "PUBLIC_URL=http://web:8080/: web is this service itself; not a call" in notes
