"""Request authentication for the emulator: Shared Key verification and optional bearer tokens.

The string to sign is rebuilt with the client's own pure function from the request as received:
the raw, still-encoded path and the raw query. Microsoft's SDKs sign slightly differently, so more
than one string is tried (each compared in constant time):

* azure-batch 15.x signs ``Content-Length: 0`` for a POST/PUT/PATCH/DELETE without that header;
* ASGI lower-cases header names, so a header the legacy SDK skipped because it was spelled
  ``Ocp-…`` arrives as ``ocp-…``; the variants without such headers are tried too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import combinations

import attrs

from .._auth import sign, string_to_sign
from ._errors import BatchServiceError
from ._wire import parse_rfc1123

__all__ = ["ACCOUNT_KEY", "ACCOUNT_NAME", "MAX_CLOCK_SKEW", "AuthSettings", "verify_request"]

#: The development account's name.
ACCOUNT_NAME = "devaccount"

_KEY_PHRASE = b"batchjobs emulator development account key - public, not a secret"

#: The development account's key: Base64 of SHA-256 of the public phrase
#: ``batchjobs emulator development account key - public, not a secret``. Anyone can derive it;
#: it protects nothing and only makes clients sign requests the way they would for Azure.
ACCOUNT_KEY = base64.b64encode(hashlib.sha256(_KEY_PHRASE).digest()).decode("ascii")

_MAX_OCP_VARIANTS = 3  # ocp- headers whose omission is tried (2**3 variants at most)

#: How far a signed request's date may be from the emulator's wall clock, as the service allows.
MAX_CLOCK_SKEW = 15 * 60.0


@attrs.frozen(kw_only=True)
class AuthSettings:
    """How the emulator checks requests.

    Attributes:
        enabled: Verify Shared Key signatures (False accepts any request, with or without
            ``Authorization``, for quick experiments).
        account_name: The account the signature must name.
        account_key: That account's Base64 key.
        allow_tokens: Also accept ``Authorization: Bearer <anything>`` (the token is not checked),
            to exercise Microsoft Entra ID code paths without Azure.
        max_clock_skew: Seconds a Shared Key request's ``ocp-date`` (or ``Date``) may be off the
            wall clock (15 minutes, as the service; older signed requests cannot be replayed).
            None accepts any date: for replaying recorded requests.
    """

    enabled: bool = True
    account_name: str = ACCOUNT_NAME
    account_key: str = attrs.field(default=ACCOUNT_KEY, repr=False)
    allow_tokens: bool = False
    max_clock_skew: float | None = MAX_CLOCK_SKEW
    key: bytes = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        try:
            key = base64.b64decode(self.account_key, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("account_key is not valid Base64") from None
        object.__setattr__(self, "key", key)


def _failed(reason: str) -> BatchServiceError:
    return BatchServiceError(
        403,
        "AuthenticationFailed",
        "Server failed to authenticate the request. Make sure the value of Authorization header is "
        "formed correctly including the signature.",
        {"AuthenticationErrorDetail": reason},
    )


def _candidates(method: str, headers: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    variants = [headers]
    names = {name for name, _ in headers}
    if method not in ("GET", "HEAD") and "content-length" not in names:
        variants.append([*headers, ("content-length", "0")])
    ocp = sorted({name for name in names if "ocp-" in name})
    if ocp and len(ocp) <= _MAX_OCP_VARIANTS:
        for base in list(variants):
            for size in range(1, len(ocp) + 1):
                for dropped in combinations(ocp, size):
                    variants.append([(n, v) for n, v in base if n not in dropped])
    return variants


def verify_request(
    settings: AuthSettings,
    method: str,
    target: str,
    headers: Sequence[tuple[str, str]],
    now: datetime | None = None,
) -> str | None:
    """Check the ``Authorization`` header; returns its scheme, or raises the service's error.

    Args:
        settings: The account and what is accepted.
        method: The HTTP method.
        target: The raw request target, ``raw_path`` plus ``?`` and the raw query string.
        headers: The request headers (names lower-case, as ASGI delivers them).
        now: The wall clock's time (the current time by default) the request's date is held to.
    """
    authorization = next((value for name, value in headers if name == "authorization"), None)
    if not settings.enabled:
        return authorization.partition(" ")[0] if authorization else None
    if not authorization:
        raise BatchServiceError(
            400,
            "MissingRequiredHeader",
            "An HTTP header that's mandatory for this request is not specified.",
            {"HeaderName": "Authorization"},
        )
    scheme, _, credential = authorization.partition(" ")
    if scheme.lower() == "bearer":
        if not settings.allow_tokens:
            raise _failed("Bearer tokens are not accepted by this emulator; start it with token support.")
        if not credential.strip():
            raise BatchServiceError(400, "InvalidAuthenticationInfo", "The bearer token is empty.")
        return "Bearer"
    account, colon, signature = credential.strip().rpartition(":")
    if scheme != "SharedKey" or not colon or not account or not signature:
        raise BatchServiceError(
            400,
            "InvalidAuthenticationInfo",
            "The authentication information is not in the correct format: "
            "use SharedKey <account>:<signature>.",
            {"HeaderName": "Authorization"},
        )
    if account != settings.account_name:
        raise _failed(f"The account {account!r} is not this emulator's account.")
    signed = [(name, value) for name, value in headers if name != "authorization"]
    expected = signature.encode()
    for variant in _candidates(method, signed):
        computed = sign(settings.key, string_to_sign(method, target, variant, settings.account_name))
        if hmac.compare_digest(computed.encode(), expected):
            if settings.max_clock_skew is not None:
                _check_date(signed, settings.max_clock_skew, now or datetime.now(UTC))
            return "SharedKey"
    raise _failed("The MAC signature found in the HTTP request is not the same as any computed signature.")


def _check_date(headers: Sequence[tuple[str, str]], max_skew: float, now: datetime) -> None:
    """Refuse a signed request without a date, or dated too far from ``now``: the date is signed,
    so this is what keeps a captured request from being replayed later."""
    values = dict(headers)
    text = values.get("ocp-date") or values.get("date")
    if not text:
        raise _failed("Request date header not specified.")
    try:
        sent = parse_rfc1123(text)
    except ValueError:
        raise _failed(f"The request date header is not an HTTP date: {text!r}.") from None
    skew = (sent - now).total_seconds()
    if skew < -max_skew:
        raise _failed(f"Request date header too old: {text!r}.")
    if skew > max_skew:
        raise _failed(f"Request date header too far in the future: {text!r}.")
