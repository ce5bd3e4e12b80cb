"""The address of the device a request comes from, the same for every rate limit.

Behind the TLS proxy every request reaches the app from the proxy's address, so REMOTE_ADDR
alone would put every person in one bucket: five wrong codes from one stranger would lock
out everyone. With `TRUSTED_PROXY_COUNT` = N (the proxies in front of the app, each adding
the address it received the request from to X-Forwarded-For), the client is the address the
outermost of our proxies saw. django-ipware (python-ipware) reads it from the right of the
header, so addresses a client writes into the header itself are never believed. Off (0) by
default: then only REMOTE_ADDR counts, and X-Forwarded-For is ignored.
"""

from django.conf import settings
from ipware import get_client_ip

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_address(request) -> str:
    """The client's IP address as text ("" when unknown). Used by the resume-code and
    share-code limits and by django-axes (AXES_CLIENT_IP_CALLABLE)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    # ipware counts the proxies *between* the client and the last one in the header: our
    # outermost proxy wrote the client's address, so one fewer than the proxies we trust.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=[FORWARDED_FOR],
        strict=False,
    )
    return address or remote
