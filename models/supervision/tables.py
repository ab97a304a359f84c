"""The 督办 tables, referenced ones first (today's models; migrations never use this list)."""


def models() -> list:
    from models.supervision import items

    return [items.SupervisionItem, items.SupervisionStage, items.SupervisionFeedback, items.SupervisionExtension,
            items.SupervisionSlip, items.SupervisionUrge, items.SupervisionEvent]
