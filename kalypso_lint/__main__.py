"""`python -m kalypso_lint`."""

from kalypso_lint.launch import main

if __name__ == "__main__":
    main()
