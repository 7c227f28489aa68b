"""A page told its parent, so that asking for it costs no query.

Adapts a private detail of Wagtail 8.0.1: Page.get_parent() keeps its answer in the page's
_cached_parent_obj. tests/petitions/test_page_tree.py fails if Wagtail stops reading it.
"""


def remember_parent(page, parent):
    """Make page.get_parent() answer `parent` without a query (the caller found the page
    as `parent`'s child, so it is its parent)."""
    page._cached_parent_obj = parent
