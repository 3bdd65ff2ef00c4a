"""The claims registry: its format (model) and loading (load)."""

from kalypso_lint.registry.load import Located, Registry, load_registry
from kalypso_lint.registry.model import Entry, RegistryFile, Source

__all__ = ["Entry", "Located", "Registry", "RegistryFile", "Source", "load_registry"]
