"""Packaging beyond what pyproject.toml can say: the top-level templates/ folder, which officers
read and copy, ships inside the wheel as the package ``automation.templates``, with
tracker.toml.example beside the templates, so a wheel or ``pip install .`` has everything
``tracker remind`` and ``tracker doctor`` need."""

from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

EXAMPLE_CONFIG = "tracker.toml.example"


class BuildWithExample(build_py):
    """Copies tracker.toml.example into the built templates package (an editable install
    finds it beside the templates folder instead)."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "automation" / "templates"
        self.mkpath(str(target))
        self.copy_file(EXAMPLE_CONFIG, str(target / EXAMPLE_CONFIG))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        example = str(Path(self.build_lib) / "automation" / "templates" / EXAMPLE_CONFIG)
        return [*super().get_outputs(include_bytecode), example]


setup(
    packages=[*find_packages(include=["automation*"]), "automation.templates"],
    package_dir={"automation.templates": "templates"},
    package_data={"automation": ["py.typed", "data/*"], "automation.templates": ["*"]},
    cmdclass={"build_py": BuildWithExample},
)
