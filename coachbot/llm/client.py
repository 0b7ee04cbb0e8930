"""One way to call the model: a per-turn time budget, bounded retries, usage per tenant.

The ``openai`` package is imported only when a client is made, so the terminal coach
runs without it. Every call takes its timeout from what is left of the turn's budget
(:func:`turn_budget`), retries a 429 (honouring ``Retry-After``), a 5xx or a dropped
connection only while the budget allows, and raises an :class:`LLMError` otherwise:
callers fall back to the built-in engine.
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
import time
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from coachbot.llm.config import LLMConfig
from coachbot.llm.usage import Call, UsageLog

log = logging.getLogger("coachbot.llm")

# Below this a call is not worth starting: the built-in reply goes out instead.
MIN_CALL_SECONDS = 0.25
BACKOFF_SECONDS = 0.3
# A call for the same turn right after the turn's deadline (the next message of a turn
# whose first call timed out) still belongs to that turn and gets no new budget.
TURN_GRACE_SECONDS = 1.0

_deadline: ContextVar[float | None] = ContextVar("coachbot_llm_deadline", default=None)


@contextlib.contextmanager
def turn_budget(seconds: float) -> Iterator[None]:
    """Every LLM call inside shares one deadline ``seconds`` from now (nested: the sooner)."""
    deadline = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(min(deadline, outer) if outer is not None else deadline)
    try:
        yield
    finally:
        _deadline.reset(token)


class LLMError(Exception):
    """The model gave no usable answer in time; ``outcome`` names why (for usage rows)."""

    outcome = "error"


class LLMTimeout(LLMError):
    outcome = "timeout"


class LLMRateLimited(LLMError):
    outcome = "rate_limited"


class LLMUnsupported(LLMError):
    """The server refused the request's shape (e.g. no JSON-schema response format)."""

    outcome = "unsupported"


class LLMMissing(LLMError):
    """The ``openai`` package is not installed."""

    outcome = "unavailable"


@dataclass(frozen=True)
class Completion:
    """What the model answered, with what it cost."""

    text: str  # the message content ("" when the answer is a tool call)
    tool_arguments: str | None  # the first tool call's JSON arguments, if any
    tokens_in: int
    tokens_out: int
    ms: int


def _import_openai() -> Any:
    try:
        import openai
    except ImportError:  # the [llm] extra is not installed
        raise LLMMissing("the openai package is missing: pip install 'coachbot[llm]'") from None
    return openai


class LLMClient:
    """Chat completions against the configured server, with usage recorded per tenant."""

    def __init__(self, config: LLMConfig, usage: UsageLog | None = None):
        self.config = config
        self.usage = usage
        self._turns = threading.local()
        self._openai = _import_openai()
        common: dict[str, Any] = {"api_key": config.api_key, "max_retries": 0, "timeout": config.budget_seconds}
        if config.provider == "azure":
            self._sdk = self._openai.AzureOpenAI(
                azure_endpoint=config.azure_endpoint, api_version=config.api_version, **common
            )
        else:
            self._sdk = self._openai.OpenAI(base_url=config.base_url, **common)

    @property
    def model(self) -> str:
        return self.config.model

    def turn_deadline(self, turn: tuple) -> float:
        """The deadline shared by every call for one turn (``turn`` names it: tenant,
        executive, their latest message); the first call of a turn starts the budget.

        The engine understands and phrases a turn in one thread, one call after another,
        so the extraction and each message's phrasing share the turn's budget, and a
        model that times out once does not cost the turn a second budget.
        """
        local = self._turns
        now = time.monotonic()
        if getattr(local, "turn", None) == turn and now < local.deadline + TURN_GRACE_SECONDS:
            return local.deadline
        local.turn, local.deadline = turn, now + self.config.budget_seconds
        return local.deadline

    def remaining(self) -> float:
        """Seconds left in this turn's budget (the whole budget outside a turn)."""
        deadline = _deadline.get()
        if deadline is None:
            return self.config.budget_seconds
        return deadline - time.monotonic()

    def chat(
        self,
        messages: Sequence[dict[str, Any]],
        *,
        purpose: str,
        tenant: str,
        executive_id: int | None = None,
        max_tokens: int = 200,
        temperature: float = 0.4,
        turn: tuple | None = None,
        **extra: Any,
    ) -> Completion:
        """One completion; raises :class:`LLMError` (and records the failure) if none in time.

        ``turn`` names the turn the call serves (see :meth:`turn_deadline`); without it
        the call (and its retries) gets a budget of its own. Inside :func:`turn_budget`
        the sooner deadline wins.
        """
        openai = self._openai
        if self.usage is not None and self.usage.store.db.conn.in_transaction:
            # A model call must never hold SQLite's write lock: every other turn would wait on it.
            log.warning("an LLM call was made inside a database write transaction; using the built-in reply")
            raise self._failed(LLMError("called inside a write transaction"), purpose, tenant, executive_id,
                               time.monotonic())
        deadline = self.turn_deadline(turn) if turn is not None else time.monotonic() + self.config.budget_seconds
        outer = _deadline.get()
        if outer is not None:
            deadline = min(deadline, outer)
        started = time.monotonic()
        attempts = self.config.retries + 1
        for attempt in range(attempts):
            left = deadline - time.monotonic()
            if left < MIN_CALL_SECONDS:
                raise self._failed(LLMTimeout("the turn's budget is spent"), purpose, tenant, executive_id, started)
            try:
                response = self._sdk.chat.completions.create(
                    model=self.config.model,
                    messages=list(messages),
                    max_tokens=max_tokens,
                    temperature=temperature,
                    timeout=left,
                    **extra,
                )
                return self._completion(response, started)
            except openai.APITimeoutError as exc:
                raise self._failed(LLMTimeout(str(exc)), purpose, tenant, executive_id, started) from None
            except openai.RateLimitError as exc:
                wait = _retry_after(exc) or BACKOFF_SECONDS * 2**attempt
                retry = LLMRateLimited(f"429 from the model server (retry after {wait:.1f}s)")
                if attempt + 1 >= attempts or time.monotonic() + wait + MIN_CALL_SECONDS > deadline:
                    raise self._failed(retry, purpose, tenant, executive_id, started) from None
                time.sleep(wait)
            except openai.APIStatusError as exc:
                if exc.status_code < 500 and exc.status_code not in (408, 409):
                    error: LLMError = LLMUnsupported(f"{exc.status_code} from the model server")
                    raise self._failed(error, purpose, tenant, executive_id, started) from None
                wait = BACKOFF_SECONDS * 2**attempt * (0.5 + random.random())
                if attempt + 1 >= attempts or time.monotonic() + wait + MIN_CALL_SECONDS > deadline:
                    error = LLMError(f"{exc.status_code} from the model server")
                    raise self._failed(error, purpose, tenant, executive_id, started) from None
                time.sleep(wait)
            except openai.APIConnectionError as exc:
                wait = BACKOFF_SECONDS * 2**attempt
                if attempt + 1 >= attempts or time.monotonic() + wait + MIN_CALL_SECONDS > deadline:
                    raise self._failed(LLMError(f"no connection: {exc}"), purpose, tenant, executive_id,
                                       started) from None
                time.sleep(wait)
            except Exception as exc:  # a malformed body, an SDK surprise: no answer either way
                raise self._failed(LLMError(f"unreadable answer: {exc!r}"[:300]), purpose, tenant, executive_id,
                                   started) from None
        raise self._failed(LLMError("no answer"), purpose, tenant, executive_id, started)  # pragma: no cover

    def record(
        self, completion: Completion | None, *, purpose: str, outcome: str, tenant: str, executive_id: int | None,
        ms: int | None = None,
    ) -> None:
        """Record one call's tokens and what became of its answer (never raises)."""
        if self.usage is None:
            return
        call = Call(
            tenant=tenant,
            executive_id=executive_id,
            model=self.config.model,
            purpose=purpose,
            outcome=outcome,
            tokens_in=completion.tokens_in if completion else 0,
            tokens_out=completion.tokens_out if completion else 0,
            ms=ms if ms is not None else (completion.ms if completion else 0),
        )
        with contextlib.suppress(Exception):  # accounting must never cost the executive a reply
            self.usage.record(call)

    def _failed(self, error: LLMError, purpose: str, tenant: str, executive_id: int | None,
                started: float) -> LLMError:
        ms = int((time.monotonic() - started) * 1000)
        self.record(None, purpose=purpose, outcome=error.outcome, tenant=tenant, executive_id=executive_id, ms=ms)
        return error

    def _completion(self, response: Any, started: float) -> Completion:
        if isinstance(response, str) or not getattr(response, "choices", None):
            raise LLMError("the answer has no choices")
        message = response.choices[0].message
        calls = getattr(message, "tool_calls", None) or []
        arguments = calls[0].function.arguments if calls else None
        usage = getattr(response, "usage", None)
        return Completion(
            text=(message.content or "").strip(),
            tool_arguments=arguments,
            tokens_in=int(getattr(usage, "prompt_tokens", 0) or 0),
            tokens_out=int(getattr(usage, "completion_tokens", 0) or 0),
            ms=int((time.monotonic() - started) * 1000),
        )


def _retry_after(exc: Any) -> float | None:
    response = getattr(exc, "response", None)
    raw = response.headers.get("retry-after") if response is not None else None
    try:
        return max(0.0, float(raw)) if raw else None
    except ValueError:
        return None
