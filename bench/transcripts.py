"""The brief's countable coaching targets, measured on scripted executives.

Runs three personas (a sceptic, a curious one, one ready to act) through three weekly
sessions each on the built-in engine and counts, over every transcript:

- questions per coach message (target: at most one);
- executive words against coach words (target: the executive writes more);
- reflections against questions (MITI: 1:1 fair, 2:1 good); the closing summary counts as a
  reflection, as MITI 4.2 codes a summary as a complex reflection;
- "go blog" advice (target: none);
- strategic questions covered in the first three sessions (target: at least four of six);
- sessions of more than three turns closing with a commitment and a nudge.

    python bench/transcripts.py [--show]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coachbot.engine import Coach
from coachbot.models import QUESTIONS, Who
from coachbot.store import Store
from coachbot.wording import load_prompts

PERSONAS: dict[str, list[list[str]]] = {
    "sceptic": [
        [
            "Look, social media is a marketing channel. Our comms team runs it and that's fine by me.",
            "We make precision bearings for wind turbines. Our tolerances are tighter than anyone's in Europe.",
            "Should I be posting more on LinkedIn? The board keeps asking about our follower numbers.",
            "Customers trust us on quality, but honestly we only hear from them when something breaks.",
            "Not really. I don't have time for that kind of thing, I have a plant to run.",
            "Fine, I could ask two of our field engineers what customers complain about, on Thursday.",
        ],
        [
            "I did it, partly. One engineer told me customers feel we never listen until there's a failure.",
            "That stung a bit. Maybe the problem isn't our marketing, it's that we don't hear people early enough.",
            "Our distributors probably know more about our customers than we do.",
            "I suppose we could get our engineers and the distributors in the same room now and then.",
            "Yes, go ahead.",
            "I'll set up one call with our biggest distributor next Tuesday and mostly listen.",
        ],
        [
            "The distributor call happened. They had three ideas we'd never have come up with ourselves.",
            "I'm starting to think we should design the next product line with them, not just sell through them.",
            "People on the shop floor talk about us on forums I've never even looked at.",
            "I want to read those forums myself for a couple of weeks, without a summary from comms.",
            "yes",
            "Monday and Wednesday mornings, twenty minutes, before my first meeting.",
        ],
    ],
    "curious": [
        [
            "I keep hearing that social is a business model, not a channel, and I want to understand what that means.",
            "We're a regional bank. What's core is knowing local businesses better than the big banks do.",
            "Our relationship managers have deep trust with some clients, but it walks out the door when they leave.",
            "I'd like the bank itself to be part of those relationships, not just individual bankers.",
            "Sure.",
            "I'll join two client visits with relationship managers this week, Wednesday and Friday.",
        ],
        [
            "I did both visits. Clients talked more openly than I expected.",
            "It made me realise we measure the wrong things. We count new accounts, not how much clients trust us.",
            "Our employees talk about the bank internally in ways I never hear.",
            "I want to hear that directly instead of through HR surveys.",
            "Yes please.",
            "I'll post an open question in our internal community on Monday and reply to every answer.",
        ],
        [
            "Sixty people answered. I replied to all of them, which took a while but was worth it.",
            "Several said our branches compete with each other instead of sharing what clients need.",
            "That's a relationship problem inside the bank, not a product problem.",
            "I want the branch heads to work this out together with a few clients in the room.",
            "Yes.",
            "I'll invite three branch heads and two clients to a working breakfast on the 14th.",
        ],
    ],
    "ready": [
        [
            "I already reply in our internal community most mornings, and I want to do more with customers.",
            "We run a software platform for clinics. The core is that clinicians trust our scheduling.",
            "Clinic managers talk to each other in a big online group. I've never joined it.",
            "I'd like to join that group as myself, not as the company account.",
            "Yes.",
            "I'll join the clinic managers' group tomorrow, read for a week, then reply once.",
        ],
        [
            "Done. I replied to a thread about no-shows and got twenty replies, mostly helpful.",
            "Some of them were critical of our product. I answered openly instead of sending it to comms.",
            "I think our support and product teams should be in that group too, not just me.",
            "I want to show them it's safe to speak in their own voice.",
            "Yes.",
            "I'll invite two product managers to join the group with me on Monday.",
        ],
        [
            "Both joined and one of them already shipped a fix a clinic manager asked for.",
            "I'd like a few clinic managers to help shape our roadmap for next year.",
            "It's an ecosystem really: clinics, our staff, and the insurers all add something.",
            "We could co-host a session with an insurer for the clinics we both serve.",
            "Sure.",
            "I'll propose the co-hosted session to our insurer partner next Thursday.",
        ],
    ],
}
ADVICE = re.compile(
    r"\b(start (a|your) blog|post more|grow (your|the) follow|hire an agency|you should (blog|tweet|post))",
    re.IGNORECASE,
)


def count_words(text: str) -> int:
    return len(text.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the transcripts")
    args = parser.parse_args()
    prompts = load_prompts()
    strategic = {
        q: set(prompts.get(f"questions.{q}.ask")) | set(prompts.get(f"questions.{q}.follow_up")) for q in QUESTIONS
    }
    strategic["core_value"] |= set(prompts.get("first_question"))

    coach = Coach(Store(Path(tempfile.mkdtemp()) / "transcripts.db"))
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    totals = {"messages": 0, "over_one_question": 0, "coach_words": 0, "exec_words": 0, "reflections": 0,
              "questions": 0, "advice": 0, "sessions": 0, "closed_with_commitment_and_nudge": 0}
    coverage = {}
    for name, sessions in PERSONAS.items():
        who = Who("T-BENCH", name)
        asked: set[str] = set()
        for week, lines in enumerate(sessions):
            now = start + timedelta(days=7 * week)
            transcript = [("coach", r) for r in coach.start(who, now, fresh=True)]
            for line in lines:
                transcript.append(("executive", line))
                transcript += [("coach", r) for r in coach.reply(who, line, now)]
            transcript += [("coach", r) for r in coach.end_session(who, now)]
            totals["sessions"] += 1
            kinds = [r.kind for role, r in transcript if role == "coach"]
            close = next((r for role, r in transcript if role == "coach" and r.kind == "close"), None)
            if close and "commitment" in close.text.lower() and "No commitment" not in close.text and "nudge" in kinds:
                totals["closed_with_commitment_and_nudge"] += 1
            for role, item in transcript:
                if role == "executive":
                    totals["exec_words"] += count_words(item)
                    continue
                totals["messages"] += 1
                totals["over_one_question"] += item.text.count("?") > 1
                totals["coach_words"] += count_words(item.text)
                totals["reflections"] += item.kind in ("reflection", "close")
                totals["questions"] += item.kind == "question"
                totals["advice"] += bool(ADVICE.search(item.text))
                asked |= {q for q, texts in strategic.items() if item.text in texts}
            if args.show:
                print(f"--- {name}, session {week + 1}")
                for role, item in transcript:
                    print(f"{'EXEC ' if role == 'executive' else 'coach'} {item if role == 'executive' else item.text}")
        coverage[name] = len(asked)

    print(f"{len(PERSONAS)} personas x 3 sessions, {totals['messages']} coach messages")
    print(f"coach messages with more than one question: {totals['over_one_question']}")
    print(f"executive words {totals['exec_words']} vs coach words {totals['coach_words']} "
          f"(ratio {totals['exec_words'] / totals['coach_words']:.2f})")
    print(f"reflections (incl. closing summaries) {totals['reflections']} vs questions {totals['questions']} "
          f"(ratio {totals['reflections'] / totals['questions']:.2f})")
    print(f"'go blog' advice: {totals['advice']}")
    print("strategic questions covered in the first three sessions: "
          + ", ".join(f"{name} {n}/6" for name, n in coverage.items()))
    print(f"sessions closed with a commitment and a nudge: "
          f"{totals['closed_with_commitment_and_nudge']}/{totals['sessions']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
