"""The broker behind a queue URL, and the one actor that ingests a queued job.

Dramatiq gives the worker loop, acknowledgement after the job (a worker killed with -9 never
acknowledged its message, so the broker hands it to another worker), reconnection when the
broker goes away, and a delayed re-send for a job a worker hands back.
"""

from __future__ import annotations

from collections.abc import Callable

import dramatiq
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import Middleware, Retries

#: The broker queue the jobs go through (`--queue-name`; tests use their own).
DEFAULT_QUEUE_NAME = "claimdesk-ingest"
ACTOR_NAME = "claimdesk_ingest_job"
#: A job handed back (the database unreachable while its worker stopped) comes back after this
#: long at first, then up to RETURN_MAX_MS.
RETURN_MIN_MS = 1_000
RETURN_MAX_MS = 30_000
SCHEMES = {"amqp": "RabbitMQ", "amqps": "RabbitMQ", "redis": "Redis", "rediss": "Redis"}


class QueueUrlError(ValueError):
    """A queue URL whose scheme names no supported broker."""


def _retry_handed_back(retries: int, exc: BaseException) -> bool:
    """Only a job handed back on purpose goes round again; an unexpected error is not retried
    by the broker (the job row already records what happened, see processor.py)."""
    return isinstance(exc, dramatiq.Retry)


def amqp_url(url: str) -> str:
    """An AMQP URL as pika reads it: the common spelling of the default virtual host, a path
    of `//` (`amqp://guest:guest@host:5672//`), is `/%2F` to pika, which reads `//` as ''."""
    head, sep, rest = url.partition("://")
    authority, slash, path = rest.partition("/")
    if slash and (path == "/" or path.startswith("/?")):
        return f"{head}{sep}{authority}/%2F{path[1:]}"
    return url


def broker_for(url: str) -> dramatiq.Broker:
    """A Dramatiq broker for `amqp://…` (RabbitMQ, with publisher confirms: a send returns
    once the broker holds the message) or `redis://…`."""
    scheme = url.split(":", 1)[0].lower()
    if scheme not in SCHEMES:
        raise QueueUrlError(
            f"{url.split('@')[-1]!r}: a queue URL starts with amqp:// (RabbitMQ) or redis:// (Redis)"
        )
    middleware: list[Middleware] = [
        Retries(  # retry_when decides alone (Dramatiq then ignores max_retries)
            min_backoff=RETURN_MIN_MS,
            max_backoff=RETURN_MAX_MS,
            retry_when=_retry_handed_back,
        )
    ]
    if SCHEMES[scheme] == "RabbitMQ":
        return RabbitmqBroker(url=amqp_url(url), confirm_delivery=True, middleware=middleware)
    return RedisBroker(url=url, middleware=middleware)


def ingest_actor(
    broker: dramatiq.Broker,
    queue_name: str = DEFAULT_QUEUE_NAME,
    fn: Callable[[int], None] | None = None,
) -> dramatiq.Actor:
    """The actor whose messages are job ids. An enqueuer declares it without `fn` (it only
    sends); a worker passes the function that processes a job."""

    def not_here(job_id: int) -> None:  # pragma: no cover - only workers process jobs
        raise RuntimeError("this process only sends jobs")

    if fn is None and ACTOR_NAME in broker.actors:  # declared already: send through it
        actor = broker.get_actor(ACTOR_NAME)
        if actor.queue_name == queue_name:
            return actor
    declare = dramatiq.actor(actor_name=ACTOR_NAME, queue_name=queue_name, broker=broker)
    return declare(fn or not_here)
