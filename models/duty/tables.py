"""The 值班 tables, referenced ones first (today's models; migrations never use this list)."""


def models() -> list:
    from models.duty import absences, brief, log, roster

    return [roster.RosterSlot, roster.RosterChange, absences.Absence, log.DutyShift, log.DutyEntry,
            log.DutyEvent, brief.DutyBrief]
