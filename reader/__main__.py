"""`python -m reader` runs the glossator command line."""

from reader.cli import main

if __name__ == "__main__":
    main()
