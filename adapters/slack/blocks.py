"""Block Kit for the Home tab, the check-in message, settings and the delete modal.

Pure functions from the engine's values to Slack JSON: no I/O, easy to test and to
preview in Slack's Block Kit Builder. Action ids are the contract with the listeners:

- ``checkin:<item>:<value>`` and ``checkin:talk|snooze|later|skip|stop`` (check-in buttons)
- ``settings:weekday|time|pause|resume`` (check-in settings)
- ``data:export|forget`` (the executive's data); modal callback ``forget_confirm``
"""

from __future__ import annotations

import calendar
from typing import Any

from coachbot.models import DIMENSIONS, CheckinPrompt, ExecSettings
from coachbot.privacy import HrView, hr_view_lines

from .mrkdwn import escape

Block = dict[str, Any]

FORGET_CALLBACK = "forget_confirm"

# Short names for the two poles of each belief dimension, as a slider's two ends.
DIMENSION_LABELS: dict[str, tuple[str, str, str]] = {
    "social_purpose": ("What social is for", "a marketing channel", "how the business works"),
    "success_measure": ("How success is measured", "followers and reach", "value and trust"),
    "network_focus": ("Who matters", "the biggest audience", "the relevant people"),
    "ownership": ("Who takes part", "one department", "every team"),
    "leader_participation": ("Your own part", "delegated", "present in person"),
    "voice_and_control": ("Voice", "control the message", "listen and converse"),
    "beliefs_before_strategy": ("What comes first", "the plan", "the mindset"),
    "value_creation": ("Where value is made", "inside the firm", "with others"),
}
assert set(DIMENSION_LABELS) == set(DIMENSIONS)

EXPERIMENT_STATUS = {
    "proposed": ":hourglass_flowing_sand: waiting for your check-in",
    "done": ":white_check_mark: done",
    "partly": ":large_yellow_circle: partly done",
    "not_done": ":white_circle: not done yet",
    "skipped": ":fast_forward: skipped",
}
EXPERIMENT_ANSWERS = (("done", "Done"), ("partly", "Partly"), ("not_done", "Not yet"))

SLIDER_CELLS = 7


def _text(text: str, kind: str = "mrkdwn") -> dict:
    return {"type": kind, "text": text} if kind == "mrkdwn" else {"type": kind, "text": text, "emoji": True}


def section(text: str, **extra: Any) -> Block:
    return {"type": "section", "text": _text(text), **extra}


def context(text: str, block_id: str | None = None) -> Block:
    block: Block = {"type": "context", "elements": [_text(text)]}
    if block_id:
        block["block_id"] = block_id
    return block


def header(text: str) -> Block:
    return {"type": "header", "text": _text(text, "plain_text")}


def button(label: str, action_id: str, value: str = "", style: str | None = None, **extra: Any) -> dict:
    element = {"type": "button", "text": _text(label, "plain_text"), "action_id": action_id,
               "value": value or action_id, **extra}
    if style:
        element["style"] = style
    return element


def actions(elements: list[dict], block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": elements}
    if block_id:
        block["block_id"] = block_id
    return block


DIVIDER: Block = {"type": "divider"}


# --- journey ------------------------------------------------------------------------
def slider(position: float | None) -> str:
    """A position from -1 (old pole) to +1 (new pole) as a one-line slider."""
    if position is None:
        return "`" + "·" * SLIDER_CELLS + "`"
    index = round((max(-1.0, min(1.0, position)) + 1) / 2 * (SLIDER_CELLS - 1))
    return "`" + "─" * index + "●" + "─" * (SLIDER_CELLS - 1 - index) + "`"


def journey_blocks(journey: dict) -> list[Block]:
    sessions = journey.get("sessions", 0)
    blocks: list[Block] = [
        header("Your journey"),
        context(f"{sessions} conversation{'s' if sessions != 1 else ''} so far. "
                "Each line runs from the old way of seeing social (left) to the new (right)."),
    ]
    dimensions = journey.get("dimensions", {})
    for dimension in DIMENSIONS:
        name, old, new = DIMENSION_LABELS[dimension]
        position = (dimensions.get(dimension) or {}).get("position")
        line = f"*{name}*\n{escape(old)}  {slider(position)}  {escape(new)}"
        if position is None:
            line += "\n_not talked about yet_"
        blocks.append(section(line))
    return blocks


def experiment_blocks(experiment: dict | None) -> list[Block]:
    blocks: list[Block] = [header("This week's experiment")]
    if not experiment:
        blocks.append(section("None yet. At the end of a conversation I suggest one small thing to try."))
        return blocks
    status = EXPERIMENT_STATUS.get(experiment.get("status") or "", escape(str(experiment.get("status"))))
    blocks.append(section(f"{escape(experiment.get('text') or '')}\n*Status:* {status}"))
    return blocks


# --- settings -----------------------------------------------------------------------
def _weekday_option(day: int) -> dict:
    return {"text": _text(calendar.day_name[day], "plain_text"), "value": str(day)}


def settings_summary(settings: ExecSettings) -> str:
    when = f"{calendar.day_name[settings.weekday]}s at {settings.time}"
    state = ":double_vertical_bar: paused" if settings.paused else ":bell: on"
    return (f"*Weekly check-in:* {when}, {escape(settings.timezone)} time (from your Slack profile)\n"
            f"*Reminders:* {state}")


def settings_blocks(settings: ExecSettings) -> list[Block]:
    toggle = (button("Resume check-ins", "settings:resume", style="primary") if settings.paused
              else button("Pause check-ins", "settings:pause"))
    return [
        header("Check-in settings"),
        section(settings_summary(settings)),
        actions(
            [
                {"type": "static_select", "action_id": "settings:weekday",
                 "placeholder": _text("Weekday", "plain_text"),
                 "options": [_weekday_option(d) for d in range(7)],
                 "initial_option": _weekday_option(settings.weekday)},
                {"type": "timepicker", "action_id": "settings:time", "initial_time": settings.time,
                 "placeholder": _text("Time", "plain_text")},
                toggle,
            ],
            block_id="settings",
        ),
    ]


# --- privacy ------------------------------------------------------------------------
def hr_blocks(hr_view: HrView) -> list[Block]:
    blocks = [header("What HR sees about me")]
    cohorts = hr_view_lines(hr_view)
    if not cohorts:
        blocks.append(section("You are in no cohort, so HR sees nothing about you."))
    for name, lines in cohorts[:5]:
        shown = "\n".join(f"• {escape(line)}" for line in lines)
        blocks.append(section(f"*Cohort {escape(name)}*\n{shown}"[:2900]))
    never = "\n".join(f"• {escape(item)}" for item in hr_view.never_visible)
    blocks.append(section(f"*HR never sees*\n{never}"))
    blocks.append(context(f"Numbers are shown to HR only for groups of {hr_view.minimum_group_size} or more people."))
    return blocks


def data_blocks() -> list[Block]:
    return [
        header("Your data"),
        section("Our conversations belong to you. Take a copy, or delete all of it."),
        actions(
            [
                button("Export my data", "data:export"),
                button("Delete my data", "data:forget", style="danger"),
            ],
            block_id="data",
        ),
    ]


def home_view(journey: dict, experiment: dict | None, settings: ExecSettings, hr_view: HrView) -> dict:
    blocks = [
        *journey_blocks(journey),
        DIVIDER,
        *experiment_blocks(experiment),
        DIVIDER,
        *settings_blocks(settings),
        DIVIDER,
        *hr_blocks(hr_view),
        DIVIDER,
        *data_blocks(),
    ]
    return {"type": "home", "blocks": blocks}


def forgotten_home_view() -> dict:
    """The Home tab right after a delete: nothing is read, so nothing is re-created."""
    return {"type": "home", "blocks": [
        header("Your data is deleted"),
        section("Everything I kept about you is gone. Write to me any time to start again."),
    ]}


def forget_modal(private_metadata: str = "") -> dict:
    return {
        "type": "modal",
        "callback_id": FORGET_CALLBACK,
        "private_metadata": private_metadata,
        "title": _text("Delete my data", "plain_text"),
        "submit": _text("Delete everything", "plain_text"),
        "close": _text("Keep it", "plain_text"),
        "blocks": [
            section(":warning: This deletes every conversation, belief note, experiment and check-in "
                    "answer I keep about you. It cannot be undone."),
            context("Export your data first if you want a copy."),
        ],
    }


# --- check-in -----------------------------------------------------------------------
def checkin_blocks(prompt: CheckinPrompt) -> list[Block]:
    blocks: list[Block] = [section(escape(prompt.greeting))]
    if prompt.theme:
        blocks.append(context(escape(prompt.theme)))
    if prompt.experiment:
        question = escape(prompt.experiment_question or "How did it go?")
        blocks.append(section(f"*Last week's experiment:* {escape(prompt.experiment)}\n{question}"))
        blocks.append(actions(
            [button(label, f"checkin:experiment:{value}", f"experiment|{value}")
             for value, label in EXPERIMENT_ANSWERS],
            block_id="checkin:experiment",
        ))
    for scale in prompt.scales:
        blocks.append(section(f"*{escape(scale.prompt)}*"))
        blocks.append(actions(
            [button(str(n), f"checkin:{scale.item}:{n}", f"{scale.item}|{n}")
             for n in range(scale.low, scale.high + 1)],
            block_id=f"checkin:{scale.item}",
        ))
        labels = f"{scale.low} = {escape(scale.low_label)} · {scale.high} = {escape(scale.high_label)}"
        blocks.append(context(labels))
    blocks.append(actions(
        [
            button("Talk now", "checkin:talk", "talk"),
            button("Snooze 3 h", "checkin:snooze", "snooze"),
            button("Answer later", "checkin:later", "later"),
            button("Skip this week", "checkin:skip", "skip"),
            button("Stop check-ins", "checkin:stop", "stop"),
        ],
        block_id="checkin:next",
    ))
    return blocks


def checkin_closed_blocks(prompt: CheckinPrompt, note: str) -> list[Block]:
    """A check-in that can no longer be answered (skipped, stopped, a newer one sent)."""
    return [section(escape(prompt.greeting)), context(escape(note), block_id="checkin:note")]


def checkin_fallback_text(prompt: CheckinPrompt) -> str:
    """The notification text (and what screen readers announce) for the check-in message."""
    return prompt.greeting


def mark_answer(blocks: list[Block], action_id: str, note: str | None) -> list[Block]:
    """The check-in message after a click: the picked button highlighted (the only "primary" style
    in a check-in), the coach's note below.

    Works on the blocks Slack sends back with the click, so no state is kept between clicks.
    """
    marked: list[Block] = []
    for block in blocks:
        if block.get("block_id") == "checkin:note":
            continue
        if block.get("type") == "actions" and any(e.get("action_id") == action_id for e in block["elements"]):
            elements = []
            for element in block["elements"]:
                element = {k: v for k, v in element.items() if k != "style"}
                if element.get("action_id") == action_id:
                    element["style"] = "primary"
                elements.append(element)
            block = {**block, "elements": elements}
        marked.append(block)
    if note:
        marked.append(context(escape(note), block_id="checkin:note"))
    return marked
