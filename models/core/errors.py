"""The errors a user can cause. Each carries a Chinese message that says what is wrong and how to fix it."""


class SanbanError(Exception):
    """Base of every error a user may see; `str(error)` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(SanbanError):
    """A value a user typed or imported is not acceptable; `field` names where it was typed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(SanbanError):
    """The acting user lacks the right; the attempt has been audited before this is raised."""


class StaleRecord(SanbanError):
    """Optimistic locking: someone saved the record after we read it."""

    def __init__(self) -> None:
        super().__init__("该记录已被他人修改，请刷新后重试")


class DatabaseError(SanbanError):
    """The database file cannot be used as it is (too new, not Sanban's, damaged)."""


class NeedsConfirmation(ValidationError):
    """Allowed, but the user should look first (e.g. the same 文号 registered before); repeat with confirm=True."""
