"""Command-line entry point (placeholder during bootstrap)."""


def main() -> int:
    return 0
