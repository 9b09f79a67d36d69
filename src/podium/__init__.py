"""podium: run a motor-racing championship and do its title mathematics exactly."""

__version__ = "0.1.0"
