"""Petitions, their signatures and the signing form.

A petition is a PetitionPage in English and its wagtail-localize translation in
Spanish. The pages share a translation_key and every Signature is keyed on it, so both
pages show one count, whichever language people signed in.
"""

import contextlib
import itertools
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from listings.index_pages import IndexPage
from listings.pagination import paginate
from petitions import throttle
from petitions.emails import send_confirmation
from streamfield.blocks import BodyBlock
from trusted_proxies.client_ip import client_ip

# Counts change without anyone publishing. A new signature shows on the petition's
# pages within this many seconds: caches (the page cache, shared caches, the count
# itself) keep a page or a count that long at most.
COUNT_MAX_AGE = 5
PETITIONS_PER_PAGE = 12


def count_cache_key(petition_key):
    return f"petitions:signature-count:{petition_key}"


def signature_counts(petition_keys):
    """Signatures per petition (translation key), each count at most COUNT_MAX_AGE seconds old.

    Counting a viral petition's signatures takes the database a while, and every view of
    it would; the counts missing from the cache are counted in one query.
    """
    keys = {key: count_cache_key(key) for key in petition_keys}
    cached = cache.get_many(keys.values())
    counts = {key: cached[cache_key] for key, cache_key in keys.items() if cache_key in cached}
    missing = [key for key in keys if key not in counts]
    if missing:
        counted = dict(
            Signature.objects.filter(petition_key__in=missing)
            .order_by()
            .values("petition_key")
            .annotate(total=Count("pk"))
            .values_list("petition_key", "total")
        )
        fresh = {key: counted.get(key, 0) for key in missing}
        cache.set_many({keys[key]: count for key, count in fresh.items()}, COUNT_MAX_AGE)
        counts.update(fresh)
    return counts


def count_new_signature(petition_key):
    """Add a signature just stored to the cached count, so that its signer sees it counted."""
    with contextlib.suppress(ValueError):  # not cached: the next view counts it
        cache.incr(count_cache_key(petition_key))


def goal_ladder():
    """100, 200, 300, 500, 800, 1,000, 1,500, 2,000, 3,000, 5,000, 10,000, 15,000, ..."""
    yield from (100, 200, 300, 500, 800)
    for power in itertools.count(3):
        for step in (1, 1.5, 2, 3, 5):
            yield int(step * 10**power)


def next_goal(count):
    """The first step of the goal ladder above `count`."""
    return next(step for step in goal_ladder() if step > count)


class Signature(models.Model):
    """One person's signature on one petition, in the language they signed in."""

    petition_key = models.UUIDField(
        _("petition"),
        editable=False,
        help_text=_("The translation key shared by the petition's pages in every language."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    postal_code = models.CharField(_("ZIP code"), max_length=10)
    opt_in = models.BooleanField(_("wants updates"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("signed at"), default=timezone.now, db_index=True)
    ip_hash = models.CharField(
        _("IP address hash"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("A salted hash of the signer's IP address, to spot floods from one place."),
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition_key", "email"], name="one_signature_per_email_per_petition"
            )
        ]

    def __str__(self):
        # Kept free of personal data: Wagtail's audit log keeps this label after a
        # signer's data is deleted on their request.
        return str(_("Signature %(number)s") % {"number": self.pk})

    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    full_name.short_description = _("name")
    full_name.admin_order_field = "last_name"


class Status(models.TextChoices):
    OPEN = "open", pgettext_lazy("petition status", "Open")
    WON = "won", pgettext_lazy("petition status", "Won")
    CLOSED = "closed", pgettext_lazy("petition status", "Closed")


class PetitionPageQuerySet(PageQuerySet):
    def open(self):
        """Petitions still taking signatures: open, and before their deadline if they have one."""
        return self.filter(status=Status.OPEN).filter(
            Q(deadline__isnull=True) | Q(deadline__gt=timezone.now())
        )

    def with_signature_counts(self):
        """Annotate each petition's exact signature_count in the same query, not one query
        each. Public pages use the cached counts instead (with_cached_signature_counts)."""
        signatures = (
            Signature.objects.filter(petition_key=OuterRef("translation_key"))
            .order_by()
            .values("petition_key")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.annotate(
            signature_count=Coalesce(Subquery(signatures), Value(0))
            + F("signatures_collected_elsewhere")
        )

    def with_cached_signature_counts(self):
        """A list of the petitions, each with its signature_count from signature_counts()."""
        pages = list(self)
        counts = signature_counts({page.translation_key for page in pages})
        for page in pages:
            page.signature_count = (
                counts[page.translation_key] + page.signatures_collected_elsewhere
            )
        return pages

    def one_per_petition(self):
        """A list with one page per petition: the one in the default language where it exists."""
        pages = {}
        for page in self.select_related("locale"):
            key = page.translation_key
            if key not in pages or page.locale.language_code == settings.LANGUAGE_CODE:
                pages[key] = page
        return list(pages.values())

    def in_display_order(self):
        """Open petitions first, then won, then closed; the newest first within each."""
        state_rank = Case(
            When(status=Status.WON, then=Value(1)),
            When(status=Status.CLOSED, then=Value(2)),
            When(deadline__lte=timezone.now(), then=Value(2)),
            default=Value(0),
        )
        return self.annotate(state_rank=state_rank).order_by(
            "state_rank", F("first_published_at").desc(nulls_last=True), "pk"
        )


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
        petition._cached_parent_obj = self
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


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    url: str


class PetitionPage(RoutablePageMixin, Page):
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

    def share_links(self, request):
        """Links that open each network's composer with the share text and the petition's URL.

        WhatsApp first: it is how most visitors share with family and friends.
        """
        url = self.get_full_url(request)
        text = self.get_share_text()
        message = f"{text} {url}"
        return [
            ShareLink(
                "whatsapp",
                _("Share on WhatsApp"),
                "https://wa.me/?" + urlencode({"text": message}),
            ),
            ShareLink(
                "email",
                _("Share by email"),
                "mailto:?" + urlencode({"subject": self.title, "body": message}, quote_via=quote),
            ),
            ShareLink(
                "facebook",
                _("Share on Facebook"),
                "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
            ),
            ShareLink(
                "x",
                _("Share on X"),
                "https://x.com/intent/post?" + urlencode({"text": text, "url": url}),
            ),
        ]

    def next_petition(self):
        """Another open petition in this language, the newest, to sign next."""
        petitions = (
            PetitionPage.objects.live()
            .filter(locale_id=self.locale_id)
            .exclude(translation_key=self.translation_key)
            .open()
            .order_by("-first_published_at", "pk")[:1]
        )
        return next(iter(petitions.with_cached_signature_counts()), None)

    def signature_form(self, data=None):
        from petitions.forms import SignatureForm  # forms.py imports Signature from here

        return SignatureForm(data, opt_in_label=self.get_opt_in_label())

    def thanks_url(self):
        return self.url + self.reverse_subpage("thanks")

    @path("")
    def index_route(self, request):
        if request.method == "POST":
            return self.sign(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        form = self.signature_form() if self.is_open else None
        response = self.render(request, context_overrides={"form": form})
        patch_cache_control(response, max_age=COUNT_MAX_AGE)
        return response

    @path("thanks/")
    def thanks(self, request):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        response = self.render(
            request,
            template="petitions/petition_page_thanks.html",
            context_overrides={
                "share_links": self.share_links(request),
                "next_petition": self.next_petition(),
            },
        )
        add_never_cache_headers(response)  # signers see their own signature counted
        return response

    def sign(self, request):
        """Store a signature and send the signer to the thank-you page.

        The unique constraint, not a prior lookup, decides whether an email has already
        signed, so two simultaneous identical submissions still store one row.
        """
        if not self.is_open:
            return self.refuse(request, self.closed_message(), status=405, allow="GET, HEAD")
        ip_hash = throttle.ip_hash(client_ip(request))
        form = self.signature_form(request.POST)
        if throttle.over_limit(ip_hash):
            message = _("Too many signatures from your connection. Please try again later.")
            return self.refuse(request, message, status=429, form=form)
        if form.is_bot():
            return HttpResponseRedirect(self.thanks_url(), status=303)
        if not form.is_valid():
            response = self.render(request, context_overrides={"form": form})
            response.status_code = 400
            return response

        signature = form.save(commit=False)
        signature.petition_key = self.translation_key
        signature.language = get_language()
        signature.ip_hash = ip_hash
        try:
            with transaction.atomic():
                signature.save()
        except IntegrityError:
            if not Signature.objects.filter(
                petition_key=self.translation_key, email=signature.email
            ).exists():
                raise
            messages.info(
                request,
                _("You had already signed this petition with this email, so we counted you once."),
            )
        else:
            count_new_signature(self.translation_key)
            if settings.PETITION_CONFIRMATION_EMAIL:
                send_confirmation(signature, self, request)
        return HttpResponseRedirect(self.thanks_url(), status=303)

    def refuse(self, request, message, status, form=None, allow=None):
        response = self.render(request, context_overrides={"form": form, "refusal": message})
        response.status_code = status
        if allow:
            response["Allow"] = allow
        return response

    def closed_message(self):
        if self.state == Status.WON:
            return _("We won! This petition no longer takes signatures.")
        return _("This petition is closed and no longer takes signatures.")

    def share_state_with_translations(self):
        """Give every translation the goal and status of the English page.

        wagtail-localize copies synchronised fields only when translations are synced,
        which would leave a Spanish page open after the English one closed.
        """
        translations = PetitionPage.objects.filter(translation_key=self.translation_key)
        leader = translations.filter(locale=Locale.get_default()).first() or self
        translations.exclude(pk=leader.pk).update(
            **{field: getattr(leader, field) for field in self.shared_state_fields}
        )


def share_published_petition_state(sender, instance, **kwargs):
    instance.share_state_with_translations()
