"""Each language is matched with its own stemming, accents do not matter, and results
never cross from one language to the other."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Stemming and unaccent come from PostgreSQL full-text search; "
    "Wagtail's SQLite backend matches whole words only, without stemming.",
)


@postgres_only
def test_spanish_plural_finds_the_singular_with_its_accent(search, page_in):
    page_in("es", "Alto a la deportación", intro="Ninguna deportación más.")
    assert "Alto a la deportación" in search("deportaciones", language="es").titles


@postgres_only
def test_english_plural_finds_the_singular(search, page_in):
    page_in("en", "What to do in a raid", intro="Know your rights.")
    assert search("raids").titles == ["What to do in a raid"]


@postgres_only
@pytest.mark.parametrize("rebuild", [False, True], ids=["after saving", "after update_index"])
def test_each_language_keeps_its_own_stemming(search, page_in, rebuild):
    """Both language backends index every change and update_index rebuilds both:
    neither may overwrite the other's index rows."""
    page_in("en", "Organizing our families")
    page_in("es", "Organizándonos", intro="Alto a la deportación.")
    if rebuild:
        call_command("update_index", stdout=StringIO())
    assert search("organized family").titles == ["Organizing our families"]
    assert "Organizándonos" in search("deportaciones", language="es").titles


@postgres_only
@pytest.mark.parametrize(
    ("query", "intro"),
    [
        ("peticion", "Firma la petición hoy."),
        ("deportacion", "Alto a la deportación de nuestras familias."),
        ("ninos", "Protejamos a los niños."),
        ("informacion", "Más información sobre tus derechos."),
    ],
)
def test_words_typed_without_accents_find_spanish_words_with_them(search, page_in, query, intro):
    page_in("es", "Comunicado", intro=intro)
    assert search(query, language="es").titles == ["Comunicado"]


@postgres_only
def test_accents_do_not_matter_on_english_pages_either(search, page_in):
    page_in("en", "Community meeting", intro="Join the Café Resistencia meeting.")
    assert search("cafe").titles == ["Community meeting"]


def test_results_never_cross_languages(search, page_in):
    page_in("en", "Raid response network", intro="Call the hotline: DACA and TPS.")
    page_in("es", "Red de respuesta a redadas", intro="Llama a la línea: DACA y TPS.")

    assert search("DACA").titles == ["Raid response network"]
    assert search("DACA", language="es").titles == ["Red de respuesta a redadas"]
    assert search("redadas").titles == []
    assert search("raid", language="es").titles == []
