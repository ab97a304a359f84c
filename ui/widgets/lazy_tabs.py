"""Tabs built when first shown: start-up pays only for the tab on screen."""

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(Mapping[str, QWidget]):
    """The widgets of a QTabWidget's tabs by name. Each tab holds an empty placeholder until it is first shown or
    asked for (`tabs[name]`); then its widget is built and takes the placeholder's place. `built(name, widget)` is
    called once per tab, after the swap.

    Create it before connecting anything else to `currentChanged`: a handler that looks at the current tab then sees
    the built widget, never the placeholder."""

    def __init__(self, tabs: QTabWidget, built: Callable[[str, QWidget], None] | None = None) -> None:
        self._tabs, self._built_hook = tabs, built
        self._pending: dict[str, tuple[Callable[[], QWidget], str, QWidget]] = {}  # name -> (make, label, placeholder)
        self._widgets: dict[str, QWidget] = {}
        self._order: list[str] = []
        tabs.currentChanged.connect(self.build_at)

    def add(self, name: str, label: str, make: Callable[[], QWidget]) -> None:
        placeholder = QWidget()
        self._pending[name] = (make, label, placeholder)
        self._order.append(name)
        blocked = self._tabs.blockSignals(True)  # no swap while Qt is still inserting the tab
        index = self._tabs.addTab(placeholder, label)
        self._tabs.blockSignals(blocked)
        if index == self._tabs.currentIndex():
            self[name]  # the first tab is on screen from the start

    def built(self) -> list[str]:
        return [name for name in self._order if name in self._widgets]

    def build_at(self, index: int) -> None:
        """Build the tab at `index` if it still holds its placeholder (the tab bar is showing it)."""
        widget = self._tabs.widget(index)
        for name, (_, _, placeholder) in self._pending.items():
            if widget is placeholder:
                self[name]
                return

    def __getitem__(self, name: str) -> QWidget:
        if name not in self._widgets:
            make, label, placeholder = self._pending[name]
            widget = make()
            del self._pending[name]
            index, current = self._tabs.indexOf(placeholder), self._tabs.currentIndex()
            blocked = self._tabs.blockSignals(True)  # the tab stays where it is; nothing else sees the swap
            self._tabs.removeTab(index)
            self._tabs.insertTab(index, widget, label)
            self._tabs.setCurrentIndex(current)
            self._tabs.blockSignals(blocked)
            placeholder.deleteLater()
            self._widgets[name] = widget
            if self._built_hook is not None:
                self._built_hook(name, widget)
        return self._widgets[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)
