"""Factories for petitions and their signatures."""

import factory
import wagtail_factories
from django.utils import timezone

from petitions.counting import count_new_signature
from petitions.models import PetitionIndexPage, PetitionPage, Signature


class PetitionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Petitions"
    slug = "petitions"

    class Meta:
        model = PetitionIndexPage


class PetitionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Stop deportation number {n}")
    slug = factory.Sequence(lambda n: f"petition-{n}")
    summary = "Tell ICE to release our neighbor."
    target = "US Attorney Michael Dunavant"
    created_by = "Tania U."
    goal = 100
    first_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = PetitionPage


class SignatureFactory(factory.django.DjangoModelFactory):
    first_name = "Tania"
    last_name = factory.Sequence(lambda n: f"Unzueta{n}")
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    postal_code = "85007"
    language = "en"
    petition_key = factory.LazyAttribute(lambda signature: signature.petition.translation_key)

    class Params:
        petition = None

    class Meta:
        model = Signature

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        signature = super()._create(model_class, *args, **kwargs)
        count_new_signature(signature.petition_key)  # as signing does
        return signature


class SignerFormDataFactory(factory.DictFactory):
    """What a visitor types into the signing form."""

    first_name = "Tania"
    last_name = factory.Sequence(lambda n: f"Unzueta{n}")
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    postal_code = "85007"
