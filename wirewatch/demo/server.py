"""A real local HTTP server for the demo corpus: RSS 2.0 and Atom 1.0 feeds and HTML article pages.

Routes (all GET):

- ``/feeds/<lang>.rss`` and ``/feeds/<lang>.atom`` for ``en``, ``fr``, ``de``, ``ar``: every article of
  the language, newest first, each entry linking to its page. Feeds carry ``ETag`` and
  ``Last-Modified`` and answer a matching conditional GET with 304.
- ``/articles/<slug>.html``: a realistic news page (meta/OpenGraph tags, nav, footer, related stories)
  with the story in ``<article>``; Arabic pages are ``dir="rtl"``.
- ``/feeds.opml``: the listed feeds (one per language), ``/healthz``, and ``/`` (an index page).

Use it from tests and the demo::

    async with DemoFeedServer(port=0) as srv:
        srv.base_url, srv.feed_urls

    with running_demo_server(port=0) as srv:  # in a background thread, for synchronous code
        ...
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from types import TracebackType
from typing import Literal
from xml.etree import ElementTree as ET

import yaml
from aiohttp import web
from feedgen.feed import FeedGenerator

from shared.contracts import FeedConfig
from wirewatch.demo.corpus import LANGS, DemoArticle, load_articles

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8808
FeedFormat = Literal["rss", "atom"]

# The feed of each language that the OPML and the feed-list YAML name (the other format is served too).
LISTED_FORMATS: dict[str, FeedFormat] = {"en": "rss", "fr": "atom", "de": "rss", "ar": "atom"}

FEED_CONTENT_TYPES: dict[FeedFormat, str] = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
}

# Per-language page furniture: what extraction is expected to strip.
_CHROME: dict[str, dict[str, str]] = {
    "en": {
        "site": "Wirewatch Demo Wire",
        "tagline": "AI industry news, every hour",
        "nav": "Home|Business|Technology|Policy|Opinion|Newsletters",
        "related": "Related stories",
        "by": "By",
        "footer": "© 2026 Wirewatch Demo Wire. All rights reserved. Terms of use · Privacy · Contact us",
        "cookie": "We use cookies to improve your experience. Accept all cookies · Manage preferences",
        "subscribe": "Subscribe to our daily newsletter for the top AI stories in your inbox.",
        "feeds": "Feeds",
    },
    "fr": {
        "site": "Dépêche Démo Wirewatch",
        "tagline": "L'actualité de l'IA, heure par heure",
        "nav": "Accueil|Économie|Technologie|Politique|Opinions|Lettres d'information",
        "related": "À lire aussi",
        "by": "Par",
        "footer": "© 2026 Dépêche Démo Wirewatch. Tous droits réservés. Mentions légales · Confidentialité",
        "cookie": "Nous utilisons des cookies pour améliorer votre expérience. Tout accepter · Paramétrer",
        "subscribe": "Abonnez-vous à notre lettre quotidienne pour recevoir l'essentiel de l'IA.",
        "feeds": "Flux",
    },
    "de": {
        "site": "Wirewatch Demo-Dienst",
        "tagline": "KI-Nachrichten rund um die Uhr",
        "nav": "Startseite|Wirtschaft|Technik|Politik|Meinung|Newsletter",
        "related": "Mehr zum Thema",
        "by": "Von",
        "footer": "© 2026 Wirewatch Demo-Dienst. Alle Rechte vorbehalten. Impressum · Datenschutz · Kontakt",
        "cookie": "Wir verwenden Cookies, um Ihr Erlebnis zu verbessern. Alle akzeptieren · Einstellungen",
        "subscribe": "Abonnieren Sie unseren täglichen Newsletter mit den wichtigsten KI-Meldungen.",
        "feeds": "Feeds",
    },
    "ar": {
        "site": "وكالة وايرووتش التجريبية",
        "tagline": "أخبار الذكاء الاصطناعي على مدار الساعة",
        "nav": "الرئيسية|اقتصاد|تكنولوجيا|سياسة|رأي|النشرات البريدية",
        "related": "اقرأ أيضاً",
        "by": "بقلم",
        "footer": "© 2026 وكالة وايرووتش التجريبية. جميع الحقوق محفوظة. شروط الاستخدام · الخصوصية",
        "cookie": "نستخدم ملفات تعريف الارتباط لتحسين تجربتك. قبول الكل · الإعدادات",
        "subscribe": "اشترك في نشرتنا اليومية لتصلك أهم أخبار الذكاء الاصطناعي.",
        "feeds": "الخلاصات",
    },
}


@dataclass(frozen=True)
class DemoFeed:
    """One feed the server serves."""

    lang: str
    format: FeedFormat
    url: str
    source: str
    title: str
    entries: int
    listed: bool

    @property
    def content_type(self) -> str:
        return FEED_CONTENT_TYPES[self.format]


@dataclass(frozen=True)
class _Rendered:
    body: bytes
    content_type: str
    etag: str
    last_modified: datetime | None


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _rendered(body: bytes, content_type: str, last_modified: datetime | None) -> _Rendered:
    return _Rendered(body, content_type, _etag(body), last_modified)


class DemoFeedServer:
    """The demo feed server (aiohttp) on ``host``:``port``; port 0 picks a free port."""

    def __init__(
        self,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        articles: Iterable[DemoArticle] | None = None,
    ) -> None:
        self.host = host
        self._requested_port = port
        self._articles: list[DemoArticle] = list(articles if articles is not None else load_articles())
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._feeds: dict[tuple[str, FeedFormat], _Rendered] = {}
        self._pages: dict[str, _Rendered] = {}
        self._extras: dict[str, _Rendered] = {}
        self.hits: Counter[str] = Counter()  # requests per path, for tests and the demo
        self.not_modified: Counter[str] = Counter()  # 304 answers per path

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/", self._index)
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/feeds.opml", self._opml)
        app.router.add_get("/feeds/{lang}.{fmt}", self._feed)
        app.router.add_get("/articles/{slug}.html", self._article)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self._requested_port)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        self._render_all()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DemoFeedServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- what is served --------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the demo feed server is not started")
        return self._port

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def articles(self) -> list[DemoArticle]:
        return list(self._articles)

    def articles_for(self, lang: str) -> list[DemoArticle]:
        return [a for a in self._articles if a.lang == lang]

    def langs(self) -> list[str]:
        present = {a.lang for a in self._articles}
        return [lang for lang in LANGS if lang in present]

    def article_url(self, article: DemoArticle | str) -> str:
        slug = article if isinstance(article, str) else article.slug
        return f"{self.base_url}/articles/{slug}.html"

    def feed_url(self, lang: str, fmt: FeedFormat) -> str:
        return f"{self.base_url}/feeds/{lang}.{fmt}"

    @property
    def all_feeds(self) -> list[DemoFeed]:
        """Every feed served: both formats for every language."""
        out = []
        for lang in self.langs():
            articles = self.articles_for(lang)
            entries = len(articles)
            source = Counter(a.source for a in articles).most_common(1)[0][0]
            for fmt in ("rss", "atom"):
                out.append(
                    DemoFeed(
                        lang=lang,
                        format=fmt,
                        url=self.feed_url(lang, fmt),
                        source=source,
                        title=f"{source} ({lang})",
                        entries=entries,
                        listed=LISTED_FORMATS.get(lang) == fmt,
                    )
                )
        return out

    @property
    def feeds(self) -> list[DemoFeed]:
        """The listed feeds: one per language (en RSS, fr Atom, de RSS, ar Atom)."""
        return [f for f in self.all_feeds if f.listed]

    @property
    def feed_urls(self) -> list[str]:
        return [f.url for f in self.feeds]

    def feed_configs(self, interval_seconds: int = 60) -> list[FeedConfig]:
        """The listed feeds as ``FeedConfig`` records, ready for the fetcher's feed list."""
        return [
            FeedConfig(url=f.url, source=f.source, lang=f.lang, interval_seconds=interval_seconds)
            for f in self.feeds
        ]

    def feeds_yaml(self, interval_seconds: int = 60) -> str:
        """The feed-list YAML: a top-level ``feeds:`` list of ``{url, source, lang, interval_seconds,
        enabled}`` (the ``FeedConfig`` fields)."""
        fields = {"url", "source", "lang", "interval_seconds", "enabled"}
        feeds = [cfg.model_dump(include=fields) for cfg in self.feed_configs(interval_seconds)]
        ordered = [{k: f[k] for k in ("url", "source", "lang", "interval_seconds", "enabled")} for f in feeds]
        return yaml.safe_dump({"feeds": ordered}, allow_unicode=True, sort_keys=False)

    def add_article(self, article: DemoArticle) -> None:
        """Publish one more article (its feeds change, so their ETag and Last-Modified change)."""
        if any(a.slug == article.slug for a in self._articles):
            raise ValueError(f"slug already served: {article.slug}")
        self._articles = sorted([*self._articles, article], key=lambda a: a.published, reverse=True)
        if self._port is not None:
            self._render_all()

    # -- rendering -------------------------------------------------------------------------------

    def _render_all(self) -> None:
        feeds: dict[tuple[str, FeedFormat], _Rendered] = {}
        for lang in self.langs():
            for fmt in ("rss", "atom"):
                feeds[(lang, fmt)] = self._render_feed(lang, fmt)
        pages = {a.slug: self._render_page(a) for a in self._articles}
        newest = max((a.published for a in self._articles), default=None)
        extras = {
            "opml": _rendered(self._render_opml(), "text/x-opml; charset=utf-8", newest),
            "index": _rendered(self._render_index(), "text/html; charset=utf-8", newest),
        }
        # Swap whole dicts so a reader on the server's loop never sees a half-built state.
        self._feeds, self._pages, self._extras = feeds, pages, extras

    def _render_feed(self, lang: str, fmt: FeedFormat) -> _Rendered:
        articles = self.articles_for(lang)
        chrome = _CHROME[lang]
        newest = max(a.published for a in articles)
        fg = FeedGenerator()
        fg.load_extension("dc")
        fg.id(self.feed_url(lang, fmt))
        fg.title(chrome["site"])
        fg.subtitle(chrome["tagline"])  # RSS <description> / Atom <subtitle>
        fg.language(lang)
        fg.link(href=f"{self.base_url}/", rel="alternate")
        fg.link(href=self.feed_url(lang, fmt), rel="self")
        fg.author({"name": chrome["site"]})
        fg.generator("Wirewatch demo feeds")
        fg.updated(newest)
        fg.lastBuildDate(newest)
        for article in articles:  # newest first
            url = self.article_url(article)
            fe = fg.add_entry(order="append")
            fe.id(url)
            fe.guid(url, permalink=True)
            fe.title(article.title)
            fe.link(href=url)
            fe.summary(article.summary)  # Atom <summary>, RSS <description>
            fe.author({"name": article.author})  # Atom <author>; RSS needs dc:creator (no e-mail)
            fe.dc.dc_creator(article.author)
            fe.published(article.published)
            fe.updated(article.published)
            fe.pubDate(article.published)
        body = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)
        return _rendered(body, f"{FEED_CONTENT_TYPES[fmt]}; charset=utf-8", newest)

    def _related(self, article: DemoArticle, n: int = 3) -> list[DemoArticle]:
        same = [a for a in self.articles_for(article.lang) if a.slug != article.slug]
        return same[:n]

    def _render_page(self, article: DemoArticle) -> _Rendered:
        c = _CHROME[article.lang]
        e = escape
        rtl = ' dir="rtl"' if article.lang == "ar" else ""
        url = self.article_url(article)
        published = article.published.isoformat()
        nav = "".join(f'<li><a href="/#{e(item.lower())}">{e(item)}</a></li>' for item in c["nav"].split("|"))
        related = "".join(
            f'<li><a href="{e(self.article_url(r))}">{e(r.title)}</a></li>' for r in self._related(article)
        )
        paragraphs = "\n".join(f"      <p>{e(p)}</p>" for p in article.body)
        page = f"""<!DOCTYPE html>
<html lang="{article.lang}"{rtl}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(article.title)} | {e(c["site"])}</title>
  <meta name="description" content="{e(article.summary)}">
  <meta name="author" content="{e(article.author)}">
  <link rel="canonical" href="{e(url)}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{e(article.title)}">
  <meta property="og:description" content="{e(article.summary)}">
  <meta property="og:url" content="{e(url)}">
  <meta property="og:site_name" content="{e(article.source)}">
  <meta property="og:locale" content="{article.lang}">
  <meta property="article:published_time" content="{published}">
  <meta property="article:author" content="{e(article.author)}">
  <link rel="alternate" type="application/rss+xml" href="{e(self.feed_url(article.lang, "rss"))}">
  <link rel="alternate" type="application/atom+xml" href="{e(self.feed_url(article.lang, "atom"))}">
</head>
<body>
  <div class="cookie-banner" role="dialog">{e(c["cookie"])}</div>
  <header class="site-header">
    <a class="logo" href="/">{e(c["site"])}</a>
    <p class="tagline">{e(c["tagline"])}</p>
    <nav aria-label="main"><ul>{nav}</ul></nav>
  </header>
  <main>
    <article>
      <h1>{e(article.title)}</h1>
      <p class="byline">{e(c["by"])} <span class="author">{e(article.author)}</span> ·
        <time datetime="{published}">{article.published.strftime("%Y-%m-%d %H:%M")}</time></p>
{paragraphs}
    </article>
    <aside class="related">
      <h2>{e(c["related"])}</h2>
      <ul>{related}</ul>
    </aside>
    <section class="newsletter"><p>{e(c["subscribe"])}</p></section>
  </main>
  <footer class="site-footer">
    <p>{e(c["footer"])}</p>
    <p><a href="{e(self.feed_url(article.lang, "rss"))}">RSS</a> ·
       <a href="{e(self.feed_url(article.lang, "atom"))}">Atom</a></p>
  </footer>
</body>
</html>
"""
        return _rendered(page.encode("utf-8"), "text/html; charset=utf-8", article.published)

    def _render_opml(self) -> bytes:
        root = ET.Element("opml", version="2.0")
        head = ET.SubElement(root, "head")
        ET.SubElement(head, "title").text = "Wirewatch demo feeds"
        body = ET.SubElement(root, "body")
        for f in self.feeds:
            ET.SubElement(
                body,
                "outline",
                type="rss",
                text=f.title,
                title=f.title,
                xmlUrl=f.url,
                htmlUrl=f"{self.base_url}/",
                language=f.lang,
                version="RSS2" if f.format == "rss" else "ATOM1",
            )
        ET.indent(root)
        opml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        return opml

    def _render_index(self) -> bytes:
        e = escape
        feeds = "".join(
            f'<li><a href="{e(f.url)}">{e(f.title)} — {f.format.upper()}</a> ({f.entries})</li>'
            for f in self.all_feeds
        )
        items = "".join(
            f'<li lang="{a.lang}"><a href="{e(self.article_url(a))}">{e(a.title)}</a></li>'
            for a in self._articles
        )
        page = (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            "<title>Wirewatch demo feeds</title></head><body>"
            f'<h1>Wirewatch demo feeds</h1><p><a href="/feeds.opml">OPML</a></p>'
            f"<h2>Feeds</h2><ul>{feeds}</ul><h2>Articles</h2><ul>{items}</ul></body></html>\n"
        )
        return page.encode("utf-8")

    # -- handlers --------------------------------------------------------------------------------

    def _respond(self, request: web.Request, rendered: _Rendered) -> web.StreamResponse:
        self.hits[request.path] += 1
        headers = {"ETag": rendered.etag, "Cache-Control": "no-cache"}
        if rendered.last_modified is not None:
            headers["Last-Modified"] = _http_date(rendered.last_modified)
        if _not_modified(request, rendered):
            self.not_modified[request.path] += 1
            return web.Response(status=304, headers=headers)
        content_type, _, charset = rendered.content_type.partition("; charset=")
        return web.Response(
            body=rendered.body, headers=headers, content_type=content_type, charset=charset or None
        )

    async def _healthz(self, request: web.Request) -> web.Response:
        self.hits[request.path] += 1
        return web.json_response({"status": "ok", "articles": len(self._articles), "feeds": len(self._feeds)})

    async def _index(self, request: web.Request) -> web.StreamResponse:
        return self._respond(request, self._extras["index"])

    async def _opml(self, request: web.Request) -> web.StreamResponse:
        return self._respond(request, self._extras["opml"])

    async def _feed(self, request: web.Request) -> web.StreamResponse:
        fmt = request.match_info["fmt"]
        rendered = None
        if fmt in FEED_CONTENT_TYPES:
            rendered = self._feeds.get((request.match_info["lang"], fmt))
        if rendered is None:
            raise web.HTTPNotFound(text="no such feed")
        return self._respond(request, rendered)

    async def _article(self, request: web.Request) -> web.StreamResponse:
        rendered = self._pages.get(request.match_info["slug"])
        if rendered is None:
            raise web.HTTPNotFound(text="no such article")
        return self._respond(request, rendered)


def _http_date(dt: datetime) -> str:
    """RFC 9110 IMF-fixdate, e.g. ``Fri, 20 Nov 2026 22:10:00 GMT``."""
    return format_datetime(dt.astimezone(UTC), usegmt=True)


def _not_modified(request: web.Request, rendered: _Rendered) -> bool:
    """RFC 9110 conditional GET: If-None-Match wins; otherwise If-Modified-Since."""
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or rendered.etag in tags
    ims = request.if_modified_since
    if ims is not None and rendered.last_modified is not None:
        return rendered.last_modified.replace(microsecond=0) <= ims
    return False


@contextmanager
def running_demo_server(
    host: str = DEFAULT_HOST,
    port: int = 0,
    articles: Iterable[DemoArticle] | None = None,
    startup_timeout: float = 10.0,
) -> Iterator[DemoFeedServer]:
    """Run a ``DemoFeedServer`` on its own event loop in a background thread (for synchronous code)."""
    server = DemoFeedServer(host=host, port=port, articles=articles)
    loop = asyncio.new_event_loop()
    started = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(server.start())
        except BaseException as exc:
            failure.append(exc)
            started.set()
            loop.close()
            return
        started.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(server.stop())
            loop.close()

    thread = threading.Thread(target=run, name="wirewatch-demo-feeds", daemon=True)
    thread.start()
    if not started.wait(startup_timeout):
        raise TimeoutError("the demo feed server did not start")
    if failure:
        raise failure[0]
    try:
        yield server
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=startup_timeout)
