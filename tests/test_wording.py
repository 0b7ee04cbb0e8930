"""The wording files: complete, and free of broadcasting advice."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_a_translation_overrides_only_the_keys_it_has_and_english_fills_the_rest(tmp_path):
    import shutil

    root = tmp_path / "prompts"
    shutil.copytree(Path(__file__).resolve().parents[1] / "prompts", root)
    (root / "languages").mkdir(exist_ok=True)
    (root / "languages" / "xx.yaml").write_text('listening:\n  ask_when: ["Xx when?"]\n', encoding="utf-8")
    prompts = load_prompts(root)
    xx = prompts.in_language("xx")
    assert prompts.speaks("xx") and not prompts.speaks("zz")
    assert xx.get("listening.ask_when") == ["Xx when?"]
    assert xx.get("listening.anything_else") == prompts.get("listening.anything_else")
    assert xx.in_language(None).get("listening.ask_when") == prompts.get("listening.ask_when")
    assert prompts.in_language("zz").get("listening.ask_when") == prompts.get("listening.ask_when")


def test_every_translated_experiment_says_how_they_will_know_and_the_act_is_cut_before_it():
    from coachbot.nudges import all_nudges

    prompts = load_prompts()
    for code in prompts.languages:
        translated = prompts.in_language(code)
        marker = translated.get("nudge_success_marker")
        for nudge in all_nudges(translated):
            assert marker in nudge.text, (code, nudge.id)
            assert nudge.what and marker not in nudge.what, (code, nudge.id)
