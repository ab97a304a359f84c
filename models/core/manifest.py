"""The module manifest: everything the platform needs to know about a module, declared in one place.

Schema, rights, the audit viewer, settings, the CLI, demo, 今日 and the main window read the manifests (see
`models/core/modules.py`); none of them keeps a list of modules of its own. A module is one package plus one line in
`modules.MODULES`.

References to code are strings 「package.module:attribute」, resolved on first use: declaring a module costs no import
(the CLI's `--help` must not load Qt, pypinyin or the exporters), and a models package may name its window tab or its
CLI commands without importing layers above it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from models.core.rights import Role


@dataclass(frozen=True)
class RightSpec:
    """A right and the roles that hold it (checked in models/: `rights.require(actor, code, …)`)."""

    code: str
    label: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class SettingSpec:
    """A number an office may change. `owner` is the right that may change it."""

    key: str
    label: str
    default: int
    minimum: int
    maximum: int
    unit: str = ""
    owner: str = "edit_settings"


@dataclass(frozen=True)
class TextSpec:
    """A text an office may change (its own words on printed forms). `check` refuses a wording it cannot use."""

    key: str
    label: str
    default: str
    check: str = ""  # "module:function(text)" raising ValidationError
    owner: str = "edit_settings"
    max_length: int = 60
    optional: bool = False  # may be cleared (back to its default)


@dataclass(frozen=True)
class CliOption:
    """A flag a module adds to a CLI command (`import`, `demo`); given for another kind it is refused."""

    command: str
    flag: str
    help: str
    kinds: tuple[str, ...] = ()  # for `import`: the kinds it applies to
    type: str = "flag"  # "flag" (store_true), "int" or "text" (a value: `--source 人大建议`)

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class Tab:
    """The module's tab in the main window, built for users holding `right`."""

    label: str
    right: str
    widget: str  # "ui.package.module:Class", constructed with the session
    order: int = 50


@dataclass(frozen=True)
class Manifest:
    name: str  # short English name, also the `DueItem.module` and the `Change` kinds' owner
    label: str  # the module's Chinese name
    tables: str = ""  # "module:function" -> the peewee models, referenced tables first
    migrations: Mapping[int, str] = field(default_factory=dict)  # schema version -> "module:step(db)"
    text_indexes: tuple[tuple[str, str], ...] = ()  # (table, column) searched through a trigram index (SQLite)
    rights: tuple[RightSpec, ...] = ()
    actions: Mapping[str, str] = field(default_factory=dict)  # audit action -> Chinese label
    targets: Mapping[str, str] = field(default_factory=dict)  # audit target kind (before the colon) -> Chinese
    details: Mapping[str, str] = field(default_factory=dict)  # key of an audit entry's detail -> Chinese
    # audit target kind -> "module:NAME" (or several) of {field: Chinese} mappings: the keys inside 修改前/修改后
    fields: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    settings: tuple[SettingSpec, ...] = ()
    texts: tuple[TextSpec, ...] = ()
    cli: str = ""  # module with `importers()` and `exports()`: {kind: function}
    imports: Mapping[str, str] = field(default_factory=dict)  # CLI import kind -> what it reads
    exports: Mapping[str, str] = field(default_factory=dict)  # CLI export report -> what it writes
    cli_options: tuple[CliOption, ...] = ()
    commands: Mapping[str, str] = field(default_factory=dict)  # CLI command -> help; `cli` adds its arguments
    demo: str = ""  # "module:function(actor, options) -> str", run in manifest order inside one transaction
    demo_label: str = ""
    tab: Tab | None = None
    due: str = ""  # "module:function(actor, day) -> list[DueItem]"


def resolve(reference: str) -> Any:
    """The object a 「package.module:attribute」 reference names."""
    module, _, attribute = reference.partition(":")
    target: Any = import_module(module)
    for part in attribute.split(".") if attribute else ():
        target = getattr(target, part)
    return target
