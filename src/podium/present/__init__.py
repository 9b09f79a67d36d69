"""Presentation: words (FR/EN), numbers, and plain data shapes shared by the CLI and the web API."""
