"""`python -m kalypso_lint`."""

from kalypso_lint.cli import main

if __name__ == "__main__":
    main()
