"""What pages are made of in tests: StreamField values with every block editors can add."""

from tests.resources.factories import DocumentFactory, ImageFactory

# A site the "You are leaving" notice lists (ExternalLinkNoticeFactory's domain).
SUPPORT_SITE = "https://supportcommittee.example.org/donate"


def image_and_file():
    """A new image and a new file (a PDF) for pages to show."""
    return ImageFactory(), DocumentFactory()


def link(page):
    """A link block to `page`, as (block type, value)."""
    return ("link", {"page": page, "url": "", "label": ""})


def downloads(count, document=None):
    """`count` file download blocks, of `document` or of a new file."""
    download = {"document": document or DocumentFactory(), "label": "Get it"}
    return [("document_download", download)] * count


def body(image, document, page, count=1):
    """A body with every block editors can add (the embed needs the internet), and `count`
    of each block that looks something up: images, links to `page`, downloads of `document`."""
    image_block = (
        "image",
        {
            "image": {"image": image, "decorative": False, "alt_text": "A march"},
            "caption": "The march downtown.",
            "credit": "Photo: Mijente",
        },
    )
    return [
        ("heading", {"text": "Why it matters", "level": "h2"}),
        ("paragraph", f'<p>We organize. Read <a href="{SUPPORT_SITE}">our allies</a>.</p>'),
        *[image_block] * count,
        ("heading", {"text": "What we ask", "level": "h3"}),
        ("quote", {"quote": "Not one more.", "attribution": "Marisa Franco"}),
        (
            "call_to_action",
            {"heading": "Join us", "text": "Sign up.", "link": {**link(page)[1], "label": "Join"}},
        ),
        (
            "related_links",
            {
                "heading": "For more information",
                "links": [
                    {"page": None, "url": SUPPORT_SITE, "label": "Give"},
                    *[link(page)[1]] * count,
                ],
            },
        ),
        *downloads(count, document),
    ]
