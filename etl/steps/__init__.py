"""Python build steps that run after the core SQL, discovered in file-name order.

Each ``step_NN_<name>.py`` module defines ``run(con)`` and a module docstring saying what it
builds. Numbering leaves room: 10-29 core tables made in Python, 30-79 ``out_`` analytics, 80+
anything that must see everything else. Keep each step fast (the whole build is benchmarked
against a bare load of the snapshot, see bench/).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def discover_steps() -> list[ModuleType]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("step_"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]
