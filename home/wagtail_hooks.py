"""Wagtail hooks: the site-wide snippets and the translation status report in the admin,
external links routed through the notice, and pages served only in their own language."""

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from admin_registration.reports import register_report
from admin_registration.snippets import LocaleSnippetViewSet
from home.external_links import NoticedExternalLinkHandler
from home.models import ExternalLinkNotice, Footer, Header
from home.views import TranslationStatusReportView


class HeaderViewSet(LocaleSnippetViewSet):
    model = Header
    icon = "list-ul"
    list_display = ["site_name", "locale"]


class FooterViewSet(LocaleSnippetViewSet):
    model = Footer
    icon = "doc-full"


class ExternalLinkNoticeViewSet(LocaleSnippetViewSet):
    model = ExternalLinkNotice
    icon = "warning"
    list_display = ["heading", "locale"]


class SiteChromeViewSetGroup(SnippetViewSetGroup):
    items = (HeaderViewSet, FooterViewSet, ExternalLinkNoticeViewSet)
    menu_icon = "site"
    menu_label = _("Site settings")
    menu_name = "site-settings"


register_snippet(SiteChromeViewSetGroup)


@hooks.register("register_rich_text_features")
def route_external_links_through_notice(features):
    features.register_link_type(NoticedExternalLinkHandler)


register_report(
    TranslationStatusReportView,
    path="reports/translation-status/",
    label=_("Translation status"),
    icon="site",
    order=8900,
    is_shown=lambda user: user.has_perm("wagtail_localize.submit_translation"),
)


@hooks.register("before_serve_page")
def serve_pages_only_in_their_own_language(page, request, serve_args, serve_kwargs):
    """/es/ serves Spanish pages only, /en/ English ones.

    Until the Spanish home page is published, Wagtail routes /es/ through the English
    tree, which would show English pages as if they were Spanish ones. The page's own
    URL carries its language and costs no query once the site root paths are cached.
    """
    url_parts = page.get_url_parts(request)
    page_path = url_parts[2] if url_parts else None
    if page_path and not page_path.startswith(f"/{get_language()}/"):
        raise Http404
