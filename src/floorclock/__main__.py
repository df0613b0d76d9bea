"""Allow ``python -m floorclock``."""

from floorclock.cli import main

raise SystemExit(main())
