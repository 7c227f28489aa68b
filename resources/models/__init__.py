"""Blog posts, reports, toolkits and guides, the blog and resource library that list them,
and the documents readers download from them.

Listings compute everything a card shows in a fixed number of queries (`BlogIndexPage.archive`,
`ResourcePage.add_listing_data`), never one query per item in the template.
"""

from resources.models.blog import BlogIndexPage, BlogPage, BlogPageTag
from resources.models.documents import DownloadCount, ResourceDocument
from resources.models.library import (
    GuidePage,
    ReportPage,
    ResourceIndexPage,
    ResourcePage,
    ToolkitPage,
)
from resources.models.terms import Category, Partner, Topic

__all__ = [
    "BlogIndexPage",
    "BlogPage",
    "BlogPageTag",
    "Category",
    "DownloadCount",
    "GuidePage",
    "Partner",
    "ReportPage",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourcePage",
    "ToolkitPage",
    "Topic",
]
