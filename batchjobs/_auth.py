"""Authentication for the Batch service: Shared Key signing and Microsoft Entra ID bearer tokens.

The Shared Key helpers (`string_to_sign`, `sign`, `format_rfc1123`) are pure so the emulator can
verify signatures with exactly the code the client signs with.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import inspect
import ipaddress
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any, Protocol, cast
from urllib.parse import parse_qsl, urlsplit

import anyio
import anyio.to_thread
import httpx

__all__ = [
    "BATCH_SCOPE",
    "DEFAULT_REFRESH_MARGIN",
    "AccessTokenLike",
    "AsyncTokenCredentialLike",
    "SharedKeyAuth",
    "SharedKeyCredentials",
    "TokenCredentialAuth",
    "TokenCredentialLike",
    "format_rfc1123",
    "is_loopback_host",
    "make_auth",
    "rfc1123_now",
    "sign",
    "string_to_sign",
]

# The resource id keeps its trailing slash, so the scope has two: this is what Microsoft's newer
# Batch SDKs request.
BATCH_SCOPE = "https://batch.core.windows.net//.default"
DEFAULT_REFRESH_MARGIN = 300.0

# The standard headers of the string to sign, in the order the service expects them.
_SIGNED_HEADERS = (
    "content-encoding",
    "content-language",
    "content-length",
    "content-md5",
    "content-type",
    "date",
    "if-modified-since",
    "if-match",
    "if-none-match",
    "if-unmodified-since",
    "range",
)
# Spelled out rather than strftime("%a/%b"), which follows the process locale.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Methods for which the legacy SDK (via requests) sent no Content-Length when there was no body.
_NO_LENGTH_METHODS = frozenset({"GET", "HEAD"})


# ---------------------------------------------------------------------------------------------
# Shared Key: pure functions


def format_rfc1123(dt: datetime) -> str:
    """Format a timestamp the way `ocp-date` wants it; naive values are taken as UTC."""
    dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    return (
        f"{_DAYS[dt.weekday()]}, {dt.day:02d} {_MONTHS[dt.month - 1]} {dt.year:04d} "
        f"{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d} GMT"
    )


def rfc1123_now(clock: Callable[[], float] = time.time) -> str:
    """The current time for `ocp-date`; `clock` returns epoch seconds so tests can pin it."""
    return format_rfc1123(datetime.fromtimestamp(clock(), UTC))


def string_to_sign(
    method: str,
    url: httpx.URL | str,
    headers: Sequence[tuple[str, str]],
    account_name: str,
) -> str:
    """Build the Batch Shared Key string to sign (jobs-api.md §8.1), byte-exact with the legacy SDK.

    Args:
        method: The HTTP method as sent (upper case).
        url: An `httpx.URL` (its raw, still-encoded path is used), an absolute URL string, or an
            origin-form target such as ``/jobs?api-version=...`` (what a server sees).
        headers: ``(name, value)`` pairs with the names in their original case; the case matters
            for the ``ocp-`` test.
        account_name: The Batch account name.
    """
    # One pass over the headers. A header sent twice is read as its values joined by ", " (how
    # httpx and HTTP read it); empty values count as absent.
    standard: dict[str, list[str]] = {}
    for name, value in headers:
        if value:
            standard.setdefault(name.lower(), []).append(value)
    lines = [method]
    lines.extend(", ".join(standard.get(name, ())) for name in _SIGNED_HEADERS)
    lines.extend(f"{name}:{value}" for name, value in _ocp_headers(headers))
    path, query = _split_target(url)
    lines.append(f"/{account_name}{path}")
    lines.extend(f"{name}:{value}" for name, value in _canonical_query(query))
    return "\n".join(lines)


def sign(key: bytes, string_to_sign: str) -> str:
    """Return the Base64 HMAC-SHA256 of the string to sign under the decoded account key."""
    digest = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _ocp_headers(headers: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    # The legacy signer tests the name as stored, case-sensitively: "Ocp-Date" does not qualify.
    return sorted((name.lower(), value) for name, value in headers if value and "ocp-" in name)


def _split_target(url: httpx.URL | str) -> tuple[str, str]:
    if isinstance(url, httpx.URL):
        path, _, query = url.raw_path.decode("ascii").partition("?")
    elif url.startswith("/"):
        path, _, query = url.partition("#")[0].partition("?")
    else:
        parts = urlsplit(url)
        path, query = parts.path, parts.query
    # urlparse semantics, as in the legacy signer: ";params" on the last segment is not signed.
    semicolon = path.find(";", path.rfind("/") + 1)
    if semicolon >= 0:
        path = path[:semicolon]
    # An empty path goes on the wire as "/", so that is what gets signed.
    return path or "/", query


@functools.lru_cache(maxsize=256)  # most requests repeat a few query strings (api-version, options)
def _canonical_query(query: str) -> tuple[tuple[str, str], ...]:
    # parse_qsl drops pairs with no "=" or an empty value and decodes "+" and %XX (UTF-8).
    first: dict[str, str] = {}
    for name, value in parse_qsl(query):
        first.setdefault(name, value)
    return tuple(sorted(first.items()))


# ---------------------------------------------------------------------------------------------
# Shared Key: credentials and the httpx auth


class SharedKeyCredentials:
    """A Batch account name and its access key, decoded once and never shown.

    Raises:
        ValueError: The account name is empty or malformed, or the key is not valid Base64.
            The message never contains the key.
    """

    __slots__ = ("_key", "account_name")

    def __init__(self, account_name: str, key: str) -> None:
        if not isinstance(account_name, str) or not account_name:
            raise ValueError("account_name must be a non-empty string")
        if any(ch.isspace() or ch in "/:" for ch in account_name):
            raise ValueError(f"account_name {account_name!r} must not contain whitespace, '/' or ':'")
        if not isinstance(key, str):
            raise TypeError("key must be the account key as a Base64 string")
        try:
            decoded = base64.b64decode(key.strip(), validate=True)
        except (binascii.Error, ValueError):
            # "from None": the original error is about the key's characters; keep it out of tracebacks.
            raise ValueError("key is not valid Base64; paste the account key exactly as shown") from None
        if not decoded:
            raise ValueError("key must not be empty")
        self.account_name = account_name
        self._key = decoded

    def sign(self, string_to_sign: str) -> str:
        """Sign with this account's key, so the key itself never has to leave the object."""
        return sign(self._key, string_to_sign)

    def make_auth(self) -> SharedKeyAuth:
        """Return the httpx auth that signs requests with these credentials."""
        return SharedKeyAuth(self)

    def __repr__(self) -> str:
        return f"SharedKeyCredentials(account_name={self.account_name!r}, key=<redacted>)"


class SharedKeyAuth(httpx.Auth):
    """Sign each request with Shared Key, as the last step before it is sent.

    Signing is pure, so only `auth_flow` is overridden and httpx drives it for sync and async
    clients alike.
    """

    def __init__(self, credentials: SharedKeyCredentials, *, clock: Callable[[], float] = time.time) -> None:
        self._credentials = credentials
        self._clock = clock
        self._date: tuple[int, str] = (-1, "")  # (epoch second, its RFC 1123 form): one format per second

    def _now(self) -> str:
        second = int(self._clock())
        if second != self._date[0]:
            self._date = (second, rfc1123_now(lambda: second))
        return self._date[1]

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        headers = request.headers
        encoding = headers.encoding
        pairs = [(name.decode(encoding), value.decode(encoding)) for name, value in headers.raw]
        names = "\n".join(name for name, _ in pairs).lower()
        if "ocp-" in names and any("ocp-" in name.lower() and not name.islower() for name, _ in pairs):
            _lowercase_ocp_names(headers)
            pairs = [(name.decode(encoding), value.decode(encoding)) for name, value in headers.raw]
        if not headers.get("ocp-date"):
            date = self._now()
            headers["ocp-date"] = date
            pairs.append(("ocp-date", date))
        if (
            request.method not in _NO_LENGTH_METHODS
            and "\ncontent-length\n" not in f"\n{names}\n"
            and "\ntransfer-encoding\n" not in f"\n{names}\n"
        ):
            # httpx adds "Content-Length: 0" to a body-less POST/PUT/PATCH but not to DELETE; the
            # service wants it and the legacy SDK signed it, so send and sign it for every such method.
            headers["Content-Length"] = "0"
            pairs.append(("Content-Length", "0"))
        account = self._credentials.account_name
        signature = self._credentials.sign(string_to_sign(request.method, request.url, pairs, account))
        headers["Authorization"] = f"SharedKey {account}:{signature}"
        yield request

    def __repr__(self) -> str:
        return f"SharedKeyAuth(account_name={self._credentials.account_name!r})"


def _lowercase_ocp_names(headers: httpx.Headers) -> None:
    # Servers (and the emulator, via ASGI) see header names case-insensitively, so "Ocp-Date" would
    # be signed there but not by the legacy rule. Lower-casing the name makes both sides agree.
    encoding = headers.encoding
    for raw_name, _ in list(headers.raw):
        name = raw_name.decode(encoding)
        lower = name.lower()
        if "ocp-" in lower and name != lower:
            headers[lower] = headers[lower]  # set with the lower-case name replaces every spelling


# ---------------------------------------------------------------------------------------------
# Microsoft Entra ID tokens


class AccessTokenLike(Protocol):
    """What azure-identity's `get_token` returns: the token and its expiry in epoch seconds."""

    @property
    def token(self) -> str: ...

    @property
    def expires_on(self) -> int | float: ...


class TokenCredentialLike(Protocol):
    """A synchronous azure-identity-style credential."""

    def get_token(self, *scopes: str) -> AccessTokenLike: ...


class AsyncTokenCredentialLike(Protocol):
    """An asynchronous azure-identity-style credential (`azure.identity.aio`)."""

    async def get_token(self, *scopes: str) -> AccessTokenLike: ...


class _Token:
    __slots__ = ("expires_on", "value")

    def __init__(self, value: str, expires_on: float) -> None:
        self.value = value
        self.expires_on = expires_on

    def __repr__(self) -> str:
        return f"_Token(value=<redacted>, expires_on={self.expires_on!r})"


def is_loopback_host(host: str) -> bool:
    """Tell whether a host is this machine: ``localhost``, 127.0.0.0/8 or ``::1``."""
    name = host.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name.partition("%")[0])  # drop an IPv6 zone id
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return address.is_loopback
    # Compared explicitly: whether IPv4-mapped addresses count as loopback varies between Pythons.
    return address == ipaddress.IPv6Address("::1")


def _require_secure_transport(url: httpx.URL) -> None:
    if url.scheme == "https" or (url.scheme == "http" and is_loopback_host(url.host)):
        return
    raise ValueError(
        f"refusing to send a bearer token to {url.scheme}://{url.host}: use https "
        "(plain http is allowed only for localhost, 127.0.0.0/8 and ::1)"
    )


def _as_token(result: object) -> _Token:
    value = getattr(result, "token", None)
    expires_on = getattr(result, "expires_on", None)
    if not isinstance(value, str) or not value:
        raise TypeError("get_token() must return an object with a non-empty str 'token'")
    if isinstance(expires_on, bool) or not isinstance(expires_on, int | float):
        raise TypeError("get_token() must return an object with 'expires_on' in epoch seconds")
    return _Token(value, float(expires_on))


class TokenCredentialAuth(httpx.Auth):
    """Send ``Authorization: Bearer <token>`` from an azure-identity-style credential.

    The token is cached and fetched again once fewer than `refresh_margin` seconds remain; one
    task fetches while concurrent requests wait for its result. A sync credential is called in a
    worker thread so it does not block the event loop. On a 401 the token is fetched again and
    the request is sent once more.

    With `httpx.AsyncClient` both sync and async credentials work. With `httpx.Client` only sync
    credentials work (an async one raises `TypeError`), because a blocking client has no loop to
    await on.

    Args:
        credential: Any object whose `get_token(*scopes)` returns (or, if async, resolves to) an
            object with `token` and `expires_on`.
        scopes: The scopes to request; the Batch scope by default.
        refresh_margin: Seconds before expiry at which the token is replaced.
        clock: Returns the current epoch seconds; injectable so tests need no sleeps.

    Raises:
        ValueError: From the flow, before anything is sent, when the URL is plain http to a host
            that is not loopback.
    """

    def __init__(
        self,
        credential: TokenCredentialLike | AsyncTokenCredentialLike,
        *,
        scopes: Sequence[str] = (BATCH_SCOPE,),
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        get_token = getattr(credential, "get_token", None)
        if not callable(get_token):
            raise TypeError("credential must have a get_token(*scopes) method")
        if isinstance(scopes, str) or not scopes:
            raise ValueError("scopes must be a non-empty sequence of strings")
        if refresh_margin < 0:
            raise ValueError("refresh_margin must not be negative")
        self._credential = credential
        self._get_token: Callable[..., Any] = get_token
        self._is_async = inspect.iscoroutinefunction(get_token)
        self._scopes = tuple(scopes)
        self._margin = float(refresh_margin)
        self._clock = clock
        self._cached: _Token | None = None
        self._async_lock = anyio.Lock()
        self._sync_lock = threading.Lock()

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        _require_secure_transport(request.url)
        token = await self._token_async()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401:
            request.headers["Authorization"] = f"Bearer {await self._token_async(rejected=token)}"
            yield request

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        _require_secure_transport(request.url)
        token = self._token_sync()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401:
            request.headers["Authorization"] = f"Bearer {self._token_sync(rejected=token)}"
            yield request

    async def _token_async(self, rejected: str | None = None) -> str:
        seen = self._cached
        if rejected is None and seen is not None and self._is_fresh(seen):
            return seen.value
        async with self._async_lock:
            reusable = self._reusable(seen, rejected)
            if reusable is not None:
                return reusable
            if self._is_async:
                result = await self._get_token(*self._scopes)
            else:
                result = await anyio.to_thread.run_sync(partial(self._get_token, *self._scopes))
                if inspect.isawaitable(result):
                    result = await result
            token = self._cached = _as_token(result)
            return token.value

    def _token_sync(self, rejected: str | None = None) -> str:
        if self._is_async:
            raise TypeError(
                "an async credential needs httpx.AsyncClient; use a sync credential with httpx.Client"
            )
        seen = self._cached
        if rejected is None and seen is not None and self._is_fresh(seen):
            return seen.value
        with self._sync_lock:
            reusable = self._reusable(seen, rejected)
            if reusable is not None:
                return reusable
            result = self._get_token(*self._scopes)
            if inspect.isawaitable(result):
                if inspect.iscoroutine(result):
                    result.close()  # avoid a "never awaited" warning on top of the error
                raise TypeError(
                    "get_token() returned an awaitable; use httpx.AsyncClient with this credential"
                )
            token = self._cached = _as_token(result)
            return token.value

    def _is_fresh(self, token: _Token) -> bool:
        return token.expires_on - self._clock() >= self._margin

    def _reusable(self, seen: _Token | None, rejected: str | None) -> str | None:
        """Decide, under the lock, whether the cached token can be used without a fetch."""
        current = self._cached
        if current is None or current.expires_on <= self._clock():
            return None
        if rejected is not None:
            # After a 401: a token other than the rejected one was fetched by someone else meanwhile.
            return current.value if current.value != rejected else None
        # Another task refreshed while this one waited: use its token rather than fetching again,
        # even if the credential hands out tokens that are already inside the margin.
        if current is not seen or self._is_fresh(current):
            return current.value
        return None

    def __repr__(self) -> str:
        return f"TokenCredentialAuth(credential=<{type(self._credential).__name__}>, scopes={self._scopes!r})"


# ---------------------------------------------------------------------------------------------


def make_auth(credentials: object) -> httpx.Auth:
    """Turn what the caller passed as credentials into the httpx auth that applies them.

    Raises:
        TypeError: `credentials` is none of the accepted kinds (the message names its type only,
            never its value).
    """
    if isinstance(credentials, httpx.Auth):
        return credentials
    if isinstance(credentials, SharedKeyCredentials):
        return SharedKeyAuth(credentials)
    if callable(getattr(credentials, "get_token", None)):
        return TokenCredentialAuth(cast(TokenCredentialLike, credentials))
    raise TypeError(
        "credentials must be SharedKeyCredentials, a token credential with get_token() "
        f"(such as one from azure-identity) or an httpx.Auth instance, not {type(credentials).__name__}"
    )
