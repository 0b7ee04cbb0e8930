"""The HR dashboard under ``/hr/``: server-rendered pages, no JavaScript, no build step."""

from .app import attach

__all__ = ["attach"]
