"""Positions and shifts, computed from observations."""

from __future__ import annotations

from coachbot.journey import position, shifts_of


def obs(stance, session, confidence=1.0):
    return {"stance": stance, "session_number": session, "confidence": confidence}


def test_position_runs_from_old_to_new():
    assert position([obs("old", 1)], 1) == -1.0
    assert position([obs("new", 1)], 1) == 1.0
    assert position([], 1) is None


def test_recent_sessions_weigh_more():
    assert position([obs("old", 1), obs("new", 2)], 2) > 0


def test_a_shift_is_recorded_where_a_session_leans_the_other_way():
    assert shifts_of([obs("old", 1), obs("old", 2), obs("new", 3), obs("new", 3)]) == [
        {"from": "old", "to": "new", "session": 3}
    ]


def test_a_mixed_session_that_nets_out_is_no_shift():
    assert shifts_of([obs("old", 1), obs("old", 2), obs("new", 2)]) == []
