"""Kubernetes manifests of GoogleCloudPlatform/microservices-demo: workloads, replicas, gRPC wiring."""

from __future__ import annotations

from advisor.format.interop.kubernetes import read
from tests.interop.support import FIXTURES, imported, source_line

DEMO = FIXTURES / "kubernetes" / "microservices-demo"
RELEASE = FIXTURES / "kubernetes" / "release-kubernetes-manifests.yaml"
SERVICES = {"adservice", "cartservice", "checkoutservice", "currencyservice", "emailservice", "frontend",
            "loadgenerator", "paymentservice", "productcatalogservice", "recommendationservice", "shippingservice"}


def calls(data: dict, service: str) -> dict[str, str]:
    return {(c["service"] if isinstance(c, dict) else c): (c.get("protocol", "") if isinstance(c, dict) else "")
            for c in data["services"][service].get("calls", [])}


def test_workloads_become_services_and_datastores_do_not() -> None:
    merged, data = imported(DEMO)
    assert set(data["services"]) == SERVICES  # redis-cart runs redis: a datastore
    assert all(s["replicas"] == 1 for s in data["services"].values())
    assert any("redis-cart runs redis" in n.message for n in merged.notes)


def test_addresses_in_environment_become_calls_with_the_port_protocol() -> None:
    _, data = imported(DEMO)
    assert calls(data, "checkoutservice") == {
        "productcatalogservice": "grpc", "shippingservice": "grpc", "paymentservice": "grpc",
        "emailservice": "grpc", "currencyservice": "grpc", "cartservice": "grpc"}
    assert calls(data, "loadgenerator") == {"frontend": "http"}  # the frontend Service's port is named http
    assert "calls" not in data["services"]["cartservice"]  # REDIS_ADDR names a datastore


def test_each_call_is_reported_at_the_line_that_wires_it() -> None:
    merged, _ = imported(DEMO)
    entry = next(e for e in merged.entries
                 if e.path == ("services", "checkoutservice", "calls") and e.value["service"] == "paymentservice")
    assert entry.source.path.endswith("checkoutservice.yaml")
    assert '"paymentservice:50051"' in source_line(entry.source.path, entry.source.line)


def test_one_multi_document_stream_reads_like_the_folder() -> None:
    _, from_folder = imported(DEMO)
    _, from_stream = imported(RELEASE)
    assert set(from_stream["services"]) == SERVICES
    for service in SERVICES:
        assert calls(from_stream, service) == calls(from_folder, service)


def test_replicas_namespaces_owners_and_engines() -> None:
    text = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: orders, namespace: shop, labels: {team: team-orders}}
spec:
  replicas: 3
  selector: {matchLabels: {app: orders}}
  template:
    metadata: {labels: {app: orders}}
    spec:
      containers:
        - name: app
          image: orders:1
          env:
            - {name: PAY_URL, value: "http://payments.shop.svc.cluster.local:8080/v1"}
            - {name: OTHER_NS, value: "payments:8080"}
            - {name: GREETING, value: "payments"}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: payments, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: payments}}
  template:
    metadata: {labels: {app: payments}}
    spec: {containers: [{name: app, image: "temporalio/server:1.24"}]}
---
apiVersion: v1
kind: Service
metadata: {name: payments, namespace: shop}
spec:
  selector: {app: payments}
  ports: [{name: web, port: 8080, appProtocol: grpc}]
"""
    from advisor.format.interop.facts import Facts
    from advisor.format.interop.sources import Source
    from advisor.format.loader import load_all_text

    facts = Facts()
    read([Source(d, "kubernetes", True) for d in load_all_text(text, "k.yaml")], facts)
    values = {(f.op, f.path): f.value for f in facts.facts}
    assert values[("set", ("services", "orders", "replicas"))] == 3
    assert values[("set", ("services", "orders", "owner"))] == "team-orders"
    assert values[("set", ("services", "payments", "role"))] == "orchestrator"  # runs a workflow engine
    added = [f.value for f in facts.facts if f.op == "add"]
    # the URL's scheme wins over the port's appProtocol; a bare word is no address
    assert added == [{"service": "payments", "protocol": "http"}, {"service": "payments", "protocol": "grpc"}]


def test_an_autoscaler_floor_is_the_replica_count() -> None:
    from advisor.format.interop.facts import Facts
    from advisor.format.interop.sources import Source
    from advisor.format.loader import load_all_text

    text = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: orders}
spec:
  replicas: 1
  template: {metadata: {labels: {app: orders}}, spec: {containers: [{name: a, image: orders}]}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: orders}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: orders}
  minReplicas: 3
  maxReplicas: 10
"""
    facts = Facts()
    read([Source(d, "kubernetes", True) for d in load_all_text(text, "k.yaml")], facts)
    (replicas,) = [f for f in facts.facts if f.path == ("services", "orders", "replicas")]
    assert replicas.value == 3 and "HorizontalPodAutoscaler" in replicas.detail
    assert text.splitlines()[replicas.source.line - 1] == "  minReplicas: 3"


def read_text_manifests(text: str) -> tuple[list, list[str]]:
    """The facts and the notes of manifests given as text."""
    from advisor.format.interop.facts import Facts
    from advisor.format.interop.sources import Source
    from advisor.format.loader import load_all_text

    facts = Facts()
    read([Source(d, "kubernetes", True) for d in load_all_text(text, "k.yaml")], facts)
    return facts.facts, [n.message for n in facts.notes]


def deployment(name: str, env: str = "[]", namespace: str = "") -> str:
    meta = f"{{name: {name}, namespace: {namespace}}}" if namespace else f"{{name: {name}}}"
    return f"""apiVersion: apps/v1
kind: Deployment
metadata: {meta}
spec:
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec: {{containers: [{{name: app, image: "shop/{name}:1", env: {env}}}]}}
"""


def service(name: str, spec: str, namespace: str = "") -> str:
    meta = f"{{name: {name}, namespace: {namespace}}}" if namespace else f"{{name: {name}}}"
    return f"apiVersion: v1\nkind: Service\nmetadata: {meta}\nspec: {spec}\n"


def test_namespace_qualified_hosts_match_manifests_without_a_namespace() -> None:
    # helm template output: no metadata.namespace anywhere, the release's namespace in the URLs
    env = '[{name: CART_URL, value: "http://cart.shop.svc.cluster.local:8080/api"}, ' \
          '{name: PAY, value: "payments.shop:9000"}]'
    text = "---\n".join([deployment("web", env), deployment("cart"), deployment("payments"),
                         service("cart", "{selector: {app: cart}, ports: [{name: http, port: 8080}]}"),
                         service("payments", "{selector: {app: payments}, ports: [{name: grpc, port: 9000}]}")])
    facts, notes = read_text_manifests(text)
    assert [f.value for f in facts if f.op == "add"] == [{"service": "cart", "protocol": "http"},
                                                        {"service": "payments", "protocol": "grpc"}]
    assert notes == []


def test_a_host_in_another_declared_namespace_is_reported_not_matched() -> None:
    env = '[{name: CART_URL, value: "http://cart.shop.svc.cluster.local:8080/api"}]'
    text = "---\n".join([deployment("web", env, "default"), deployment("cart", namespace="default"),
                         service("cart", "{selector: {app: cart}, ports: [{port: 8080}]}", "default")])
    facts, notes = read_text_manifests(text)
    assert [f for f in facts if f.op == "add"] == []
    assert notes == ["CART_URL=http://cart.shop.svc.cluster.local:8080/api: Service cart is in namespace default, "
                     "not shop; not a call"]


def test_a_service_without_a_selector_calls_the_workload_of_its_name() -> None:
    env = '[{name: LEDGER_ADDR, value: "ledger:7000"}, {name: BILLING_ADDR, value: "billing:7000"}]'
    text = "---\n".join([deployment("web", env), deployment("ledger"),
                         service("ledger", "{ports: [{name: grpc, port: 7000}]}"),
                         service("billing", "{type: ExternalName, externalName: billing.example.com}")])
    facts, notes = read_text_manifests(text)
    (call,) = [f for f in facts if f.op == "add"]
    assert call.value == {"service": "ledger", "protocol": "grpc"}
    assert call.detail == "Service ledger has no selector: the workload of its name"
    assert notes == ["BILLING_ADDR=billing:7000: Service billing selects no workload of these manifests; not a call"]


def test_every_address_that_becomes_no_call_is_reported() -> None:
    env = '[{name: SEARCH_URL, value: "http://search:9200"}, {name: API, value: "https://api.example.com/v1"}, ' \
          '{name: PAYMENTS_HOST, value: payments}, {name: GREETING, value: hello}, ' \
          '{name: LISTEN_ADDR, value: "0.0.0.0:8080"}, {name: SELF_URL, value: "http://web:80"}]'
    facts, notes = read_text_manifests("---\n".join([deployment("web", env), deployment("payments"),
                                                     service("payments", "{selector: {app: payments}}"),
                                                     service("web", "{selector: {app: web}}")]))
    assert [f.value for f in facts if f.op == "add"] == ["payments"]  # the name says PAYMENTS_HOST is an address
    assert notes == ["SEARCH_URL=http://search:9200: no Service search in these manifests; not a call",
                     "API=https://api.example.com/v1: api.example.com is not a Service host of the cluster; "
                     "not a call",
                     "SELF_URL=http://web:80: web is this workload itself; not a call"]


def test_the_demo_reports_the_addresses_it_cannot_map() -> None:
    merged, _ = imported(DEMO)
    notes = [n.message for n in merged.notes]
    assert "SHOPPING_ASSISTANT_SERVICE_ADDR=shoppingassistantservice:80: no Service shoppingassistantservice " \
           "in these manifests; not a call" in notes
    assert "REDIS_ADDR=redis-cart:6379: redis-cart runs redis, a datastore or broker; not a call" in notes


def test_an_autoscaler_in_a_named_namespace_scales_a_workload_without_one() -> None:
    hpa = """apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: cart, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cart}, minReplicas: 2, maxReplicas: 5}
"""
    facts, _ = read_text_manifests("---\n".join([deployment("cart"), hpa]))
    (replicas,) = [f for f in facts if f.path == ("services", "cart", "replicas")]
    assert replicas.value == 2
