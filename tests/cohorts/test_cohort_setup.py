"""HR sets up a cohort: name, start, weekly schedule and a programme of themes."""

from __future__ import annotations

from datetime import date

import pytest
from hr_rig import NOW

from coachbot.cohorts import cohort
from coachbot.models import QUESTIONS


def test_a_new_cohort_gets_the_default_programme_of_weekly_themes_tied_to_questions(store):
    made = cohort.create(store, "T-ACME", "Leaders", NOW, start=date(2026, 12, 7), weekday=2, time="08:30")
    assert made.start_date == date(2026, 12, 7) and made.weekday_name == "wed" and made.checkin_time == "08:30"
    assert [w.week for w in made.programme] == list(range(1, len(made.programme) + 1))
    assert len(made.programme) >= 6
    assert all(w.theme and w.questions and set(w.questions) <= set(QUESTIONS) for w in made.programme)
    # Over the programme every strategic question comes up.
    assert {q for w in made.programme for q in w.questions} == set(QUESTIONS)


def test_cohort_names_are_unique_within_a_tenant_but_not_across_tenants(store):
    cohort.create(store, "T-ACME", "Leaders", NOW)
    with pytest.raises(cohort.CohortError, match="already exists"):
        cohort.create(store, "T-ACME", "leaders", NOW)
    other = cohort.create(store, "T-OTHER", "Leaders", NOW)
    assert other.tenant == "T-OTHER"
    assert cohort.get(store.db, "T-ACME", other.id) is None


@pytest.mark.parametrize("weeks, message", [
    ([], "at least one week"),
    ([{"week": 1, "theme": "", "questions": ["core_value"]}], "week 1 needs a theme"),
    ([{"week": 1, "theme": "Core", "questions": []}], "at least one strategic question"),
    ([{"week": 1, "theme": "Core", "questions": ["go_viral"]}], "unknown question"),
])
def test_a_programme_that_makes_no_sense_is_refused_with_the_week_at_fault(weeks, message):
    with pytest.raises(cohort.CohortError, match=message):
        cohort.validate_programme(weeks)


def test_programme_weeks_are_put_in_order_and_renumbered(store):
    made = cohort.create(store, "T-ACME", "Leaders", NOW)
    programme = cohort.validate_programme([
        {"week": 9, "theme": "Later", "questions": ["relationship_path"]},
        {"week": 2, "theme": "Sooner", "questions": ["core_value", "core_value"]},
    ])
    saved = cohort.set_programme(store, made, programme)
    assert [(w.week, w.theme, w.questions) for w in saved.programme] == [
        (1, "Sooner", ("core_value",)), (2, "Later", ("relationship_path",))]
