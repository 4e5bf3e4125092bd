"""Helpers for the scaffold target tests: models from text, starters rendered to disk."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from advisor.format.model import Architecture, load_architecture
from advisor.scaffold import get_target
from advisor.scaffold.engine import make_starter, plan_starter, write_starter
from tests.conftest import example_file

AWKWARD_MODEL = '''\
version: 1
system: Zürich.platform
services:
  order-service:
    owner: 'team "orders" */ \\\\ """'
    publishes: [Order.Placed, lambda]
    outbox: true
  search_indexer:
    consumes: [Order.Placed]
    publishes: [class]
    idempotent: true
  search-indexer:
    consumes: [Order.Placed, class]
    idempotent: true
  class:
    consumes: [class, lambda]
    publishes: [Ünïcode-Event]
  import:
    consumes: [Ünïcode-Event]
    publishes: [Order.Placed]
events:
  Order.Placed:
    version: 3
    key: order-id
    fields: {order-id: string, total: number, express: boolean}
  class:
    key: default
  lambda: {}
  Ünïcode-Event:
    fields: {items: array, meta: object, count: integer}
'''


def model_from(text: str, tmp_path: Path) -> Architecture:
    """The model of an architecture file with this text."""
    path = tmp_path / "architecture.yaml"
    path.write_text(text, encoding="utf-8")
    return load_architecture(path).model


def newsroom_model() -> Architecture:
    """The choreography example's model."""
    return load_architecture(example_file("newsroom-choreography.yaml")).model


def example_model(which: str, tmp_path: Path) -> Architecture:
    """`newsroom`, `awkward` or an EDGE_MODELS name, as a model."""
    if which == "newsroom":
        return newsroom_model()
    return model_from({"awkward": AWKWARD_MODEL, **EDGE_MODELS}[which], tmp_path)


def model_of(path: Path) -> Architecture:
    """The model of an architecture file."""
    return load_architecture(path).model


def render(model: Architecture, target: str) -> Mapping[str, str]:
    """A target's files for a model."""
    return get_target(target).files(make_starter(model, target))


def generate(model: Architecture, target: str, out: Path) -> Path:
    """Write a target's starter under out."""
    write_starter(plan_starter(model, target, out))
    return out


def as_text(files: Mapping[str, str]) -> str:
    """All files of a starter in one text, for a golden file."""
    return "".join(f"==> {path} <==\n{files[path]}\n" for path in sorted(files))


def run_pytest(starter: Path, *args: str, python: str = sys.executable) -> str:
    """Run pytest in a starter; return its output (assert it passed)."""
    result = subprocess.run([python, "-m", "pytest", "-p", "no:cacheprovider", *args],
                            cwd=starter, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    return output


# Models at the edges: events but no services; one service and nothing else.
EDGE_MODELS = {
    "events-only": "version: 1\nsystem: bare\nevents:\n  Thing.Happened: {key: id}\n",
    "one-service": "version: 1\nsystem: solo\nservices:\n  lonely: {}\n",
}


# Format version 2: declared reactions, a consumer policy, per-key ordering, and a service
# without `reacts` (its handler must publish nothing).
MARKETPLACE_MODEL = '''\
version: 2
system: marketplace
traits: {ordering: high}
services:
  listings:
    publishes: [ListingWithdrawn]
    outbox: true
  offers:
    consumes: [ListingWithdrawn, OfferMade]
    publishes: [OfferAccepted, OfferCancelled]
    reacts:
      OfferMade: {publishes: [OfferAccepted]}
      ListingWithdrawn: {publishes: [OfferCancelled]}
    idempotent: true
    outbox: true
    consumer: {retries: 4, dead_letter: true}
  payments:
    consumes: [OfferAccepted]
    publishes: [PaymentSettled]
    reacts:
      OfferAccepted: {publishes: [PaymentSettled]}
    idempotent: true
  shipping:
    consumes: [PaymentSettled, ListingWithdrawn]
    publishes: [ParcelShipped]
    idempotent: true
  buyers:
    publishes: [OfferMade]
events:
  ListingWithdrawn: {version: 1, key: listing_id}
  OfferMade: {version: 1, key: listing_id, fields: {listing_id: string, offer_id: string, price: number}}
  OfferAccepted: {version: 1, key: listing_id, fields: {listing_id: string, offer_id: string, price: number}}
  OfferCancelled: {version: 1, key: offer_id, fields: {offer_id: string, listing_id: string}}
  PaymentSettled: {version: 2, key: order_id, fields: {order_id: string, offer_id: string, amount: number}}
  ParcelShipped: {version: 1, key: order_id}
'''
