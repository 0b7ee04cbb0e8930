"""Topics that need a person rather than a coach.

Self-harm, medical worries, harassment, and legal or HR grievances are routed to a
short caring reply that points to human help. The patterns lean towards catching too
much: a needless pointer to help costs little, a missed one costs a lot.
"""

from __future__ import annotations

import re

_PATTERNS: dict[str, re.Pattern[str]] = {
    "self_harm": re.compile(
        r"\b(suicid\w*|kill(?:ing)? myself|end(?:ing)? (?:my|it) (?:life|all)|take my (?:own )?life|"
        r"self[- ]harm\w*|hurt(?:ing)? myself|cut(?:ting)? myself|don'?t want to (?:live|be alive|be here)|"
        r"no reason to live|better off (?:dead|without me)|want to die|wish i (?:was|were) dead)\b",
        re.IGNORECASE,
    ),
    "medical": re.compile(
        r"\b(chest pains?|heart attack|had a stroke|diagnosed with|my (?:doctor|therapist|medication|meds)|"
        r"panic attacks?|can'?t breathe|fainted|blacked out|i'?m depressed|depression|anxiety disorder|"
        r"burn(?:ed|t)[- ]out and can'?t|haven'?t slept (?:in|for)|eating disorder|i have cancer|seizures?)\b",
        re.IGNORECASE,
    ),
    "harassment": re.compile(
        r"\b(harass\w*|bull(?:y|ied|ying)|sexual(?:ly)? (?:assault\w*|advances|comments)|assault\w*|"
        r"groped|stalk\w*|hostile work environment|discriminat\w*|racist|sexist|threaten(?:ed|s|ing) me|"
        r"intimidat\w+ me)\b",
        re.IGNORECASE,
    ),
    "grievance": re.compile(
        r"\b(lawsuit|sue (?:me|us|them|him|her|the company)|suing|my lawyer|legal action|legal advice|"
        r"grievance|wrongful(?:ly)? (?:dismiss\w*|terminat\w*)|whistle-?blow\w*|retaliat\w* against me|"
        r"unfair(?:ly)? dismiss\w*|fired (?:me )?unfairly|disciplinary|tribunal|constructive dismissal)\b",
        re.IGNORECASE,
    ),
}

CATEGORIES = tuple(_PATTERNS)


def safety_topic(text: str) -> str | None:
    """The safety category ``text`` touches (most urgent first), or None."""
    for category, pattern in _PATTERNS.items():
        if pattern.search(text):
            return category
    return None
