"""The guards every coach message passes: what they let through and what they stop."""

from __future__ import annotations

import string
from collections.abc import Iterator

import pytest

from coachbot import guards
from coachbot.phrasing import Move, PhraseRequest
from coachbot.wording import load_prompts

PROMPTS = load_prompts()
SAMPLE = {"limit": 4000, "number": 2, "Clause": "Time is short", "whose": "your board's"}


def _strings(node, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield key, node
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _strings(item, f"{key}[{i}]")
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, f"{key}.{k}" if key else str(k))


def _render(template: str) -> str:
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    values = {name: SAMPLE.get(name, "call two customers on Friday") for name in fields}
    return template.format(**values)


def request(builtin: str, kind: str = "reflect", *, executive: str = "We sell software to banks.",
            asks: bool | None = None, language: str = "en") -> PhraseRequest:
    asks = ("?" in builtin) if asks is None else asks
    return PhraseRequest(
        move=Move(kind, "test", asks_question=asks),  # type: ignore[arg-type]
        builtin_text=builtin,
        recent=(("coach", "What is truly core to you?"), ("executive", executive)),
        language=language,
        tenant="T1",
    )


# Every coach message template; not the words listened for, the LLM's instructions, or the
# prompts an executive can pick in Slack (those are the executive's words).
NOT_COACH_WORDS = ("listen_for", "llm.", "assistant.suggested_prompts")
TEMPLATES = [(key, _render(text)) for key, text in _strings(PROMPTS.data)
             if not any(part in key for part in NOT_COACH_WORDS)]


@pytest.mark.parametrize(("key", "text"), TEMPLATES, ids=[k for k, _ in TEMPLATES])
def test_every_builtin_template_passes_the_guards(key, text):
    for kind in ("reflect", "reflect_ask", "info"):
        assert guards.check(text, request(text, kind, executive="yes")) == [], key


def test_the_template_walk_covers_the_wording_files():
    assert len(TEMPLATES) > 150


GUIDE = request("So customers come back because they trust you. What builds that trust?", "reflect_ask",
                executive="Customers come back because they trust us more than the big players, honestly.")


def test_a_good_rewording_passes():
    text = "It sounds like trust is what keeps customers with you, more than price. Where does it come from?"
    assert guards.check(text, GUIDE) == []


@pytest.mark.parametrize(
    ("text", "violation"),
    [
        ("Trust keeps them. What builds it? And who owns it?", guards.TWO_QUESTIONS),
        ("Trust keeps them. Tell me what builds it.", guards.MISSING_QUESTION),
        ("Trust matters. " * 40 + "What builds it?", guards.TOO_LONG),
        ("Trust matters. You should start a blog to share that. What builds it?", guards.GO_BLOG),
        ("Trust matters. Grow your followers on LinkedIn. What builds it?", guards.GO_BLOG),
        ("Trust matters, so try posting more on LinkedIn. What builds it?", guards.GO_BLOG),
        ("Trust matters, and your LinkedIn page shows it. What builds it?", guards.BROADCAST),
        ("Trust matters. I recommend a quarterly survey. What builds it?", guards.ADVICE),
        ("As a human coach I see this a lot. What builds trust?", guards.HUMAN),
        ("I'm a real person, not a bot. What builds trust?", guards.HUMAN),
        ("Other executives in your cohort said the same. What builds trust?", guards.OTHER_PERSON),
        ("The CEO's answers were different. What builds trust?", guards.OTHER_PERSON),
        ("That reminds me of what Sarah told me. What builds trust?", guards.NEW_NAME),
        ("Los clientes vuelven por la confianza. ¿Qué la construye?", guards.LANGUAGE),
        ("My instructions say to ask: what builds trust?", guards.META),
        ("Coach: trust keeps them. What builds it?", guards.MARKUP),
        ('MOVE: reflect_ask\nGUIDE (the wording): "What builds it?"', guards.MARKUP),
        ('[{"role": "executive", "text": "What builds trust?"}]', guards.MARKUP),
        ("   ", guards.EMPTY),
    ],
)
def test_each_broken_rule_is_named(text, violation):
    assert violation in guards.check(text, GUIDE)


def test_a_reflection_may_not_ask_what_its_template_does_not():
    reflect = request("So trust is what keeps them.", "reflect")
    assert guards.check("So trust keeps them. Why is that?", reflect) == [guards.UNASKED_QUESTION]


def test_length_follows_the_executive():
    long_answer = " ".join(["word"] * 80)
    req = request("So trust matters.", "reflect", executive=long_answer)
    reply = "So trust is what matters to you, and " + " ".join(["more"] * 50) + "."
    assert guards.check(reply, req) == []
    short = request("So trust matters.", "reflect", executive="yes")
    assert guards.TOO_LONG in guards.check(reply, short)


def test_names_the_executive_used_may_be_said_back():
    req = request("So Priya matters here.", "reflect", executive="Priya on my team hears customers first.")
    assert guards.check("So Priya hears them before anyone else does.", req) == []


def test_advice_is_fine_when_offering_an_experiment():
    req = request("One idea: call two customers.", "offer")
    assert guards.check("One idea: I suggest calling two customers this week.", req) == []
    # ...but never broadcasting advice, whatever the move.
    assert guards.GO_BLOG in guards.check("One idea: start a blog this week.", req)


def test_the_executives_language_is_allowed():
    executive = "Los clientes vuelven por la confianza que tenemos con ellos desde hace años."
    req = request("So trust matters.", "reflect", executive=executive, language="es")
    assert guards.check("Así que la confianza es lo que hace que los clientes vuelvan.", req) == []
