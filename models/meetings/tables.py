"""The 会议 tables, referenced ones first (today's models; migrations never use this list)."""


def models() -> list:
    from models.meetings import attendees, decisions, meetings, templates

    return [templates.MeetingTemplate, templates.TemplateItem, meetings.Meeting, meetings.Topic,
            meetings.ChecklistItem, meetings.MeetingEvent, attendees.Attendee, decisions.Decision]
