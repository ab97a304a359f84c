"""值班: roster, leaders' absences, the duty log, 值班要情 and demo."""
