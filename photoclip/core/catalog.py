"""The old name of photoclip.core.store (the catalog is the store's SQLite file); new code
imports from photoclip.core.store."""
from .store import SCHEMA_VERSION, CatalogError, NewPhoto, PhotoRow
from .store import Store as Catalog

__all__ = ["SCHEMA_VERSION", "Catalog", "CatalogError", "NewPhoto", "PhotoRow"]
