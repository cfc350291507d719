"""`python -m creditsite.cli`."""

import sys

from creditsite.cli.main import main

sys.exit(main())
