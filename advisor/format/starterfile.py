"""The commented starter architecture file written by `advisor init`."""

from __future__ import annotations

import textwrap

from advisor import names
from advisor.decision.catalogue import Catalogue, load_catalogue, show_answer

_TAIL = """
# What was decided; `advisor decide` fills this in.
# decision:
#   style: orchestration          # orchestration | choreography | hybrid
#   target: temporal              # a scaffold target (advisor scaffold --help)
#   adr: docs/decisions/0001-....md

# services:                       # service name -> details
#   checkout:
#     owner: team-checkout
#     role: orchestrator          # orchestrator | participant (default) | gateway
#     replicas: 2
#     managed: false              # true for a managed engine (Step Functions, ...)
#     calls:                      # synchronous requests
#       - payments
#       - {service: catalog, protocol: grpc}   # http | grpc | graphql | other
#   payments:
#     owner: team-payments
#     datastore: true             # owns a database (default true)
#     consumes: [OrderPlaced]
#     publishes: [PaymentCaptured]
#     reacts:                     # consumed event -> what handling it does
#       OrderPlaced: {publishes: [PaymentCaptured]}
#     consumer: {retries: 5, dead_letter: true}   # a message that keeps failing
#     idempotent: true            # de-duplicates redelivered messages
#     outbox: true                # publishes through a transactional outbox

# events:                         # event name -> details
#   PaymentCaptured:
#     version: 1
#     key: order_id               # partition / ordering key
#     kind: event                 # event | command | reply

# flows:                          # business flow name -> details
#   place-order:
#     style: orchestration        # orchestration | choreography
#     orchestrator: checkout      # required for orchestration
#     timeout: 10m                # a deadline, for choreographed flows too
#     traits: {long_running: low} # this flow's own answers, if they differ
#     steps:
#       - {service: catalog, action: get-prices, kind: query}   # reads only
#       - service: payments
#         action: capture
#         compensation: refund    # undo if a later step fails
#       - {service: shipping, action: ship, kind: pivot}        # go/no-go
#       - {service: email, action: confirm, kind: retriable, critical: false}
"""


def starter_text(system: str, catalogue: Catalogue | None = None) -> str:
    """A valid architecture file with every trait explained, its answer left for the user to
    give: each trait is a commented line showing the default, so nothing counts as answered
    until someone uncomments it."""
    cat = catalogue or load_catalogue()
    lines = [
        "# yaml-language-server: $schema=./architecture.schema.json",
        "# advisor architecture file (format version 2). Edit the answers below, then:",
        "#   advisor score      explain the recommendation",
        "#   advisor decide     record the decision (ADR) and scaffold a starter",
        "#   advisor lint       check the model in CI",
        "# For editor completion: advisor schema > architecture.schema.json",
        "version: 2",
        f"system: {names.slug(system, 'my-system')}",
        "description: What the system does, in one sentence.",
        "",
        "# The questionnaire's answers (advisor questions). Each is commented out with its",
        "# default: uncomment and set the ones you can answer. A trait left commented is",
        "# unanswered and counts for nothing (advisor never scores a default).",
        "traits:",
    ]
    for trait in cat.traits.values():
        allowed = f"integer >= {trait.minimum}" if trait.type == "int" else " | ".join(map(show_answer, trait.choices))
        lines += [f"  # {trait.question}"]
        lines += [f"  #   {row}" for row in textwrap.wrap(trait.help, 76)]
        lines += [f"  #   answer: {allowed}   [{', '.join(trait.sources())}]"]
        lines += [f"  # {trait.id}: {show_answer(trait.default)}", ""]
    return "\n".join(lines).rstrip() + "\n" + _TAIL
