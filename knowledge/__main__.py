"""`python -m knowledge ...`: see knowledge/cli.py."""

import os
import sys

from .cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # Output piped into `head` and the like: stop quietly, as other CLI tools do.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
