"""MkDocs adapter for the journal: event functions only; the work is done in `journal`.

MkDocs loads this module once per process (`mkdocs serve` keeps it), so the one piece of
state, BUILD, is replaced at the start of every build.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

import markdown
import mkdocs.utils
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils.meta import get_data

from journal import SiteData, build_site_data, format_report, urls
from journal.board import BOARD_FILE
from journal.chrome import ChromeParts, strings_in
from journal.cms import write_admin
from journal.loading import read_site_url
from journal.markup_fixes import compact_whitespace, fix_theme_markup
from journal.page_bodies import renderer_fingerprint
from journal.pages import (
    NOT_IN_NAV,
    PageSpec,
    colours_css,
    favicon_for,
    hide_for_handwritten,
)
from journal.placeholders import fill_placeholders
from journal.problem_pages import problem_pages, problems_nav_item
from journal.problems import format_exclusions, format_problem, format_summary, sort_problems
from journal.sanitize import sanitize_html
from journal.search_index import SearchIndex, build_search_index, write_search_files

log = get_plugin_logger("journal")
BUILD = SiteData(journal=None, problems=[])
CHROME = ChromeParts()
"""The theme's parts sibling pages share (journal.chrome), replaced with each build's nav."""
SERVING = False
"""True under `mkdocs serve`, which gives site_url its own address (http://127.0.0.1:8000/)."""
DIRTY = False
"""True for `--dirty` builds, where Material's search merges its earlier entries."""
_URL_PARTS: Any = getattr(mkdocs.utils, "_norm_parts", None)
"""MkDocs 1.6's cache of split URLs (get_relative_url), unbounded: ~13 entries per page
written, kept to the end of the build (2 KB per abstract). Emptied as it grows; absent or
different in another MkDocs, it is left alone."""
URL_PARTS_KEPT = 4096
SEARCH: SearchIndex | None = None
"""The journal's search index, which takes each page's entries from Material's search as the
page is written (replaced with each build)."""


class _PageFile(File):
    """A generated page whose Markdown is made when MkDocs reads it, not held from the start."""

    spec: PageSpec

    @classmethod
    def made_by(cls, config: MkDocsConfig, spec: PageSpec, inclusion: InclusionLevel) -> _PageFile:
        file = cls.generated(config, spec.src_uri, content="", inclusion=inclusion)
        assert isinstance(file, _PageFile)
        file.spec = spec
        return file

    @property  # type: ignore[misc]  # read-only: the text is made, not stored
    def content_string(self) -> str:
        return self.spec.markdown

    @property  # type: ignore[misc]  # read-only: the text is made, not stored
    def content_bytes(self) -> bytes:
        return self.content_string.encode("utf-8")


def _source_of(spec: PageSpec) -> str:
    """A generated page's Markdown as MkDocs reads it after the front matter."""
    return spec.body.lstrip("\n")


class _GeneratedPage(Page):
    """A generated page whose rendered body the journal keeps between builds (see
    journal.page_bodies): a warm build of an unchanged abstract skips Markdown."""

    def read_source(self, config: MkDocsConfig) -> None:
        # MkDocs would parse the page's front matter with PyYAML's pure-Python loader, after
        # the journal wrote it (~0.3 ms a page): take the values themselves. A plugin that
        # gives the page another source is read as MkDocs reads it.
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is not None or not isinstance(self.file, _PageFile):
            self.markdown, self.meta = get_data(
                self.file.content_string if source is None else source
            )
            return
        self._take_spec()

    def _take_spec(self) -> None:
        """The page's Markdown and front matter from the journal's PageSpec, as MkDocs'
        `get_data` would read them from the text the spec writes."""
        assert isinstance(self.file, _PageFile)
        self.markdown, self.meta = _source_of(self.file.spec), self.file.spec.meta

    def render(self, config: MkDocsConfig, files: Files) -> None:
        assert self.markdown is not None
        body = BUILD.page_body(self.markdown, lambda: self._rendered(config, files))
        if body is None:
            super().render(config, files)
            return
        self.content = body["html"]
        self.toc = get_toc(body["toc"])
        self._title_from_render = body["title"]
        self.present_anchor_ids = body["anchors"]
        self.links_to_anchors = {}

    # MkDocs keeps every page's anchors until the end of the build (to check links to them):
    # held as a tuple, a third of a set's memory (2 KB per abstract page).
    _anchors: tuple[str, ...] | None = None

    @property  # type: ignore[override]
    def present_anchor_ids(self) -> frozenset[str] | None:  # type: ignore[override]
        return None if self._anchors is None else frozenset(self._anchors)

    @present_anchor_ids.setter
    def present_anchor_ids(self, anchors: Iterable[str] | None) -> None:
        self._anchors = None if anchors is None else tuple(anchors)

    def rendered_alone(self, config: MkDocsConfig, files: Files) -> dict[str, Any]:
        """The body `render` keeps, rendered from the journal's text (in a worker process:
        BUILD.render_bodies)."""
        self._take_spec()
        return self._rendered(config, files)

    def _rendered(self, config: MkDocsConfig, files: Files) -> dict[str, Any]:
        super().render(config, files)
        return {
            "html": self.content,
            "toc": [_token(link) for link in self.toc],
            "title": self._title_from_render,
            "anchors": sorted(self.present_anchor_ids or ()),
        }


def _token(link: AnchorLink) -> dict[str, Any]:
    """A table-of-contents entry as the Markdown toc token MkDocs reads (get_toc)."""
    return {
        "name": link.title,
        "id": link.id,
        "level": link.level,
        "children": [_token(child) for child in link.children],
    }


def _renderer_fingerprint(config: MkDocsConfig) -> str | None:
    versions = {name: version(name) for name in ("mkdocs", "Markdown", "pymdown-extensions")}
    return renderer_fingerprint(config.markdown_extensions, config.mdx_configs, versions)


def _renderer(config: MkDocsConfig) -> Any:
    """Render biographies with the site's own Markdown extensions, then sanitise."""
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )

    def render(text: str) -> str:
        return sanitize_html(md.reset().convert(text))

    return render


def on_startup(command: str, dirty: bool = False, **kwargs: Any) -> None:
    global SERVING, DIRTY
    SERVING = command == "serve"
    DIRTY = dirty


def _site_url(config: MkDocsConfig, config_file: Path) -> str:
    """The address the journal's outputs (meta tags, exports, feed) give: mkdocs.yml's
    site_url, also under `mkdocs serve`, so serve shows what the deployed site will carry
    and reuses the cache a build filled; serve's own address when mkdocs.yml has none."""
    served = config.site_url or ""
    return (read_site_url(config_file) or served) if SERVING else served


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    global BUILD, SEARCH
    gc.unfreeze()  # `mkdocs serve`: the previous build's journal may go (see on_env)
    SEARCH = None
    config_file = Path(config.config_file_path).resolve()
    docs = Path(config.docs_dir)
    docs_pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    BUILD = build_site_data(
        config_file.parent,
        config_file,
        config.extra.get("journal"),
        _renderer(config),
        site_url=_site_url(config, config_file),
        docs_pages=docs_pages,
        renderer=_renderer_fingerprint(config),
    )
    if BUILD.journal is None:
        raise PluginError(
            "The journal settings are broken; site not built.\n" + format_report(BUILD.problems)
        )
    for problem in sort_problems(BUILD.problems):  # notes at INFO: --strict never fails on them
        level = log.error if problem.is_error else log.info if problem.is_note else log.warning
        level(format_problem(problem))
    for note in BUILD.notes:  # not problems: a --strict build must not fail on them
        log.info(note)
    if BUILD.errors:
        for line in format_exclusions(BUILD.left_out):  # once per file: nothing dropped silently
            log.warning(line)
        left_out = "the files named above were left out" if BUILD.left_out else "see above"
        log.error(f"{format_summary(sort_problems(BUILD.problems))}; {left_out}.")
    if SERVING and BUILD.problems:  # the editors' problems in the browser, never deployed
        BUILD.pages += problem_pages(
            BUILD.problems, BUILD.left_out, (p.src_uri for p in BUILD.pages)
        )
        BUILD.nav.append(problems_nav_item(BUILD.problems))
    if not config.nav:
        config.nav = BUILD.nav
    board = config_file.parent / BOARD_FILE  # optional: `watch` in mkdocs.yml needs it to exist
    if board.is_file() and str(board) not in config.watch:
        config.watch.append(str(board))
    config.theme["favicon"] = favicon_for(config.theme["favicon"], BUILD.journal.settings)
    return config


def _nav_titles(nav: Any) -> Iterator[tuple[str, str | None]]:
    """(path, title) of every page the nav names, at any depth."""
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, str):
            yield item, None
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield value, title
                else:
                    yield from _nav_titles(value)


@event_priority(50)  # before plugins that snapshot the file list (e.g. redirects)
def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    project = os.path.dirname(config.config_file_path)
    for refused in [
        f
        for f in files
        if f.src_dir and BUILD.is_refused(os.path.relpath(f.src_dir, project), f.src_uri)
    ]:
        files.remove(refused)  # a link, an unsafe SVG, a script: never copied into the site
    for file in files:
        if file.src_uri in NOT_IN_NAV:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    in_nav = {v for item in BUILD.nav if isinstance(item, dict) for v in item.values()}
    titles = dict(_nav_titles(config.nav or []))
    for spec in BUILD.pages:
        inclusion = (
            InclusionLevel.UNDEFINED if spec.src_uri in in_nav else (InclusionLevel.NOT_IN_NAV)
        )
        file = _PageFile.made_by(config, spec, inclusion)
        # MkDocs keeps the page it finds on a file, so it gets the nav's title here.
        _GeneratedPage(titles.get(spec.src_uri), file, config)
        files.append(file)
    for src_uri, path in BUILD.static_files:
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    if css := colours_css(BUILD.site):
        if (same := files.get_file_from_path(urls.COLOURS_CSS)) is not None:
            files.remove(same)  # the journal's colours, not a file of that name
        files.append(File.generated(config, urls.COLOURS_CSS, content=css))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    # MkDocs keeps every page's Markdown until the build ends: let a generated page's be the
    # journal's own text, not a copy (the texts of all bodies: 32 MB at 10,000 abstracts).
    if isinstance(page.file, _PageFile) and markdown == page.file.spec.body:
        return page.file.spec.body
    if page.file.generated_by or BUILD.journal is None or page.file.abs_src_path is None:
        return markdown
    if "hide" not in page.meta:
        page.meta["hide"] = hide_for_handwritten(page.file.src_uri)
    # A hand-written page: its {{ journal.<fact> }} placeholders get the settings' values.
    root = Path(config.config_file_path).resolve().parent
    path = Path(page.file.abs_src_path).resolve()
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    filled, problems = fill_placeholders(
        markdown, BUILD.journal.settings, rel, page.file.content_string
    )
    for problem in problems:
        log.warning(format_problem(problem))
    return filled


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    # Every page's body comes from a pull request (hand-written pages in docs/ too):
    # sanitise before search indexes it.
    return sanitize_html(html)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    _index_page(config)
    # MkDocs keeps every page's HTML until the build ends; nothing reads it once the page is
    # written (links are checked from the anchors, the sitemap was written before): let it go
    # ("" and not None: Page.title reads a None content as "not rendered yet").
    page.content = ""
    page.toc = get_toc([])  # read only by the page's own templates and search entries
    if isinstance(page, _GeneratedPage) and "title" in page.meta:
        page.meta = {"title": page.meta["title"]}  # all other pages' templates read of it
    info = getattr(_URL_PARTS, "cache_info", None)
    if info is not None and info().currsize > URL_PARTS_KEPT:
        _URL_PARTS.cache_clear()
    # Material's invalid markup outside any block; the templates' indentation.
    return compact_whitespace(fix_theme_markup(output))


def _index_page(config: MkDocsConfig) -> None:
    """Move the entries Material's search made for the page just written into the journal's
    index: Material would keep every page's text until the end of the build and then write
    it all as one JSON text, which the journal replaces (DEVELOPING.md, "Memory")."""
    global SEARCH
    search = config.plugins.get("material/search")
    if DIRTY or search is None or not search.config.enabled:
        return  # a --dirty build: Material merges the entries of earlier builds
    entries = search.search_index.entries
    SEARCH = SEARCH or _new_search_index(search.search_index.config)
    for entry in entries:
        SEARCH.add(entry)
    entries.clear()


def _new_search_index(config: dict[str, Any]) -> SearchIndex:
    return build_search_index((), config.get("fields"), BUILD.search_cards, BUILD.search_journal)


def on_post_template(output_content: str, template_name: str, **kwargs: Any) -> str:
    if not template_name.endswith(".html"):  # sitemap.xml
        return output_content
    return compact_whitespace(fix_theme_markup(output_content))  # 404.html


def _menu_urls(items: list[Any]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Section):
            yield from _menu_urls(item.children)
        elif isinstance(item, (Page, Link)):
            yield item.url


def on_nav(nav: Navigation, config: MkDocsConfig, **kwargs: Any) -> Navigation:
    global CHROME
    theme = [str(config.theme.get(name) or "") for name in ("logo", "favicon")]
    scripts = [str(getattr(s, "path", s)) for s in config.extra_javascript]
    CHROME = ChromeParts.for_links(
        _menu_urls(nav.items), strings_in(BUILD.site), config.extra_css, scripts, theme
    )
    # MkDocs renders the pages next, one by one: a cold build renders the journal's first,
    # on every core (each page then finds its body in the cache; byte-identical).
    files = kwargs["files"]
    BUILD.render_bodies(
        [
            (_source_of(f.spec), partial(f.page.rendered_alone, config, files))
            for f in files
            if isinstance(f, _PageFile) and isinstance(f.page, _GeneratedPage)
        ]
    )
    return nav


def on_env(env: Environment, config: MkDocsConfig, **kwargs: Any) -> Environment:
    # A build makes its own environment (serve too), so templates changed during `serve`
    # are read anew; within one build, an {% include %} need not ask the disk each time.
    # Compiled templates are not kept between builds: they are code, and the cache folder
    # (restored by a deploy) may only hold data the build checks before use.
    env.auto_reload = False
    _release_unlinked_anchors(kwargs["files"])
    # What lives from here to the end of the build (the journal, MkDocs' files, pages and
    # nav: hundreds of thousands of objects) is left out of garbage collection, which would
    # walk it all again at every full collection while the pages are written.
    gc.collect()
    gc.freeze()
    return env


def _release_unlinked_anchors(files: Files) -> None:
    """Every page is rendered now, and with it every link to an anchor: MkDocs reads a
    page's anchors only to check such links (after the pages are written), so a generated
    page no page links into lets go of them (None: what MkDocs skips as not rendered)."""
    pages = [f.page for f in files if f.page is not None]
    linked = {target for page in pages for target in page.links_to_anchors or ()}
    for page in pages:
        if isinstance(page, _GeneratedPage) and page.file not in linked:
            page.present_anchor_ids = None


def on_page_context(context: dict[str, Any], page: Page, **kwargs: Any) -> dict[str, Any]:
    context["journal"] = BUILD.site
    context["journal_page"] = BUILD.contexts.get(page.file.src_uri)
    context["journal_chrome"] = CHROME.key_for(
        page.url,
        hide=(page.meta or {}).get("hide") or (),
        has_toc=bool(page.toc.items),
    )
    return context


@event_priority(-50)  # after Material's search plugin (its entries are complete then)
def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    # Export files (tens of thousands) are written here, not registered as MkDocs files:
    # no page links them through Markdown, and MkDocs' File objects would cost memory.
    BUILD.write_exports(Path(config.site_dir))
    for failure in BUILD.pdf_failures:
        log.error(format_problem(failure))
    BUILD.save_caches()
    if BUILD.journal is not None and BUILD.journal.settings.cms:
        # Written after the pages, as files: /admin/ is in neither the search index nor the sitemap.
        config_file = Path(config.config_file_path).resolve()
        problem = write_admin(
            config_file, Path(config.site_dir), config.repo_url or "", BUILD.journal.settings
        )
        if problem is not None:
            raise PluginError(format_problem(problem))
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled:
        # Its entries include the earlier pages' on a `--dirty` rebuild (it merges them).
        index = search.search_index
        journal = SEARCH or _new_search_index(index.config)
        for entry in index.entries:  # what no page took: a --dirty build's, or none
            journal.add(entry)
        write_search_files(Path(config.site_dir), journal, index.config)


def on_template_context(context: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    context["journal"] = BUILD.site
    context["journal_chrome"] = CHROME.alone()
    return context
