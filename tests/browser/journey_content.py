"""The demo pages the browser journeys visit, read from the demo data files.

`manage.py load_demo_content` builds every one of them, in English and Spanish, on the
server the journeys run against (tests/browser/conftest.py).
"""

from demo.data import load


def journey_post():
    """The demo post the journeys read: the first with a Spanish translation."""
    return next(post for post in load("blog_posts")["blog_posts"] if "es" in post)


def journey_report():
    """The demo report the journeys download: the first in Spanish with a file."""
    return next(
        item
        for item in load("resources")["items"]
        if item.get("kind") == "report" and "es" in item and item.get("documents")
    )


def journey_petition():
    """The demo petition the journeys sign: the first with a Spanish translation."""
    return next(petition for petition in load("petitions")["petitions"] if "es" in petition)


def english_paths():
    """Where the journeys' pages are in English, by kind of page."""
    site = load("site")
    return {
        "home": "/en/",
        "post": f"/en/{site['blog_index']['en']['slug']}/{journey_post()['slug']}/",
        "report": f"/en/{site['resource_index']['en']['slug']}/{journey_report()['slug']}/",
        "petition": f"/en/{site['petition_index']['en']['slug']}/{journey_petition()['slug']}/",
    }
