"""The wording files: complete, and free of broadcasting advice."""

from __future__ import annotations

import re

from coachbot.models import DIMENSIONS, QUESTIONS
from coachbot.nudges import all_nudges
from coachbot.wording import load_prompts

PROMPTS = load_prompts()


def test_every_question_and_dimension_has_wording():
    for qid in QUESTIONS:
        for key in ("topic", "ask", "follow_up", "listen_for"):
            assert PROMPTS.get(f"questions.{qid}.{key}")
    for dimension in DIMENSIONS:
        for stance in ("old", "new"):
            assert PROMPTS.get(f"reflections.beliefs.{dimension}.{stance}")
            assert PROMPTS.get(f"stances.{dimension}.{stance}")
        assert PROMPTS.get(f"checkin.belief_items.{dimension}")


def test_each_question_wording_asks_exactly_one_question():
    for qid in QUESTIONS:
        for text in PROMPTS.get(f"questions.{qid}.ask") + PROMPTS.get(f"questions.{qid}.follow_up"):
            assert text.count("?") == 1, text


def test_nudges_are_relationship_acts_that_say_how_to_tell_it_went_well():
    nudges = all_nudges(PROMPTS)
    assert len(nudges) >= 12
    assert {n.size for n in nudges} == {"listen", "converse", "lead"}
    for nudge in nudges:
        assert "You'll know it went well" in nudge.text
        assert not re.search(r"\b(blog|followers|go viral|post more|audience)\b", nudge.text, re.I), nudge.id
