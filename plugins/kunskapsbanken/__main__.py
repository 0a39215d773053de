import sys

from kunskapsbanken.cli import main

sys.exit(main())
