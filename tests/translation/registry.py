"""The factories of every app, found in tests/<app>/factories.py, keyed by the model they make.

A new page type or snippet is covered by the translation tests as soon as its app's
factories module has a factory for it, and those tests fail until it does.
"""

import importlib
import inspect
from pathlib import Path

import factory
import wagtail_factories

TESTS_DIR = Path(__file__).resolve().parent.parent


def factories_by_model(base):
    """{model: factory} for every subclass of `base` in the apps' factories modules."""
    found = {}
    for module_path in sorted(TESTS_DIR.glob("*/factories.py")):
        module = importlib.import_module(f"tests.{module_path.parent.name}.factories")
        for _name, candidate in inspect.getmembers(module, inspect.isclass):
            model = getattr(candidate._meta, "model", None) if hasattr(candidate, "_meta") else None
            if issubclass(candidate, base) and model is not None and not model._meta.abstract:
                found.setdefault(model, candidate)
    return found


def page_factories():
    return factories_by_model(wagtail_factories.PageFactory)


def snippet_factories():
    return {
        model: candidate
        for model, candidate in factories_by_model(factory.django.DjangoModelFactory).items()
        if not issubclass(candidate, wagtail_factories.PageFactory)
    }
