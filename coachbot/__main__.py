import sys

from coachbot.cli import main

sys.exit(main())
