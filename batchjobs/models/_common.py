"""Small models shared by jobs, tasks and pools, and the service error body."""

from __future__ import annotations

import attrs

from ._base import Model

__all__ = [
    "ApplicationPackageReference",
    "BatchError",
    "BatchErrorDetail",
    "ComputeNodeIdentityReference",
    "EnvironmentSetting",
    "ErrorMessage",
    "MetadataItem",
    "NameValuePair",
]


@attrs.define(kw_only=True)
class EnvironmentSetting(Model):
    """An environment variable set for a task."""

    name: str
    value: str | None = None


@attrs.define(kw_only=True)
class MetadataItem(Model):
    """A name/value pair the service stores with a resource for the caller's own use."""

    name: str
    value: str


@attrs.define(kw_only=True)
class NameValuePair(Model):
    """A name and a value."""

    name: str | None = None
    value: str | None = None


@attrs.define(kw_only=True)
class ComputeNodeIdentityReference(Model):
    """A user-assigned managed identity of the pool used to reach storage or a registry."""

    resource_id: str | None = None


@attrs.define(kw_only=True)
class ApplicationPackageReference(Model):
    """An application package to deploy to the compute nodes."""

    application_id: str
    version: str | None = None


@attrs.define(kw_only=True)
class BatchError(Model):
    """The error body the service returns with a failed request."""

    code: str | None = None
    message: ErrorMessage | None = None
    values: list[BatchErrorDetail] | None = None


@attrs.define(kw_only=True)
class ErrorMessage(Model):
    """The human-readable message of a service error, with its language."""

    lang: str | None = None
    value: str | None = None


@attrs.define(kw_only=True)
class BatchErrorDetail(Model):
    """One key/value detail of a service error, such as the offending property name."""

    key: str | None = None
    value: str | None = None
