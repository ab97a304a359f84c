"""Qt only: the main window, one sub-package per tab, shared widgets and workers."""
