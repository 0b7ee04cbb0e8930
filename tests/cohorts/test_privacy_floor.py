"""The privacy floor (coachbot/cohorts/reports.py): each rule, with a test that fails if it breaks."""

from __future__ import annotations

import itertools
import random

import pytest
from hr_rig import NOW, enrol_people, make_cohort, rate, talk, week_of

from coachbot.cohorts import reports
from coachbot.cohorts.reports import MIN_GROUP, NOT_ENOUGH, build, protect, tables


def cell(report, key, week, group=None):
    series = report.of(key, group)
    index = [w.number for w in report.weeks].index(week)
    return series.cells[index]


# --- rule 1: a minimum group of five ------------------------------------------------
def test_a_figure_over_four_people_is_not_shown_and_over_five_it_is(store, coach):
    made = make_cohort(store)
    people = enrol_people(store, made, [f"U{i}" for i in range(5)])
    rate(coach, people[:4], 2, value=8)
    four = cell(build(store.db, made, NOW), "importance", 2)
    assert not four.shown and four.value is None and four.spread is None
    rate(coach, people[4:], 2, value=3)
    five = cell(build(store.db, made, NOW), "importance", 2)
    assert five.shown and five.value == pytest.approx(7.0) and five.spread == pytest.approx(2.0)


def test_a_hidden_figure_shows_no_value_no_spread_and_no_head_count(store, coach):
    made = make_cohort(store)
    people = enrol_people(store, made, [f"U{i}" for i in range(4)])
    rate(coach, people, 2, value=9)
    rows = {t.title: t.rows for t in tables(build(store.db, made, NOW))}
    week2 = rows["Readiness: how important (0-10)"][1]
    assert week2[3:] == (NOT_ENOUGH, "", "")


# --- rule 2: no subtraction -------------------------------------------------------
def test_protect_hides_the_next_smallest_group_when_one_small_group_could_be_derived():
    a, b, c = frozenset(range(8)), frozenset(range(8, 11)), frozenset(range(11, 14))
    assert protect(a | b, {"A": a, "B": b}) == {"A", "B"}
    assert protect(a | b | c, {"A": a, "B": b, "C": c}) == {"B", "C"}  # 6 hidden together: enough
    d, e, f = frozenset(range(6)), frozenset(range(6, 12)), frozenset({12})
    assert protect(d | e | f, {"D": d, "E": e, "F": f}) in ({"D", "F"}, {"E", "F"})
    assert protect(frozenset(range(4)), {"A": frozenset(range(4))}) == {"A"}


def test_protect_never_leaves_a_derivable_group_under_five_in_random_partitions():
    rng = random.Random(1)
    for _ in range(2000):
        sizes = [rng.randint(0, 9) for _ in range(rng.randint(1, 5))]
        groups, start = {}, 0
        for i, size in enumerate(sizes):
            groups[f"g{i}"] = frozenset(range(start, start + size))
            start += size
        total = frozenset(range(start))
        hidden = protect(total, groups)
        shown = [g for g in groups if g not in hidden]
        assert all(len(groups[g]) >= MIN_GROUP for g in shown)
        derivable = total - frozenset().union(*(groups[g] for g in shown))
        if len(total) >= MIN_GROUP:
            assert len(derivable) == 0 or len(derivable) >= MIN_GROUP, (sizes, hidden)
        else:
            assert hidden == set(groups)


def test_a_small_region_cannot_be_worked_out_from_the_cohort_and_the_other_region(store, coach):
    made = make_cohort(store)
    europe = enrol_people(store, made, [f"E{i}" for i in range(8)], timezone="Europe/Paris")
    asia = enrol_people(store, made, [f"A{i}" for i in range(3)], timezone="Asia/Tokyo")
    rate(coach, europe, 2, value=8)
    rate(coach, asia, 2, value=1)
    report = build(store.db, made, NOW, split="region")
    whole = cell(report, "importance", 2)
    assert whole.shown and len(whole.people) == 11
    # Were Europe shown, Asia's mean would be (11 * whole - 8 * europe) / 3.
    assert not cell(report, "importance", 2, "Asia").shown
    assert not cell(report, "importance", 2, "Europe").shown


def test_regions_big_enough_on_both_sides_are_shown(store, coach):
    made = make_cohort(store)
    rate(coach, enrol_people(store, made, [f"E{i}" for i in range(5)], timezone="Europe/Paris"), 2, value=8)
    rate(coach, enrol_people(store, made, [f"A{i}" for i in range(5)], timezone="America/Lima"), 2, value=4)
    report = build(store.db, made, NOW, split="region")
    assert cell(report, "importance", 2, "Europe").value == 8
    assert cell(report, "importance", 2, "America").value == 4


def test_there_is_one_split_so_two_cannot_be_intersected(store):
    # Slack + Europe - cohort would be the Slack users in Europe minus the Teams users
    # outside it: a group no page shows. So a second split is refused outright.
    made = make_cohort(store)
    assert list(reports.GROUPERS) == ["region"]
    with pytest.raises(ValueError):
        build(store.db, made, NOW, split="platform")


def test_a_belief_figure_that_would_differ_from_another_weeks_by_one_person_is_hidden(store, coach):
    made = make_cohort(store)
    people = enrol_people(store, made, [f"U{i}" for i in range(7)])
    for who in people[:5]:
        talk(coach, who, 1, ["Social media is a marketing channel for us."])
    # Week 2: one newcomer speaks; the five others' positions stand as they were.
    talk(coach, people[5], 2, ["Honestly social is how we work with customers now, not a channel."])
    report = build(store.db, made, NOW)
    week1, week2 = cell(report, "belief:social_purpose", 1), cell(report, "belief:social_purpose", 2)
    assert week1.shown and len(week1.people) == 5
    # Shown, 6 * week2 - 5 * week1 would be the newcomer's own position.
    assert len(week2.people) == 6 and not week2.shown
    # Five newcomers later, the difference is a group of five again, and the figure shows.
    for who in people[6:]:
        talk(coach, who, 3, ["Honestly social is how we work with customers now, not a channel."])
    assert not cell(build(store.db, made, NOW), "belief:social_purpose", 3).shown
    more = enrol_people(store, made, [f"V{i}" for i in range(3)])
    for who in more:
        talk(coach, who, 4, ["Honestly social is how we work with customers now, not a channel."])
    week4 = cell(build(store.db, made, NOW), "belief:social_purpose", 4)
    assert week4.shown and len(week4.people) == 10


# --- rule 3: no filter gets under the floor -----------------------------------------
@pytest.fixture
def busy_cohort(store, coach):
    made = make_cohort(store)
    europe = enrol_people(store, made, [f"E{i}" for i in range(7)], timezone="Europe/Berlin")
    america = enrol_people(store, made, [f"A{i}" for i in range(5)], platform="teams", timezone="America/Chicago")
    asia = enrol_people(store, made, [f"S{i}" for i in range(2)], timezone="Asia/Tokyo")
    everyone = europe + america + asia
    for week in range(1, 5):
        taking_part = everyone[: 4 + 3 * week]  # 7, 10, 13, 14 people: some groups small in some weeks
        rate(coach, taking_part, week, value=3 + week)
        rate(coach, taking_part[::2], week, value=5, item="confidence")
        for who in taking_part[:6]:
            talk(coach, who, week, ["Social media is a marketing channel for us.",
                                    "I'll ask two engineers what customers say, on Thursday."])
    return made


def test_no_combination_of_week_range_and_split_shows_a_figure_under_five(store, busy_cohort):
    made = busy_cohort
    weeks = [w.iso for w in build(store.db, made, NOW).weeks]
    reference = {split: build(store.db, made, NOW, split=split) for split in (None, *reports.GROUPERS)}
    checked = 0
    for first, last in itertools.product([None, *weeks], [None, *weeks]):
        for split in (None, *reports.GROUPERS):
            report = build(store.db, made, NOW, split=split, first_week=first, last_week=last)
            full = reference[split]
            for s in report.series:
                same = full.of(s.key, s.group)
                for w, c in zip(report.weeks, s.cells, strict=True):
                    # A range only chooses weeks: the cell is the one of the unfiltered view.
                    assert c == same.cells[[x.iso for x in full.weeks].index(w.iso)]
                    assert not c.shown or len(c.people) >= MIN_GROUP
                    checked += 1
            for key in {s.key for s in report.series}:
                for i in range(len(report.weeks)):
                    whole = report.of(key).cells[i]
                    shown = [report.of(key, g).cells[i] for g in report.groups if report.of(key, g).cells[i].shown]
                    derivable = whole.people - frozenset().union(*(c.people for c in shown))
                    if whole.shown and shown:
                        assert len(derivable) == 0 or len(derivable) >= MIN_GROUP
    assert checked > 1000


def test_an_unknown_split_is_refused(store, busy_cohort):
    with pytest.raises(ValueError):
        build(store.db, busy_cohort, NOW, split="executive_id")


# --- rule 4: content never leaves ---------------------------------------------------
def test_no_report_holds_words_names_or_ids_of_anyone(store, coach, busy_cohort):
    made = busy_cohort
    db = store.db
    secrets_ = {r[0] for r in db.execute("select text from messages where text is not null and length(text) > 12")}
    secrets_ |= {r[0] for r in db.execute("select evidence from observations where evidence != ''")}
    secrets_ |= {r[0] for r in db.execute("select commitment from sessions where commitment != ''")}
    secrets_ |= {r[0] for r in db.execute("select text from experiments where text != ''")}
    people = {r[0] for r in db.execute("select user_id from executives")} | {
        r[0] for r in db.execute("select name from executives")}
    assert secrets_ and people
    for split in (None, *reports.GROUPERS):
        dump = repr(tables(build(db, made, NOW, split=split)))
        for text in secrets_ | people:
            assert text not in dump


def test_a_session_that_ended_in_a_safety_reply_moves_no_figure(store, coach, busy_cohort):
    made = busy_cohort
    before = build(store.db, made, NOW, split="region")
    with store.write() as db:
        exe = db.execute("select id from executives where user_id = 'E0'").fetchone()[0]
        db["sessions"].insert({"tenant": made.tenant, "executive_id": exe, "number": 99,
                               "started_at": week_of(3).isoformat(), "ended_at": week_of(3).isoformat(),
                               "end_reason": "end"})
        session_id = db.execute("select max(id) from sessions").fetchone()[0]
        db["safety_markers"].insert({"tenant": made.tenant, "executive_id": exe, "session_id": session_id,
                                     "category": "distress", "at": week_of(3).isoformat()})
    after = build(store.db, made, NOW, split="region")
    assert after.of("commitment").cells == before.of("commitment").cells
    assert after == before


# --- what the executive sees -----------------------------------------------------------
def test_what_hr_sees_is_exactly_the_shown_figures_that_count_the_executive(store, coach, busy_cohort):
    made = busy_cohort
    from coachbot.models import Who

    who = Who(made.tenant, "E0", "slack")
    exe = store.db.execute("select id from executives where user_id = 'E0'").fetchone()[0]
    expected = set()
    for split in (None, *reports.GROUPERS):
        report = build(store.db, made, NOW, split=split)
        for s in report.series:
            if (s.group is None) != (split is None):
                continue
            for w, c in zip(report.weeks, s.cells, strict=True):
                if c.shown and exe in c.people:
                    expected.add((s.title, s.group and f"{split}: {s.group}", w.label))
    view = coach.hr_view(who, NOW)
    (mine,) = view.cohorts
    got = {(m.title, m.group, week) for m in mine.counted_in for week in m.weeks}
    assert got == expected and expected
    assert mine.cohort == "Leaders" and mine.roster_status == "active"
    # Asia's two members are in no shown regional figure, and told so by omission.
    asia = coach.hr_view(Who(made.tenant, "S0", "slack"), NOW).cohorts[0]
    assert not any(m.group and m.group.startswith("region") for m in asia.counted_in)


def test_an_executive_in_no_cohort_or_a_small_one_is_counted_in_nothing(store, coach):
    from coachbot.models import Who

    assert coach.hr_view(Who("T-ACME", "U-NOBODY"), NOW).cohorts == ()
    made = make_cohort(store)
    people = enrol_people(store, made, ["U1", "U2", "U3", "U4"])
    rate(coach, people, 5)
    (mine,) = coach.hr_view(people[0], NOW).cohorts
    assert mine.counted_in == () and mine.roster_status == "started"


def test_enrolling_someone_later_does_not_change_weeks_already_shown(store, coach):
    made = make_cohort(store)
    people = enrol_people(store, made, [f"U{i}" for i in range(5)])
    rate(coach, people, 2, value=8)
    from coachbot.models import Who

    late = Who(made.tenant, "U-LATE", "slack")
    coach.record_checkin(late, "importance", 1, week_of(2))  # talked to the coach before joining
    before = cell(build(store.db, made, NOW), "importance", 2)
    from coachbot.cohorts import enrol

    enrol.enrol(store, made, f"platform,tenant,user\nslack,{made.tenant},U-LATE\n", week_of(4))
    after = cell(build(store.db, made, NOW), "importance", 2)
    assert after == before and after.value == 8


def test_the_week_in_progress_is_never_listed(store, coach):
    from datetime import timedelta

    from hr_rig import START

    made = make_cohort(store)
    rate(coach, enrol_people(store, made, [f"U{i}" for i in range(6)]), 5, value=6)
    week5_over_everywhere = START.replace(hour=0) + timedelta(weeks=5, days=1)  # Tuesday 00:00 UTC after week 5
    assert [w.number for w in build(store.db, made, week5_over_everywhere - timedelta(minutes=1)).weeks] == [1, 2, 3, 4]
    listed = build(store.db, made, week5_over_everywhere)
    assert [w.number for w in listed.weeks] == [1, 2, 3, 4, 5] and cell(listed, "importance", 5).value == 6
