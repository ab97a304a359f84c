"""The main window builds its tabs from the manifests: a new module's tab appears for those who may read it."""

from models.core import modules
from tests.conftest import business_user
from tests.sample_module.manifest import MANIFEST as NOTES
from ui.main_window import MainWindow


def tab_labels(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_a_new_modules_tab_is_shown_to_its_readers_only(qtbot, tmp_path, database):
    with modules.added(NOTES):
        from models.core import db

        db.close()
        db.connect(str(tmp_path / "with-notes.db"))
        from models.core import accounts
        from tests.conftest import NAMES, PASSWORDS

        accounts.init({role: (NAMES[role], role.value, PASSWORDS[role]) for role in PASSWORDS})
        three = {role: accounts.login(NAMES[role], PASSWORDS[role]) for role in PASSWORDS}
        clerk = business_user(three, "wangmishu", "王秘书", "clerk")
        duty = business_user(three, "zhaozhiban", "赵值班", "duty")
        for session, expected in ((clerk, ["今日", "公文", "会议", "督办", "便签", "系统"]), (duty, ["今日", "值班", "系统"])):
            window = MainWindow(session)
            qtbot.addWidget(window)
            assert tab_labels(window) == expected
            if "便签" in expected:
                assert window.module_tabs["notes"].session is session
        db.close()
