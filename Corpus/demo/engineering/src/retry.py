"""Retry helper with exponential backoff and full jitter."""

import random
import time


class RetryError(Exception):
    """Raised when every attempt failed."""


def retry(fn, attempts=5, base=0.25, cap=8.0, retry_on=(ConnectionError, TimeoutError)):
    """Call fn until it succeeds or attempts run out."""
    last = None
    for attempt in range(attempts):
        try:
            return fn()
        except retry_on as err:
            last = err
            delay = min(cap, base * (2 ** attempt))
            time.sleep(random.uniform(0, delay))
    raise RetryError(f"gave up after {attempts} attempts") from last


if __name__ == "__main__":
    print(retry(lambda: 42))
