"""A coach that listens: what kind of message arrived decides what the coach does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dialogue_helpers import PROMPTS, talk

from coachbot.models import Reply

EXPLORING = [
    "We run twelve hotels on the coast, mostly families and conferences.",
    "Guests trust our staff more than our brand, I think. The front desk hears everything.",
    "Honestly our reviews are better than our own surveys suggest.",
    "I'd like to hear what the front desk hears, without it being filtered through managers.",
]


def under_way(coach, who, monday, answers: int) -> None:
    """A session opened and the first ``answers`` exploring answers given (the session stays open)."""
    coach.start(who, monday)
    for line in EXPLORING[:answers]:
        coach.reply(who, line, monday)


def coach_text(replies: list[Reply]) -> str:
    return " ".join(r.text for r in replies)


def test_a_goodbye_at_the_end_of_a_longer_message_closes_the_session(coach, who, monday):
    under_way(coach, who, monday, 1)
    replies = coach.reply(who, "This has been really useful, I have to run to a board call now. Bye!", monday)
    assert [r.kind for r in replies][0] == "close"


def test_a_thank_you_goodbye_is_never_taken_as_a_commitment(coach, who, monday, store):
    talk(coach, who, EXPLORING[:2] + ["This has been really useful, goodbye!"], monday)
    session = next(store.db["sessions"].rows)
    assert session["commitment"] is None


def test_a_question_to_the_coach_gets_an_answer_not_a_reflection(coach, who, monday, store):
    under_way(coach, who, monday, 1)
    replies = coach.reply(who, "What do other hotel CEOs do about this?", monday)
    assert "answer" in replies[-1].codes
    assert replies[-1].text.startswith(PROMPTS.text("listening.answers.others.text")[:30])
    assert replies[-1].text.count("?") <= 1
    talk(coach, who, ["bye"], monday, fresh=False)
    assert next(store.db["sessions"].rows)["commitment"] is None


@pytest.mark.parametrize(
    "question, kind",
    [
        ("What exactly do you want from me?", "purpose"),
        ("is this confidential? does HR read it", "privacy"),
        ("Are you a bot or a real person?", "human"),
    ],
)
def test_direct_questions_get_a_short_honest_answer(coach, who, monday, question, kind):
    coach.start(who, monday)
    replies = coach.reply(who, question, monday)
    assert PROMPTS.text(f"listening.answers.{kind}.text") in replies[-1].text
    assert len(replies[-1].text.split()) <= 60


def test_the_executives_own_plan_is_confirmed_back_in_their_words_and_becomes_the_experiment(
    coach, who, monday, store
):
    plan = "I could go to the market next Tuesday and listen to our traders for an hour"
    under_way(coach, who, monday, 2)
    confirm = coach.reply(who, f"Actually, {plan}.", monday)
    assert "reflection:simple" in confirm[-1].codes
    quoted = confirm[-1].text.split("“")[1].split("”")[0]
    assert quoted in plan
    talk(coach, who, ["no, that's it, bye"], monday, fresh=False)
    experiment = next(store.db["experiments"].rows)
    assert experiment["commitment"] in plan and experiment["text"] == experiment["commitment"]


def test_an_objection_is_heard_and_never_answered_with_a_proposal(coach, who, monday):
    under_way(coach, who, monday, 1)
    replies = coach.reply(who, "Honestly this is fluffy. I don't have time for social stuff, it's marketing's job.",
                          monday)
    text = coach_text(replies)
    assert "autonomy" in replies[-1].codes
    assert "One idea" not in text and "experiment" not in text.lower()


def test_an_experiment_is_offered_only_with_permission_after_enough_answers(coach, who, monday):
    coach.start(who, monday)
    early = coach.reply(who, EXPLORING[0], monday)
    assert not any(PROMPTS.text("offer.permission") in r.text for r in early)
    replies = []
    for line in EXPLORING[1:]:
        replies += coach.reply(who, line, monday)
    assert any(r.text.endswith(tuple(PROMPTS.get("offer.permission"))) for r in replies)
    offer = coach.reply(who, "yes, go on", monday)
    assert "giving_information" in offer[-1].codes


def test_declining_the_offer_is_respected(coach, who, monday, store):
    coach.start(who, monday)
    for line in EXPLORING:
        coach.reply(who, line, monday)
    replies = coach.reply(who, "no thanks", monday)
    assert replies[-1].text.startswith(tuple(PROMPTS.get("listening.offer_declined")))
    talk(coach, who, ["bye"], monday, fresh=False)
    assert list(store.db["experiments"].rows) == []


def test_asking_for_ideas_counts_as_permission(coach, who, monday):
    under_way(coach, who, monday, 1)
    replies = coach.reply(who, "Any ideas what I could try? Give me something concrete.", monday)
    assert "giving_information" in replies[-1].codes


def test_a_report_on_last_weeks_experiment_is_heard_recorded_and_explored(coach, who, monday, store):
    talk(coach, who, EXPLORING[:2] + ["I'll sit at the front desk on Friday morning for an hour.", "bye"], monday)
    later = monday + timedelta(days=7)
    opening = coach.start(who, later)
    assert "How did it go?" in opening[-1].text
    replies = coach.reply(who, "I did it — sat there for an hour. Guests complain about parking far more than "
                               "I thought.", later)
    assert "affirmation" in replies[-1].codes
    experiment = next(store.db["experiments"].rows)
    assert experiment["status"] == "done"
    assert "How did it go?" not in coach_text(replies)


def test_a_report_that_it_did_not_happen_is_heard_without_blame(coach, who, monday, store):
    talk(coach, who, EXPLORING[:2] + ["I'll sit at the front desk on Friday morning for an hour.", "bye"], monday)
    later = monday + timedelta(days=7)
    coach.start(who, later)
    replies = coach.reply(who, "didn't get to it", later)
    assert next(store.db["experiments"].rows)["status"] == "not_done"
    assert replies[-1].text.endswith(tuple(PROMPTS.get("listening.report_question.not_done")))


def test_a_report_that_already_says_why_is_not_asked_why(coach, who, monday, store):
    talk(coach, who, EXPLORING[:2] + ["I'll sit at the front desk on Friday morning for an hour.", "bye"], monday)
    later = monday + timedelta(days=7)
    coach.start(who, later)
    replies = coach.reply(who, "didn't get to it, the quarter-end close ate my whole week and the board pack", later)
    assert next(store.db["experiments"].rows)["status"] == "not_done"
    assert replies[-1].text.endswith(tuple(PROMPTS.get("listening.report_question_after.not_done")))
    assert "got in the way" not in replies[-1].text


def test_one_message_per_turn_with_at_most_one_question(coach, who, monday):
    transcript = talk(coach, who, EXPLORING + ["yes", "I'll do it on Thursday.", "no", "bye"], monday)
    for reply in transcript:
        assert reply.text.count("?") <= 1, reply.text


def test_no_coach_message_is_repeated_within_a_session(coach, who, monday):
    transcript = talk(coach, who, ["ok", "hmm", "fine", "sure"] + EXPLORING + ["ok", "ok"], monday)
    texts = [r.text for r in transcript]
    assert len(texts) == len(set(texts)), texts


def test_the_close_is_short_and_the_nudge_follows_it(coach, who, monday):
    transcript = talk(coach, who, EXPLORING + ["bye"], monday)
    close = next(r for r in transcript if r.kind == "close")
    assert len(close.text.split()) <= 40
    assert transcript[-1].kind == "nudge"


def test_reflections_carry_the_conversation_and_half_of_them_are_complex(coach, who, monday):
    transcript = talk(coach, who, EXPLORING + ["bye"], monday)
    codes = [c for r in transcript for c in r.codes]
    reflections = [c for c in codes if c.startswith("reflection")]
    assert len(reflections) >= len([c for c in codes if c == "question"]) - 2
    assert sum(c == "reflection:complex" for c in reflections) >= len(reflections) / 2


def test_a_wave_that_opens_the_conversation_does_not_close_it(coach, who, monday, store):
    coach.start(who, monday)
    replies = coach.reply(who, "hey! 👋 let's go", monday)
    assert all(r.kind != "close" for r in replies)
    assert replies[-1].text.endswith("?")


def test_followers_called_irrelevant_are_not_heard_as_pressure_to_broadcast(coach, who, monday):
    coach.start(who, monday)
    coach.reply(who, "We make shift-planning software for hospitals.", monday)
    replies = coach.reply(who, "the newsletter's 12k subscribers feel kinda irrelevant next to 40 nurses "
                               "solving our UX problems lol", monday)
    pressure = PROMPTS.get("reflections.broadcast_pressure")
    assert not any(p in r.text for r in replies for p in pressure)


def test_a_terse_answer_is_said_back_not_met_with_a_bare_question(coach, who, monday):
    coach.start(who, monday)
    coach.reply(who, "Hi. Founder here.", monday)
    replies = coach.reply(who, "Freight forwarding. Rotterdam.", monday)
    assert "Freight forwarding, Rotterdam" in replies[-1].text
    assert not replies[-1].text.startswith(tuple(PROMPTS.get("small_talk.ack")))
    replies = coach.reply(who, "Shippers, drivers, terminals.", monday)
    assert "Shippers, drivers, terminals" in replies[-1].text
    assert any(c.startswith("reflection") for c in replies[-1].codes)


def test_an_echo_never_says_back_broken_input(coach, who, monday):
    coach.start(who, monday)
    replies = coach.reply(who, "asdf qwerty !!!! $$$ ###", monday)
    assert "asdf" not in coach_text(replies)


def test_how_they_will_judge_success_is_not_taken_as_their_plan(coach, who, monday, store):
    talk(coach, who, EXPLORING[:2] + ["I'll sit at the front desk on Friday morning for an hour.",
                                      "I'll know it worked if guests tell me something I didn't know.", "bye"], monday)
    session = list(store.db["sessions"].rows)[-1]
    assert session["commitment"] == "I'll sit at the front desk on Friday morning for an hour"


@pytest.mark.parametrize("farewell", ["Goodnight, thank you.", "We're done.", "Enough. Thanks.",
                                      "Good, that helps. Right, next meeting. Thanks.", "Gracias, hasta la próxima."])
def test_a_sign_off_closes_the_session(coach, who, monday, store, farewell):
    under_way(coach, who, monday, 2)
    replies = coach.reply(who, farewell, monday + timedelta(minutes=5))
    assert [r.kind for r in replies][:1] == ["close"]
    assert [s["ended_at"] is not None for s in store.db["sessions"].rows] == [True]


def test_that_is_it_inside_an_answer_is_not_a_goodbye(coach, who, monday, store):
    under_way(coach, who, monday, 1)
    coach.reply(who, "customers = the OEMs. they want ppm and on time. that's it", monday + timedelta(minutes=1))
    assert list(store.db["sessions"].rows)[-1]["ended_at"] is None


def test_a_long_answer_about_what_people_say_is_not_asked_it_again(coach, who, monday):
    under_way(coach, who, monday, 1)
    replies = coach.reply(who, "What do people say when I'm not in the room? Probably that I'm a hard ass. They're "
                               "right. The plant floor complains about overtime, it has been true for years.", monday)
    assert not any(q in replies[-1].text for q in PROMPTS.get("questions.outside_voice.ask"))


def test_two_plans_in_one_message_are_not_decided_for_them(coach, who, monday, store):
    under_way(coach, who, monday, 3)
    weighed = coach.reply(who, "Two ideas. I could spend Wednesday at the front desk, or I could join the staff "
                               "WhatsApp group for the week and answer questions myself.", monday)
    assert weighed[-1].text.endswith(tuple(PROMPTS.get("listening.options.ask")))
    picked = coach.reply(who, "The second one.", monday + timedelta(minutes=1))
    assert "join the staff WhatsApp group" in picked[-1].text
    coach.reply(who, "bye", monday + timedelta(minutes=2))
    assert list(store.db["sessions"].rows)[-1]["commitment"].startswith("I could join the staff WhatsApp group")


def test_after_the_plan_no_new_topic_is_opened(coach, who, monday):
    under_way(coach, who, monday, 3)
    coach.reply(who, "I'll sit at the front desk on Friday morning for an hour.", monday)
    replies = coach.reply(who, "Friday is busy with the owners' visit though, the general managers will be around.",
                          monday + timedelta(minutes=1))
    strategic = {q for qid in ("core_value", "outsourced_value", "value_partners", "relationship_state",
                               "outside_voice", "relationship_path") for q in PROMPTS.get(f"questions.{qid}.ask")}
    assert not any(q in replies[-1].text for q in strategic)
    assert replies[-1].kind != "close"


def test_thanks_after_the_plan_closes_with_it(coach, who, monday, store):
    under_way(coach, who, monday, 3)
    coach.reply(who, "I'll sit at the front desk on Friday morning for an hour.", monday)
    replies = coach.reply(who, "Is that too small? ... OK, I will keep it at one hour. Thank you.", monday)
    assert [r.kind for r in replies] == ["close", "nudge"]


@pytest.mark.parametrize(("question", "kind"), [
    ("Hello. Before we start — is this confidential? Does my HR team see what I type here?", "privacy"),
    ("Quick question first — do you remember what I told you last week, or do I need to repeat it?", "memory"),
    ("Is it normal for a CEO to feel a bit embarrassed by this?", "normal"),
    ("Morning. What's this check-in for exactly, so you can grade me?", "grading"),
    ("Why do you keep asking me questions instead of telling me what to do? Isn't that what a coach is for?",
     "coach_role"),
    ("OK. And who else? Does the vendor store it?", "privacy"),
    ("is any of this going to HR?", "privacy"),
])
def test_questions_about_privacy_memory_and_feelings_get_their_answer(coach, who, monday, question, kind):
    coach.start(who, monday)
    replies = coach.reply(who, question, monday)
    assert replies[-1].text.startswith(tuple(PROMPTS.get(f"listening.answers.{kind}.text") if isinstance(
        PROMPTS.get(f"listening.answers.{kind}.text"), list) else [PROMPTS.get(f"listening.answers.{kind}.text")]))


def test_turning_away_from_follower_counts_is_not_reflected_as_pressure_to_broadcast(coach, who, monday):
    under_way(coach, who, monday, 1)
    replies = coach.reply(who, "Maybe the 62% open rate and the 5k followers don't matter much? Isn't it better to go "
                               "deep with the forty class reps than to shout at 1,800 emails?", monday)
    assert not any(v in replies[-1].text for v in PROMPTS.get("reflections.broadcast_pressure"))


def test_an_instruction_to_the_coach_is_never_said_back_as_theirs(coach, who, monday):
    under_way(coach, who, monday, 3)
    coach.reply(who, "I'll call our biggest tour operator myself next week.", monday)
    replies = coach.reply(who, "That's all. Don't make a thing of it.", monday)
    assert "make a thing of it" not in coach_text(replies)
    assert [r.kind for r in replies] == ["close", "nudge"]


def test_a_greeting_is_not_taken_as_the_report(coach, who, monday, store):
    talk(coach, who, EXPLORING[:2] + ["I'll sit at the front desk on Friday morning for an hour.", "bye"], monday)
    later = monday + timedelta(days=7)
    coach.start(who, later)
    coach.reply(who, "Hello again. Did you miss me?", later)
    assert next(store.db["experiments"].rows)["status"] == "proposed"
    coach.reply(who, "So the front desk thing, I did it, but only for half an hour.", later)
    assert next(store.db["experiments"].rows)["status"] in ("partly", "done")


def test_the_second_of_two_plans_is_kept_whole_when_chosen(coach, who, monday, store):
    under_way(coach, who, monday, 3)
    coach.reply(who, "maybe I could ask two distributors what their customers complain about. or I could visit "
                     "one plant that uses our valves", monday)
    coach.reply(who, "the second one. friday.", monday)
    coach.reply(who, "that's all, thanks", monday)
    assert list(store.db["sessions"].rows)[-1]["commitment"] == "I could visit one plant that uses our valves"


def test_a_no_with_more_to_say_after_the_plan_does_not_end_the_session(coach, who, monday, store):
    under_way(coach, who, monday, 3)
    coach.reply(who, "I'll sit at the front desk on Friday morning for an hour.", monday)
    replies = coach.reply(who, "No, I will not be posting on LinkedIn though. That is not who I am.", monday)
    assert "close" not in [r.kind for r in replies]
    assert list(store.db["sessions"].rows)[-1]["ended_at"] is None


def test_a_half_clause_is_never_said_back(coach, who, monday):
    under_way(coach, who, monday, 1)
    replies = coach.reply(who, "Fine. What I did do, because I wanted to, was ask our head of claims to forward me "
                               "the five nastiest agent emails from the month.", monday)
    assert "what you did do" not in coach_text(replies).lower()


def test_the_open_question_is_asked_again_without_its_own_lead_in(coach, who, monday):
    coach.start(who, monday)
    replies = coach.reply(who, "what exactly do you want from me? I have a board meeting in 20 min", monday)
    assert ": " not in replies[-1].text.split("where we were: ", 1)[-1]


@pytest.mark.parametrize("opening", ["hey. only got 10 mins today", "Morning, I'm really short on time, sorry"])
def test_an_executive_short_on_time_is_told_it_will_be_brief_and_asked_the_question(coach, who, monday, opening):
    coach.start(who, monday)
    replies = coach.reply(who, opening, monday)
    text = coach_text(replies)
    assert "keep it short" in text
    assert text.count("?") == 1


def test_a_rhetorical_question_is_heard_as_an_objection_not_answered_as_a_request(coach, who, monday):
    under_way(coach, who, monday, 1)
    objection = "honestly, it's the comms team's job. why would a CFO bother with twitter?"
    text = coach_text(coach.reply(who, objection, monday))
    assert "Before any channel" not in text  # not the reframe of a request for posting advice
    assert any(line in text for line in PROMPTS.get("listening.autonomy"))  # their autonomy, named
    assert text.count("?") == 1


def test_the_answer_to_their_own_question_is_said_back(coach, who, monday):
    coach.start(who, monday)
    text = coach_text(coach.reply(who, "We print labels. What's ours? the night crew who fix a press before anyone "
                                       "notices it broke", monday))
    assert "the night crew who fix a press before anyone notices it broke" in text


def test_words_about_others_outside_any_question_do_not_get_the_answer_about_other_leaders(coach, who, monday):
    coach.start(who, monday)
    text = coach_text(coach.reply(who, "What's ours? The way our drivers know every loading dock by name, which "
                                       "sounds dull, and our agency says we're like every other hotel group.",
                                  monday))
    assert PROMPTS.get("listening.answers.others.text_no_offer") not in text
    assert "Leaders who" not in text


def test_followers_named_as_the_measure_are_heard_as_the_scoreboard_not_as_pressure_to_post(coach, who, monday):
    under_way(coach, who, monday, 1)
    text = coach_text(coach.reply(who, "how we measure it? web leads and the follower count, the agency sends a "
                                       "report every month", monday))
    assert not any(line in text for line in PROMPTS.get("reflections.broadcast_pressure"))


def test_the_open_question_is_asked_again_in_the_language_the_coach_just_turned_to(coach, who, monday):
    coach.start(who, monday)
    text = coach_text(coach.reply(who, "hola. tengo poco tiempo", monday))
    assert "truly its own" not in text and "no one else could" not in text  # not the English question
    assert "¿" in text
