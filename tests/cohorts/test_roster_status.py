"""The roster shows each member's name and a status derived from taking part."""

from __future__ import annotations

from datetime import timedelta

from hr_rig import NOW, enrol_people, make_cohort, rate, talk

from coachbot.cohorts import roster


def test_statuses_follow_what_each_member_did_and_when(store, coach):
    made = make_cohort(store)
    invited, started, active, quiet, stopped, paused = enrol_people(
        store, made, ["U-INV", "U-STA", "U-ACT", "U-QUI", "U-STO", "U-PAU"])
    rate(coach, [started], 5)
    talk(coach, active, 4, ["We make pumps."])
    rate(coach, [active], 5)
    rate(coach, [quiet], 1)
    rate(coach, [stopped, paused], 5)
    store.db.execute("update cohort_members set status = 'stopped' where executive_id = "
                     "(select id from executives where user_id = 'U-STO')")
    store.db.conn.commit()
    coach.pause(paused, NOW)
    by_name = {e.name: e.label for e in roster.roster(store.db, made, NOW)}
    assert by_name == {"Person U-INV": "invited", "Person U-STA": "started", "Person U-ACT": "active",
                       "Person U-QUI": "quiet for 4 weeks", "Person U-STO": "stopped", "Person U-PAU": "stopped"}


def test_a_member_goes_quiet_after_two_silent_weeks(store, coach):
    made = make_cohort(store)
    (who,) = enrol_people(store, made, ["U1"])
    rate(coach, [who], 3)
    rate(coach, [who], 4)
    after = roster.roster(store.db, made, NOW + timedelta(days=5))
    later = roster.roster(store.db, made, NOW + timedelta(days=13))
    assert after[0].label == "active" and later[0].label == "quiet for 2 weeks"
