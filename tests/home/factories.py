"""Factories for every page type and snippet, so tests build exactly what they need."""

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import ExternalLinkNotice, Footer, Header, HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_heading = "Organizing for migrant justice"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "An introduction."

    class Meta:
        model = StandardPage


class HeaderFactory(factory.django.DjangoModelFactory):
    site_name = "Mijente"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Header


class FooterFactory(factory.django.DjangoModelFactory):
    legal_disclaimer = "Paid for in part by Mijente PAC."
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Footer


class ExternalLinkNoticeFactory(factory.django.DjangoModelFactory):
    heading = "You are leaving"
    text = "By clicking below you will be directed to an independent 501c3 entity."
    continue_label = "Continue"
    cancel_label = "Stay here"
    domains = "supportcommittee.example.org"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = ExternalLinkNotice
