"""Chat platform adapters (installed as coachbot.adapters)."""
