"""An executive's data is theirs: export holds all of it, forget removes all of it."""

from __future__ import annotations

from datetime import timedelta

from coachbot.models import Who


def converse(coach, who, now):
    coach.start(who, now)
    for line in ["Social media is a marketing channel for us.", "We make pumps.", "yes", "Friday at 9."]:
        coach.reply(who, line, now)
    coach.end_session(who, now)
    coach.record_checkin(who, "importance", 7, now + timedelta(days=7))


def rows_of(store, tenant, executive_id):
    found = {}
    for table in store.executive_tables():
        found[table] = list(
            store.db[table].rows_where("tenant = ? and executive_id = ?", [tenant, executive_id], order_by="rowid")
        )
    return found


def test_export_holds_every_row_of_the_executive(coach, store, who, monday):
    converse(coach, who, monday)
    data = coach.export(who)
    executive_id = data["executive"]["id"]
    assert data["tables"] == rows_of(store, who.tenant, executive_id)
    for table in ("sessions", "messages", "observations", "experiments", "checkin_answers"):
        assert data["tables"][table], f"export has no {table}"
    said = {m["text"] for m in data["tables"]["messages"] if m["role"] == "executive"}
    assert "Social media is a marketing channel for us." in said


def test_forget_leaves_no_row_of_that_executive_and_every_row_of_another(coach, store, who, monday):
    other = Who(who.tenant, "U-BOB")
    same_id_elsewhere = Who("T-OTHER", who.user)
    for person in (who, other, same_id_elsewhere):
        converse(coach, person, monday)
    before_other = coach.export(other)["tables"]
    before_elsewhere = coach.export(same_id_elsewhere)["tables"]

    deleted = coach.forget(who)

    assert deleted > 0
    assert coach.export(who)["executive"] is None
    gone = store.db.execute("select count(*) from executives where tenant = ? and user_id = ?",
                            [who.tenant, who.user]).fetchone()[0]
    assert gone == 0
    for table in store.executive_tables():
        leftover = store.db.execute(
            f"select count(*) from [{table}] where executive_id not in (select id from executives)"
        ).fetchone()[0]
        assert leftover == 0, f"orphan rows in {table}"
    assert coach.export(other)["tables"] == before_other
    assert coach.export(same_id_elsewhere)["tables"] == before_elsewhere


def test_forget_of_someone_unknown_deletes_nothing(coach, who):
    assert coach.forget(who) == 0


def test_the_same_user_id_in_two_tenants_are_two_people(coach, monday):
    a, b = Who("T-A", "U1"), Who("T-B", "U1")
    coach.start(a, monday)
    coach.reply(a, "Social media is a marketing channel for us.", monday)
    assert coach.journey(b)["sessions"] == 0
    assert all(not d["observations"] for d in coach.journey(b)["dimensions"].values())


def test_what_hr_sees_names_only_aggregates_over_five_people(coach, who):
    view = coach.hr_view(who)
    assert view.minimum_group_size == 5 and view.cohorts == ()
    assert any("conversations" in item for item in view.never_visible)


def test_every_table_with_people_in_it_carries_a_tenant(store):
    for table in store.db.tables:
        if table.name.startswith("_") or table.name.startswith("sqlite_"):
            continue
        if "executive_id" in table.columns_dict or table.name == "executives":
            assert "tenant" in table.columns_dict, table.name
