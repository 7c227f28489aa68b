"""Create real wagtail-localize translations from code (demo content, tests).

A translation made here is the same as one a translator makes in the translation
editor: a TranslationSource for the English object, a Translation into the target
locale, and a StringTranslation per segment, so the editor shows it translated and
"Sync translated pages" keeps working.
"""

import json
import warnings

from bs4 import MarkupResemblesLocatorWarning
from django.db import transaction
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, extract_strings


@transaction.atomic
def translate(instance, locale, strings, publish=True, overrides=None):
    """Translate `instance` into `locale` using `strings` (English text to translated text).

    Segments without an entry in `strings` keep the English text. `overrides` maps
    the value of an overridable segment (a chosen document's or image's id, a URL) to
    the value the translation uses instead, as a translator choosing the Spanish file
    in the translation editor does. Returns the translated instance.
    """
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    overridable = OverridableSegment.objects.filter(source=source).select_related("context")
    for segment in overridable if overrides else ():
        if segment.data in overrides:
            SegmentOverride.objects.update_or_create(
                locale=locale,
                context=segment.context,
                defaults={"data_json": json.dumps(overrides[segment.data])},
            )
    translation.save_target(publish=publish)
    return instance.get_translation(locale)


def segment_texts(value):
    """The translatable segments of one field value, as wagtail-localize stores them.

    Rich text is split into its paragraphs and list items; plain text is one segment,
    stored as HTML ("Resistance &amp; Mijente").
    """
    if value.lstrip().startswith("<"):
        _template, strings = extract_strings(value)
        return [string.data for string, _attrs in strings]
    with warnings.catch_warnings():
        # Beautiful Soup warns that text such as a link's URL looks like an address to fetch.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return [StringValue.from_plaintext(value).data]


def string_pairs(source, translated):
    """Source segment text to translated text, for every field both dicts give.

    Rich text is split into the same segments the translation editor shows, so a
    translated paragraph is matched with the paragraph it translates. StreamField
    values (lists of {"type", "value"} blocks, as stored) are walked block by block,
    so headings, paragraphs, captions, alt texts and link labels pair up too. Both
    languages must have the same blocks and segments in the same order, and a text
    repeated in the source must have one translation: a ValueError says where not,
    rather than leave English (or the wrong Spanish) in the translation.
    """
    pairs = {}
    for field, value in source.items():
        if field in translated:
            _merge(pairs, _value_pairs(value, translated[field], field))
    return pairs


def _merge(pairs, more):
    """Add `more` to `pairs`; one source text cannot have two translations."""
    for text, translation in more.items():
        if pairs.setdefault(text, translation) != translation:
            raise ValueError(
                f"{text!r} is translated both as {pairs[text]!r} and as {translation!r}."
            )


def _value_pairs(value, other, path):
    if isinstance(value, str) and isinstance(other, str):
        source, target = segment_texts(value), segment_texts(other)
        if len(source) != len(target):
            raise ValueError(
                f"{path}: {len(source)} segments in the source, {len(target)} translated."
            )
        pairs = {}
        for text, translation in zip(source, target, strict=True):
            _merge(pairs, {text: translation})
        return pairs
    if isinstance(value, list) and isinstance(other, list):
        if len(value) != len(other):
            raise ValueError(f"{path}: {len(value)} items in the source, {len(other)} translated.")
        pairs = {}
        for index, (item, other_item) in enumerate(zip(value, other, strict=True)):
            _merge(pairs, _value_pairs(item, other_item, f"{path}[{index}]"))
        return pairs
    if isinstance(value, dict) and isinstance(other, dict):
        if value.get("type") != other.get("type"):
            raise ValueError(
                f"{path}: a {value.get('type')} block translated as {other.get('type')}."
            )
        pairs = {}
        for key, item in value.items():
            if key not in ("type", "id") and key in other:
                _merge(pairs, _value_pairs(item, other[key], f"{path}.{key}"))
        return pairs
    return {}
