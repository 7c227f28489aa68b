"""Signing a petition: the form, what happens on POST, and the thank-you page with its
share links. PetitionPage takes its routes from PetitionSigning."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from petitions import throttle
from petitions.counting import COUNT_MAX_AGE, count_new_signature
from petitions.emails import send_confirmation
from petitions.forms import SignatureForm
from petitions.querysets import Status
from petitions.signatures import Signature
from trusted_proxies.client_ip import client_ip


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    url: str


class PetitionSigning(RoutablePageMixin):
    """The routes of a petition page: the page and its form, the signing POST, and the
    thank-you page."""

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
            type(self)
            .objects.live()
            .filter(locale_id=self.locale_id)
            .exclude(translation_key=self.translation_key)
            .open()
            .order_by("-first_published_at", "pk")[:1]
        )
        return next(iter(petitions.with_cached_signature_counts()), None)

    def signature_form(self, data=None):
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
