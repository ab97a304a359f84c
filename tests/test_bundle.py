"""What the one-folder bundle (packaging/) relies on in the code: resources and the program's name when frozen."""

import re
import sys
import tomllib
from pathlib import Path

from cli.app import build_parser
from models.core import paths

ROOT = Path(__file__).resolve().parents[1]


def test_the_bundle_finds_resources_inside_itself(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert build_parser().prog == "sanban"  # usage and hints name the executable, not main.py


def test_the_source_install_finds_resources_beside_the_code():
    assert not getattr(sys, "frozen", False)
    assert (paths.resources_dir() / "fonts" / "wqy-microhei.ttc").is_file()
    assert build_parser().prog == "python main.py"


def test_the_bundle_takes_every_package_the_wheel_takes():
    """Manifests load code by name, so the spec lists the packages itself; a new one must go in both places."""
    spec = (ROOT / "packaging" / "sanban.spec").read_text(encoding="utf-8")
    bundled = set(re.search(r'for package in \(([^)]*)\)', spec).group(1).replace('"', "").replace(" ", "").split(","))
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = {name.rstrip("*") for name in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert bundled - {""} == wheel - {"resources"}  # the bundle takes resources/ as data, the whole folder
    assert "resources" in wheel and pyproject["tool"]["setuptools"]["package-data"]["resources"] == ["**/*"]


def test_the_wheels_script_names_itself(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/opt/三办/bin/sanban", "--help"])
    assert paths.program_name() == "sanban"
