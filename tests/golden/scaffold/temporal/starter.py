"""Start a flow of web-shop-checkout on Temporal and print its result.

    python starter.py place-order '{"order_id": "42"}'

The workers (`python worker.py`) must be running against the same Temporal service.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import uuid
from typing import Any

from temporalio.client import Client

import workflows
from worker import connect


async def start(client: Client, flow: str, request: dict[str, Any]) -> dict[str, Any]:
    """Run one instance of `flow` to its end; return the results of its steps."""
    workflow_class = workflows.WORKFLOWS[flow]
    result: dict[str, Any] = await client.execute_workflow(
        workflow_class.run,
        request,
        id=f"{workflow_class.ID_PREFIX}-{uuid.uuid4()}",
        task_queue=workflow_class.TASK_QUEUE,
        execution_timeout=workflow_class.EXECUTION_TIMEOUT,
    )
    return result


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The flow to start and its request."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("flow", choices=sorted(workflows.WORKFLOWS))
    parser.add_argument("request", nargs="?", default="{}", type=json.loads,
                        help="the request as a JSON object (default {})")
    return parser.parse_args(argv)


async def main() -> None:
    """Start the flow named on the command line."""
    args = parse()
    result = await start(await connect(), args.flow, args.request)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
