"""Settings shared by the whole test suite."""

from __future__ import annotations

import os
import tempfile

from hypothesis import HealthCheck, settings

# Qt draws off screen in tests unless a developer asks for a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Checked agendas are cached in the user cache folder (store.agenda_cache): the tests, and the
# programs they start, keep theirs in a folder of their own, never in the user's.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="floorclock-tests-cache-")

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
