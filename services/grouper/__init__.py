"""The grouper stage: reports of one event, across sources and languages, share a story id."""
