import sys

from tests.reliability.scenarios import main

sys.exit(main())
