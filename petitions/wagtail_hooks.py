"""Signatures in the Wagtail admin, their CSV and XLSX export, and the dashboard's petition panel.

Signatures only ever come from visitors: staff with the "view" permission may list,
search, filter and export them; staff with "delete" may delete one on a signer's
request. Nobody adds or edits them.
"""

import django_filters
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from petitions.export import SIGNER_FIELDS, SignatureExport
from petitions.models import PetitionPage, Signature

SIGNATURE_ACTIONS = {"view", "delete"}


class SignaturePermissionPolicy(ModelPermissionPolicy):
    """Only view and delete exist for signatures, whatever permissions a user holds."""

    def user_has_permission(self, user, action):
        return action in SIGNATURE_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) & SIGNATURE_ACTIONS)


register_permission_policy(Signature, SignaturePermissionPolicy(Signature))


class SignatureFilterSet(WagtailFilterSet):
    petition_key = django_filters.ChoiceFilter(
        label=_("Petition"),
        choices=lambda: list(PetitionPage.titles_by_key().items()),
        empty_label=_("All petitions"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Date signed"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Signature
        fields = ["petition_key", "language", "opt_in", "created_at"]


class SignatureIndexView(SignatureExport, IndexView):
    """The signer list, and its CSV/XLSX export with the columns of petitions.export."""

    any_permission_required = ["view"]

    def get_filename(self):
        key = self.request.GET.get("petition_key")
        title = PetitionPage.titles_by_key().get(key) if key else None
        return f"signatures-{slugify(title)}" if title else "signatures"


class SignatureInspectView(InspectView):
    any_permission_required = ["view"]


class SignatureViewSet(ModelViewSet):
    model = Signature
    icon = "form"
    menu_label = _("Signatures")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SignatureIndexView
    inspect_view_class = SignatureInspectView
    inspect_view_enabled = True
    inspect_view_fields = SIGNER_FIELDS
    copy_view_enabled = False
    form_fields = []  # never shown: the permission policy refuses adding and editing
    list_display = [
        "full_name",
        "email",
        Column("petition_title", label=_("Petition"), sort_key="petition_title"),
        "postal_code",
        "language",
        "opt_in",
        "created_at",
    ]
    filterset_class = SignatureFilterSet
    search_fields = ["first_name", "last_name", "email", "postal_code"]
    search_backend_name = None  # signatures stay out of the site's search index
    list_per_page = 50

    def get_permissions_to_register(self):
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=[f"{action}_signature" for action in SIGNATURE_ACTIONS])
        )


@hooks.register("register_admin_viewset")
def register_signature_viewset():
    return SignatureViewSet("signatures")


class OpenPetitionsPanel(Component):
    """Each open petition's count and goal, with links to its signers for those allowed."""

    name = "open_petitions"
    template_name = "petitions/open_petitions_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        can_view_signers = request.user.has_perm("petitions.view_signature")
        petitions = PetitionPage.objects.live().open().with_signature_counts()
        rows = []
        for petition in petitions.order_by("-first_published_at").one_per_petition():
            query = urlencode({"petition_key": petition.translation_key})
            signers_url = f"{reverse('signatures:index')}?{query}"
            rows.append(
                {
                    "petition": petition,
                    "signers_url": signers_url if can_view_signers else None,
                    "export_url": f"{signers_url}&export=csv" if can_view_signers else None,
                }
            )
        return {"rows": rows}


@hooks.register("construct_homepage_panels")
def add_open_petitions_panel(request, panels):
    panels.append(OpenPetitionsPanel())


@hooks.register("register_log_actions")
def register_petition_log_actions(actions):
    actions.register_action(
        "petitions.closed_at_deadline",
        _("Closed at its deadline"),
        _("Closed: its deadline passed"),
    )
