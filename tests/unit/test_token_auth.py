"""Entra ID bearer auth: caching, refresh, one fetch under concurrency, 401 retry, transport safety."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import anyio
import httpx
import pytest

from batchjobs._auth import (
    BATCH_SCOPE,
    SharedKeyAuth,
    SharedKeyCredentials,
    TokenCredentialAuth,
    is_loopback_host,
    make_auth,
)

URL = "https://acct.westus.batch.azure.com/jobs"
START = 1_700_000_000.0
LIFETIME = 3600


@dataclass
class FakeToken:
    token: str
    expires_on: int | float


@dataclass
class FakeClock:
    now: float = START

    def __call__(self) -> float:
        return self.now


@dataclass
class SyncCredential:
    """Hands out token-1, token-2, ... each valid for LIFETIME seconds from the clock's now."""

    clock: FakeClock
    gate: threading.Event | None = None
    calls: int = 0
    scopes: list[tuple[str, ...]] = field(default_factory=list)
    threads: list[int] = field(default_factory=list)

    def get_token(self, *scopes: str, **kwargs: object) -> FakeToken:
        self.calls += 1
        self.scopes.append(scopes)
        self.threads.append(threading.get_ident())
        if self.gate is not None:
            assert self.gate.wait(timeout=10), "test gate never opened"
        return FakeToken(f"token-{self.calls}", int(self.clock.now) + LIFETIME)


@dataclass
class AsyncCredential:
    clock: FakeClock
    gate: anyio.Event | None = None
    calls: int = 0
    scopes: list[tuple[str, ...]] = field(default_factory=list)

    async def get_token(self, *scopes: str, **kwargs: object) -> FakeToken:
        self.calls += 1
        self.scopes.append(scopes)
        if self.gate is not None:
            await self.gate.wait()
        return FakeToken(f"token-{self.calls}", int(self.clock.now) + LIFETIME)


class Recorder:
    """A MockTransport handler that records Authorization and can answer 401 to chosen tokens."""

    def __init__(self, reject: set[str] | None = None) -> None:
        self.reject = reject or set()
        self.authorizations: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        header = request.headers.get("Authorization")
        self.authorizations.append(header)
        if header is not None and header.removeprefix("Bearer ") in self.reject:
            return httpx.Response(401)
        return httpx.Response(200)


def _credential(kind: str, clock: FakeClock) -> SyncCredential | AsyncCredential:
    return SyncCredential(clock) if kind == "sync" else AsyncCredential(clock)


def _client(auth: httpx.Auth, recorder: Recorder) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(recorder), auth=auth)


kinds = pytest.mark.parametrize("kind", ["sync", "async"])


@kinds
async def test_token_auth_repeated_requests_fetch_once_and_send_bearer(kind):
    clock = FakeClock()
    credential = _credential(kind, clock)
    recorder = Recorder()
    async with _client(TokenCredentialAuth(credential, clock=clock), recorder) as client:
        for _ in range(3):
            assert (await client.get(URL)).status_code == 200
    assert credential.calls == 1
    assert recorder.authorizations == ["Bearer token-1"] * 3


@kinds
async def test_token_auth_default_scope_is_exactly_batch_scope(kind):
    clock = FakeClock()
    credential = _credential(kind, clock)
    async with _client(TokenCredentialAuth(credential, clock=clock), Recorder()) as client:
        await client.get(URL)
    assert credential.scopes == [("https://batch.core.windows.net//.default",)]
    assert BATCH_SCOPE == "https://batch.core.windows.net//.default"


async def test_token_auth_sync_credential_runs_in_worker_thread():
    clock = FakeClock()
    credential = SyncCredential(clock)
    async with _client(TokenCredentialAuth(credential, clock=clock), Recorder()) as client:
        await client.get(URL)
    assert credential.threads != [threading.get_ident()]


@kinds
@pytest.mark.parametrize(
    ("remaining", "margin", "expected_calls"),
    [
        pytest.param(301, 300, 1, id="default-margin-outside-keeps"),
        pytest.param(300, 300, 1, id="default-margin-at-edge-keeps"),
        pytest.param(299, 300, 2, id="default-margin-inside-refreshes"),
        pytest.param(11, 10, 1, id="custom-margin-outside-keeps"),
        pytest.param(9, 10, 2, id="custom-margin-inside-refreshes"),
        pytest.param(-5, 0, 2, id="expired-refreshes"),
    ],
)
async def test_token_auth_near_expiry_refreshes_by_margin(kind, remaining, margin, expected_calls):
    clock = FakeClock()
    credential = _credential(kind, clock)
    recorder = Recorder()
    auth = TokenCredentialAuth(credential, refresh_margin=margin, clock=clock)
    async with _client(auth, recorder) as client:
        await client.get(URL)
        clock.now = START + LIFETIME - remaining
        await client.get(URL)
    assert credential.calls == expected_calls
    assert recorder.authorizations[-1] == f"Bearer token-{expected_calls}"


async def test_token_auth_concurrent_requests_with_async_credential_fetch_once():
    clock = FakeClock()
    credential = AsyncCredential(clock, gate=anyio.Event())
    recorder = Recorder()
    async with (
        _client(TokenCredentialAuth(credential, clock=clock), recorder) as client,
        anyio.create_task_group() as tg,
    ):
        for _ in range(50):
            tg.start_soon(client.get, URL)
        await anyio.wait_all_tasks_blocked()  # all 50 are now waiting on the one fetch
        assert credential.gate is not None
        credential.gate.set()
    assert credential.calls == 1
    assert recorder.authorizations == ["Bearer token-1"] * 50


async def test_token_auth_concurrent_requests_with_sync_credential_fetch_once():
    clock = FakeClock()
    gate = threading.Event()
    credential = SyncCredential(clock, gate=gate)
    recorder = Recorder()
    async with (
        _client(TokenCredentialAuth(credential, clock=clock), recorder) as client,
        anyio.create_task_group() as tg,
    ):
        for _ in range(50):
            tg.start_soon(client.get, URL)
        await anyio.wait_all_tasks_blocked()
        gate.set()
    assert credential.calls == 1
    assert recorder.authorizations == ["Bearer token-1"] * 50


@kinds
async def test_token_auth_401_then_200_refreshes_once_and_resends(kind):
    clock = FakeClock()
    credential = _credential(kind, clock)
    recorder = Recorder(reject={"token-1"})
    async with _client(TokenCredentialAuth(credential, clock=clock), recorder) as client:
        response = await client.get(URL)
    assert response.status_code == 200
    assert credential.calls == 2
    assert recorder.authorizations == ["Bearer token-1", "Bearer token-2"]


async def test_token_auth_401_twice_returns_401_after_one_resend():
    clock = FakeClock()
    credential = AsyncCredential(clock)
    recorder = Recorder(reject={"token-1", "token-2", "token-3"})
    async with _client(TokenCredentialAuth(credential, clock=clock), recorder) as client:
        response = await client.get(URL)
    assert response.status_code == 401
    assert credential.calls == 2
    assert len(recorder.authorizations) == 2


async def test_token_auth_concurrent_401s_force_one_refresh():
    clock = FakeClock()
    credential = AsyncCredential(clock)
    recorder = Recorder()
    async with _client(TokenCredentialAuth(credential, clock=clock), recorder) as client:
        await client.get(URL)  # token-1 is accepted and cached ...
        recorder.reject = {"token-1"}  # ... then revoked while requests are in flight
        credential.gate = gate = anyio.Event()
        async with anyio.create_task_group() as tg:
            for _ in range(10):
                tg.start_soon(client.get, URL)
            await anyio.wait_all_tasks_blocked()  # all 10 got their 401; one task is fetching
            gate.set()
    assert credential.calls == 2
    assert recorder.authorizations.count("Bearer token-1") == 11
    assert recorder.authorizations.count("Bearer token-2") == 10


@kinds
async def test_token_auth_plain_http_remote_raises_before_sending(kind):
    clock = FakeClock()
    credential = _credential(kind, clock)
    recorder = Recorder()
    async with _client(TokenCredentialAuth(credential, clock=clock), recorder) as client:
        await client.get(URL)  # a token is cached now; it must not leak into the error
        with pytest.raises(ValueError, match="https") as info:
            await client.get("http://example.com/jobs")
    assert "token-1" not in str(info.value)
    assert recorder.authorizations == ["Bearer token-1"]
    assert credential.calls == 1


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:1234/jobs", "http://localhost/jobs", "http://[::1]:8080/jobs"]
)
async def test_token_auth_plain_http_loopback_is_allowed(url):
    recorder = Recorder()
    async with _client(TokenCredentialAuth(AsyncCredential(FakeClock())), recorder) as client:
        assert (await client.get(url)).status_code == 200
    assert recorder.authorizations == ["Bearer token-1"]


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("localhost", True),
        ("LOCALHOST", True),
        ("127.0.0.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("[::1]", True),
        ("example.com", False),
        ("localhost.example.com", False),
        ("128.0.0.1", False),
        ("10.0.0.1", False),
        ("::2", False),
        ("::ffff:127.0.0.1", False),
        ("", False),
    ],
)
def test_is_loopback_host_known_hosts_classified(host, expected):
    assert is_loopback_host(host) is expected


def test_token_auth_sync_client_with_sync_credential_works():
    clock = FakeClock()
    credential = SyncCredential(clock)
    recorder = Recorder(reject={"token-1"})
    transport = httpx.MockTransport(recorder)
    with httpx.Client(transport=transport, auth=TokenCredentialAuth(credential, clock=clock)) as client:
        assert client.get(URL).status_code == 200
        assert client.get(URL).status_code == 200
    assert credential.calls == 2
    assert recorder.authorizations == ["Bearer token-1", "Bearer token-2", "Bearer token-2"]


def test_token_auth_sync_client_with_async_credential_raises_type_error():
    credential = AsyncCredential(FakeClock())
    recorder = Recorder()
    auth = TokenCredentialAuth(credential)
    with (
        httpx.Client(transport=httpx.MockTransport(recorder), auth=auth) as client,
        pytest.raises(TypeError, match="AsyncClient"),
    ):
        client.get(URL)
    assert credential.calls == 0
    assert recorder.authorizations == []


def test_token_auth_sync_client_plain_http_remote_raises_before_sending():
    recorder = Recorder()
    auth = TokenCredentialAuth(SyncCredential(FakeClock()))
    with (
        httpx.Client(transport=httpx.MockTransport(recorder), auth=auth) as client,
        pytest.raises(ValueError, match="https"),
    ):
        client.get("http://example.com/jobs")
    assert recorder.authorizations == []


def test_token_auth_under_trio_fetches_once():
    clock = FakeClock()
    sync_credential = SyncCredential(clock)
    async_credential = AsyncCredential(clock)
    recorder = Recorder()

    async def main() -> None:
        for credential in (sync_credential, async_credential):
            async with (
                _client(TokenCredentialAuth(credential, clock=clock), recorder) as client,
                anyio.create_task_group() as tg,
            ):
                for _ in range(5):
                    tg.start_soon(client.get, URL)

    anyio.run(main, backend="trio")
    assert (sync_credential.calls, async_credential.calls) == (1, 1)
    assert recorder.authorizations == ["Bearer token-1"] * 10


async def test_token_auth_repr_hides_token():
    clock = FakeClock()
    auth = TokenCredentialAuth(AsyncCredential(clock), clock=clock)
    async with _client(auth, Recorder()) as client:
        await client.get(URL)
    assert "token-1" not in repr(auth)
    assert "AsyncCredential" in repr(auth)


@pytest.mark.parametrize(
    "result",
    [
        pytest.param(object(), id="no-attributes"),
        pytest.param(FakeToken("", START + LIFETIME), id="empty-token"),
        pytest.param(FakeToken("t", "soon"), id="text-expiry"),  # type: ignore[arg-type]
    ],
)
async def test_token_auth_bad_credential_result_raises_type_error(result):
    class Odd:
        def get_token(self, *scopes: str) -> object:
            return result

    async with _client(TokenCredentialAuth(Odd()), Recorder()) as client:  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="get_token"):
            await client.get(URL)


def test_token_auth_bad_arguments_raise():
    with pytest.raises(TypeError, match="get_token"):
        TokenCredentialAuth(object())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="scopes"):
        TokenCredentialAuth(SyncCredential(FakeClock()), scopes=())
    with pytest.raises(ValueError, match="refresh_margin"):
        TokenCredentialAuth(SyncCredential(FakeClock()), refresh_margin=-1)


# --- make_auth ---------------------------------------------------------------------------------


def test_make_auth_shared_key_credentials_gives_shared_key_auth():
    credentials = SharedKeyCredentials("acct", "AAECAw==")
    assert isinstance(make_auth(credentials), SharedKeyAuth)


@kinds
def test_make_auth_token_credential_gives_token_auth(kind):
    assert isinstance(make_auth(_credential(kind, FakeClock())), TokenCredentialAuth)


def test_make_auth_httpx_auth_is_returned_as_is():
    auth = httpx.BasicAuth("user", "pass")
    assert make_auth(auth) is auth


@pytest.mark.parametrize("value", [object(), "a-secret-looking-string", None, 42])
def test_make_auth_unknown_kind_raises_type_error_naming_kinds(value):
    with pytest.raises(TypeError, match="SharedKeyCredentials") as info:
        make_auth(value)
    message = str(info.value)
    assert "get_token" in message
    assert "httpx.Auth" in message
    assert "a-secret-looking-string" not in message
