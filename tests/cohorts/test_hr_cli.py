"""The HR commands of CONTRACTS.md: cohort create, cohort enroll, admin create, hr-view."""

from __future__ import annotations

import json
import subprocess
import sys

from coachbot.cli import main
from coachbot.cohorts import accounts, cohort
from coachbot.store import Store


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coachbot", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"})


def test_admin_create_reads_the_password_from_standard_input_and_it_logs_in(db_path):
    done = run("admin", "create", "--db", str(db_path), "--email", "HR@Acme.example", "--tenant", "T-ACME",
               stdin="a very long passphrase\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"admin": "hr@acme.example", "tenant": "T-ACME"}
    assert "a very long passphrase" not in done.stdout + done.stderr
    store = Store(db_path)
    from hr_rig import NOW

    assert accounts.login(store, "hr@acme.example", "a very long passphrase", "127.0.0.1", NOW).session_token
    weak = run("admin", "create", "--db", str(db_path), "--email", "b@acme.example", stdin="short\n")
    assert weak.returncode == 2 and "at least 12 characters" in weak.stderr and "Traceback" not in weak.stderr


def test_cohort_create_then_enroll_from_a_csv(db_path, tmp_path, capsys):
    assert main(["cohort", "create", "Q1 Leaders", "--db", str(db_path), "--start", "2026-12-07",
                 "--weekday", "tue", "--time", "08:00"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["cohort"] == "Q1 Leaders" and made["weekday"] == "tue" and made["programme_weeks"] >= 6
    people = tmp_path / "people.csv"
    people.write_text("platform,tenant,user,email,name,timezone\n"
                      "slack,T0123,U1,ana@example.com,Ana,Europe/Madrid\n"
                      "slack,T0123,U2,,Ben,\n"
                      "slack,T0123,,ghost@example.com,Ghost,\n", encoding="utf-8")
    assert main(["cohort", "enroll", "Q1 Leaders", "--db", str(db_path), "--csv", str(people)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["outcome"] for row in lines[:-1]] == ["enrolled", "enrolled", "invalid"]
    # A cohort made before its workspace was known joins the one workspace its members are in.
    assert lines[-1] == {"cohort": "Q1 Leaders", "tenant": "T0123", "enrolled": 2, "skipped": 0, "invalid": 1}
    store = Store(db_path)
    found = cohort.by_name(store.db, "T0123", "Q1 Leaders")
    assert found and found.checkin_weekday == 1
    # Once the workspace is known, a new cohort is made in it without --tenant.
    assert main(["cohort", "create", "Q2 Leaders", "--db", str(db_path)]) == 0
    assert json.loads(capsys.readouterr().out)["tenant"] == "T0123"


def test_enrolling_into_an_unknown_cohort_or_from_a_missing_file_says_so(db_path, tmp_path, capsys):
    assert main(["cohort", "enroll", "Nope", "--db", str(db_path), "--csv", str(tmp_path / "x.csv")]) == 2
    assert "no cohort called 'Nope'" in capsys.readouterr().err
    main(["cohort", "create", "Real", "--db", str(db_path), "--tenant", "T1"])
    assert main(["cohort", "enroll", "Real", "--db", str(db_path), "--csv", str(tmp_path / "x.csv")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_hr_view_for_someone_in_no_cohort(db_path, capsys):
    assert main(["hr-view", "--db", str(db_path), "--user", "U-NEW"]) == 0
    assert "in no cohort" in capsys.readouterr().out
    assert main(["hr-view", "--db", str(db_path), "--user", "U-NEW", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cohorts"] == []
