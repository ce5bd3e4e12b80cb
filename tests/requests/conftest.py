import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fast_and_fresh(settings):
    """Wrong resume codes are answered at once in tests; rate-limit counts start at zero."""
    settings.RESUME_FAILURE_DELAY_SECONDS = 0
    cache.clear()
    yield
    cache.clear()
