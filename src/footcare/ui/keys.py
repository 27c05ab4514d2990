"""Every binding id, for `footcare --bindings` and for checking `[keymap]`, taken from the
classes themselves."""

from __future__ import annotations

import difflib
import importlib
import inspect
import pkgutil
import re

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from footcare.ui.app_bindings import APP_BINDINGS


def _spaced(name: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower().split()
    return " ".join(w for w in words if w not in ("screen", "row"))


def bound_classes() -> list[type[DOMNode]]:
    """Every screen and widget class of footcare that declares bindings, found by walking
    the ui packages: a new screen's keys can't be left out."""
    from footcare.ui import screens, widgets

    found: list[type[DOMNode]] = []
    for package in (screens, widgets):
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if (
                    cls.__module__ == module.__name__
                    and issubclass(cls, DOMNode)
                    and cls.__dict__.get("BINDINGS")
                ):
                    found.append(cls)
    return found


def _screens() -> list[tuple[str, list[BindingType]]]:
    out: list[tuple[str, list[BindingType]]] = [("everywhere", list(APP_BINDINGS))]
    for cls in bound_classes():
        title = cls.__dict__.get("TITLE_TEXT")
        where = title or _spaced(cls.__name__)
        out.append((str(where).lower(), list(cls.__dict__["BINDINGS"])))
    return out


def all_bindings() -> list[tuple[str, Binding]]:
    out: list[tuple[str, Binding]] = []
    for where, bindings in _screens():
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id:
                out.append((where, binding))
    return out


def binding_ids() -> set[str]:
    return {b.id for _, b in all_bindings() if b.id}


def describe_bindings() -> str:
    lines = [f"{'id':<22} {'keys':<22} {'where':<18} what", "-" * 78]
    for where, binding in all_bindings():
        lines.append(f"{binding.id:<22} {binding.key:<22} {where:<18} {binding.description}")
    lines.append("")
    lines.append('Remap in config.toml, e.g.:  [keymap]  "session.pause" = "p,space"')
    return "\n".join(lines)


def check_keymap(keymap: dict[str, str]) -> list[str]:
    """One message per unknown binding id, with a did-you-mean."""
    known = sorted(binding_ids())
    problems = []
    for key in keymap:
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(f"[keymap] {key}: no such binding{extra}; see footcare --bindings")
    return problems
