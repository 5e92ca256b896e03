"""Root pytest configuration: the emulator fixtures of ``batchjobs.testing``, as users enable them."""

pytest_plugins = ["batchjobs.testing"]
