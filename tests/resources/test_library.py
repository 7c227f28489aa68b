"""The resource library and the reports, toolkits and guides in it."""

import datetime
import re

import pytest

from tests.resources.factories import (
    DocumentFactory,
    GuidePageFactory,
    PartnerFactory,
    ReportPageFactory,
    ToolkitPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def card_titles(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def know_your_rights(spanish, translate_now):
    topic = TopicFactory(name="Know your rights", slug="know-your-rights")
    translate_now(
        topic, spanish, {"Know your rights": "Conoce tus derechos", "know-your-rights": "derechos"}
    )
    return topic


def test_library_lists_reports_toolkits_and_guides_newest_first_with_their_files(client, library):
    ReportPageFactory(
        parent=library,
        title="Who's Behind ICE?",
        publication_date=datetime.date(2018, 10, 23),
        downloads=[
            (
                "document_download",
                {
                    "document": DocumentFactory(file_size=2_516_582),
                    "label": "Download the report",
                },
            )
        ],
    )
    ToolkitPageFactory(
        parent=library,
        title="We Will Resist and Defend",
        publication_date=datetime.date(2019, 1, 9),
    )
    GuidePageFactory(
        parent=library, title="Know your rights", publication_date=datetime.date(2017, 2, 1)
    )

    html = client.get("/en/resources/").content.decode()
    assert card_titles(html) == [
        "We Will Resist and Defend",
        "Who&#x27;s Behind ICE?",
        "Know your rights",
    ]
    for label in ("Toolkit", "Report", "Guide"):
        assert f'<p class="card__type">{label}</p>' in html
    assert "Download the report</a>" in html
    assert "(PDF, 2.4\xa0MB, English)" in html


def test_library_filters_by_type_and_by_topic(client, library, know_your_rights):
    surveillance = TopicFactory(name="Surveillance")
    ReportPageFactory(parent=library, title="Who's Behind ICE?", topics=[surveillance])
    ToolkitPageFactory(parent=library, title="We Will Resist", topics=[know_your_rights])
    GuidePageFactory(parent=library, title="Rights at home", topics=[know_your_rights])

    assert card_titles(client.get("/en/resources/?type=toolkit").content.decode()) == [
        "We Will Resist"
    ]
    html = client.get("/en/resources/?topic=know-your-rights").content.decode()
    assert sorted(card_titles(html)) == ["Rights at home", "We Will Resist"]
    html = client.get("/en/resources/?type=guide&topic=know-your-rights").content.decode()
    assert card_titles(html) == ["Rights at home"]
    assert '<option value="know-your-rights" selected>Know your rights</option>' in html


def test_page_links_keep_the_filters_twelve_resources_to_a_page(client, library):
    for number in range(14):
        ReportPageFactory(parent=library, title=f"Report {number}")
    html = client.get("/en/resources/?type=report").content.decode()
    assert len(card_titles(html)) == 12
    assert '<a href="?type=report&amp;page=2" rel="next">Next page</a>' in html
    html = client.get("/en/resources/?type=report&page=2").content.decode()
    assert len(card_titles(html)) == 2


def test_spanish_library_filters_by_spanish_topic_and_shows_spanish_files(
    client, library, spanish_library, spanish, translate_now, know_your_rights
):
    guide = GuidePageFactory(
        parent=library,
        title="Know your rights at home",
        downloads=[
            (
                "document_download",
                {"document": DocumentFactory(file_size=2_516_582), "label": "Download the guide"},
            )
        ],
        topics=[know_your_rights],
    )
    translate_now(
        guide,
        spanish,
        {
            "Know your rights at home": "Conoce tus derechos en casa",
            "Download the guide": "Descarga la guía",
        },
    )

    response = client.get("/es/resources/", {"topic": "derechos"})
    html = response.content.decode()
    assert response.status_code == 200
    assert card_titles(html) == ["Conoce tus derechos en casa"]
    assert '<option value="derechos" selected>Conoce tus derechos</option>' in html
    assert '<p class="card__type">Guía</p>' in html
    assert "Descarga la guía</a>" in html
    assert "(PDF, 2,4\xa0MB, Inglés)" in html


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/en/resources/?topic=gone", "There is no topic “gone”. Choose one from the list."),
        ("/es/resources/?topic=gone", "No existe el tema “gone”. Escoge uno de la lista."),
        ("/en/resources/?type=poster", "There is no type “poster”. Choose one from the list."),
        ("/es/resources/?type=poster", "No existe el tipo “poster”. Escoge uno de la lista."),
    ],
)
def test_unknown_filter_is_refused_with_a_message_in_the_visitors_language(
    client, library, spanish_library, url, message
):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert re.search(r'aria-describedby="id_(topic|type)_error"', html)


def test_unknown_filter_still_lists_every_resource(client, library):
    ReportPageFactory(parent=library, title="Still listed")
    html = client.get("/en/resources/?topic=gone").content.decode()
    assert card_titles(html) == ["Still listed"]


def test_report_shows_summary_files_topics_and_partners(client, library, know_your_rights):
    english = DocumentFactory(title="Full report", file_size=2_516_582)
    spanish = DocumentFactory(title="Informe completo", language="es", file_size=1_048_576)
    report = ReportPageFactory(
        parent=library,
        title="Who's Behind ICE?",
        summary="The tech and data companies fueling deportations.",
        downloads=[
            ("document_download", {"document": english, "label": "Read the report"}),
            ("document_download", {"document": spanish, "label": ""}),
        ],
        topics=[know_your_rights],
        partners=[PartnerFactory()],
    )

    html = client.get(report.url).content.decode()
    assert "<h1>Who&#x27;s Behind ICE?</h1>" in html
    assert "The tech and data companies fueling deportations." in html
    assert "Read the report</a>" in html
    assert "(PDF, 2.4\xa0MB, English)" in html
    assert f'href="{spanish.url}" hreflang="es"' in html
    assert "Informe completo</a>" in html
    assert "(PDF, 1.0\xa0MB, Spanish)" in html
    assert "Know your rights" in html
    assert (
        '<a href="https://nipnlg.org/">National Immigration Project of the National Lawyers '
        "Guild</a>" in html
    )


def test_toolkit_shows_its_sections_in_order_with_their_files(client, library):
    flyer = DocumentFactory(title="Flyer", file_size=20_480)
    toolkit = ToolkitPageFactory(
        parent=library,
        title="We Will Resist and Defend",
        sections=[
            (
                "section",
                {
                    "heading": "Before ICE comes",
                    "text": "<p>Make a plan with your family.</p>",
                    "materials": [{"document": flyer, "label": "Family plan flyer"}],
                },
            ),
            ("section", {"heading": "If ICE is at your door", "text": "", "materials": []}),
        ],
    )

    html = client.get(toolkit.url).content.decode()
    assert html.index("<h2>Before ICE comes</h2>") < html.index("<h2>If ICE is at your door</h2>")
    assert "<p>Make a plan with your family.</p>" in html
    assert f'<a class="download__link" href="{flyer.url}"' in html
    assert "Family plan flyer</a>" in html
    assert "(PDF, 20.0\xa0KB, English)" in html
