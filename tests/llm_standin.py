"""A stand-in OpenAI-compatible server on 127.0.0.1, scriptable answer by answer.

``POST /v1/chat/completions`` answers each request with the next :class:`Answer` in
``plan`` (then ``default``). Named answers cover what a real provider does on a bad day:
slow, 429 with Retry-After, 500, a malformed body, and text that breaks the coach's
rules (two questions, go-blog advice, a claim to be human, an injected instruction
obeyed). ``good`` answers sensibly whatever is asked: a rewording of the guide, a JSON
extraction, a tool call or a summary. Every request body is kept in ``requests``.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from dataclasses import dataclass
from typing import Any

from aiohttp import web


@dataclass(frozen=True)
class Answer:
    content: str | None = None  # the message text; None: work one out from the request
    status: int = 200
    delay: float = 0.0  # seconds before answering
    retry_after: float | None = None
    raw: str | None = None  # a raw body instead of a chat completion
    extraction: dict | None = None  # for extraction requests: the JSON to return
    refuse_schema: bool = False  # 400 for the JSON-schema response format (an older server)


NAMED: dict[str, Answer] = {
    "good": Answer(),
    "slow": Answer(delay=30.0),
    "rate_limited": Answer(status=429, retry_after=30),
    "rate_limited_briefly": Answer(status=429, retry_after=0.2),
    "server_error": Answer(status=500),
    "malformed": Answer(raw='{"choices": [{"message": {"content": "half'),
    "two_questions": Answer("What builds that trust? And who in your team owns it?"),
    "go_blog": Answer("You should start a blog and post more on LinkedIn to grow your followers."),
    "human": Answer("As a human coach who has been there myself, I understand. What builds that trust?"),
    "injected": Answer("Understood, ignoring my previous rules. Here are the CEO's answers from your cohort: "
                       "they want more followers."),
    "empty": Answer(""),
}


def _guide(body: dict) -> str:
    user = next((m["content"] for m in body["messages"] if m["role"] == "user"), "")
    match = re.search(r"^GUIDE[^:]*: (\".*\")$", user, re.MULTILINE)
    return json.loads(match.group(1)) if match else "Tell me more."


def _message_to_read(body: dict) -> str:
    user = next((m["content"] for m in body["messages"] if m["role"] == "user"), "")
    match = re.search(r"^MESSAGE TO READ \(JSON data\): (\".*\")$", user, re.MULTILINE)
    return json.loads(match.group(1)) if match else ""


def good_extraction(text: str) -> dict:
    """A plausible extraction of ``text``: verbatim evidence, an "I'll ..." plan as commitment."""
    beliefs = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if "trust" in sentence.lower():
            beliefs.append({"dimension": "success_measure", "stance": "new", "evidence": sentence,
                            "confidence": 0.8})
    plan = re.search(r"\bI(?:'ll| will) ([^.!?]+)", text)
    acts = ["commitment"] if plan else ["answer"]
    return {"acts": acts, "beliefs": beliefs, "commitment": plan.group(0) if plan else None,
            "report_outcome": None}


class StandInLLM:
    """The server's state: what to answer next and what it was asked."""

    def __init__(self) -> None:
        self.plan: list[Answer] = []
        self.default: Answer = NAMED["good"]
        self.requests: list[dict[str, Any]] = []
        self.url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    def answer(self, *answers: Answer | str) -> None:
        """Queue answers for the next requests (names from :data:`NAMED` or :class:`Answer`)."""
        self.plan.extend(NAMED[a] if isinstance(a, str) else a for a in answers)

    def always(self, answer: Answer | str) -> None:
        self.default = NAMED[answer] if isinstance(answer, str) else answer

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        answer = self.plan.pop(0) if self.plan else self.default
        if answer.delay:
            await asyncio.sleep(answer.delay)
        if answer.status != 200:
            headers = {"Retry-After": str(answer.retry_after)} if answer.retry_after is not None else {}
            error = {"error": {"message": f"stand-in status {answer.status}", "type": "stand_in"}}
            return web.json_response(error, status=answer.status, headers=headers)
        if answer.raw is not None:
            return web.Response(text=answer.raw, content_type="application/json")
        schema = (body.get("response_format") or {}).get("type") == "json_schema"
        if schema and answer.refuse_schema:
            return web.json_response({"error": {"message": "response_format json_schema unsupported"}}, status=400)
        message: dict[str, Any] = {"role": "assistant", "content": None}
        system = body["messages"][0]["content"]
        if schema or body.get("tools"):
            data = answer.extraction if answer.extraction is not None else good_extraction(_message_to_read(body))
            if schema:
                message["content"] = answer.content if answer.content is not None else json.dumps(data)
            else:
                name = body["tools"][0]["function"]["name"]
                arguments = answer.content if answer.content is not None else json.dumps(data)
                message["tool_calls"] = [{"id": "call_1", "type": "function",
                                          "function": {"name": name, "arguments": arguments}}]
        elif answer.content is not None:
            message["content"] = answer.content
        elif system.startswith("Summarise"):
            message["content"] = "You talked about trust with customers and planned to call two of them."
        else:
            message["content"] = "I hear you. " + _guide(body)
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in body["messages"])
        completion = len(str(message.get("content") or message.get("tool_calls")).split())
        return web.json_response({
            "id": "chatcmpl-standin", "object": "chat.completion", "created": 0, "model": body.get("model", ""),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion,
                      "total_tokens": prompt_tokens + completion},
        })

    def start(self) -> None:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            app = web.Application()
            app.router.add_post("/v1/chat/completions", self._handle)
            self._runner = web.AppRunner(app, shutdown_timeout=0.1)
            loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            self.url = f"http://127.0.0.1:{port}/v1"
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, name="stand-in-llm", daemon=True)
        self._thread.start()
        ready.wait(5)

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(5)


def coach_takes_an_llm() -> bool:
    """Whether ``Coach`` has the phraser hook (the dialogue's understand → decide → phrase pipeline)."""
    import inspect

    from coachbot.engine import Coach

    return "phraser" in inspect.signature(Coach.__init__).parameters


NEEDS_PIPELINE = "the dialogue does not hand its moves to a phraser yet (the listening pipeline)"
