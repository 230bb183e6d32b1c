"""gunicorn settings for duikou (used by `make serve`, the systemd unit and the bundle).

Environment: BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes, default
2 × cores + 1, at most 8), WEB_THREADS (threads per worker, default 4), WEB_TIMEOUT (s).
Logs go to stderr as JSON lines, the access log with the request id that
RequestIdMiddleware gives each response. docs/deployment.md says why these numbers.
"""

import json
import os

_cores = os.cpu_count() or 1
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * _cores + 1, 8)))
threads = int(os.environ.get("WEB_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after about this many requests: bounds any slow growth of memory.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", 5000))
max_requests_jitter = 500
# Load the application once in the master: less memory per worker (copy on write).
preload_app = True
wsgi_app = "duikou.wsgi:application"
# No control socket (gunicorn 27 would put it in the home directory, which the systemd unit
# keeps read-only); reload with `systemctl reload duikou-web` (SIGHUP) instead.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
access_log_format = json.dumps(
    {
        "logger": "access",
        "remote": "%(h)s",
        "method": "%(m)s",
        "path": "%(U)s",
        "status": "%(s)s",
        "bytes": "%(B)s",
        "ms": "%(M)s",
        "request_id": "%({x-request-id}o)s",
    }
)

# gunicorn's own messages as JSON lines too (the same formatter as the application's);
# the access lines above are JSON already.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "duikou.core.logging.JsonFormatter"},
        "raw": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {"class": "logging.StreamHandler", "formatter": "json"},
        "access": {"class": "logging.StreamHandler", "formatter": "raw"},
    },
    "root": {"handlers": ["error"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}


def post_fork(server, worker):
    # Each worker opens its own database connections: none inherited from the master.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
