"""Checks of podium against outside ground truth (f1db standings and title deciders)."""
