"""Reads are checked like writes: every read function of 公文, 值班/领导外出 and 涉密人员, called as every role.

READS is the table; a public function of those modules that is neither in it, nor a checked write, nor exempt
with a reason makes `test_every_public_function_is_classified` fail, so a new read cannot skip its check.
"""

import inspect
import re
from datetime import date, datetime, timedelta

from models.core import clock
from models.core.audit import AuditEntry
from models.core.errors import PermissionDenied, ValidationError
from models.core.rights import Role, all_rights
from models.documents import demo as document_demo
from models.documents import due as documents_due
from models.documents import incoming, ledger, outgoing, reports
from models.documents.manifest import READ_DOCUMENTS
from models.duty import absences, brief, roster
from models.duty import demo as duty_demo
from models.duty import due as duty_due
from models.duty import log as duty_log
from models.duty.manifest import READ_DUTY
from models.secrecy import due as secrecy_due
from models.secrecy import passports, people, records, reminders
from models.secrecy import reports as secrecy_reports
from models.secrecy.manifest import READ_PERSONNEL
from tests.conftest import business_user

DAY = date(2026, 3, 5)
R_DOC, R_DUTY, R_PERS = READ_DOCUMENTS, READ_DUTY, READ_PERSONNEL

READS = {
    # 公文
    "documents.incoming.get": (R_DOC, lambda s: incoming.get(s, 1)),
    "documents.incoming.history": (R_DOC, lambda s: incoming.history(s, 1)),
    "documents.incoming.instructions_of": (R_DOC, lambda s: incoming.instructions_of(s, 1)),
    "documents.incoming.open_circulations": (R_DOC, lambda s: incoming.open_circulations(s, 1)),
    "documents.incoming.known_units": (R_DOC, lambda s: incoming.known_units(s)),
    "documents.incoming.detail_lines": (R_DOC, lambda s: incoming.detail_lines(s, incoming.Incoming.get_by_id(1))),
    "documents.incoming.day_check": (R_DOC, lambda s: incoming.day_check(s, DAY)),
    "documents.incoming.existing_keys": (R_DOC, lambda s: incoming.existing_keys(s, {DAY.year})),
    "documents.outgoing.get": (R_DOC, lambda s: outgoing.get(s, 1)),
    "documents.outgoing.detail_lines": (R_DOC, lambda s: outgoing.detail_lines(s, outgoing.Outgoing.get_by_id(1))),
    "documents.outgoing.prefixes": (R_DOC, lambda s: outgoing.prefixes(s)),
    "documents.outgoing.existing_numbers": (R_DOC, lambda s: outgoing.existing_numbers(s, {("县委办发", DAY.year)})),
    "documents.outgoing.number_check": (R_DOC, lambda s: outgoing.number_check(s, DAY.year)),
    "documents.ledger.IncomingLedger": (R_DOC, lambda s: ledger.IncomingLedger(s)),
    "documents.ledger.OutgoingLedger": (R_DOC, lambda s: ledger.OutgoingLedger(s)),
    "documents.reports.ledger": (R_DOC, lambda s: reports.ledger(s, "incoming", DAY.year)),
    "documents.reports.routing_slip": (R_DOC, lambda s: reports.routing_slip(s, 1)),
    "documents.reports.reminder_slip": (R_DOC, lambda s: reports.reminder_slip(s, 1)),
    "documents.reports.drafting_sheet": (R_DOC, lambda s: reports.drafting_sheet(s, 1)),
    # 值班
    "duty.log.shift_of": (R_DUTY, lambda s: duty_log.shift_of(s, datetime(2026, 3, 5, 10, 0))),
    "duty.log.current_shift": (R_DUTY, lambda s: duty_log.current_shift(s)),
    "duty.log.shift_by_id": (R_DUTY, lambda s: duty_log.shift_by_id(s, 1)),
    "duty.log.recent_shifts": (R_DUTY, lambda s: duty_log.recent_shifts(s)),
    "duty.log.open_entries": (R_DUTY, lambda s: duty_log.open_entries(s)),
    "duty.log.shift_entries": (R_DUTY, lambda s: duty_log.shift_entries(s, 1)),
    "duty.log.day_entries": (R_DUTY, lambda s: duty_log.day_entries(s, DAY)),
    "duty.log.history": (R_DUTY, lambda s: duty_log.history(s, 1)),
    "duty.log.search": (R_DUTY, lambda s: duty_log.search(s, "降雨")),
    "duty.log.known_people": (R_DUTY, lambda s: duty_log.known_people(s)),
    "duty.log.known_units": (R_DUTY, lambda s: duty_log.known_units(s)),
    "duty.log.detail_lines": (R_DUTY, lambda s: duty_log.detail_lines(s, 1)),
    "duty.brief.draft_brief": (R_DUTY, lambda s: brief.draft_brief(s, DAY)),
    "duty.brief.draft_flash": (R_DUTY, lambda s: brief.draft_flash(s, 1)),
    "duty.brief.printed_brief": (R_DUTY, lambda s: brief.printed_brief(s, DAY)),
    "duty.brief.issued": (R_DUTY, lambda s: brief.issued(s, "brief", DAY.year)),
    "duty.brief.get": (R_DUTY, lambda s: brief.get(s, 1)),
    "duty.brief.issue_day": (R_DUTY, lambda s: brief.issue_day(s)),
    "duty.roster.days": (R_DUTY, lambda s: roster.days(s, DAY, DAY)),
    "duty.roster.month": (R_DUTY, lambda s: roster.month(s, DAY.year, DAY.month)),
    "duty.roster.leader_days": (R_DUTY, lambda s: roster.leader_days(s, "周主任", DAY, DAY)),
    "duty.roster.on_duty": (R_DUTY, lambda s: roster.on_duty(s)),
    "duty.roster.people": (R_DUTY, lambda s: roster.people(s)),
    # 领导外出
    "duty.absences.away_on": (R_DUTY, lambda s: absences.away_on(s, DAY)),
    "duty.absences.away_between": (R_DUTY, lambda s: absences.away_between(s, DAY, DAY)),
    "duty.absences.overdue_returns": (R_DUTY, lambda s: absences.overdue_returns(s, DAY)),
    "duty.absences.recent": (R_DUTY, lambda s: absences.recent(s)),
    # 涉密人员
    "secrecy.people.get": (R_PERS, lambda s: people.get(s, 1)),
    "secrecy.people.history": (R_PERS, lambda s: people.history(s, 1)),
    "secrecy.people.people": (R_PERS, lambda s: people.people(s, "zs")),
    "secrecy.people.units": (R_PERS, lambda s: people.units(s)),
    "secrecy.people.posts": (R_PERS, lambda s: people.posts(s)),
    "secrecy.people.post_holders": (R_PERS, lambda s: people.post_holders(s)),
    "secrecy.records.records": (R_PERS, lambda s: records.records(s, 1)),
    "secrecy.passports.passports": (R_PERS, lambda s: passports.passports(s)),
    "secrecy.passports.trips": (R_PERS, lambda s: passports.trips(s)),
    "secrecy.reminders.reminders": (R_PERS, lambda s: reminders.reminders(s, DAY)),
    "secrecy.reports.roster": (R_PERS, lambda s: secrecy_reports.roster(s)),
    "secrecy.reports.stats": (R_PERS, lambda s: secrecy_reports.stats(s)),
    "secrecy.reports.history": (R_PERS, lambda s: secrecy_reports.history(s, 1)),
    "secrecy.reports.form_values": (R_PERS, lambda s: secrecy_reports.form_values(s, 1)),
}

# The modules whose every public function is classified below: the reads of 公文, 值班 and 领导外出 (point 8).
CHECKED_MODULES = (incoming, outgoing, ledger, reports, document_demo, documents_due, duty_log, brief, roster, absences,
                   duty_demo, duty_due)
# Due items answer 今日 for whoever asks: without the read right they are [] rather than a refusal.
DUE = {"documents.due.due": (R_DOC, documents_due.due), "duty.due.due": (R_DUTY, duty_due.due),
       "secrecy.due.due": (R_PERS, secrecy_due.due)}

EXEMPT = {
    "documents.incoming.check_incoming": "checks typed values; reads no table",
    "documents.incoming.due_status": "a colour from a status and dates the caller read",
    "documents.incoming.soon_limit": "counts working days on the shared calendar, no 公文 record",
    "documents.incoming.past_day": "parses a typed date",
    "documents.incoming.receipt_number": "formats a 收文编号",
    "documents.incoming.text_value": "checks a typed text",
    "documents.outgoing.check_outgoing": "checks typed values; reads no table",
    "documents.outgoing.check_prefix": "checks a typed 代字",
    "documents.outgoing.doc_number": "formats a 发文字号",
    "documents.demo.demo_documents": "a demo step; models.core.demo.run checks Right.DEMO first",
    "duty.log.check_entry": "checks typed values; reads no table",
    "duty.log.clock": "computes the reporting clock of an entry the caller read",
    "duty.log.parse_moment": "parses a typed time",
    "duty.brief.entry_text": "words an entry the caller read",
    "duty.brief.print_warnings": "checks a draft the caller read (and the 值班电话 setting's default)",
    "duty.roster.current": "the shift at a moment, from the 班次 setting (no duty record)",
    "duty.roster.shifts": "the 班次 setting, not a duty record",
    "duty.roster.shift_names": "the 班次 setting, not a duty record",
    "duty.roster.plan_values": "checks typed values; reads no table",
    "duty.absences.check": "checks typed values; reads no table",
    "duty.demo.demo_duty": "a demo step; models.core.demo.run checks Right.DEMO first",
}
WRITE = re.compile(r"require\(\w+, EDIT_\w+")


def qualified(obj) -> str:
    return obj.__module__.removeprefix("models.") + "." + obj.__name__


def public_functions(module) -> list:
    return [f for name, f in inspect.getmembers(module, inspect.isfunction)
            if not name.startswith("_") and f.__module__ == module.__name__]


def test_every_public_function_is_classified():
    unclassified = []
    for module in CHECKED_MODULES:
        for function in public_functions(module):
            name = qualified(function)
            if name in READS or name in DUE or name in EXEMPT or WRITE.search(inspect.getsource(function)):
                continue
            unclassified.append(name)
    assert not unclassified, ("public functions that are neither a checked read in READS, a checked write, nor "
                              f"exempt with a reason: {unclassified}")
    for name in list(READS) + list(EXEMPT):
        module, _, attribute = name.rpartition(".")
        assert hasattr(__import__(f"models.{module}", fromlist=[attribute]), attribute), f"{name} is gone"


def seeded(three) -> dict[Role, object]:
    """A session per role, and one record of each kind (id 1) so an allowed read has something to read."""
    sessions = dict(three)
    for role, username in ((Role.CLERK, "wenshu"), (Role.DUTY, "zhiban"), (Role.LEADER, "lingdao")):
        sessions[role] = business_user(three, username, username, role.value)
    clerk, duty = sessions[Role.CLERK], sessions[Role.DUTY]
    with clock.pinned(datetime(2026, 3, 6, 12, 0)):  # every date typed below is in the past, on any real day
        incoming.register(clerk, {"received_on": DAY.isoformat(), "source_org": "市委办公室",
                                  "title": "关于防汛工作的通知"})
        incoming.assign(clerk, 1, "县应急局", due_date=DAY, on=DAY)
        outgoing.draft(clerk, {"prefix": "县委办发", "title": "关于值班工作的通知", "draft_unit": "秘书科",
                               "drafter": "刘某"})
        duty_log.log(duty, {"kind": "来电", "at": "2026-03-05 09:00", "unit": "县应急局", "subject": "通报强降雨"})
        absences.report(duty, {"person": "周主任", "start_on": "2026-03-04", "end_on": "2026-03-05"})
    return sessions


def denied_count() -> int:
    return AuditEntry.select().where(AuditEntry.action == "denied").count()


def test_every_read_as_every_role_matches_the_rights(three):
    sessions = seeded(three)
    wrong = []
    for name, (right, read) in READS.items():
        for role, session in sessions.items():
            before = denied_count()
            try:
                read(session)
                outcome = "allowed"
            except PermissionDenied:
                outcome = "denied"
            except ValidationError:
                outcome = "allowed"  # past the check, refused on its merits (no such brief, no 催办 yet…)
            expected = "allowed" if role in all_rights()[right] else "denied"
            audited = denied_count() - before == (1 if expected == "denied" else 0)
            if outcome != expected or not audited:
                wrong.append(f"{name} as {role.value}: {outcome}, expected {expected}"
                             + ("" if audited else " (refusal not audited once)"))
    assert not wrong, "\n".join(wrong)



def test_due_items_go_to_the_holders_of_the_read_right_and_to_nobody_else(three):
    sessions = seeded(three)
    day = DAY + timedelta(days=1)  # the 收文 is past its deadline and 周主任 past the planned return
    before = denied_count()
    for name, (right, items) in DUE.items():
        for role, session in sessions.items():
            found = items(session, day)
            if role not in all_rights()[right]:
                assert found == [], f"{name} gave items to {role.value}"
            elif right != R_PERS:  # nothing is seeded in the 涉密人员库
                assert found, f"{name} gave {role.value} nothing"
    assert denied_count() == before
