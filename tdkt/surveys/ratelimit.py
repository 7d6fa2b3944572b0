"""A fixed-window request counter in Django's cache, for the public survey form.

`exceeded(request, scope, limit, window)` counts this request under (scope, client address, current
window) and says whether the limit is passed. With the default local-memory cache each server process
counts alone; a shared cache (Redis, Memcached, the database cache) makes the limit global. Limits are
settings: `TDKT_SURVEY_RATE_POSTS` (answers saved per address per 10 minutes, default 120) and
`TDKT_SURVEY_RATE_MISSES` (unknown links per address per 10 minutes, default 20), or the environment
variables `SURVEY_RATE_POSTS` and `SURVEY_RATE_MISSES`.
"""

import os
import time

from django.conf import settings
from django.core.cache import cache

WINDOW = 600


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def exceeded(request, scope: str, limit: int, window: int = WINDOW) -> bool:
    bucket = int(time.time() // window)
    key = f"tdkt-rl:{scope}:{client_address(request)}:{bucket}"
    cache.add(key, 0, window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window + 5)
        count = 1
    return count > limit


def post_limit() -> int:
    return int(
        getattr(settings, "TDKT_SURVEY_RATE_POSTS", None) or os.environ.get("SURVEY_RATE_POSTS") or 120
    )


def miss_limit() -> int:
    return int(
        getattr(settings, "TDKT_SURVEY_RATE_MISSES", None) or os.environ.get("SURVEY_RATE_MISSES") or 20
    )
