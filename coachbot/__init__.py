"""coachbot: a coach for executives who want to take part, not broadcast."""
__version__ = "0.1.0"
