"""MkDocs adapter for the journal: event functions only; the work is done in `journal`.

MkDocs loads this module once per process (`mkdocs serve` keeps it), so the one piece of
state, BUILD, is replaced at the start of every build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from journal import SiteData, build_site_data, format_report
from journal.pages import PageSpec
from journal.problems import format_exclusions, format_problem, format_summary, sort_problems
from journal.sanitize import sanitize_html

log = get_plugin_logger("journal")
BUILD = SiteData(journal=None, problems=[])


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


def _renderer(config: MkDocsConfig) -> Any:
    """Render biographies with the site's own Markdown extensions, then sanitise."""
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )

    def render(text: str) -> str:
        return sanitize_html(md.reset().convert(text))

    return render


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    global BUILD
    config_file = Path(config.config_file_path).resolve()
    docs = Path(config.docs_dir)
    docs_pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    BUILD = build_site_data(
        config_file.parent,
        config_file,
        config.extra.get("journal"),
        _renderer(config),
        site_url=config.site_url or "",
        docs_pages=docs_pages,
    )
    if BUILD.journal is None:
        raise PluginError(
            "The journal settings are broken; site not built.\n" + format_report(BUILD.problems)
        )
    for problem in sort_problems(BUILD.problems):
        (log.error if problem.is_error else log.warning)(format_problem(problem))
    for note in BUILD.notes:  # not problems: a --strict build must not fail on them
        log.info(note)
    if BUILD.errors:
        for line in format_exclusions(BUILD.left_out):  # once per file: nothing dropped silently
            log.warning(line)
        log.error(
            f"{format_summary(sort_problems(BUILD.problems))}; the files named above were left out."
        )
    if not config.nav:
        config.nav = BUILD.nav
    return config


@event_priority(50)  # before plugins that snapshot the file list (e.g. redirects)
def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    in_nav = {v for item in BUILD.nav if isinstance(item, dict) for v in item.values()}
    for spec in BUILD.pages:
        inclusion = (
            InclusionLevel.UNDEFINED if spec.src_uri in in_nav else (InclusionLevel.NOT_IN_NAV)
        )
        files.append(_PageFile.made_by(config, spec, inclusion))
    for src_uri, path in BUILD.static_files:
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    # Bodies of generated pages come from submitters: sanitise before search indexes them.
    return sanitize_html(html) if page.file.generated_by else html


def on_page_context(context: dict[str, Any], page: Page, **kwargs: Any) -> dict[str, Any]:
    context["journal"] = BUILD.site
    context["journal_page"] = BUILD.contexts.get(page.file.src_uri)
    return context


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    # Export files (tens of thousands) are written here, not registered as MkDocs files:
    # no page links them through Markdown, and MkDocs' File objects would cost memory.
    BUILD.write_exports(Path(config.site_dir))
    BUILD.save_caches()


def on_template_context(context: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    context["journal"] = BUILD.site
    return context
