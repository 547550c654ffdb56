"""The web app: server-rendered pages over a knowledge base, each with a JSON twin under ``/api/``.

:func:`create_app` is the one factory; it registers every route here, in one
place (datasette's ``Datasette.app()``). Every query goes through
:class:`~claimgraph.kb.KnowledgeBase` — the claims page takes the CLI's filters
from the URL and validates them with :class:`~claimgraph.query.ClaimFilter` —
so the SQL stays parameterised, and the app only reads: it has GET routes only.

Safe by default: Jinja2 autoescaping is on for every template, the article
view escapes each piece of text it marks (:mod:`claimgraph.web.marks`), and a
stored URL becomes a link only if it is http(s) (:func:`web_url`); with a
token set, every request must carry it (``Authorization: Bearer …``, ``?token=``,
or the cookie a ``?token=`` visit sets, so links keep working). Errors have one
shape — ``{ok: false, error, status, title}`` under ``/api/``, the ``error.html``
page elsewhere: unknown ids 404, bad filter values 400, never a traceback.

The map (``/map``) is the one page with JavaScript: ``static/map.js`` over
Leaflet and Natural Earth outlines in ``static/vendor/``, which set-up copies
from npm (docs/web.md); without them the page says how to install them.
"""

from __future__ import annotations

import hmac
import os
import tempfile
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..cli import describe_event, describe_place, describe_source, describe_time
from ..errors import ArticleNotFound, ClaimNotFound, Errors, StoryNotFound
from ..export.geojson import feature_collection
from ..kb import KnowledgeBase
from ..link import LinkedClaim, parse_grade
from ..model import QuantityRange, describe_range
from ..query import MAX_INTEGER, ClaimFilter, SourceSummary
from ..timeline import draw_timeline
from .marks import marked_article, marked_sentence

PAGE_SIZE = 50  # claims a page shows when the URL names no limit
MAX_PAGE_SIZE = 500  # the most claims one page or API call returns
# The map draws every matching claim with a place, up to this many (markers cluster,
# so thousands stay usable; the count says when some were left out).
MAP_SIZE = 2000
MAX_MAP_SIZE = 20000
TOKEN_COOKIE = "claimgraph_token"
STATIC = Path(__file__).parent / "static"
# Written by `make` (npm ci + scripts/vendor_static.py), git-ignored; absent after a plain pip install from git.
VENDOR = STATIC / "vendor"
# What the map page loads from VENDOR: the libraries, then the country outlines.
MAP_SCRIPTS = ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js", "topojson/topojson-client.min.js")
MAP_STYLES = ("leaflet/leaflet.css", "markercluster/MarkerCluster.css", "markercluster/MarkerCluster.Default.css")
MAP_OUTLINES = "outlines/countries-50m.json"


class NotFound(Exception):
    """A page or record the URL names does not exist (404)."""


class BadRequest(Exception):
    """A query-string value the app cannot use (400)."""


class QueryString(BaseModel):
    """A page's query string: unknown parameters are refused, empty values (an unfilled
    form field) count as absent, and :meth:`url` writes it back for links."""

    model_config = ConfigDict(extra="forbid")

    token: str | None = Field(None, description="The access token, when the server was started with one.")

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, values: Any) -> Any:
        if isinstance(values, dict):
            return {name: value for name, value in values.items() if value not in ("", None)}
        return values

    def url(self, path: str, **changes: Any) -> str:
        """``path`` with this query's values (the token left out), ``changes`` applied."""
        values = self.model_dump(exclude_defaults=True, exclude={"token"})
        values.update(changes)
        defaults = {name: field.default for name, field in type(self).model_fields.items()}
        pairs = {k: _query_value(v) for k, v in values.items() if v is not None and defaults.get(k, object()) != v}
        return f"{path}?{urlencode(pairs)}" if pairs else path


class PageQuery(QueryString):
    """Paging through a list of claims: how many a page shows and how many to skip."""

    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Claims per page.")
    offset: int = Field(0, ge=0, le=MAX_INTEGER, description="Skip this many claims first.")


class ClaimFilters(QueryString):
    """The CLI's `claims` filters as query parameters, checked by :class:`~claimgraph.query.ClaimFilter`."""

    source: str | None = Field(None, description="Source whose name, role or organisation contains this text.")
    actor: str | None = Field(None, description="Actor by id, name or any spelling seen (DPRK, north_korea).")
    place: str | None = Field(None, description="Place by name, region or spelling (Kursk finds Kursk Oblast).")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code of one of the claim's places (UA).")
    type: str | None = Field(None, description="PLOVER event type or sub-type (ASSAULT, casualties).")
    since: str | None = Field(None, description="Claims about this day or later, YYYY-MM-DD.")
    until: str | None = Field(None, description="Claims about this day or earlier, YYYY-MM-DD.")
    negated: bool | None = Field(None, description="true: negated claims only; false: affirmed ones only.")
    grade: str | None = Field(None, description="This Admiralty grade or better: B, 2 or B2.")
    corroborated: bool | None = Field(None, description="true: corroborated by an independent source; false: not.")
    contradicted: bool | None = Field(None, description="true: contradicted by another claim; false: not.")
    story: str | None = Field(None, description="A story id (from /api/stories).")
    search: str | None = Field(None, description='Full-text search: words, "a phrase", troop* as a prefix.')
    article: str | None = Field(None, description="An article id.")
    outlet: str | None = Field(None, description="The outlet that carried the article, case-insensitively.")
    kind: str | None = Field(None, description="Attribution kind: direct, indirect, according_to, passive, headline, outlet.")
    modality: str | None = Field(None, description="asserted, estimated, hedged, attempted, planned or denied.")
    min_quantity: float | None = Field(None, description="A figure of the claim may be this large or larger.")
    max_quantity: float | None = Field(None, description="A figure of the claim may be this small or smaller.")
    unit: str | None = Field(None, description="A figure of the claim counts this (soldiers).")

    def filters(self) -> dict[str, Any]:
        """The keyword arguments of :meth:`KnowledgeBase.claims` this query sets, checked.

        RAISES (BadRequest): a value ClaimFilter or the grade parser rejects, with its message.
        """
        names = set(ClaimFilters.model_fields) - set(QueryString.model_fields)
        filters = {name: getattr(self, name) for name in sorted(names) if getattr(self, name) is not None}
        facets = {k: v for k, v in filters.items() if k not in ("grade", "corroborated", "contradicted", "story")}
        try:
            ClaimFilter.from_kwargs(**facets)
            if self.grade is not None:
                parse_grade(self.grade)
        except (TypeError, ValueError) as error:
            raise BadRequest(str(error)) from error
        return filters


class ClaimQuery(PageQuery, ClaimFilters):
    """The claims page's query string: the filters, sorting and paging."""

    sort: Literal["published", "-published"] = Field("published", description="By publication date, oldest (published) or newest (-published) first.")


class MapQuery(ClaimFilters):
    """The map's query string: the claims page's filters (``since`` / ``until`` its time range)
    and how many claims, oldest first, the map draws at most."""

    limit: int = Field(MAP_SIZE, ge=1, le=MAX_MAP_SIZE, description="Claims the map draws at most, oldest first.")


@dataclass
class ClaimPage:
    """One page of claims and where it sits among all that match."""

    query: ClaimQuery
    claims: list[LinkedClaim]
    total: int

    def to_dict(self) -> dict[str, Any]:
        q = self.query
        return {
            **paged(q, self.claims, self.total, "/api/claims"),
            "sort": q.sort,
            "filters": {k: _query_value(v) for k, v in q.filters().items()},
        }


def paged(query: PageQuery, claims: list[LinkedClaim], total: int, path: str) -> dict[str, Any]:
    """A page of claims as the API answers it: where it sits among ``total`` and the link to the next page."""
    has_next = query.offset + len(claims) < total
    return {
        "ok": True,
        "total": total,
        "offset": query.offset,
        "limit": query.limit,
        "claims": [claim.to_dict() for claim in claims],
        "next": query.url(path, offset=query.offset + query.limit) if has_next else None,
    }


def create_app(db: str | os.PathLike[str], *, token: str | None = None) -> FastAPI:
    """The web app over the knowledge base at ``db``, read-only.

    db (str | PathLike): a SQLite file or a SQLAlchemy URL, as for ``KnowledgeBase``;
        a file must exist (the app never creates an empty knowledge base).
    token (str): when set, every request must carry it (``Authorization: Bearer
        TOKEN``, ``?token=TOKEN`` or the cookie set by the latter); None serves anyone
        who can reach the address.
    RETURNS (FastAPI): the app, for uvicorn or ``fastapi.testclient.TestClient``.
    RAISES (StoreError): the database cannot be opened.
    RAISES (FileNotFoundError): ``db`` is a file path that does not exist.
    """
    name = os.fspath(db)
    if "://" not in name and not Path(name).exists():
        raise FileNotFoundError(
            Errors.E011.format(db=name, reason="no such file; build one with `claimgraph ingest PATH…` or `claimgraph demo`")
        )
    kb = KnowledgeBase(name)
    templates = _templates()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        kb.close()

    app = FastAPI(
        title="claimgraph",
        version=__version__,
        description="Who claimed what: source-attributed claims from news articles (read-only).",
        lifespan=lifespan,
        docs_url=None,  # the Swagger page loads its scripts from a CDN; /openapi.json is enough offline
        redoc_url=None,
    )
    app.state.kb = kb
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def page(request: Request, template: str, api_path: str, **context: Any) -> HTMLResponse:
        body = templates.get_template(template).render(request=request, api_path=api_path, **context)
        return HTMLResponse(body)

    # -- errors ---------------------------------------------------------------------

    def error_response(request: Request, status: int, message: str) -> Response:
        title = HTTPStatus(status).phrase
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"ok": False, "error": message, "status": status, "title": title}, status_code=status)
        body = templates.get_template("error.html").render(request=request, status=status, title=title, error=message, api_path=None)
        return HTMLResponse(body, status_code=status)

    not_found = (NotFound, ArticleNotFound, ClaimNotFound, StoryNotFound)
    for exception in not_found:
        app.add_exception_handler(exception, lambda request, error: error_response(request, 404, str(error)))
    app.add_exception_handler(BadRequest, lambda request, error: error_response(request, 400, str(error)))
    app.add_exception_handler(RequestValidationError, lambda request, error: error_response(request, 400, _validation_message(error)))
    app.add_exception_handler(
        StarletteHTTPException, lambda request, error: error_response(request, error.status_code, str(error.detail))
    )
    # Anything else is a bug; the visitor gets the error shape, not a traceback.
    app.add_exception_handler(Exception, lambda request, error: error_response(request, 500, "Internal error; see the server log"))

    @app.middleware("http")
    async def require_token(request: Request, call_next: Callable) -> Response:
        if token is None:
            return await call_next(request)
        header = request.headers.get("authorization", "")
        given = [
            header[len("Bearer ") :] if header.startswith("Bearer ") else None,
            request.query_params.get("token"),
            request.cookies.get(TOKEN_COOKIE),
        ]
        if not any(value is not None and hmac.compare_digest(value.encode(), token.encode()) for value in given):
            return error_response(request, 401, "This server needs a token: send `Authorization: Bearer TOKEN` or add ?token=TOKEN to the URL")
        response = await call_next(request)
        if request.query_params.get("token") is not None:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response

    # -- claims ---------------------------------------------------------------------

    def claim_page(query: ClaimQuery) -> ClaimPage:
        filters = query.filters()
        total = kb.count_claims(**filters)
        if query.sort == "published":
            rows = kb.claims(**filters, limit=query.limit, offset=query.offset)
        else:
            # Newest first is the stored order read from the end: the page's rows
            # are the ascending rows that many from the end, reversed.
            shown = max(0, min(query.limit, total - query.offset))
            start = max(0, total - query.offset - query.limit)
            rows = list(reversed(kb.claims(**filters, limit=shown, offset=start))) if shown else []
        return ClaimPage(query, rows, total)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/claims")

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_html(request: Request, query: Annotated[ClaimQuery, Query()]) -> HTMLResponse:
        found = claim_page(query)
        return page(request, "claims.html", query.url("/api/claims"), page=found, query=query, stats=kb.stats())

    @app.get("/api/claims", summary="Claims matching the filters, a page at a time")
    def claims_api(query: Annotated[ClaimQuery, Query()]) -> dict[str, Any]:
        return claim_page(query).to_dict()

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_html(request: Request, claim_id: str) -> HTMLResponse:
        claim = kb.claim(claim_id)
        related = [(link, other) for other in kb.related(claim_id) for link in claim.links if link["claim"] == other.claim.id]
        return page(
            request,
            "claim.html",
            f"/api/claims/{claim_id}",
            row=claim,
            related=related,
            sentence=marked_sentence(claim.claim),
        )

    @app.get("/api/claims/{claim_id}", summary="One claim with its story, grade, links and related claims")
    def claim_api(claim_id: str) -> dict[str, Any]:
        claim = kb.claim(claim_id)
        return {"ok": True, "claim": claim.to_dict(), "related": [other.to_dict() for other in kb.related(claim_id)]}

    # -- articles -------------------------------------------------------------------

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_html(request: Request, article_id: str) -> HTMLResponse:
        document = kb.article(article_id)
        rows = kb.claims(article=article_id)
        return page(
            request,
            "article.html",
            f"/api/articles/{article_id}",
            document=document,
            rows=rows,
            title=marked_article(document, "title"),
            text=marked_article(document, "text"),
        )

    @app.get("/api/articles/{article_id}", summary="One article with its claims and mentions")
    def article_api(article_id: str) -> dict[str, Any]:
        return {"ok": True, "document": kb.article(article_id).to_dict()}

    # -- sources --------------------------------------------------------------------

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_html(request: Request) -> HTMLResponse:
        return page(request, "sources.html", "/api/sources", sources=kb.sources())

    @app.get("/api/sources", summary="Sources by number of claims, with their track records")
    def sources_api() -> dict[str, Any]:
        return {"ok": True, "sources": [summary.to_dict() for summary in kb.sources()]}

    def source_page(name: str, paging: PageQuery) -> tuple[SourceSummary, list[LinkedClaim], int]:
        found = kb.sources(name=name)
        if not found:
            raise NotFound(f"No source named {name!r}; the sources are listed at /sources")
        rows = kb.claims(source_name=name, limit=paging.limit, offset=paging.offset)
        return found[0], rows, kb.count_claims(source_name=name)

    @app.get("/sources/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def source_html(request: Request, name: str, paging: Annotated[PageQuery, Query()]) -> HTMLResponse:
        summary, rows, total = source_page(name, paging)
        path = f"/sources/{quote(name)}"
        return page(request, "source.html", paging.url("/api" + path), source=summary, rows=rows, total=total, query=paging, path=path)

    @app.get("/api/sources/{name:path}", summary="One source: its track record and its claims, a page at a time")
    def source_api(name: str, paging: Annotated[PageQuery, Query()]) -> dict[str, Any]:
        summary, rows, total = source_page(name, paging)
        return {"source": summary.to_dict(), **paged(paging, rows, total, f"/api/sources/{quote(name)}")}

    # -- map ------------------------------------------------------------------------

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_html(request: Request, query: Annotated[MapQuery, Query()]) -> HTMLResponse:
        query.filters()  # a bad filter value is a 400 here too, not a map that fails to load
        missing = [path for path in (*MAP_SCRIPTS, *MAP_STYLES, MAP_OUTLINES) if not (VENDOR / path).is_file()]
        return page(
            request,
            "map.html",
            query.url("/api/map"),
            query=query,
            missing=missing,
            scripts=MAP_SCRIPTS,
            styles=MAP_STYLES,
            outlines=MAP_OUTLINES,
            # Region outlines exist for a few countries (scripts/vendor_static.py REGION_COUNTRIES).
            regions=sorted(path.stem for path in (VENDOR / "regions").glob("*.json")),
        )

    @app.get("/api/map", summary="Claims with places as a GeoJSON FeatureCollection (RFC 7946), filtered like /api/claims")
    def map_api(query: Annotated[MapQuery, Query()]) -> dict[str, Any]:
        filters = query.filters()
        rows = kb.claims(**filters, limit=query.limit)
        collection = feature_collection(rows)
        # Foreign members (RFC 7946 section 6.1) say how much of the selection the features show.
        return {
            **collection,
            "ok": True,
            "total": kb.count_claims(**filters),
            "limit": query.limit,
            "mapped": len({feature["properties"]["claim"] for feature in collection["features"]}),
            "filters": {k: _query_value(v) for k, v in filters.items()},
        }

    # -- stories --------------------------------------------------------------------

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_html(request: Request) -> HTMLResponse:
        return page(request, "stories.html", "/api/stories", stories=kb.stories())

    @app.get("/api/stories", summary="Stories, largest first")
    def stories_api() -> dict[str, Any]:
        return {"ok": True, "stories": [story.to_dict() for story in kb.stories()]}

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_html(request: Request, story_id: str) -> HTMLResponse:
        story = kb.find_story(story=story_id)
        timeline = kb.timeline(story=story_id)
        charted = any(row.day is not None and (row.low is not None or row.high is not None) for row in timeline)
        return page(
            request,
            "story.html",
            f"/api/stories/{story_id}",
            story=story,
            rows=kb.claims(story=story_id),
            timeline=timeline,
            charted=charted,
        )

    @app.get("/api/stories/{story_id}", summary="One story: its claims and the timeline of its estimates")
    def story_api(story_id: str) -> dict[str, Any]:
        story = kb.find_story(story=story_id)
        return {
            "ok": True,
            "story": story.to_dict(),
            "claims": [row.to_dict() for row in kb.claims(story=story_id)],
            "timeline": [row.to_dict() for row in kb.timeline(story=story_id)],
        }

    @app.get("/stories/{story_id}/timeline.png", include_in_schema=False)
    def story_chart(story_id: str) -> Response:
        story = kb.find_story(story=story_id)
        with tempfile.TemporaryDirectory(prefix="claimgraph-chart-") as folder:
            try:
                path = draw_timeline(kb.timeline(story=story_id), Path(folder) / "timeline.png", story.label)
            except ValueError as error:  # no dated estimate in this story
                raise NotFound(str(error)) from error
            return Response(path.read_bytes(), media_type="image/png")

    return app


def _templates() -> Environment:
    """The packaged templates, autoescaped, with the CLI's describers as filters."""
    env = Environment(loader=PackageLoader("claimgraph.web", "templates"), autoescape=True, undefined=StrictUndefined)
    env.filters.update(
        place=describe_place,
        quantity=QuantityRange.describe,
        time=describe_time,
        event=describe_event,
        source=describe_source,
    )
    env.filters["web_url"] = web_url
    env.globals.update(estimate=describe_range, version=__version__, page_size=PAGE_SIZE, map_size=MAP_SIZE)
    return env


def web_url(url: str | None) -> str | None:
    """A stored URL fit for an ``href``: http(s) only, so a ``javascript:`` URL never becomes a link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def _query_value(value: Any) -> Any:
    """A query-string value as a URL writes it: booleans as true / false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _validation_message(error: RequestValidationError) -> str:
    """FastAPI's validation errors as one sentence naming each bad parameter."""
    parts = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem.get("loc", ()) if part not in ("query", "path"))
        given = problem.get("input")
        shown = f" (got {given!r})" if isinstance(given, (str, int, float)) else ""
        parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}{shown}")
    return "Bad parameter: " + "; ".join(parts)
