"""What each response cost the server, for the benchmark only (bench/settings.py)."""

import time

from django.db import connection


class ServerMeasuresMiddleware:
    """Each response says what it cost the server.

    `X-Queries` is the number of database queries; `X-Server-Ms` the milliseconds spent in
    Django, from this middleware (the outermost) back to it. The load benchmark reads both: a
    latency much longer than X-Server-Ms is time spent waiting for a free gunicorn worker.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Server-Ms"] = f"{(time.perf_counter() - started) * 1000:.1f}"
        response["X-Queries"] = str(count)
        return response
