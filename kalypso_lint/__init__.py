"""kalypso-lint: a linter for health and wellness marketing copy."""

__version__ = "0.1.0"
