"""Run the Temporal workers of web-shop-checkout: one per task queue.

    python worker.py                  # every queue in one process (local development)
    python worker.py checkout  # only some queues (one deployment per service)

TEMPORAL_ADDRESS (default localhost:7233) and TEMPORAL_NAMESPACE (default `default`)
say where the Temporal service is.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from temporalio.client import Client
from temporalio.worker import Worker

import activities
import workflows

ActivityMap = Mapping[str, Sequence[Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]]]


async def connect() -> Client:
    """A client for the Temporal service named by the environment."""
    return await Client.connect(
        os.environ.get("TEMPORAL_ADDRESS", "localhost:7233"),
        namespace=os.environ.get("TEMPORAL_NAMESPACE", "default"),
    )


def queues() -> list[str]:
    """Every task queue: the orchestrators' and the services'."""
    return sorted(set(workflows.WORKFLOWS_BY_QUEUE) | set(activities.ACTIVITIES_BY_QUEUE))


def build_workers(
    client: Client,
    only: Sequence[str] = (),
    activities_by_queue: ActivityMap = activities.ACTIVITIES_BY_QUEUE,
) -> list[Worker]:
    """One worker per task queue (or per queue in `only`), with its workflows and activities."""
    return [
        Worker(
            client,
            task_queue=queue,
            workflows=workflows.WORKFLOWS_BY_QUEUE.get(queue, []),
            activities=list(activities_by_queue.get(queue, [])),
        )
        for queue in queues()
        if not only or queue in only
    ]


async def main(only: Sequence[str]) -> None:
    """Run the workers until interrupted."""
    unknown = sorted(set(only) - set(queues()))
    if unknown:
        raise SystemExit(f"unknown task queue(s) {', '.join(unknown)}; known: {', '.join(queues())}")
    running = build_workers(await connect(), only)
    await asyncio.gather(*(worker.run() for worker in running))


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1:]))
    except KeyboardInterrupt:
        pass
