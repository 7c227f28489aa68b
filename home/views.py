"""Views of the home app that are not Wagtail pages: the language redirect and the
translation status report in the admin."""

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_request, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_type_label
from wagtail.models import Locale, Page, get_page_content_types
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from home.external_links import on_noticed_domain
from home.languages import TRANSLATION_LANGUAGE
from home.models import ExternalLinkNotice
from home.translation_status import (
    STATES,
    next_step,
    state_counts,
    translated_percent,
    with_translation_status,
)


@require_safe
@vary_on_headers("Accept-Language", "Cookie")
def language_redirect(request):
    """Send / to /es/ or /en/: the language cookie first, then Accept-Language, then English."""
    return HttpResponseRedirect(f"/{get_language_from_request(request)}/")


@require_safe
def external_link_notice(request):
    """The "You are leaving" page: a notice, then a button on to a listed site."""
    url = request.GET.get("url", "")
    notice = ExternalLinkNotice.for_active_language()
    language_urls = {
        code: translate_url(request.get_full_path(), code) for code, _name in settings.LANGUAGES
    }
    if notice is None or not on_noticed_domain(url):
        return render(
            request,
            "home/external_link_refused.html",
            {"language_urls": language_urls},
            status=400,
        )
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    context = {"notice": notice, "url": url, "back": back, "language_urls": language_urls}
    return render(request, "home/external_link_notice.html", context)


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code, _name in settings.LANGUAGES:
        with override(code):
            lines.append(f"Disallow: {reverse('external_link_notice')}")
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """Django's CSRF failure response, as a page in the visitor's language (CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", status=403)


class TranslationStatusFilterSet(WagtailFilterSet):
    translation_state = django_filters.ChoiceFilter(
        label=_("Spanish"), choices=STATES, empty_label=_("Any state")
    )
    content_type = ContentTypeFilter(
        label=_("Page type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
    )

    class Meta:
        model = Page
        fields = []


class TranslationStateColumn(Column):
    """The Spanish state of a page, with the link to the action that moves it on."""

    cell_template_name = "home/translation_state_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["label"] = dict(STATES)[instance.translation_state]
        context["percent"] = translated_percent(instance)
        context["action_label"], context["action_url"] = next_step(
            instance, next_url=reverse("translation_status_report")
        )
        return context


class TranslationStatusReportView(ReportView):
    """Every English page with the state of its Spanish translation."""

    page_title = _("Translation status")
    header_icon = "site"
    template_name = "home/translation_status_report.html"
    index_url_name = "translation_status_report"
    index_results_url_name = "translation_status_report_results"
    filterset_class = TranslationStatusFilterSet
    permission_policy = ModelPermissionPolicy(Translation)
    permission_required = "submit"
    default_ordering = "path"
    columns = [
        TitleColumn(
            "title",
            label=_("English page"),
            get_url=lambda page: (
                reverse("wagtailadmin_pages:edit", args=[page.pk]) if page.editable else None
            ),
            sort_key="title",
        ),
        Column(
            "page_type",
            label=_("Type"),
            accessor=lambda page: get_content_type_label(page.content_type),
        ),
        TranslationStateColumn("translation_state", label=_("Spanish")),
    ]

    def get_queryset(self):
        editable = PagePermissionPolicy().instances_user_has_permission_for(
            self.request.user, "change"
        )
        english = (
            Page.objects.filter(locale=Locale.get_default(), depth__gt=1, alias_of__isnull=True)
            .select_related("content_type")
            .annotate(editable=Exists(editable.filter(pk=OuterRef("pk"))))
        )
        self.queryset = with_translation_status(
            english, Locale.objects.get(language_code=TRANSLATION_LANGUAGE)
        )
        return super().get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["state_counts"] = state_counts(self.queryset)
        return context
