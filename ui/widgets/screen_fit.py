"""Windows sized to the screen they open on: never past the available area (1366×768 with a taskbar), and using
the room of a large screen. The window manager's frame (title bar, borders) is outside a widget's size."""

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollArea, QWidget

FRAME = (16, 48)  # width and height a window manager's frame adds, at most, on the office desktops we know


def available(widget: QWidget | None = None) -> QRect:
    """The screen's area less taskbars and panels: of the widget's screen, else the primary one."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit(widget: QWidget, width: int, height: int) -> None:
    """Resize to `width`×`height`, or less where the screen is smaller, frame included."""
    room = available(widget)
    widget.resize(min(width, room.width() - FRAME[0]), min(height, room.height() - FRAME[1]))


def share(widget: QWidget, fraction: float) -> None:
    """Take `fraction` of the available screen, centred on it."""
    room = available(widget)
    width = min(int(room.width() * fraction), room.width() - FRAME[0])
    height = min(int(room.height() * fraction), room.height() - FRAME[1])
    widget.resize(width, height)
    widget.move(room.x() + (room.width() - width - FRAME[0]) // 2, room.y() + (room.height() - height - FRAME[1]) // 2)


def clamp(widget: QWidget) -> None:
    """Bring a window back inside the available screen (a geometry saved on a larger monitor)."""
    room = available(widget)
    frame = widget.frameGeometry()
    width = min(widget.width(), room.width() - FRAME[0])
    height = min(widget.height(), room.height() - FRAME[1])
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    x = min(max(frame.x(), room.x()), room.right() - width - FRAME[0] + 1)
    y = min(max(frame.y(), room.y()), room.bottom() - height - FRAME[1] + 1)
    if (x, y) != (frame.x(), frame.y()):
        widget.move(x, y)


class _KeepOnScreen(QObject):
    """Clamps its dialog each time it is shown: a filter on that one dialog, not on the application (which would
    run Python on every event of the program)."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            clamp(watched)
        return False


def keep_on_screen(dialog: QWidget) -> None:
    """Whenever `dialog` is shown, bring it inside the available screen (its size hint may be taller than 768 px)."""
    dialog.installEventFilter(_KeepOnScreen(dialog))


def scroll_to_fit(window: QWidget, scroll: QScrollArea) -> None:
    """Before `window` shows: `scroll` as tall as its content where the screen allows, else its content scrolls;
    the window sized to that and kept inside the screen (its buttons stay on a 1366×768 screen)."""
    content = scroll.widget()
    room = available(window).height() - FRAME[1] - (window.sizeHint().height() - scroll.sizeHint().height())
    hint = content.sizeHint()
    scroll.setMinimumSize(hint.width() + scroll.verticalScrollBar().sizeHint().width(),
                          max(min(hint.height(), room), 80))
    window.adjustSize()
    clamp(window)
