"""spaCy imported without its command line (issue 16, start-up).

`import spacy` runs `from .cli.info import info` for the one name `spacy.info`, and with it
imports the whole of `spacy.cli`: typer, weasel, requests, httpx, jinja2, rich, pygments...
That was about 40% of importing spaCy (0.27 s of 0.65 s by `python -X importtime`), in
every process of a check and in none of its work. `defer` puts stand-ins for `spacy.cli`
and `spacy.cli.info` in `sys.modules` before spaCy is first imported; the first use of
either (`spacy.info()`, `spacy.cli.download`, `from spacy.cli import ...`, `python -m spacy`)
imports the real package in their place, so code that needs the command line still gets it.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_CLI = "spacy.cli"
_INFO = "spacy.cli.info"


class _Deferred(types.ModuleType):
    """A stand-in for a module of spacy.cli: any attribute read imports the real one."""

    # Dunder names a stand-in answers itself (as a module without them would) instead of
    # loading the real module: tools probe modules for `__file__` and the like. For the
    # package, `__path__` (a submodule is imported) and `__all__` (`import *`) load it.
    loading_dunders = frozenset({"__path__", "__all__"})

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name not in self.loading_dunders:
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


class _DeferredInfo(_Deferred):
    """`spacy.cli.info`, whose `info` spaCy's own __init__ reads while it is imported."""

    # A module, not a package: the import system asks for `__path__` on `from ... import`.
    loading_dunders = frozenset({"__all__"})

    def __getattr__(self, name: str) -> Any:
        if name == "info" and isinstance(sys.modules.get(_INFO), _DeferredInfo):
            # `import spacy` is under way (spaCy's __init__ imports only this name from its
            # command line): give `spacy` its `cli` as the real import would have.
            package = sys.modules.get("spacy")
            if package is not None and not hasattr(package, "cli"):
                package.cli = sys.modules[_CLI]  # type: ignore[attr-defined]
            return _info
        return super().__getattr__(name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, imported on first call."""
    return _real(_INFO).info(*args, **kwargs)


def _real(name: str) -> types.ModuleType:
    """The real module `name` of spacy.cli, importing the package in the stand-ins' place."""
    if any(isinstance(sys.modules.get(n), _Deferred) for n in (_CLI, _INFO)):
        for stand_in in (_CLI, _INFO):
            if isinstance(sys.modules.get(stand_in), _Deferred):
                del sys.modules[stand_in]
        importlib.import_module(_CLI)  # sets spacy.cli and imports spacy.cli.info
    return sys.modules[name]


def defer() -> None:
    """Put the stand-ins in place, unless spaCy is already imported (then it is too late)."""
    if "spacy" in sys.modules or _CLI in sys.modules:
        return
    sys.modules[_CLI] = _Deferred(_CLI, "spaCy's command line, imported on first use")
    sys.modules[_INFO] = _DeferredInfo(_INFO, "spacy.info, imported on first use")
