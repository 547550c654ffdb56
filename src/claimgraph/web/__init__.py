"""The local web app: ``claimgraph serve`` over the same knowledge base as the CLI.

:func:`create_app` builds a FastAPI app whose pages are rendered on the server
with Jinja2 and whose every page has a JSON twin under ``/api/``; see
:mod:`claimgraph.web.app` and docs/web.md.
"""

from .app import create_app

__all__ = ["create_app"]
