"""A pole stated by denying the other one, moves in five languages, and reluctant moves: what
executives write in chat, read at the pole they mean.

The texts are written for these tests, not taken from the training data or the chat sets.
"""

from __future__ import annotations

import pytest

from coachbot.beliefs import detect
from coachbot.beliefs.featurize import features

RECORD = 0.5  # the engine records a belief from this confidence up (prompts/policy.yaml)


def stance(text: str, dimension: str) -> str | None:
    """The stance recorded for ``dimension`` (confidence at the recording bar), or None."""
    found = [b for b in detect(text) if b.dimension == dimension and b.confidence >= RECORD]
    return found[0].stance if found else None


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("I don't think we can leave social to the comms department", "ownership"),
        ("I don't think I can hand the customer conversations to the agency", "ownership"),
        ("looking back I was naive to think the retweets showed anyone trusted us", "success_measure"),
        ("I was wrong to believe the monthly reach figures proved anything", "success_measure"),
        ("it's more than a marketing channel", "social_purpose"),
    ],
)
def test_a_denied_old_idea_is_recorded_at_the_new_pole(text, dimension):
    assert stance(text, dimension) == "new", detect(text)


def test_a_negation_reaches_over_i_do_not_think_to_what_it_denies():
    # "marketing" sits seven words after the "not": still inside the negation.
    assert "~market" in features("I don't think I can leave this to marketing")
    assert "~market" not in features("I think I can leave this to marketing")


def test_no_opening_a_reply_does_not_deny_what_follows():
    assert stance("No, it has to be me.", "leader_participation") == "new"


def test_more_than_a_number_is_not_a_denial():
    assert "~million" not in features("we want more than a million views")


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("je ne pense pas qu'on puisse laisser ça au service communication", "ownership"),
        ("ich glaube nicht, dass die Followerzahl etwas über Vertrauen sagt", "success_measure"),
        ("las mejores mejoras del producto nos las sugirieron los propios instaladores", "value_creation"),
        ("a gente mede sucesso pela confiança dos clientes, não pelas curtidas", "success_measure"),
        ("es mucho más que un canal de publicidad", "social_purpose"),
    ],
)
def test_a_move_in_another_language_is_recorded_at_the_new_pole(text, dimension):
    assert stance(text, dimension) == "new", detect(text)


def test_a_small_reluctant_commitment_to_take_part_is_the_leader_taking_part():
    assert stance("fine, I'll do a little of it myself, a few replies a week", "leader_participation") == "new"


def test_agreeing_beliefs_before_picking_tools_is_beliefs_first():
    text = "before we choose any platform we should agree what we believe about customers"
    assert stance(text, "beliefs_before_strategy") == "new"


@pytest.mark.parametrize(
    "text",
    [
        "I don't think the trains are running today",
        "I was wrong about the date, the offsite is on the 14th",
        "no creo que llegue a la llamada de las cinco",
    ],
)
def test_a_denial_about_logistics_records_no_belief(text):
    assert all(b.confidence < RECORD for b in detect(text)), detect(text)


@pytest.mark.parametrize(
    ("text", "dimension", "expected"),
    [
        ("The digital roadmap can wait, our managers need to see customers differently first.",
         "beliefs_before_strategy", "new"),
        ("I don't think I need to be on LinkedIn myself.", "leader_participation", "old"),
    ],
)
def test_an_idea_the_executive_dismisses_is_recorded_at_the_other_pole(text, dimension, expected):
    assert stance(text, dimension) == expected, detect(text)
