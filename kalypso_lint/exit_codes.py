"""The exit codes of every command (a module of its own so that the console script's entry
point can use them before click and the commands are imported)."""

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_NO_FILES, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
