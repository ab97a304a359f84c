"""The fields of a step's form, as data. Pages declare them; the dialog that shows them (`step_dialog`) loads when
a step first runs, not when the page is built."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "line"  # line | text | choice | date | password
    default: str = ""
    choices: tuple[str, ...] = ()
    complete: tuple[str, ...] = ()  # completion list for a line (来文单位, 承办单位 typed before)
    placeholder: str = ""
