"""Reading files users already have (legacy Excel ledgers, rosters, holiday notices). Imports models only."""
