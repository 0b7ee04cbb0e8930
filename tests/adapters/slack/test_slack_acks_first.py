"""Under a burst, Slack's acknowledgements go before the coach's answers."""

from __future__ import annotations

import asyncio

from coachbot.adapters.slack.lazy import AckGate


async def test_answer_work_waits_until_the_requests_in_flight_are_acknowledged():
    gate = AckGate(max_wait=30, quiet=0)
    order: list[str] = []
    with gate.acknowledging():
        answer = asyncio.create_task(gate.wait())
        answer.add_done_callback(lambda _: order.append("answer"))
        for _ in range(5):
            await asyncio.sleep(0)
        order.append("acknowledged")
    await answer
    assert order == ["acknowledged", "answer"]


async def test_a_request_arriving_before_the_quiet_moment_keeps_the_gate_shut():
    gate = AckGate(max_wait=30, quiet=0.05)
    with gate.acknowledging():
        pass
    answer = asyncio.create_task(gate.wait())
    with gate.acknowledging():  # the next request of the burst, read right after the first
        await asyncio.sleep(0.1)
        assert not answer.done()
    await answer


async def test_answers_are_never_starved_by_endless_acknowledgements():
    gate = AckGate(max_wait=0.05, quiet=0)
    with gate.acknowledging():
        await gate.wait()  # returns although a request is still being acknowledged

