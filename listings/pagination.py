"""Pages of a listing, with the links the pagination template (listings/pagination.html) shows."""

from django.core.paginator import Paginator

from caching.lookups import listing_ids


def paginate(request, queryset, per_page, remember_ids=True):
    """The requested page of a listing: page=abc gives the first page, page=99999 the last.

    With `remember_ids`, the listing's ids are remembered until content changes
    (caching.lookups.listing_ids) and the page's rows are loaded by id, so page 500 costs
    what page 1 does and no count query runs. Leave it off for a listing whose order
    changes with time alone.
    """
    paginator = Paginator(listing_ids(queryset) if remember_ids else queryset, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    if remember_ids:
        page_obj.object_list = list(queryset.filter(pk__in=page_obj.object_list))
    page_obj.page_links = list(paginator.get_elided_page_range(page_obj.number, on_each_side=2))
    # Page links keep the listing's other parameters, such as its filters.
    other = request.GET.copy()
    other.pop("page", None)
    page_obj.query_prefix = f"{other.urlencode()}&" if other else ""
    return page_obj
