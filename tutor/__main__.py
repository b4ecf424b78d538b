"""`python -m tutor` runs the same entry point as the `tutor` console script."""

from tutor.cli import main

raise SystemExit(main())
