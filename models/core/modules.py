"""The installed modules, in the order their tabs, demo steps and due items appear. Adding a module is one line here.

Everything else asks this registry: `manifests()` for all of them, and helpers that gather one declaration from every
manifest (rights, audit labels, settings, CLI kinds, tables, migration steps).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache

from models.core.manifest import CliOption, Manifest, RightSpec, SettingSpec, Tab, TextSpec, resolve

MODULES: tuple[str, ...] = (
    "models.core.core_manifest:MANIFEST",
    "models.core.today:MANIFEST",
    "models.documents.manifest:MANIFEST",
    "models.duty.manifest:MANIFEST",
    "models.secrecy.manifest:MANIFEST",
    "models.supervision.manifest:MANIFEST",
    "models.meetings.manifest:MANIFEST",
)

_extra: list[Manifest] = []  # modules added at run time (tests show that a new module needs no shared file)


@cache
def _installed() -> tuple[Manifest, ...]:
    return tuple(resolve(ref) for ref in MODULES)


def manifests() -> tuple[Manifest, ...]:
    return _installed() + tuple(_extra)


@contextmanager
def added(manifest: Manifest) -> Iterator[Manifest]:
    """Install one more module for the duration of a block (tests)."""
    _extra.append(manifest)
    _changed()
    try:
        yield manifest
    finally:
        _extra.remove(manifest)
        _changed()


def _changed() -> None:
    for fn in (rights, action_labels, target_labels, detail_labels, setting_specs, text_specs, field_labels):
        fn.cache_clear()


def get(name: str) -> Manifest:
    for m in manifests():
        if m.name == name:
            return m
    raise KeyError(name)


@cache
def rights() -> dict[str, RightSpec]:
    found: dict[str, RightSpec] = {}
    for m in manifests():
        for spec in m.rights:
            if spec.code in found:
                raise ValueError(f"right {spec.code} declared twice (module {m.name})")
            found[spec.code] = spec
    return found


@cache
def action_labels() -> dict[str, str]:
    return _merged("actions")


@cache
def target_labels() -> dict[str, str]:
    return _merged("targets")


@cache
def detail_labels() -> dict[str, str]:
    return _merged("details")


@cache
def field_labels(target_kind: str) -> dict[str, str]:
    """The Chinese names of the fields an audit entry on `target_kind` may hold in 修改前/修改后: the record's own
    (declared by the manifest that owns the kind), then the settings' and the detail keys every entry may use."""
    labels = {spec.key: spec.label for spec in setting_specs().values()}
    labels.update({spec.key: spec.label for spec in text_specs().values()})
    labels.update(detail_labels())
    for m in manifests():
        refs = m.fields.get(target_kind, ())
        for ref in (refs,) if isinstance(refs, str) else refs:
            labels.update(resolve(ref))
    return labels


def _merged(attribute: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for m in manifests():
        for key, label in getattr(m, attribute).items():
            if merged.get(key, label) != label:
                raise ValueError(f"{attribute} {key} labelled twice, differently (module {m.name})")
            merged[key] = label
    return merged


@cache
def setting_specs() -> dict[str, SettingSpec]:
    return {s.key: s for m in manifests() for s in m.settings}


@cache
def text_specs() -> dict[str, TextSpec]:
    return {s.key: s for m in manifests() for s in m.texts}


def tables() -> list:
    """Every table of every module, core first, each module's referenced tables before the referencing ones."""
    return [model for m in manifests() if m.tables for model in resolve(m.tables)()]


def migration_steps() -> dict[int, str]:
    steps: dict[int, str] = {}
    for m in manifests():
        for version, ref in m.migrations.items():
            if version in steps:
                raise ValueError(f"schema step {version} declared twice (module {m.name})")
            steps[version] = ref
    return steps


def text_indexes() -> list[tuple[str, str]]:
    return [index for m in manifests() for index in m.text_indexes]


def import_kinds() -> dict[str, tuple[Manifest, str]]:
    return {kind: (m, label) for m in manifests() for kind, label in m.imports.items()}


def export_reports() -> dict[str, tuple[Manifest, str]]:
    return {report: (m, label) for m in manifests() for report, label in m.exports.items()}


def commands() -> dict[str, tuple[Manifest, str]]:
    """CLI commands modules add (`supervision new|feedback|…`) -> (manifest, help)."""
    return {name: (m, text) for m in manifests() for name, text in m.commands.items()}


def cli_options(command: str) -> list[CliOption]:
    return [o for m in manifests() for o in m.cli_options if o.command == command]


def tabs() -> list[tuple[Manifest, Tab]]:
    found = [(m, m.tab) for m in manifests() if m.tab is not None]
    return sorted(found, key=lambda pair: pair[1].order)


def due_items(actor, day: date) -> list:
    """What needs `actor`'s attention on `day`, from every module they may read (today's page reads only this)."""
    from models.core.due import sorted_items

    items = []
    for m in manifests():
        if m.due:
            items.extend(resolve(m.due)(actor, day))
    return sorted_items(items)
