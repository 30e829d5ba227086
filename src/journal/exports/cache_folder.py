"""The cache folder's rules live in journal.cache_folder (outside the exports package, so
that `journal check` does not import every export); this name is kept for old imports."""

from ..cache_folder import cache_dir, trusted_cache_dir

__all__ = ["cache_dir", "trusted_cache_dir"]
