import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Wrong resume codes posted here must not lock out the tests that run after."""
    settings.RESUME_FAILURE_DELAY_SECONDS = 0
    cache.clear()
    yield
    cache.clear()
