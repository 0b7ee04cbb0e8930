"""`coachbot usage`: tokens in and out per tenant, as recorded."""

from __future__ import annotations

import json

from coachbot.cli import main
from coachbot.llm.usage import Call, UsageLog


def test_usage_prints_each_tenants_tokens(db_path, store, capsys):
    log = UsageLog(store)
    log.record(Call("T-ACME", 1, "m", "phrase", "ok", tokens_in=120, tokens_out=30))
    log.record(Call("T-ACME", 2, "m", "extract", "timeout"))
    log.record(Call("T-BETA", 5, "m", "phrase", "ok", tokens_in=80, tokens_out=20))
    assert main(["usage", "--db", str(db_path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["tenant"], r["calls"], r["tokens_in"], r["tokens_out"], r["fallbacks"]) for r in rows] == [
        ("T-ACME", 2, 120, 30, 1), ("T-BETA", 1, 80, 20, 0)]
    assert main(["usage", "--db", str(db_path), "--tenant", "T-BETA"]) == 0
    table = capsys.readouterr().out
    assert "T-BETA" in table and "T-ACME" not in table and " 80 " in table


def test_usage_with_nothing_recorded_says_so(db_path, capsys):
    assert main(["usage", "--db", str(db_path)]) == 0
    assert "No LLM calls recorded" in capsys.readouterr().out


def test_forgetting_an_executive_removes_their_usage_rows(coach, store, who):
    coach.reply(who, "Our customers trust us.")
    exe_id = store.db["executives"].rows_where("user_id = ?", [who.user]).__next__()["id"]
    UsageLog(store).record(Call(who.tenant, exe_id, "m", "phrase", "ok", tokens_in=5, tokens_out=5))
    assert coach.export(who)["tables"]["llm_usage"][0]["tokens_in"] == 5
    coach.forget(who)
    assert store.db["llm_usage"].count == 0
