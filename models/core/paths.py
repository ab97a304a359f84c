"""Where Sanban keeps its files. Nothing is created at import time; `main.py` asks when it needs a path."""

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Sanban"


def data_dir() -> Path:
    """The per-user data folder (overridable with SANBAN_HOME, which tests and portable installs use)."""
    override = os.environ.get("SANBAN_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    """SANBAN_DB if set, else `sanban.db` in the data folder."""
    return os.environ.get("SANBAN_DB") or str(data_dir() / "sanban.db")


def log_dir() -> Path:
    return data_dir() / "logs"


def preview_dir() -> Path:
    """Print previews while they are open (see `models.core.previews`)."""
    return data_dir() / "previews"


def user_templates_dir() -> Path:
    """An office's own templates; a file here overrides the one shipped in resources/templates."""
    return data_dir() / "templates"


def resources_dir() -> Path:
    """resources/ beside the sources, or inside the one-folder bundle (PyInstaller's `sys._MEIPASS`, `_internal/`)."""
    if getattr(sys, "frozen", False):
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]  # set by PyInstaller's bootloader
    return Path(__file__).resolve().parents[2] / "resources"


def program_name() -> str:
    """How the user starts Sanban, for messages: the bundle's executable or the wheel's script, else main.py."""
    started_as = Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else ""
    return "sanban" if getattr(sys, "frozen", False) or started_as == "sanban" else "python main.py"
