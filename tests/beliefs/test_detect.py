"""Behaviour of ``coachbot.beliefs.detect``: what it finds, what it leaves alone, and what it survives.

The texts here are written for the tests, not taken from the training data or the dev set.
"""

from __future__ import annotations

import pytest

from coachbot.beliefs import detect
from coachbot.beliefs.model import load
from coachbot.models import DIMENSIONS, Belief


def labels(text: str) -> set[tuple[str, str]]:
    return {(b.dimension, b.stance) for b in detect(text)}


def one(text: str, dimension: str) -> Belief:
    found = [b for b in detect(text) if b.dimension == dimension]
    assert len(found) == 1, (text, detect(text))
    return found[0]


def test_plain_statements_are_found_at_their_pole():
    assert ("success_measure", "old") in labels("What I watch is how many followers and likes each post gets.")
    assert ("leader_participation", "old") in labels("Posting online is not something a CEO has time for.")
    assert ("value_creation", "new") in labels("We should develop the new range together with our retailers.")


def test_negation_moves_a_belief_to_the_other_pole():
    assert one("Social is just marketing for us.", "social_purpose").stance == "old"
    assert one("I don't think social is just marketing anymore.", "social_purpose").stance == "new"


def test_negated_metric_reads_as_the_new_pole():
    assert one("Follower counts don't tell me anything about whether people trust us.", "success_measure").stance == (
        "new"
    )


def test_reported_speech_is_returned_but_marked_and_less_confident():
    own = one("I want our follower numbers to rise every single month.", "success_measure")
    reported = one("My board wants our follower numbers to rise every single month.", "success_measure")
    assert (own.stance, own.reported) == ("old", False)
    assert (reported.stance, reported.reported) == ("old", True)
    assert reported.confidence < own.confidence


def test_own_view_after_a_reported_one_wins_the_dimension():
    found = one(
        "Our chairman keeps saying reach is what counts, but I care far more about whether clients trust us.",
        "success_measure",
    )
    assert (found.stance, found.reported) == ("new", False)
    assert found.evidence.startswith("I care")


def test_questions_are_not_stated_beliefs():
    assert detect("Should we be measuring success by the number of followers?") == []
    assert detect("Do you think marketing should own our social accounts?") == []
    assert detect("What would it look like if I wrote my own posts?") == []


def test_the_same_words_as_a_statement_are_a_belief():
    assert ("success_measure", "old") in labels("We should be measuring success by the number of followers.")


def test_multi_label_text_returns_each_belief():
    text = (
        "Social media is an advertising channel and nothing more. "
        "I'm far too busy to post anything myself; my assistant can do it."
    )
    assert {("social_purpose", "old"), ("leader_participation", "old")} <= labels(text)


def test_one_stance_per_dimension():
    text = "Likes are what count. Honestly, trust is what counts. Followers matter. Loyalty matters."
    dims = [b.dimension for b in detect(text)]
    assert len(dims) == len(set(dims))


@pytest.mark.parametrize(
    "text",
    [
        "Good morning!",
        "Can we move Thursday's check-in to 3pm?",
        "I'm flying to Toronto tonight.",
        "Thanks, talk next week.",
        "Our marketing team grew to twelve people this year.",
        "We have about 8,000 followers on LinkedIn.",
        "The budget meeting got pushed to Monday.",
        "I had lunch with two of our distributors.",
    ],
)
def test_no_belief_texts_come_back_empty(text):
    assert detect(text) == []


@pytest.mark.parametrize("text", ["", " ", "\n\t  \n", "...", "?!"])
def test_empty_input_gives_no_beliefs(text):
    assert detect(text) == []


def test_unicode_apostrophes_read_like_ascii_ones():
    assert labels("I don’t think social is just marketing anymore.") == labels(
        "I don't think social is just marketing anymore."
    )


@pytest.mark.parametrize(
    "text",
    [
        "🙂🚀🔥",
        "Социальные сети — это просто маркетинг.",
        "社交媒体只是营销渠道。",
        "\x00\x01\x02\xff\ufffd binary junk \udcff",
        "Ünïcödé ëvërÿwhërë: soçial is a marketing çhannel",
        "a" * 5000,
    ],
)
def test_unusual_text_does_not_crash(text):
    found = detect(text)
    assert isinstance(found, list)
    assert all(isinstance(b, Belief) for b in found)


def test_long_text_is_handled():
    text = ("We measure social by likes and reach. " + "The weather was fine and the train was on time. " * 40) * 60
    assert len(text) > 100_000
    assert ("success_measure", "old") in labels(text)


def test_evidence_is_a_verbatim_substring_of_the_input():
    text = (
        "Busy week.  We closed the quarter on Friday!\n"
        "Honestly, I’d rather have real conversations with our fifty biggest clients than a huge audience. "
        "Legal signs off on every single post before it goes out."
    )
    found = detect(text)
    assert found
    for belief in found:
        assert belief.evidence
        assert belief.evidence in text
        assert belief.evidence == belief.evidence.strip()


def test_confidence_is_a_probability():
    texts = [
        "Social is a marketing channel.",
        "My CFO thinks social is a marketing channel.",
        "Trust built over years matters more than reach.",
        "Is social a marketing channel?",
        "I want to hear the criticism and answer it in public myself.",
    ]
    for text in texts:
        for belief in detect(text):
            assert 0.0 <= belief.confidence <= 1.0


def test_results_use_the_contract_ids():
    found = detect("Marketing owns social here, and every post needs legal approval.")
    assert found
    for belief in found:
        assert belief.dimension in DIMENSIONS
        assert belief.stance in ("old", "new")
        assert set(belief.as_dict()) == {"dimension", "stance", "confidence"}


def test_detection_is_deterministic():
    text = "We should co-design the service with patients; the comms office shouldn't own it."
    first = detect(text)
    assert all(detect(text) == first for _ in range(5))
    load.cache_clear()
    assert detect(text) == first


def test_reported_speech_frames_are_told_apart_from_the_executives_own_words():
    assert one("I suspect our investors want a bigger audience above all.", "network_focus").reported
    own = detect("Let the people on the front line say what they think, even when it stings.")
    assert own
    assert not any(b.reported for b in own)


def test_a_belief_held_in_the_past_is_not_the_current_position():
    assert detect("A few years ago I would have said social media is only advertising.") == []
    changed = detect("I used to judge social by likes, but these days I care about whether clients trust us.")
    assert [(b.dimension, b.stance) for b in changed] == [("success_measure", "new")]
    assert ("success_measure", "old") in labels("We always measured success in likes.")


def test_evidence_from_a_run_on_text_stays_short_and_verbatim():
    text = "we measure everything by likes and followers " * 3000
    found = detect(text)
    assert found
    for belief in found:
        assert belief.evidence in text
        assert len(belief.evidence) <= 1000


# How executives really write: off-script negation, hedges and plain descriptions. The first text
# of each case is one the detector used to get wrong in real sessions; none of these texts is in
# the training data.


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("followers mean nothing", "success_measure"),
        ("Likes don't matter to me.", "success_measure"),
        ("Our follower count means nothing if nobody buys.", "success_measure"),
    ],
)
def test_a_negation_after_the_noun_turns_the_old_idea_into_the_new_pole(text, dimension):
    assert one(text, dimension).stance == "new"


def test_no_it_should_be_me_is_the_leader_taking_part():
    assert ("leader_participation", "new") in labels("No, it should be me.")
    assert ("leader_participation", "old") not in labels("No, it should be me.")


def test_a_hedged_first_person_move_is_still_found():
    assert ("leader_participation", "new") in labels("maybe it is my level. if I don't go, I don't hear it")
    assert ("leader_participation", "new") in labels("perhaps I should be the one replying to them")


def test_a_hedged_denial_of_the_business_case_reads_as_beliefs_first():
    assert one("Maybe the business case can't come first here", "beliefs_before_strategy").stance == "new"


@pytest.mark.parametrize(
    "text",
    [
        "We build logistics software for retailers.",
        "We make gearboxes for wind turbines, about 2,000 a year.",
        "Our marketing team has six people and an agency.",
        "We make cardboard packaging for online shops.",
        "We sell through 400 dealers across Europe.",
        "We have 30,000 followers on LinkedIn.",
    ],
)
def test_a_plain_business_description_gets_no_confident_belief(text):
    # The coach names a belief back to the executive from 0.7 up; a description must stay below.
    assert all(b.confidence < 0.7 for b in detect(text)), detect(text)


def test_a_belief_in_another_language_is_read_at_its_pole():
    assert one("La red social no es solo marketing, es cómo trabajamos.", "social_purpose").stance == "new"


# Implicit chat: the view is carried by who does what, not by the dimension's usual words. The
# engine records a belief from 0.5 up (prompts/policy.yaml), so these must reach it.
RECORD = 0.5


@pytest.mark.parametrize(
    ("text", "dimension", "stance"),
    [
        ("the supervisors look after that side, I stick to the finances", "leader_participation", "old"),
        ("unless I go there myself I never hear the real story", "leader_participation", "new"),
        ("we inform the residents, we don't really have a conversation with them", "voice_and_control", "old"),
        ("posting is the press office's job, not mine and not the engineers'", "ownership", "old"),
        ("perhaps it's not only a marketing thing, our fitters speak to customers every day", "ownership", "new"),
        ("the growers who supply us every week matter more to me than the big retail buyers", "network_focus", "new"),
        ("we track likes, that's the number we report", "success_measure", "old"),
        ("Nein, das muss ich selbst machen.", "leader_participation", "new"),
        ("Nee, dat moet ik zelf doen.", "leader_participation", "new"),
    ],
)
def test_an_implicit_chat_statement_is_recorded_at_its_pole(text, dimension, stance):
    found = one(text, dimension)
    assert (found.stance, found.reported) == (stance, False)
    assert found.confidence >= RECORD, found


@pytest.mark.parametrize(
    "text",
    [
        "Our engineers are based in Turin and Lyon.",
        "The regulator sent a letter about the new reporting rules.",
        "I have a board call at four, then I'm free.",
        "Should we measure followers? I'm not sure.",
    ],
)
def test_business_talk_with_the_domain_s_words_is_not_recorded(text):
    assert all(b.confidence < RECORD for b in detect(text)), detect(text)


def test_reported_confidence_only_moves_beliefs_already_over_the_recording_bar():
    model = load()
    below = [0.3, 0.4, 0.49]
    assert [model.confidence(p) for p in below] == below
    above = [0.5, 0.6, 0.7, 0.8, 0.9, 0.99]
    reported = [model.confidence(p) for p in above]
    assert all(c >= RECORD for c in reported)
    assert reported == sorted(reported)
