"""涉密人员库: posts, people, records, 证件柜, reminders, reports and demo."""
