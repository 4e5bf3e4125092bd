"""Record folders built by the tests: adr-tools style, MADR style, mixed."""

from __future__ import annotations

from pathlib import Path

# What adr-tools writes (its own test expectations), including its "Superceded" spelling.
ADR_TOOLS_FIRST = """# 1. First Record

Date: 1992-01-12

## Status

Superceded by [2. Second Record](0002-second-record.md)

## Context

The issue motivating this decision.

## Decision

We will use choreography.

## Consequences

Some.
"""

ADR_TOOLS_SECOND = """# 2. Second Record

Date: 1992-01-12

## Status

Accepted

Supercedes [1. First Record](0001-first-record.md)

## Context

Context.

## Decision

We will use orchestration for checkout.

## Consequences

Some.
"""

MADR_ACCEPTED = """---
status: accepted
date: 2024-03-01
decision-makers: [alice, bob]
---

# Use Kafka between bounded contexts

## Context and Problem Statement

Why.

## Considered Options

* Orchestration
* Choreography

## Decision Outcome

Chosen option: "Choreography", because the teams deploy independently.
"""

MADR_PROPOSED = """---
status: proposed
date: 2024-04-01
---

# Orchestrate checkout

## Context and Problem Statement

Why.

## Decision Outcome

Chosen option: "Orchestration (Temporal)", because compensation matters.
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    """Write files into folder (made if missing) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def adr_tools_project(root: Path) -> Path:
    """A project initialised by adr-tools in a custom folder, with a supersede already done."""
    (root / ".adr-dir").write_text("doc/architecture/decisions\n", encoding="utf-8")
    return write(
        root / "doc/architecture/decisions",
        {
            "0001-first-record.md": ADR_TOOLS_FIRST,
            "0002-second-record.md": ADR_TOOLS_SECOND,
        },
    )


def madr_project(root: Path) -> Path:
    """A project with MADR records in docs/decisions."""
    return write(
        root / "docs/decisions",
        {
            "0001-use-kafka-between-bounded-contexts.md": MADR_ACCEPTED,
            "0002-orchestrate-checkout.md": MADR_PROPOSED,
            "README.md": "# Decisions\n\nHand-written.\n",
            "template.md": "# {title}\n",
        },
    )


def mixed_project(root: Path) -> Path:
    """Both kinds of record in one folder, as after moving from adr-tools to MADR."""
    return write(
        root / "docs/adr",
        {
            "0001-first-record.md": ADR_TOOLS_FIRST.replace(
                "Superceded by [2. Second Record](0002-second-record.md)", "Accepted"
            ),
            "0002-orchestrate-checkout.md": MADR_PROPOSED,
        },
    )
