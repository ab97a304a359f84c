"""A pytest plugin that makes the worst moment for a cyclic garbage collection happen on purpose.

pytest-qt processes events right after a test's body returns, before its teardown closes the widgets handed to
`qtbot.addWidget` (which it holds only weakly). A widget shown on its own whose wrapper sits in a reference cycle is
then garbage that Qt still paints. A collection that falls inside that paint (any allocation in a model's `data()`
may start one) deletes the widget and its model while the view is painting them: a segfault in
`QAbstractItemModel::multiData`, as CI saw. With `-p tests.ui.collect_in_paint` every widget on screen is repainted
when a test's body returns and a full collection runs inside the first cell or header one of our models serves.
"""

import gc

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QApplication, QWidget

_state = {"armed": False}
_wrapped: set[type] = set()


def _our_models() -> list[type]:
    found, todo = [], [QAbstractItemModel]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("ui."):
            found.append(cls)
    return found


def _collecting(method):
    def serve(self, *args):
        if _state["armed"]:
            _state["armed"] = False
            gc.collect()
        return method(self, *args)

    return serve


def arm() -> None:
    """The next `data()` or `headerData()` of a model of ours collects first; everything on screen repaints.

    The methods are wrapped once and stay wrapped (shiboken calls a Python override it found earlier: replacing it
    again while a paint runs freed the very function being run)."""
    for cls in _our_models():
        if cls not in _wrapped:
            _wrapped.add(cls)
            for name in ("data", "headerData"):
                if name in cls.__dict__:
                    setattr(cls, name, _collecting(cls.__dict__[name]))
    _state["armed"] = True
    _repaint_all()


def _repaint_all() -> None:
    """Its own frame: no reference to a widget outlives it, so what is garbage stays garbage."""
    app = QApplication.instance()
    for top in app.topLevelWidgets() if app is not None else []:
        if top.isVisible():
            for widget in (top, *top.findChildren(QWidget)):
                widget.update()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    arm()  # pytest-qt's own wrapper, outside this one, now processes the events: the paint
    return result


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    _state["armed"] = False  # no model painted after the body: teardown is left to the collector's own timing
    return (yield)
