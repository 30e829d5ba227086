"""A git-native scholarly journal: the content model and everything built from it.

This package never imports MkDocs; `hooks/journal.py` adapts it to MkDocs.
"""

from .problems import Problem, format_report
from .site import SiteData, build_site_data, load_journal

__all__ = ["Problem", "SiteData", "build_site_data", "format_report", "load_journal"]
