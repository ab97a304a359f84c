"""Every message box goes through here, so tests can answer them and they all look alike.

QMessageBox loads with the first box shown, not with every module that may show one (start-up shows none).
"""

from PySide6.QtWidgets import QWidget


def info(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, title, text)


def exported(parent: QWidget | None, title: str, count: int, path: str) -> None:
    """Where the file went and how many rows; an empty one says so (its table holds one row 「（无）」)."""
    if count:
        info(parent, title, f"已导出 {count} 行到\n{path}")
    else:
        info(parent, title, f"没有可导出的行：已写入\n{path}\n表中只有一行「（无）」。")


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)  # Enter confirms, as the text asks
    box.exec()
    return box.clickedButton() is yes


def crash(parent: QWidget | None, title: str, text: str, details: str) -> None:
    """An unexpected error: the message, and the error's one line under Qt's 「显示详细信息」 (the traceback is in
    the crash log, never in the box)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(details)
    box.exec()
