"""公文: 收文 and 发文 ledgers, their flow, reports and demo."""
