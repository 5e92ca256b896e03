"""Listings: follow ``odata.nextLink`` lazily, one page at a time, with the caller's options on every page."""

from __future__ import annotations

import weakref
from collections.abc import AsyncGenerator, Iterator
from typing import TypeVar
from urllib.parse import parse_qsl

import httpx

from ._api import Endpoint
from ._config import OperationConfig
from ._instrument import Listing
from ._response import Page
from ._serialization import build_nested, structure_page
from ._transport import Pipeline, RequestOptions, encode_query
from .errors import DeserializationError

__all__ = ["hand_over", "paginate", "resume_url"]

T = TypeVar("T")


async def paginate(
    pipeline: Pipeline,
    endpoint: Endpoint,
    url: httpx.URL,
    options: RequestOptions,
    config: OperationConfig,
    item_cls: type[T],
    instruments: Listing,
) -> AsyncGenerator[Page[T], None]:
    """Yield the pages of a listing, starting at ``url``.

    Each page is read and parsed completely before it is yielded, so a caller who stops early
    leaves no response open. Retries (per the policy) repeat only the failing page. Each page's
    instruments are open only while the page is fetched: never across a ``yield``, so the caller's
    code between items is not attributed to the page.
    """
    next_url: httpx.URL | None = url
    seen = {str(url)}  # every page fetched: a link back to one would loop for ever
    index = 0
    while next_url is not None:
        index += 1
        with instruments.page(index) as instrument:
            page, next_url = await _fetch(pipeline, endpoint, next_url, options, config, item_cls)
            instrument.items(len(page.items))
        looped = None
        if next_url is not None:
            if str(next_url) in seen:
                looped = (page.continuation_token, page.response)
            else:
                seen.add(str(next_url))
        yield page
        del page  # not kept alive (with its response body) while the next page is fetched
        if looped is not None:
            link, response = looped
            raise DeserializationError(
                f"{endpoint.name}: odata.nextLink {link!r} of page {index} points to a page this listing "
                "has fetched already; stopping instead of following it round in circles",
                path="$.odata.nextLink",
                response=response,
            )


async def _fetch(
    pipeline: Pipeline,
    endpoint: Endpoint,
    url: httpx.URL,
    options: RequestOptions,
    config: OperationConfig,
    item_cls: type[T],
) -> tuple[Page[T], httpx.URL | None]:
    """One page and the URL of the next one (None after the last)."""
    response = await pipeline.send(endpoint, url, options, config)
    items, next_link = structure_page(response.content, item_cls, response=response)
    next_url = None
    if next_link is not None:
        try:
            next_url = resume_url(pipeline.base_url, next_link, options)
        except ValueError as exc:
            raise DeserializationError(str(exc), path="$.odata.nextLink", response=response) from None
    return Page(items, response, next_link), next_url


def hand_over(items: list[T]) -> Iterator[T]:
    """Yield a page's items, letting go of each, then build the nested fields of those still kept.

    The list is emptied as it goes, so an item the caller drops is freed at once. When the caller
    asks for the item after the last one, the items it kept get their nested objects built: left
    unbuilt, they would hold the page's parsed JSON, about twice the memory of the models. An
    item whose nested JSON does not fit stays unbuilt, to raise when that field is read.
    """
    items.reverse()
    handed: list[weakref.ref[T]] = []
    while items:
        item = items.pop()
        handed.append(weakref.ref(item))
        yield item
        del item
    for ref in handed:
        kept = ref()
        if kept is not None:
            build_nested(kept)


def resume_url(base_url: httpx.URL, link: str, options: RequestOptions) -> httpx.URL:
    """The URL of the page a nextLink or continuation token points to, with the options re-applied.

    A link to another scheme, host or port than the account URL is refused, so credentials are
    never sent anywhere else. Query options the link does not carry (``api-version``,
    ``timeout``, ``$filter``, ...) are added, because the caller asked for them on every page.
    """
    if not isinstance(link, str) or not link:
        raise ValueError("a continuation token must be a non-empty string")
    try:
        target = httpx.URL(link)
    except httpx.InvalidURL as exc:
        raise ValueError(f"not a valid paging link: {exc}") from None
    if (target.scheme, target.host, target.port) != (base_url.scheme, base_url.host, base_url.port):
        raise ValueError(
            f"refusing to follow a paging link to {target.scheme}://{target.host}"
            f"{f':{target.port}' if target.port else ''}: it is not the account URL"
        )
    present = {name for name, _ in parse_qsl(target.query.decode("ascii"), keep_blank_values=True)}
    missing = [(name, value) for name, value in options.query if name not in present]
    if not missing:
        return target
    return httpx.URL(link + ("&" if target.query else "?") + encode_query(tuple(missing)))
