"""The petition pages: the list of petitions and a petition in each language.

A petition is a PetitionPage in English and its wagtail-localize translation in
Spanish. The pages share a translation_key and every Signature is keyed on it, so both
pages show one count, whichever language people signed in. Signatures
(petitions.signatures), counting (petitions.counting) and signing (petitions.signing)
have their own modules.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.search import index

from listings.index_pages import IndexPage
from listings.pagination import paginate
from petitions.counting import COUNT_MAX_AGE, next_goal, signature_counts
from petitions.page_tree import remember_parent
from petitions.querysets import PetitionPageQuerySet, Status
from petitions.signatures import Signature
from petitions.signing import PetitionSigning
from streamfield.blocks import BodyBlock

__all__ = ["COUNT_MAX_AGE", "PetitionIndexPage", "PetitionPage", "Signature", "Status"]

PETITIONS_PER_PAGE = 12


class PetitionIndexPage(IndexPage):
    """Every petition, open ones first."""

    subpage_types = ["petitions.PetitionPage"]
    search_result_label = _("Petitions")

    class Meta:
        verbose_name = _("petition index page")

    def route(self, request, path_components):
        """Find a petition in one query rather than two: every child is a PetitionPage."""
        if not path_components:
            return super().route(request, path_components)
        slug, *remaining = path_components
        petition = PetitionPage.objects.child_of(self).filter(slug=slug).first()
        if petition is None:
            raise Http404
        remember_parent(petition, self)
        return petition.route(request, remaining)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        patch_cache_control(response, max_age=COUNT_MAX_AGE)
        return response

    def petitions(self):
        """This page's live petitions, open ones first."""
        return PetitionPage.objects.child_of(self).live().in_display_order()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The order changes when a deadline passes, with no edit: not remembered.
        page_obj = paginate(request, self.petitions(), PETITIONS_PER_PAGE, remember_ids=False)
        page_obj.object_list = (
            PetitionPage.objects.filter(pk__in=[page.pk for page in page_obj.object_list])
            .in_display_order()
            .with_cached_signature_counts()
        )
        context["petitions"] = page_obj
        return context


class PetitionPage(PetitionSigning, Page):
    # The ask.
    target = models.CharField(
        _("decision-maker"),
        max_length=200,
        blank=True,
        help_text=_("Who the petition asks to act, e.g. “US Attorney Michael Dunavant”."),
    )
    summary = models.TextField(
        max_length=400,
        help_text=_("The ask in one or two sentences, shown in the petition list and at the top."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text=_("Why it matters: the full petition text, images, quotes, videos."),
    )
    created_by = models.CharField(
        max_length=120,
        blank=True,
        help_text=_(
            "Shown as “Created by …”. Shorten a member's name (“Tania U.”); "
            "write an organization's name in full."
        ),
    )

    # Goal and status: kept the same on every translation (see share_state_with_translations).
    goal = models.PositiveIntegerField(
        default=100,
        validators=[MinValueValidator(1)],
        help_text=_(
            "The number of signatures to aim for. When it is reached, the goal shown rises "
            "by itself to the next step (100, 200, 300, 500, 800, 1,000, 1,500, 2,000, 3,000, "
            "5,000, 10,000, …), unless “Keep this goal” is ticked."
        ),
    )
    fixed_goal = models.BooleanField(
        _("keep this goal"),
        default=False,
        help_text=_("Always show the goal above, even once the count passes it."),
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_(
            "Won or closed petitions show their final count and take no more signatures. "
            "Set it on the English page: the translations follow when it is published."
        ),
    )
    deadline = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Optional. The petition closes by itself at this moment."),
    )

    # After signing.
    opt_in_label = models.CharField(
        _("updates checkbox label"),
        max_length=200,
        blank=True,
        help_text=_(
            "The wording of the unticked box signers tick to get updates. "
            "Leave blank for “Keep me updated on this campaign and Mijente's work.”"
        ),
    )
    thank_you_message = models.TextField(
        blank=True,
        help_text=_("Shown after signing, above the share buttons, and in the email to signers."),
    )
    share_text = models.TextField(
        max_length=240,
        blank=True,
        help_text=_(
            "The message signers share by email, WhatsApp and X, e.g. “I just signed: tell "
            "Amazon to stop powering ICE!”. The petition's link is added. Blank: the title."
        ),
    )

    signatures_collected_elsewhere = models.PositiveIntegerField(
        default=0,
        help_text=_(
            "Signatures gathered on paper or on another platform, added to the count shown."
        ),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("target"),
                FieldPanel("summary"),
                FieldPanel("body"),
                FieldPanel("created_by"),
            ],
            heading=_("The ask"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("goal"),
                FieldPanel("fixed_goal"),
                FieldPanel("status"),
                FieldPanel("deadline"),
            ],
            heading=_("Goal and status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("opt_in_label"),
                FieldPanel("thank_you_message"),
                FieldPanel("share_text"),
            ],
            heading=_("Signing and sharing"),
        ),
        MultiFieldPanel(
            [FieldPanel("signatures_collected_elsewhere")], heading=_("Carried-over signatures")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("target"),
        index.FilterField("status"),
    ]

    parent_page_types = ["petitions.PetitionIndexPage"]
    subpage_types = []
    search_result_label = _("Petition")

    objects = PageManager.from_queryset(PetitionPageQuerySet)()

    # Set on every translation whenever one is published, from the English page.
    shared_state_fields = [
        "goal",
        "fixed_goal",
        "status",
        "deadline",
        "signatures_collected_elsewhere",
    ]

    class Meta:
        verbose_name = _("petition")

    @classmethod
    def titles_by_key(cls):
        """Each petition's title (in the default language where it exists) by translation key."""
        pages = sorted(cls.objects.one_per_petition(), key=lambda page: page.title.casefold())
        return {str(page.translation_key): page.title for page in pages}

    @cached_property
    def signature_count(self):
        """Signatures in every language, plus those collected elsewhere.

        At most COUNT_MAX_AGE seconds old (signature_counts). Pages from
        PetitionPage.objects.with_signature_counts() arrive with it set, exact.
        """
        signed_here = signature_counts([self.translation_key])[self.translation_key]
        return signed_here + self.signatures_collected_elsewhere

    @property
    def displayed_goal(self):
        if self.fixed_goal or self.signature_count < self.goal:
            return self.goal
        return next_goal(self.signature_count)

    @property
    def is_past_deadline(self):
        return self.deadline is not None and self.deadline <= timezone.now()

    @property
    def state(self):
        """open, won or closed, counting a passed deadline as closed."""
        if self.status == Status.OPEN and self.is_past_deadline:
            return Status.CLOSED
        return self.status

    @property
    def is_open(self):
        return self.state == Status.OPEN

    def get_opt_in_label(self):
        return self.opt_in_label or _("Keep me updated on this campaign and Mijente's work.")

    def get_share_text(self):
        return self.share_text or self.title

    def share_state_with_translations(self):
        """Give every translation the goal and status of the English page.

        wagtail-localize copies synchronised fields only when translations are synced,
        which would leave a Spanish page open after the English one closed. The live
        page takes the state at once, and its latest revision too, so that an editor who
        opens the translation next sees it (and publishing it keeps it).
        """
        translations = PetitionPage.objects.filter(translation_key=self.translation_key)
        leader = translations.filter(locale=Locale.get_default()).first() or self
        state = {field: getattr(leader, field) for field in self.shared_state_fields}
        for page in translations.exclude(pk=leader.pk):
            PetitionPage.objects.filter(pk=page.pk).update(**state)
            draft = page.get_latest_revision_as_object()
            if all(getattr(draft, field) == value for field, value in state.items()):
                continue
            for field, value in state.items():
                setattr(draft, field, value)
            # Only the shared state changed: the page's draft status stays as it was.
            draft.save_revision(changed=page.has_unpublished_changes, clean=False)


def share_published_petition_state(sender, instance, **kwargs):
    instance.share_state_with_translations()
