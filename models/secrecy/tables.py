"""The 涉密人员库 tables, referenced ones first (today's models; migrations never use this list)."""


def models() -> list:
    from models.secrecy import passports, people, records

    return [people.Post, people.Person, people.Assignment, people.PersonEvent, records.Review, records.Pledge,
            records.Training, passports.Passport, passports.Trip, passports.Loan, passports.StockTake]
