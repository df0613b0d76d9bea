"""Settings shared by the whole test suite."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Qt draws off screen in tests unless a developer asks for a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "quick", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "full", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# FLOORCLOCK_FULL=1 runs the long versions: 500 examples a property instead of 60;
# FLOORCLOCK_HYPOTHESIS=quick|default|full chooses a profile by name (all registered here).
_FULL = os.environ.get("FLOORCLOCK_FULL") == "1"
settings.load_profile(os.environ.get("FLOORCLOCK_HYPOTHESIS", "full" if _FULL else "default"))
