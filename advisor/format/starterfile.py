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
#     role: orchestrator          # orchestrator | participant (default)
#     replicas: 2
#     calls: [payments]           # synchronous requests
#   payments:
#     owner: team-payments
#     publishes: [PaymentCaptured]
#     consumes: [OrderPlaced]
#     idempotent: true            # de-duplicates redelivered messages
#     outbox: true                # publishes through a transactional outbox

# events:                         # event name -> details
#   PaymentCaptured:
#     version: 1
#     key: order_id               # partition / ordering key

# flows:                          # business flow name -> details
#   place-order:
#     style: orchestration
#     orchestrator: checkout
#     timeout: 10m
#     steps:
#       - service: payments
#         action: capture
#         compensation: refund    # undo if a later step fails
"""


def starter_text(system: str, catalogue: Catalogue | None = None) -> str:
    """A valid, scoring architecture file with every trait explained in comments."""
    cat = catalogue or load_catalogue()
    lines = [
        "# yaml-language-server: $schema=./architecture.schema.json",
        "# advisor architecture file (format version 1). Edit the answers below, then:",
        "#   advisor score      explain the recommendation",
        "#   advisor decide     record the decision (ADR) and scaffold a starter",
        "#   advisor lint       check the model in CI",
        "# For editor completion: advisor schema > architecture.schema.json",
        "version: 1",
        f"system: {names.slug(system, 'my-system')}",
        "description: What the system does, in one sentence.",
        "",
        "# The questionnaire's answers (advisor questions). Defaults are shown; a",
        "# trait you delete counts as unanswered and contributes nothing.",
        "traits:",
    ]
    for trait in cat.traits.values():
        allowed = f"integer >= {trait.minimum}" if trait.type == "int" else " | ".join(map(show_answer, trait.choices))
        lines += [f"  # {trait.question}"]
        lines += [f"  #   {row}" for row in textwrap.wrap(trait.help, 76)]
        lines += [f"  #   answer: {allowed}   [{', '.join(trait.sources())}]"]
        lines += [f"  {trait.id}: {show_answer(trait.default)}", ""]
    return "\n".join(lines).rstrip() + "\n" + _TAIL
