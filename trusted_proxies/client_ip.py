"""The visitor's address, behind the proxies the site trusts (TRUSTED_PROXY_COUNT)."""

from django.conf import settings


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies, the
    address the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so
    only the last TRUSTED_PROXY_COUNT entries were written by proxies we trust; anything
    further left was sent by the client and may be forged.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
