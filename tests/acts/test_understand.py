"""Behaviour of ``coachbot.acts.understand``: what kind of message the executive sent, and the
words the coach may quote back. Texts here are written for the tests, not taken from the
training data or the outside dev/test sets."""

from __future__ import annotations

import pytest

from coachbot.acts import ACTS, Understanding, has, understand


def names(text: str, **kw) -> set[str]:
    return {a.name for a in understand(text, **kw).acts}


def test_the_twelve_act_ids_are_fixed():
    assert ACTS == (
        "greeting", "goodbye", "question_to_coach", "advice_request", "objection", "change_talk",
        "commitment", "report", "feeling", "small_talk", "command", "answer",
    )


def test_a_goodbye_with_thanks_is_a_goodbye_and_not_a_commitment():
    u = understand("This was genuinely useful, thank you, goodbye!")
    assert has(u, "goodbye")
    assert u.commitment is None


def test_a_goodbye_at_the_end_of_a_longer_answer_is_heard():
    text = "Our installers are the ones customers actually trust, not our sales team. Anyway I have to run, bye"
    assert {"answer", "goodbye"} <= names(text)


def test_a_question_to_the_coach_is_not_an_answer_or_a_commitment():
    u = understand("What do other CEOs of logistics firms do about this?")
    assert has(u, "question_to_coach")
    assert not has(u, "commitment") and u.commitment is None
    assert u.question == "What do other CEOs of logistics firms do about this?"


def test_asking_what_to_do_is_an_advice_request():
    assert "advice_request" in names("should I be writing a blog as the CEO?")


def test_an_objection_is_not_taken_as_an_answer():
    assert "objection" in names("Honestly this is a waste of my time, my managers handle the staff.")


def test_a_tentative_plan_with_a_day_is_a_commitment_quoted_verbatim():
    text = "Next Tuesday I could go to the mart and listen for an hour. Thanks, bye!"
    u = understand(text, offered=True)
    assert has(u, "commitment") and has(u, "goodbye")
    assert u.commitment == "Next Tuesday I could go to the mart and listen for an hour"
    assert u.has_when


def test_the_clause_is_trimmed_to_the_action():
    text = "ok so I'll ask three of the night nurses what patients complain about on Thursday, then bye"
    u = understand(text)
    assert u.commitment == "I'll ask three of the night nurses what patients complain about on Thursday"
    assert u.commitment in text and u.has_when


def test_a_commitment_without_a_time_says_so():
    u = understand("I'll ask the drivers what customers tell them.")
    assert u.commitment == "I'll ask the drivers what customers tell them"
    assert not u.has_when


@pytest.mark.parametrize(
    "text",
    [
        "My COO will call the two distributors next week.",
        "I will never post on LinkedIn, that's what comms is for.",
        "I used to walk the stores every Saturday.",
        "What do other hotel CEOs do?",
        "This has been really useful, goodbye!",
    ],
)
def test_other_peoples_plans_refusals_past_habits_questions_and_goodbyes_are_not_commitments(text):
    assert understand(text).commitment is None


def test_a_refusal_is_an_objection():
    assert "objection" in names("I won't be posting videos of myself, forget it.")


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Did it! The nurses said the discharge process is chaos.", "done"),
        ("I only managed one of the two calls, the other supplier never picked up.", "partly"),
        ("Didn't get to it, the audit ate my week.", "not_done"),
    ],
)
def test_experiment_reports_give_their_outcome(text, outcome):
    u = understand(text, expecting_report=True)
    assert has(u, "report")
    assert u.report is not None and u.report.outcome == outcome


def test_a_report_quotes_what_happened_verbatim():
    text = "Did it. The warehouse team told me the scanners freeze every cold morning."
    u = understand(text, expecting_report=True)
    assert u.report is not None
    assert u.report.learnt == "The warehouse team told me the scanners freeze every cold morning."


def test_feelings_are_quoted():
    u = understand("I'm a bit nervous about the town hall, to be honest.")
    assert has(u, "feeling")
    assert "a bit nervous" in u.feelings


@pytest.mark.parametrize(
    ("text", "act", "language"),
    [
        ("hasta luego, gracias", "goodbye", "es"),
        ("Guten Morgen!", "greeting", "de"),
        ("Je vais appeler deux clients jeudi.", "commitment", "fr"),
        ("Não consegui, tive uma semana horrível.", "report", "pt"),
        ("Cosa fanno gli altri amministratori delegati?", "question_to_coach", "it"),
    ],
)
def test_other_languages(text, act, language):
    u = understand(text, expecting_report=act == "report")
    assert act in {a.name for a in u.acts}
    assert u.language == language


def test_context_makes_an_act_likelier_but_never_less_likely():
    text = "went ok, they talked a lot"
    plain = understand(text)
    expecting = understand(text, expecting_report=True)

    def conf(u: Understanding, act: str) -> float:
        return max((a.confidence for a in u.acts if a.name == act), default=0.0)

    assert conf(expecting, "report") >= conf(plain, "report")
    assert has(expecting, "report")


def test_acts_come_most_confident_first_with_calibrated_confidences():
    u = understand("Hi! I called both suppliers, they were very open. Thanks, talk next week")
    confidences = [a.confidence for a in u.acts]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 <= c <= 1.0 for c in confidences)


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "\x00", "a" * 20000, "?!?!"])
def test_odd_input_never_raises(text):
    u = understand(text)
    assert isinstance(u, Understanding)


def test_has_rejects_an_unknown_act():
    with pytest.raises(ValueError):
        has(understand("hi"), "greetings")


def test_every_span_is_verbatim():
    texts = [
        "ok deal: tomorrow I'll sit with the claims team for an hour, then I'm off",
        "Did half. Read the forum, didn't post. People are angry about parking. What next?",
        "I'm really frustrated. Should I just tell the board no?",
    ]
    for text in texts:
        u = understand(text, expecting_report=True)
        for span in (u.commitment, u.question, u.report.learnt if u.report else None, *u.feelings):
            assert span is None or span in text
