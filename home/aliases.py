"""Keep alias pages out of the Spanish tree: an alias serves the English page under /es/.

A page either has a real Spanish translation or the language switcher falls back to
the Spanish home page. Two wagtail-localize paths would create aliases instead:

- A locale's "Sync from" option copies every English page into Spanish as an alias.
  The option is taken out of the locale editor.
- Translating a page whose parent has no Spanish version yet makes that parent an
  alias (Wagtail's copy_for_translation with copy_parents). The alias is turned at once
  into a real, unpublished translation of the parent, which then shows in the status
  report as in progress like any other translation.

Delete this module if wagtail-localize stops creating aliases for untranslated parents.

Adapts wagtail-localize 1.14.5 internals (on Wagtail 8.0.1): the locale editor's
components are the module-level list wagtail_localize.locales.components.LOCALE_COMPONENTS,
which hide_sync_from_option edits in place. tests/translation/test_aliases.py fails if
the option comes back or aliases are created again.
"""

from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import copy_for_translation_done
from wagtail_localize.locales.components import LOCALE_COMPONENTS
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource


def hide_sync_from_option():
    """Remove "Synchronise content from another locale" from the locale editor."""
    LOCALE_COMPONENTS[:] = [
        component
        for component in LOCALE_COMPONENTS
        if component["model"] is not LocaleSynchronization
    ]


@receiver(copy_for_translation_done)
def translate_instead_of_alias(sender, source_obj, target_obj, **kwargs):
    if not isinstance(target_obj, Page) or target_obj.alias_of_id is None:
        return
    source, _ = TranslationSource.get_or_create_from_instance(source_obj)
    translation, _ = Translation.objects.update_or_create(
        source=source, target_locale=target_obj.locale, defaults={"enabled": True}
    )
    translation.save_target(publish=False)
    page = Page.objects.get(pk=target_obj.pk).specific
    if page.live:
        page.unpublish(log_action=False)
