"""A rich CloudJob body, as the service would send it, shared by tests and benchmarks."""

from __future__ import annotations

import json
from typing import Any


def rich_job(
    job_id: str = "job-0001", account_url: str = "https://account.region.batch.azure.com"
) -> dict[str, Any]:
    """A CloudJob with an auto-pool, a job manager task, metadata, execution info and statistics."""
    t = "2023-05-10T12:34:56.1234567Z"
    env = [{"name": f"VAR_{i}", "value": f"value-{i}"} for i in range(5)]
    return {
        "odata.metadata": f"{account_url}/$metadata#jobs/@Element",
        "id": job_id,
        "displayName": f"Rich job {job_id}",
        "usesTaskDependencies": True,
        "url": f"{account_url}/jobs/{job_id}",
        "eTag": "0x8DB62A1B2C3D4E5",
        "lastModified": t,
        "creationTime": t,
        "state": "active",
        "stateTransitionTime": t,
        "previousState": "disabled",
        "previousStateTransitionTime": t,
        "priority": 100,
        "allowTaskPreemption": False,
        "maxParallelTasks": -1,
        "constraints": {"maxWallClockTime": "P10675199DT2H48M5.4775807S", "maxTaskRetryCount": 3},
        "jobManagerTask": {
            "id": "jobManager",
            "displayName": "Job manager",
            "commandLine": "/bin/bash -c 'python3 manager.py --verbose'",
            "resourceFiles": [
                {"httpUrl": f"https://storage.blob.core.windows.net/c/file{i}.py", "filePath": f"file{i}.py"}
                for i in range(3)
            ],
            "environmentSettings": env,
            "constraints": {"maxWallClockTime": "PT1H", "retentionTime": "P7D", "maxTaskRetryCount": 0},
            "requiredSlots": 1,
            "killJobOnCompletion": True,
            "userIdentity": {"autoUser": {"scope": "task", "elevationLevel": "nonadmin"}},
            "runExclusive": False,
            "allowLowPriorityNode": True,
        },
        "commonEnvironmentSettings": env,
        "poolInfo": {
            "autoPoolSpecification": {
                "autoPoolIdPrefix": "auto",
                "poolLifetimeOption": "job",
                "keepAlive": False,
                "pool": {
                    "vmSize": "standard_d2s_v3",
                    "virtualMachineConfiguration": {
                        "imageReference": {
                            "publisher": "canonical",
                            "offer": "0001-com-ubuntu-server-focal",
                            "sku": "20_04-lts",
                            "version": "latest",
                        },
                        "nodeAgentSKUId": "batch.node.ubuntu 20.04",
                    },
                    "taskSlotsPerNode": 2,
                    "taskSchedulingPolicy": {"nodeFillType": "Spread"},
                    "targetDedicatedNodes": 3,
                    "targetLowPriorityNodes": 0,
                    "enableAutoScale": False,
                    "enableInterNodeCommunication": False,
                    "startTask": {
                        "commandLine": "/bin/bash -c 'apt-get update'",
                        "userIdentity": {"autoUser": {"scope": "pool", "elevationLevel": "admin"}},
                        "maxTaskRetryCount": 1,
                        "waitForSuccess": True,
                    },
                    "metadata": [{"name": "pool-owner", "value": "team-a"}],
                },
            }
        },
        "onAllTasksComplete": "terminatejob",
        "onTaskFailure": "performexitoptionsjobaction",
        "metadata": [{"name": f"key{i}", "value": f"value{i}"} for i in range(4)],
        "executionInfo": {"startTime": t, "poolId": "auto_1234"},
        "stats": {
            "url": f"{account_url}/jobs/{job_id}/stats",
            "startTime": t,
            "lastUpdateTime": t,
            "userCPUTime": "PT1H2M3.5S",
            "kernelCPUTime": "PT2M",
            "wallClockTime": "P1DT2H",
            "readIOps": 1234,
            "writeIOps": 567,
            "readIOGiB": 1.5,
            "writeIOGiB": 0.25,
            "numSucceededTasks": 100,
            "numFailedTasks": 2,
            "numTaskRetries": 3,
            "waitTime": "PT5M",
        },
    }


def rich_job_bytes(job_id: str = "job-0001") -> bytes:
    return json.dumps(rich_job(job_id)).encode()
