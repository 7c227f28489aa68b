"""The demo data files: the JSON files in each app's demo_content/, found by name.

As with Django's fixtures, a name is looked up in every installed app, so an app's demo
module can read a file another app owns (the index pages in home's site.json) without
importing that app. Names are unique across apps.
"""

import json
from functools import cache
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured


@cache
def data_files():
    """Every demo data file by name, e.g. {"site": Path(".../home/demo_content/site.json")}."""
    files = {}
    for app_config in apps.get_app_configs():
        for path in sorted((Path(app_config.path) / "demo_content").glob("*.json")):
            if path.stem in files:
                raise ImproperlyConfigured(
                    f"Two demo data files named {path.stem}: {path}, {files[path.stem]}"
                )
            files[path.stem] = path
    return files


def load(name):
    return json.loads(data_files()[name].read_text(encoding="utf-8"))
