from models.core.manifest import Manifest, RightSpec, SettingSpec, Tab
from models.core.rights import Role
from tests.sample_module.notes import EDIT_NOTES, READ_NOTES

MANIFEST = Manifest(
    name="notes",
    label="便签",
    tables="tests.sample_module.notes:tables",
    rights=(RightSpec(READ_NOTES, "查阅便签", frozenset({Role.CLERK, Role.LEADER})),
            RightSpec(EDIT_NOTES, "记便签", frozenset({Role.CLERK}))),
    actions={"note_add": "记便签"},
    targets={"note": "便签"},
    settings=(SettingSpec("notes_keep_days", "便签保留天数", 30, 1, 365, "天", EDIT_NOTES),),
    due="tests.sample_module.notes:due",
    tab=Tab("便签", READ_NOTES, "tests.sample_module.tab:NotesTab", order=70),
)
