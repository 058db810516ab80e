"""Shared test settings."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# CI machines are small and shared: property tests judge correctness, never speed.
settings.register_profile(
    "rodape", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "rodape"))


@pytest.fixture(autouse=True)
def _unfreeze_after_each_test() -> Iterator[None]:
    """A load leaves what it built frozen out of the collector's passes (reader.ui.reading
    .background): right for a reader, which is one app per process, but a test session
    runs hundreds of apps, whose screens would then never be collected."""
    yield
    gc.unfreeze()
