"""A read-only table view set up the way every list in Sanban looks."""

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def make_table(model) -> QTableView:
    view = QTableView()
    if model.parent() is None:  # else the model lives only as long as some Python reference: a view outliving it
        model.setParent(view)  # paints a freed model (a crash seen when a page's wrapper was collected first)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view
