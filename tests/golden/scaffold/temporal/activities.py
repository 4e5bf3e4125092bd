"""Temporal activities of web-shop-checkout: one per step action and per compensation.

Each activity is where the workflow calls a service. Replace the bodies with real calls
(HTTP, gRPC, a client library); raise an exception to fail the step: Temporal retries it
with the step's retry policy, then the workflow compensates. Activities may run more
than once, so make every call idempotent (for example keyed by the request's id).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from temporalio import activity

Request = dict[str, Any]


@activity.defn(name='inventory.reserve')
async def inventory_reserve(request: Request) -> Request:
    """inventory.reserve: step of place-order."""
    activity.logger.info("%s: %s", 'inventory.reserve', request)
    # Call the inventory service here.
    return {"service": 'inventory', "action": 'reserve', "status": "done"}


@activity.defn(name='inventory.release')
async def inventory_release(request: Request) -> Request:
    """inventory.release: undoes inventory.reserve in place-order."""
    activity.logger.info("%s: %s", 'inventory.release', request)
    # Call the inventory service here.
    return {"service": 'inventory', "action": 'release', "status": "done"}


@activity.defn(name='payments.capture')
async def payments_capture(request: Request) -> Request:
    """payments.capture: step of place-order."""
    activity.logger.info("%s: %s", 'payments.capture', request)
    # Call the payments service here.
    return {"service": 'payments', "action": 'capture', "status": "done"}


@activity.defn(name='payments.refund')
async def payments_refund(request: Request) -> Request:
    """payments.refund: undoes payments.capture in place-order."""
    activity.logger.info("%s: %s", 'payments.refund', request)
    # Call the payments service here.
    return {"service": 'payments', "action": 'refund', "status": "done"}


@activity.defn(name='shipping.ship')
async def shipping_ship(request: Request) -> Request:
    """shipping.ship: step of place-order."""
    activity.logger.info("%s: %s", 'shipping.ship', request)
    # Call the shipping service here.
    return {"service": 'shipping', "action": 'ship', "status": "done"}


# Task queue -> the activities its worker runs (one queue per service).
ACTIVITIES_BY_QUEUE: dict[str, list[Callable[[Request], Awaitable[Request]]]] = {
    'inventory': [inventory_reserve, inventory_release],
    'payments': [payments_capture, payments_refund],
    'shipping': [shipping_ship],
}
