"""Temporal activities of web-shop-checkout: one per step action and per compensation.

Each activity is where the workflow calls a service. Replace the bodies with real calls
(HTTP, gRPC, a client library); raise an exception to fail the step: Temporal retries it
with the step's retry policy, then the workflow compensates; raise
`ApplicationError(..., non_retryable=True)` for a business refusal that no retry can
change. Activities may run more than once (a retry after a timeout whose call took
effect), so send `idempotency_key()` with every call that changes something and let the
service de-duplicate on it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from temporalio import activity

Request = dict[str, Any]


def idempotency_key() -> str:
    """The same for every attempt of one activity of one workflow run: workflow id + activity id."""
    info = activity.info()
    return f"{info.workflow_id}/{info.activity_id}"


@activity.defn(name='inventory.reserve')
async def inventory_reserve(request: Request) -> Request:
    """inventory.reserve: step of place-order."""
    key = idempotency_key()
    activity.logger.info("%s: %s (idempotency key %s)", 'inventory.reserve', request, key)
    # Call the inventory service here, sending `key` (e.g. as an Idempotency-Key header).
    return {"service": 'inventory', "action": 'reserve', "status": "done", "key": key}


@activity.defn(name='inventory.release')
async def inventory_release(request: Request) -> Request:
    """inventory.release: undoes inventory.reserve in place-order."""
    key = idempotency_key()
    activity.logger.info("%s: %s (idempotency key %s)", 'inventory.release', request, key)
    # Call the inventory service here, sending `key` (e.g. as an Idempotency-Key header).
    return {"service": 'inventory', "action": 'release', "status": "done", "key": key}


@activity.defn(name='payments.capture')
async def payments_capture(request: Request) -> Request:
    """payments.capture: step of place-order."""
    key = idempotency_key()
    activity.logger.info("%s: %s (idempotency key %s)", 'payments.capture', request, key)
    # Call the payments service here, sending `key` (e.g. as an Idempotency-Key header).
    return {"service": 'payments', "action": 'capture', "status": "done", "key": key}


@activity.defn(name='payments.refund')
async def payments_refund(request: Request) -> Request:
    """payments.refund: undoes payments.capture in place-order."""
    key = idempotency_key()
    activity.logger.info("%s: %s (idempotency key %s)", 'payments.refund', request, key)
    # Call the payments service here, sending `key` (e.g. as an Idempotency-Key header).
    return {"service": 'payments', "action": 'refund', "status": "done", "key": key}


@activity.defn(name='shipping.ship')
async def shipping_ship(request: Request) -> Request:
    """shipping.ship: step of place-order."""
    key = idempotency_key()
    activity.logger.info("%s: %s (idempotency key %s)", 'shipping.ship', request, key)
    # Call the shipping service here, sending `key` (e.g. as an Idempotency-Key header).
    return {"service": 'shipping', "action": 'ship', "status": "done", "key": key}


# Task queue -> the activities its worker runs (one queue per service).
ACTIVITIES_BY_QUEUE: dict[str, list[Callable[[Request], Awaitable[Request]]]] = {
    'inventory': [inventory_reserve, inventory_release],
    'payments': [payments_capture, payments_refund],
    'shipping': [shipping_ship],
}
