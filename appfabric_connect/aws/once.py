"""``once``: ``functools.cache`` whose first call for its arguments runs once, however many
threads make it at the same moment.

A plugin serves a refresh's reads on as many threads as the engine sends them (the provider
package: 50 at once). With ``functools.cache`` each thread that finds the cache empty computes
the value itself: 50 reads that each built botocore's service model (``aws.model``) cost about
2 s of CPU under one GIL on this project's machines, where one build costs 20-50 ms (#29).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

_Function = TypeVar("_Function", bound=Callable[..., Any])


def once(function: _Function) -> _Function:
    """``function`` cached by its arguments; a miss is computed by one thread, the others wait
    for it. A hit costs one uncontended lock (the cache sits behind it)."""
    cached = functools.cache(function)
    lock = threading.RLock()  # a cached function may call another, or itself

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with lock:
            return cached(*args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
