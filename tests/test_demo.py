"""Demo data that looks like a real office's: work spread over past weeks, different duty calls on different days."""

from datetime import timedelta

from models.core import accounts, clock, demo
from models.core.rights import Role
from models.documents import incoming
from models.duty import log as duty_log


def test_demo_steps_are_spread_over_past_weeks_and_duty_days_differ(three):
    steps = []
    demo.run(three[Role.SYSADMIN], progress=lambda done, total: steps.append((done, total)))
    assert steps[-1][0] == steps[-1][1] == len(steps) >= 3  # the window's progress bar: one tick per module
    clerk = accounts.login("wangmishu", demo.DEMO_PASSWORD)
    today = clock.today()
    moved_today = len(incoming.day_check(clerk).moved)
    stamps = [at for (at,) in incoming.DocEvent.select(incoming.DocEvent.at).tuples()]
    assert moved_today <= 15 and len(stamps) > 4 * moved_today  # not every step stamped the moment demo ran
    assert len({at.date() for at in stamps}) >= 15 and max(stamps) <= clock.now()
    assert all(8 <= at.hour <= 17 for at in stamps if at.date() != today)  # office hours
    duty = accounts.login("zhaozhiban", demo.DEMO_PASSWORD)
    subjects = [{e.subject for e in duty_log.day_entries(duty, today - timedelta(days=n))} for n in (1, 2)]
    assert subjects[0] and subjects[1] and not subjects[0] & subjects[1]
