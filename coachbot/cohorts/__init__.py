"""Leadership cohorts for HR: cohorts and their programme, enrolment, the roster,
dashboard accounts, and the aggregate reports behind the privacy floor.

No web code lives here; the dashboard (``coachbot.adapters.hr``) and the command line
are thin layers over these modules.
"""
