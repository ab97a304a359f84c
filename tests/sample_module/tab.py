from PySide6.QtWidgets import QLabel


class NotesTab(QLabel):
    def __init__(self, session) -> None:
        super().__init__("便签")
        self.session = session
