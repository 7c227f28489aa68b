from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from caching.wagtail_serving import serve_page
from home.sitemaps import BilingualSitemap
from home.views import external_link_notice, language_redirect, robots_txt
from hub.views import healthz, node_health
from search import views as search_views

urlpatterns = [
    # Outside i18n_patterns: load balancers get no language redirect and no translation.
    path("healthz", healthz, name="healthz"),
    path("healthz/node", node_health, name="node_health"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Both languages in one sitemap, so it lives outside the /en/ and /es/ prefixes.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("", language_redirect, name="language_redirect"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("leaving/"), external_link_notice, name="external_link_notice"),
    path(_("search/"), search_views.search, name="search"),
    # Wagtail's front-end URLs, its page view replaced by one that remembers its
    # lookups (caching.wagtail_serving.serve_page).
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(serve_pattern, serve_page, name="wagtail_serve"),
    prefix_default_language=True,
)
