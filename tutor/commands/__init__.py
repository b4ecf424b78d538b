"""One module per `tutor` subcommand: `register(subparsers)` and `run(args) -> int`."""

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
