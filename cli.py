"""Run kalypso-lint from a source checkout: `python cli.py check examples/`.

The installed console script `kalypso-lint` and `python -m kalypso_lint` do the same.
"""

from kalypso_lint.launch import main

if __name__ == "__main__":
    main()
