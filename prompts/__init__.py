"""Wording of the coach, as data files (installed as coachbot.prompts)."""
