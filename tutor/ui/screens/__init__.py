"""One screen per module; the app imports each lazily when its mode opens."""
