"""A record's states and steps declared as a table, so the rule, the refusal and the enabled buttons agree.

A `Flow` is built from rows of (state, action, next state, hint). A row with a next state allows the action in that
state; a row whose next state is None declares a refusal and the hint that tells the user what to do instead.
`ANY` as the state of a refusal row covers every state, `ANY` as its action covers every action (a closed record:
「已作废的文件不能再办理。」). An action missing from the table is refused with the exact row's hint, else the state's,
else the action's, else none. The module's own wording of a refusal is the Flow's `message` (or one per action).
"""

from collections.abc import Iterable, Mapping

from models.core.errors import ValidationError

ANY = "*"
MESSAGE = "{label}当前为「{state}」，不能{action}。{hint}"


class Flow:
    """The steps a record may take from each state, and what to say when a step does not apply."""

    def __init__(self, states: Mapping[str, str], actions: Mapping[str, str],
                 rows: Iterable[tuple[str, str, str | None] | tuple[str, str, str | None, str]], *,
                 message: str = MESSAGE, messages: Mapping[str, str] | None = None, field: str = "status",
                 fields: Mapping[str, str] | None = None) -> None:
        """`states` and `actions` map codes to their Chinese labels (in the order a page lists them). `message` is
        formatted with label, state, action and hint; `messages` and `fields` override it and the error's field
        for single actions."""
        self.states, self.actions_named = dict(states), dict(actions)
        self.message, self.messages = message, dict(messages or {})
        self.field, self.fields = field, dict(fields or {})
        self._next: dict[tuple[str, str], str] = {}
        self._hints: dict[tuple[str, str], str] = {}
        for row in rows:
            state, action, after, hint = (*row, "")[:4]
            if (state, action) in self._next or (state, action) in self._hints:
                raise ValueError(f"{state} × {action} is declared twice")
            if state not in self.states and not (state == ANY and after is None):
                raise ValueError(f"unknown state {state!r} in row {row}")
            if action not in self.actions_named and not (action == ANY and after is None):
                raise ValueError(f"unknown action {action!r} in row {row}")
            if after is None:
                self._hints[(state, action)] = hint
            elif after not in self.states:
                raise ValueError(f"unknown next state {after!r} in row {row}")
            else:
                self._next[(state, action)] = after

    def allows(self, state: str, action: str) -> bool:
        return (state, action) in self._next

    def next(self, state: str, action: str) -> str:
        """The state after `action` from `state`; KeyError when the table does not allow it."""
        return self._next[(state, action)]

    def actions(self, state: str) -> tuple[str, ...]:
        """The actions allowed in `state`, in the declared order of actions (what a page enables)."""
        return tuple(a for a in self.actions_named if (state, a) in self._next)

    def hint(self, state: str, action: str) -> str:
        """What to tell the user when `action` is refused in `state`."""
        for key in ((state, action), (state, ANY), (ANY, action)):
            if key in self._hints:
                return self._hints[key]
        return ""

    def check(self, label: str, state: str, action: str) -> str:
        """The next state, or the module's ValidationError (「收文X当前为「已归档」，不能催办。已归档的…」)."""
        if (state, action) in self._next:
            return self._next[(state, action)]
        text = self.messages.get(action, self.message).format(
            label=label, state=self.states[state], action=self.actions_named[action], hint=self.hint(state, action))
        raise ValidationError(self.fields.get(action, self.field), text)
