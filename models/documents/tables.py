"""The 公文 tables, referenced ones first (today's models; migrations never use this list)."""


def models() -> list:
    from models.documents import incoming, outgoing

    return [incoming.Incoming, incoming.DocEvent, incoming.Circulation, incoming.Reminder,
            outgoing.Outgoing, outgoing.Distribution, outgoing.NumberReservation]
