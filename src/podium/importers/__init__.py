"""Edges that read outside data into the model: f1db YAML, podium CSV, timing CSV, Ergast JSON."""
