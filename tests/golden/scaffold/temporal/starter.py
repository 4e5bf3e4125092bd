"""Start a flow of web-shop-checkout on Temporal and print its result.

    python starter.py place-order KEY '{"id": "42"}'

KEY is the business key of the instance (an order or claim id): the workflow id is made
from it, and Temporal refuses a second start with the same id, running or finished, so
one key never runs twice. The workers (`python worker.py`) must be running against the
same Temporal service.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy

import workflows
from worker import connect


def workflow_id(flow: str, key: str) -> str:
    """The workflow id of `flow` for one business key."""
    return f"{workflows.WORKFLOWS[flow].ID_PREFIX}-{key}"


async def start(
    client: Client, flow: str, key: str, request: dict[str, Any], *, deadline_seconds: float | None = None
) -> WorkflowHandle[Any, Any]:
    """Start one instance of `flow` for business `key` (WorkflowAlreadyStartedError when
    that key has run or runs already). No execution timeout: the flow's deadline is a
    timer inside the workflow, so reaching it compensates; `deadline_seconds` overrides it."""
    workflow_class = workflows.WORKFLOWS[flow]
    return await client.start_workflow(
        workflow_class.run,
        args=[request, deadline_seconds],
        id=workflow_id(flow, key),
        task_queue=workflow_class.TASK_QUEUE,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
    )


async def run(client: Client, flow: str, key: str, request: dict[str, Any]) -> dict[str, Any]:
    """Run one instance of `flow` to its end; return the results of its steps."""
    handle = await start(client, flow, key, request)
    result: dict[str, Any] = await handle.result()
    return result


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The flow to start and its request."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("flow", choices=sorted(workflows.WORKFLOWS))
    parser.add_argument("key", help="the business key of this instance (e.g. the order id)")
    parser.add_argument("request", nargs="?", default="{}", type=json.loads,
                        help="the request as a JSON object (default {})")
    return parser.parse_args(argv)


async def main() -> None:
    """Start the flow named on the command line."""
    args = parse()
    result = await run(await connect(), args.flow, args.key, args.request)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
