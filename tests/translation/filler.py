"""Put English text in every translatable field of an object and one of every block.

The blocks are read from the model's StreamField definitions, so a block added to
streamfield/blocks.py (or anywhere) is translated by the tests without anyone listing it. A
block type this module cannot fill fails loudly: teach `raw_block_value` about it.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.documents.models import AbstractDocument
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_localize.fields import TranslatableField, get_translatable_fields

# Every date field and block gets this date, so tests can look for its month by name.
SAMPLE_DATE = date(2018, 6, 3)


@dataclass
class Filler:
    """Makes distinct English phrases and remembers them, to look for their translations."""

    image: AbstractImage
    document: AbstractDocument
    page: Page
    snippet_factories: dict = field(default_factory=dict)
    phrases: list = field(default_factory=list)

    def phrase(self, where, max_length=None):
        words = f"English {where.replace('_', ' ')} text {len(self.phrases)}"
        if max_length:
            words = words[-max_length:].strip()
        self.phrases.append(words)
        return words

    def fill(self, instance):
        """Fill every translatable text field and StreamField of `instance` (not saved)."""
        model = type(instance)
        for translatable in get_translatable_fields(model):
            if not isinstance(translatable, TranslatableField):
                continue
            model_field = translatable.get_field(model)
            name = model_field.name
            if isinstance(model_field, StreamField):
                raw = self.raw_stream_value(model_field.stream_block, name)
                setattr(instance, name, model_field.stream_block.to_python(raw))
            elif isinstance(model_field, RichTextField):
                setattr(instance, name, f"<p>{self.phrase(name)}</p>")
            elif isinstance(model_field, models.SlugField):
                continue
            elif isinstance(model_field, models.CharField | models.TextField):
                setattr(instance, name, self.phrase(name, model_field.max_length))
        for model_field in model._meta.concrete_fields:
            if type(model_field) is models.DateField and model_field.editable:
                setattr(instance, model_field.name, SAMPLE_DATE)
            if (
                isinstance(model_field, models.ForeignKey)
                and getattr(instance, model_field.name) is None
            ):
                if issubclass(model_field.related_model, AbstractImage):
                    setattr(instance, model_field.name, self.image)
                elif issubclass(model_field.related_model, AbstractDocument):
                    setattr(instance, model_field.name, self.document)
        return instance

    def raw_stream_value(self, stream_block, where):
        """One of each child block, in the JSON form Wagtail stores."""
        return [
            {
                "type": name,
                "value": self.raw_block_value(child, f"{where} {name}"),
                "id": str(uuid.uuid4()),
            }
            for name, child in stream_block.child_blocks.items()
        ]

    def raw_block_value(self, block, where):
        if isinstance(block, ImageBlock):
            return {
                "image": self.image.pk,
                "alt_text": self.phrase(f"{where} alt"),
                "decorative": False,
            }
        if isinstance(block, blocks.StreamBlock):
            return self.raw_stream_value(block, where)
        if isinstance(block, blocks.ListBlock):
            item = self.raw_block_value(block.child_block, f"{where} item")
            return [{"type": "item", "value": item, "id": str(uuid.uuid4())}]
        if isinstance(block, blocks.StructBlock):
            return {
                name: self.raw_block_value(child, f"{where} {name}")
                for name, child in block.child_blocks.items()
            }
        if isinstance(block, EmbedBlock):
            return "https://example.org/video"
        if isinstance(block, blocks.URLBlock):
            return "https://example.org/more"
        if isinstance(block, blocks.EmailBlock):
            return "info@example.org"
        if isinstance(block, blocks.RichTextBlock):
            return f"<p>{self.phrase(where)}</p>"
        if isinstance(block, blocks.CharBlock | blocks.TextBlock):
            return self.phrase(where, block.field.max_length)
        if isinstance(block, blocks.ChoiceBlock | blocks.MultipleChoiceBlock):
            value = next(value for value, _label in block.field.choices if value)
            return [value] if isinstance(block, blocks.MultipleChoiceBlock) else value
        if isinstance(block, blocks.BooleanBlock):
            return True
        if isinstance(block, blocks.IntegerBlock | blocks.DecimalBlock | blocks.FloatBlock):
            return 8889
        if isinstance(block, blocks.DateBlock):
            return SAMPLE_DATE.isoformat()
        if isinstance(block, ImageChooserBlock):
            return self.image.pk
        if isinstance(block, DocumentChooserBlock):
            return self.document.pk
        if isinstance(block, blocks.PageChooserBlock):
            return self.page.pk
        if isinstance(block, SnippetChooserBlock):
            return self.snippet_factories[block.target_model](locale=self.page.locale).pk
        if isinstance(block, blocks.StaticBlock):
            return None
        raise NotImplementedError(f"tests/translation/filler.py cannot fill {type(block).__name__}")
