"""One module per command (group); kalypso_lint.cli assembles them."""
