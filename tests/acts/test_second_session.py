"""What the coach hears at the start of a second session and when a plan is made: short or
non-English experiment reports, and commitment clauses kept whole through titles, asides and
the other languages. Texts are written for these tests, not taken from any data set."""

from __future__ import annotations

import pytest

from coachbot.acts import has, options, pick, understand
from coachbot.acts.extract import sentences


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("nope. the offsite ate the whole week", "not_done"),
        ("Nee, het is er helaas niet van gekomen", "not_done"),
        ("No pude hacerlo, tuvimos la auditoría", "not_done"),
        ("Teilweise, ich war nur eine Stunde im Lager", "partly"),
        ("went to the warehouse but only stayed twenty minutes", "partly"),
        ("did 10 min not 45, a client escalation came in", "partly"),
        ("I did it!!", "done"),
        ("Done. I spent Tuesday morning with the dispatchers and learned that the new tool doubles their "
         "paperwork, which nobody upstairs knows.", "done"),
    ],
)
def test_a_clipped_or_foreign_report_in_a_second_session_gives_its_outcome(text, outcome):
    u = understand(text, expecting_report=True)
    assert has(u, "report")
    assert u.report is not None and u.report.outcome == outcome


def test_an_abbreviation_does_not_end_the_sentence():
    text = "I will ask Mr. Jansen to set up a lunch with the drivers. Bye!"
    assert [text[a:b] for a, b in sentences(text)] == [
        "I will ask Mr. Jansen to set up a lunch with the drivers.", "Bye!"]
    assert understand(text, offered=True).commitment == "I will ask Mr. Jansen to set up a lunch with the drivers"


def test_a_short_no_still_ends_its_sentence():
    text = "no. it didn't happen. the audit ate the week"
    assert [text[a:b] for a, b in sentences(text)] == ["no.", "it didn't happen.", "the audit ate the week"]


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("this week I'm going to answer myself, under my own name, to the post about parking",
         "this week I'm going to answer myself, under my own name, to the post about parking"),
        ("I'll ask Joana, our newest planner, to walk me through her Monday",
         "I'll ask Joana, our newest planner, to walk me through her Monday"),
        ("I'll read the review sites, e.g. the two-star ones, every morning",
         "I'll read the review sites, e.g. the two-star ones, every morning"),
        ("I'm going to hold an open hour every Friday from now on, door open, no slides",
         "I'm going to hold an open hour every Friday from now on"),
    ],
)
def test_a_comma_inside_the_action_keeps_the_rest_of_it_and_an_aside_is_left_out(text, clause):
    assert understand(text, offered=True).commitment == clause


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("for real this time. I'll call Dr. Mensah on Monday", "I'll call Dr. Mensah on Monday"),
        ("el martes que viene voy a Úbeda", "el martes que viene voy a Úbeda"),
        ("Na quinta-feira vou ao armazém de Setúbal", "Na quinta-feira vou ao armazém de Setúbal"),
        ("Am Donnerstag setze ich mich eine Stunde zu den Disponenten",
         "Am Donnerstag setze ich mich eine Stunde zu den Disponenten"),
        ("Donderdag ga ik naar het depot in Venlo", "Donderdag ga ik naar het depot in Venlo"),
        ("I could shadow a nurse or read the complaints. I'll read the complaints on Wednesday.",
         "I'll read the complaints on Wednesday"),
    ],
)
def test_the_commitment_clause_keeps_its_time_and_its_language(text, clause):
    u = understand(text, offered=True)
    assert has(u, "commitment")
    assert u.commitment == clause


@pytest.mark.parametrize(
    "text",
    [
        "I'll stop here.",
        "didn't happen, the site was evacuated on Tuesday. everyone is fine. talk next week",
    ],
)
def test_signing_off_or_reporting_is_not_taken_as_a_plan(text):
    assert understand(text).commitment is None


def test_the_alternatives_a_message_lays_out_are_listed_verbatim():
    assert options("I could shadow a dispatcher or read last month's complaints.") == (
        "shadow a dispatcher", "read last month's complaints")
    assert options("Podría visitar la almazara o llamar a los agricultores") == (
        "visitar la almazara", "llamar a los agricultores")
    assert options("I'll call the two distributors on Monday.") == ()


@pytest.mark.parametrize(
    ("reply", "index"),
    [
        ("ok, the second one. Friday.", 1),
        ("the first", 0),
        ("option B", 1),
        ("the latter, on Thursday", 1),
        ("el segundo", 1),
        ("let's go with the complaints", 1),
        ("the dispatcher thing, tomorrow", 0),
        ("not sure yet", None),
        ("both", None),
    ],
)
def test_a_later_reply_picks_one_of_the_alternatives(reply, index):
    choices = options("I could shadow a dispatcher or read last month's complaints.")
    assert pick(reply, choices) == index


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Done! Only caveat, it was 15 minutes instead of the hour, but good", "partly"),
        ("did it, but only talked to 2 of the 6 supervisors", "partly"),
        ("did it. all 3 of 3 managers came", "done"),
        ("hola! a medias, solo fui a una de las tres tiendas", "partly"),
        ("nein. Betriebsversammlung", "not_done"),
        ("one of two", "partly"),
    ],
)
def test_how_a_report_opens_or_where_it_was_cut_short_decides_its_outcome(text, outcome):
    u = understand(text, expecting_report=True)
    assert u.report is not None and u.report.outcome == outcome


def test_a_plain_no_while_a_report_is_awaited_is_heard_as_a_report_but_not_otherwise():
    text = "nee, drukke week"
    assert understand(text, expecting_report=True).report is not None
    assert "report" in {a.name for a in understand(text, expecting_report=True).acts}
    assert understand("mostly the dealers, they hear everything", expecting_report=True).report is None
