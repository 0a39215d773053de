"""Every page names the two Atom feeds for feed readers, in a form Material's script leaves alone.

Material fetches ``sitemap.xml`` next to every ``link[rel=alternate]`` (it takes them for language
versions); a feed link with exactly that rel made each page view request feeds/sitemap.xml and
get a 404 (issue 14). The browser tests fail on any such request; this test says why.
"""

from __future__ import annotations

from browser_support import page_urls, site_path_prefix
from site_fixtures import PROJECT, read_html, resolve_href


def _target(url: str, href: str) -> str:
    """The site file ``href`` on page ``url`` points to (the 404 page links from the site's root)."""
    prefix = site_path_prefix(PROJECT)
    return href[len(prefix):] if href.startswith(prefix) else resolve_href(url, href)


def test_every_page_links_both_feeds_and_nothing_material_would_fetch_a_sitemap_for(built_site):
    for url in page_urls(built_site):
        if url.startswith(("admin/", "admin-minimal/")):
            continue  # the web editor is an application, not a page of the site
        page = read_html(built_site, url)
        feeds = [link for link in page.find_all("link", rel="alternate")
                 if link.get("type") == "application/atom+xml"]
        assert {link["title"] for link in feeds} == {"Kunskapsbanken – nyheter", "Kunskapsbanken – ändrade poster"}, url
        for link in feeds:
            assert (built_site / _target(url, link["href"])).is_file(), (url, link["href"])
        for link in page.find_all("link"):
            if [word.lower() for word in link.get("rel", [])] == ["alternate"]:
                sitemap = _target(url, link["href"].rsplit("/", 1)[0] + "/sitemap.xml")
                assert (built_site / sitemap).is_file(), f"{url}: Material would fetch {sitemap}, which is missing"
