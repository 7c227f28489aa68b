"""The petitions app's part of the demo site, from petitions/demo_content/.

The petition index, where site.json places it, and the petitions, with their goals,
carried-over counts and creators.
"""

from demo.builder import pick
from demo.data import load
from petitions.models import PetitionIndexPage, PetitionPage, Signature

PETITION_FIELDS = [
    "title",
    "slug",
    "summary",
    "body",
    "target",
    "goal",
    "signatures_collected_elsewhere",
    "created_by",
    "status",
    "share_text",
    "thank_you_message",
]


class PetitionsDemo:
    snippets = ()

    def __init__(self, builder):
        self.builder = builder

    def reset(self):
        """Delete the petitions' signatures, while their pages are there to name them."""
        petitions = PetitionPage.objects.values("translation_key")
        Signature.objects.filter(petition_key__in=petitions).delete()

    def build(self, parent):
        """The petition index under `parent` and its petitions, added for publishing."""
        index = load("site")["petition_index"]
        petition_index = self.builder.add_page(parent, PetitionIndexPage, index["en"], index["es"])
        # Oldest first: the petition list shows the newest first.
        for entry in reversed(load("petitions")["petitions"]):
            self.builder.add_page(
                petition_index, PetitionPage, pick(entry, *PETITION_FIELDS), entry.get("es")
            )
