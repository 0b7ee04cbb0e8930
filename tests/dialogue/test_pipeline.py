"""The pipeline's seams: a phraser, a model's reading and a summariser plug in without the engine changing."""

from __future__ import annotations

from datetime import timedelta

from coachbot.engine import Coach
from coachbot.llm import Extraction
from coachbot.phrasing import Phrased, PhraseRequest


class ShoutingPhraser:
    """Says every move its own way, and remembers what it was asked."""

    def __init__(self):
        self.requests: list[PhraseRequest] = []

    def phrase(self, request: PhraseRequest) -> Phrased:
        self.requests.append(request)
        return Phrased(request.builtin_text.upper(), "llm")


class ReadsACommitment:
    def extract(self, text, *, recent, tenant, executive_id=None):
        if "Thursday" in text:
            return Extraction(acts=("commitment",), commitment="walk the floor with Sam on Thursday")
        return None


class OneLineSummary:
    def summarise(self, recent, *, tenant, executive_id=None, builtin="", language="en"):
        return "Talked about the plant floor."


def test_a_phraser_says_each_move_and_the_stored_message_records_who_wrote_it(store, who, monday):
    phraser = ShoutingPhraser()
    coach = Coach(store, phraser=phraser)
    replies = coach.start(who, monday) + coach.reply(who, "We run a brake plant with 600 people.", monday)
    assert all(r.text == r.text.upper() and r.path == "llm" for r in replies)
    stored = list(store.db["messages"].rows_where("role = 'coach'"))
    assert stored and all(r["path"] == "llm" and r["text"] == r["text"].upper() for r in stored)
    assert phraser.requests[-1].recent[-1] == ("executive", "We run a brake plant with 600 people.")
    assert phraser.requests[-1].executive_id is not None


def test_a_models_reading_fills_in_a_plan_the_built_in_reading_missed(store, who, monday):
    coach = Coach(store, extractor=ReadsACommitment())
    coach.start(who, monday)
    reply = coach.reply(who, "Thursday I'm going to walk the floor with Sam on Thursday.", monday)
    assert "“" in reply[-1].text


def test_a_summariser_writes_the_summary_of_a_closed_session(store, who, monday):
    coach = Coach(store, summariser=OneLineSummary())
    coach.start(who, monday)
    coach.reply(who, "We run a brake plant with 600 people.", monday)
    coach.end_session(who, monday + timedelta(minutes=5))
    assert next(store.db["sessions"].rows)["summary"] == "Talked about the plant floor."
