"""Pool specifications, used when a job asks the service to create a pool for it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs

from ._base import Model
from ._common import (
    ApplicationPackageReference,
    ComputeNodeIdentityReference,
    EnvironmentSetting,
    MetadataItem,
)
from ._enums import (
    CachingType,
    CertificateStoreLocation,
    CertificateVisibility,
    ComputeNodeFillType,
    ContainerType,
    DiffDiskPlacement,
    DiskEncryptionTarget,
    DynamicVNetAssignmentScope,
    ElevationLevel,
    InboundEndpointProtocol,
    IPAddressProvisioningType,
    LoginMode,
    NetworkSecurityGroupRuleAccess,
    NodeCommunicationMode,
    NodePlacementPolicyType,
    PoolLifetimeOption,
    StorageAccountType,
)
from ._tasks import ContainerRegistry, ResourceFile, TaskContainerSettings, UserIdentity

__all__ = [
    "AutoPoolSpecification",
    "AzureBlobFileSystemConfiguration",
    "AzureFileShareConfiguration",
    "CIFSMountConfiguration",
    "CertificateReference",
    "CloudServiceConfiguration",
    "ContainerConfiguration",
    "DataDisk",
    "DiffDiskSettings",
    "DiskEncryptionConfiguration",
    "ImageReference",
    "InboundNATPool",
    "LinuxUserConfiguration",
    "MountConfiguration",
    "NFSMountConfiguration",
    "NetworkConfiguration",
    "NetworkSecurityGroupRule",
    "NodePlacementConfiguration",
    "OSDisk",
    "PoolEndpointConfiguration",
    "PoolSpecification",
    "PublicIPAddressConfiguration",
    "StartTask",
    "TaskSchedulingPolicy",
    "UserAccount",
    "VMExtension",
    "VirtualMachineConfiguration",
    "WindowsConfiguration",
    "WindowsUserConfiguration",
]


@attrs.define(kw_only=True)
class AutoPoolSpecification(Model):
    """A pool that the service creates for a job or job schedule and removes when it is no longer needed."""

    auto_pool_id_prefix: str | None = None
    pool_lifetime_option: PoolLifetimeOption | str
    keep_alive: bool | None = None
    pool: PoolSpecification | None = None


@attrs.define(kw_only=True)
class PoolSpecification(Model):
    """The settings of a pool to create automatically."""

    display_name: str | None = None
    vm_size: str
    cloud_service_configuration: CloudServiceConfiguration | None = None
    virtual_machine_configuration: VirtualMachineConfiguration | None = None
    task_slots_per_node: int | None = None
    task_scheduling_policy: TaskSchedulingPolicy | None = None
    resize_timeout: timedelta | None = None
    target_dedicated_nodes: int | None = None
    target_low_priority_nodes: int | None = None
    enable_auto_scale: bool | None = None
    auto_scale_formula: str | None = None
    auto_scale_evaluation_interval: timedelta | None = None
    enable_inter_node_communication: bool | None = None
    network_configuration: NetworkConfiguration | None = None
    start_task: StartTask | None = None
    certificate_references: list[CertificateReference] | None = None
    application_package_references: list[ApplicationPackageReference] | None = None
    application_licenses: list[str] | None = None
    user_accounts: list[UserAccount] | None = None
    metadata: list[MetadataItem] | None = None
    mount_configuration: list[MountConfiguration] | None = None
    target_node_communication_mode: NodeCommunicationMode | str | None = None


@attrs.define(kw_only=True)
class CloudServiceConfiguration(Model):
    """Cloud services settings of a pool (the older pool kind)."""

    os_family: str
    os_version: str | None = None


@attrs.define(kw_only=True)
class VirtualMachineConfiguration(Model):
    """Virtual machine settings of a pool: image, node agent and disks."""

    image_reference: ImageReference
    node_agent_sku_id: str = attrs.field(metadata={"wire": "nodeAgentSKUId"})
    windows_configuration: WindowsConfiguration | None = None
    data_disks: list[DataDisk] | None = None
    license_type: str | None = None
    container_configuration: ContainerConfiguration | None = None
    disk_encryption_configuration: DiskEncryptionConfiguration | None = None
    node_placement_configuration: NodePlacementConfiguration | None = None
    extensions: list[VMExtension] | None = None
    os_disk: OSDisk | None = None


@attrs.define(kw_only=True)
class ImageReference(Model):
    """A marketplace or custom image for the nodes of a pool."""

    publisher: str | None = None
    offer: str | None = None
    sku: str | None = None
    version: str | None = None
    virtual_machine_image_id: str | None = None
    exact_version: str | None = None


@attrs.define(kw_only=True)
class WindowsConfiguration(Model):
    """Windows settings of the nodes of a pool."""

    enable_automatic_updates: bool | None = None


@attrs.define(kw_only=True)
class DataDisk(Model):
    """A data disk attached to each node of a pool."""

    lun: int
    caching: CachingType | str | None = None
    disk_size_gb: int = attrs.field(metadata={"wire": "diskSizeGB"})
    storage_account_type: StorageAccountType | str | None = None


@attrs.define(kw_only=True)
class ContainerConfiguration(Model):
    """Enables containers on a pool and preloads images."""

    type: ContainerType | str
    container_image_names: list[str] | None = None
    container_registries: list[ContainerRegistry] | None = None


@attrs.define(kw_only=True)
class DiskEncryptionConfiguration(Model):
    """Which disks of the nodes are encrypted."""

    targets: list[DiskEncryptionTarget | str] | None = None


@attrs.define(kw_only=True)
class NodePlacementConfiguration(Model):
    """How the nodes of a pool are placed across zones."""

    policy: NodePlacementPolicyType | str | None = None


@attrs.define(kw_only=True)
class VMExtension(Model):
    """A virtual machine extension installed on each node."""

    name: str
    publisher: str
    type: str
    type_handler_version: str | None = None
    auto_upgrade_minor_version: bool | None = None
    enable_automatic_upgrade: bool | None = None
    settings: Any = None
    protected_settings: Any = None
    provision_after_extensions: list[str] | None = None


@attrs.define(kw_only=True)
class OSDisk(Model):
    """Settings of the operating system disk of the nodes."""

    ephemeral_os_disk_settings: DiffDiskSettings | None = attrs.field(
        default=None, metadata={"wire": "ephemeralOSDiskSettings"}
    )


@attrs.define(kw_only=True)
class DiffDiskSettings(Model):
    """Where an ephemeral operating system disk is placed."""

    placement: DiffDiskPlacement | str | None = None


@attrs.define(kw_only=True)
class TaskSchedulingPolicy(Model):
    """How tasks are spread across the nodes of a pool."""

    node_fill_type: ComputeNodeFillType | str


@attrs.define(kw_only=True)
class NetworkConfiguration(Model):
    """Network settings of a pool."""

    subnet_id: str | None = None
    dynamic_vnet_assignment_scope: DynamicVNetAssignmentScope | str | None = attrs.field(
        default=None, metadata={"wire": "dynamicVNetAssignmentScope"}
    )
    endpoint_configuration: PoolEndpointConfiguration | None = None
    public_ip_address_configuration: PublicIPAddressConfiguration | None = attrs.field(
        default=None, metadata={"wire": "publicIPAddressConfiguration"}
    )
    enable_accelerated_networking: bool | None = None


@attrs.define(kw_only=True)
class PoolEndpointConfiguration(Model):
    """Inbound NAT pools that expose node ports."""

    inbound_nat_pools: list[InboundNATPool] = attrs.field(metadata={"wire": "inboundNATPools"})


@attrs.define(kw_only=True)
class InboundNATPool(Model):
    """A range of public ports mapped to one port on every node."""

    name: str
    protocol: InboundEndpointProtocol | str
    backend_port: int
    frontend_port_range_start: int
    frontend_port_range_end: int
    network_security_group_rules: list[NetworkSecurityGroupRule] | None = None


@attrs.define(kw_only=True)
class NetworkSecurityGroupRule(Model):
    """A network security group rule applied to an inbound endpoint."""

    priority: int
    access: NetworkSecurityGroupRuleAccess | str
    source_address_prefix: str
    source_port_ranges: list[str] | None = None


@attrs.define(kw_only=True)
class PublicIPAddressConfiguration(Model):
    """How public IP addresses are provided for the nodes of a pool."""

    provision: IPAddressProvisioningType | str | None = None
    ip_address_ids: list[str] | None = None


@attrs.define(kw_only=True)
class StartTask(Model):
    """A task that runs on each node when it joins the pool or restarts."""

    command_line: str
    container_settings: TaskContainerSettings | None = None
    resource_files: list[ResourceFile] | None = None
    environment_settings: list[EnvironmentSetting] | None = None
    user_identity: UserIdentity | None = None
    max_task_retry_count: int | None = None
    wait_for_success: bool | None = None


@attrs.define(kw_only=True)
class CertificateReference(Model):
    """A certificate to install on the nodes of a pool."""

    thumbprint: str
    thumbprint_algorithm: str
    store_location: CertificateStoreLocation | str | None = None
    store_name: str | None = None
    visibility: list[CertificateVisibility | str] | None = None


@attrs.define(kw_only=True)
class UserAccount(Model):
    """A user account created on each node of a pool."""

    name: str
    password: str
    elevation_level: ElevationLevel | str | None = None
    linux_user_configuration: LinuxUserConfiguration | None = None
    windows_user_configuration: WindowsUserConfiguration | None = None


@attrs.define(kw_only=True)
class LinuxUserConfiguration(Model):
    """Linux-specific settings of a user account."""

    uid: int | None = None
    gid: int | None = None
    ssh_private_key: str | None = None


@attrs.define(kw_only=True)
class WindowsUserConfiguration(Model):
    """Windows-specific settings of a user account."""

    login_mode: LoginMode | str | None = None


@attrs.define(kw_only=True)
class MountConfiguration(Model):
    """A file system to mount on each node of a pool."""

    azure_blob_file_system_configuration: AzureBlobFileSystemConfiguration | None = None
    nfs_mount_configuration: NFSMountConfiguration | None = None
    cifs_mount_configuration: CIFSMountConfiguration | None = None
    azure_file_share_configuration: AzureFileShareConfiguration | None = None


@attrs.define(kw_only=True)
class AzureBlobFileSystemConfiguration(Model):
    """A blob container mounted with blobfuse."""

    account_name: str
    container_name: str
    account_key: str | None = None
    sas_key: str | None = None
    blobfuse_options: str | None = None
    relative_mount_path: str
    identity_reference: ComputeNodeIdentityReference | None = None


@attrs.define(kw_only=True)
class NFSMountConfiguration(Model):
    """An NFS file system to mount."""

    source: str
    relative_mount_path: str
    mount_options: str | None = None


@attrs.define(kw_only=True)
class CIFSMountConfiguration(Model):
    """A CIFS/SMB file system to mount."""

    username: str
    source: str
    relative_mount_path: str
    mount_options: str | None = None
    password: str


@attrs.define(kw_only=True)
class AzureFileShareConfiguration(Model):
    """An Azure Files share to mount."""

    account_name: str
    azure_file_url: str
    account_key: str
    relative_mount_path: str
    mount_options: str | None = None
