"""Client-side settings: the retry policy and the per-call ``operation_config`` keys."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypedDict

import anyio
import attrs

__all__ = [
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_REQUEST_TIMEOUT",
    "OperationConfig",
    "RetryPolicy",
    "check_operation_config",
]

#: The default deadline of a whole call, retries included. The read timeout restarts with every byte,
#: so without a deadline a server that trickles its response could hold a call for ever.
DEFAULT_REQUEST_TIMEOUT = 300.0
#: The default bound, in bytes, of a response body that is parsed (decompressed): ample for a page
#: of 1,000 tasks, and well short of what would exhaust memory. Streamed downloads are not bounded.
DEFAULT_MAX_RESPONSE_SIZE = 32 * 1024 * 1024

#: Statuses after which the service did not process the request, so any call may be retried.
NOT_PROCESSED_STATUSES = frozenset({429, 503})
#: Statuses worth retrying for calls that are safe to repeat.
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: Statuses that leave it unknown whether the service applied the request.
AMBIGUOUS_STATUSES = RETRYABLE_STATUSES - NOT_PROCESSED_STATUSES


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How a call is retried after throttling, transient server errors and connection failures.

    Calls that are safe to repeat (get, list pages, update, patch, delete) are retried after 408,
    429, 500, 502, 503 and 504 and after connection failures and read timeouts. Calls that are not
    (add, disable, enable, terminate) are retried only when the request provably did not take
    effect: the connection could not be made, or the service answered 429 or 503. Set
    ``retry_ambiguous_writes`` to also retry those after an ambiguous failure (a read timeout or a
    500); a retried ``add`` that then meets 409 ``JobExists`` raises ``JobMayExistError``.

    Attributes:
        max_attempts: Attempts in total, the first included (1 disables retries).
        initial_backoff: Upper bound of the first wait, in seconds, before jitter.
        max_backoff: Cap of the exponential backoff, in seconds.
        max_retry_after: Cap on a server's ``Retry-After`` / ``retry-after-ms``, in seconds.
        retry_ambiguous_writes: Retry non-idempotent calls after ambiguous failures too.
        jitter: Use full jitter (a uniform draw up to the backoff); off gives exact backoffs.
        sleep: The coroutine used to wait; tests inject one that records delays.
    """

    max_attempts: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    initial_backoff: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    max_backoff: float = attrs.field(default=30.0, validator=attrs.validators.ge(0))
    max_retry_after: float = attrs.field(default=60.0, validator=attrs.validators.ge(0))
    retry_ambiguous_writes: bool = False
    jitter: bool = True
    sleep: Callable[[float], Awaitable[None]] = attrs.field(default=anyio.sleep, eq=False, repr=False)

    @classmethod
    def no_retries(cls) -> RetryPolicy:
        """A policy that makes exactly one attempt."""
        return cls(max_attempts=1)

    @classmethod
    def immediate(cls, max_attempts: int = 4) -> RetryPolicy:
        """Retry without waiting at all, ignoring Retry-After: for tests."""
        return cls(max_attempts=max_attempts, initial_backoff=0, max_backoff=0, max_retry_after=0)

    def backoff(self, retry_number: int) -> float:
        """The wait before retry ``retry_number`` (1 for the first retry) when the server gave none."""
        ceiling = min(self.max_backoff, self.initial_backoff * 2 ** (retry_number - 1))
        return random.uniform(0, ceiling) if self.jitter else ceiling


class OperationConfig(TypedDict, total=False):
    """Keys accepted as ``**operation_config`` by every operation.

    ``request_timeout`` bounds the whole call in seconds, retries and waits included (``None``:
    no deadline; the client's default is 300). It is a client-side deadline, unrelated to the
    options' server-side ``timeout``.
    """

    request_timeout: float | None
    retry_policy: RetryPolicy


_KNOWN_KEYS = frozenset(OperationConfig.__annotations__)


def check_operation_config(config: Mapping[str, Any]) -> None:
    """Refuse unknown ``operation_config`` keys and wrongly typed values before any I/O."""
    unknown = set(config) - _KNOWN_KEYS
    if unknown:
        raise TypeError(f"unknown operation_config key(s) {sorted(unknown)}; accepted: {sorted(_KNOWN_KEYS)}")
    timeout = config.get("request_timeout")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0
    ):
        raise ValueError(f"request_timeout must be a positive number of seconds or None, got {timeout!r}")
    policy = config.get("retry_policy")
    if policy is not None and not isinstance(policy, RetryPolicy):
        raise TypeError(f"retry_policy must be a batchjobs.RetryPolicy, got {type(policy).__name__}")
