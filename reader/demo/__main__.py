"""`python -m reader.demo FOLDER`: make sure the demo library exists in FOLDER."""

import sys
from pathlib import Path

from annotations.errors import GlossatorError
from reader.demo import ensure_demo_library

if __name__ == "__main__":
    try:
        ensure_demo_library(Path(sys.argv[1] if len(sys.argv) > 1 else "demo-library"))
    except GlossatorError as error:
        print(f"glossator: error: {error}", file=sys.stderr)
        sys.exit(1)
