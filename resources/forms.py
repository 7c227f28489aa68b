"""The resource library's filter form, and the admin form for pages that pick categories."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import TranslatableMixin


class LocaleTermsPageForm(WagtailAdminPageForm):
    """Offers only the categories, topics and partners in the page's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if locale_id and queryset is not None and issubclass(queryset.model, TranslatableMixin):
                field.queryset = queryset.filter(locale_id=locale_id)


class ResourceFilterForm(forms.Form):
    """Filter the library by type and by topic; both optional, read from the query string."""

    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        error_messages={
            "invalid_choice": _("There is no type “%(value)s”. Choose one from the list.")
        },
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        error_messages={
            "invalid_choice": _("There is no topic “%(value)s”. Choose one from the list.")
        },
    )

    def __init__(self, data, resource_types, topics):
        super().__init__(data)
        self.resource_types = resource_types
        self.topics = {topic.slug: topic for topic in topics}
        all_types = [("", _("All types"))]
        self.fields["type"].choices = all_types + [
            (key, capfirst(model._meta.verbose_name_plural))
            for key, model in resource_types.items()
        ]
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (slug, topic.name) for slug, topic in self.topics.items()
        ]

    def filter(self, resources):
        """The resources that match; all of them when the filter is invalid."""
        if not self.is_valid():
            return resources
        if self.cleaned_data["type"]:
            resources = resources.type(self.resource_types[self.cleaned_data["type"]])
        if self.cleaned_data["topic"]:
            topic = self.topics[self.cleaned_data["topic"]]
            resources = resources.filter(topics__translation_key=topic.translation_key)
        return resources
