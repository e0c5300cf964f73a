"""`python -m analysis` is the same program as the `qci` console script."""

import sys

from analysis.cli import main

if __name__ == "__main__":
    sys.exit(main())
