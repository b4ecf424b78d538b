"""One module per check kind, each defining `KIND` (see `tutor.checks`)."""
