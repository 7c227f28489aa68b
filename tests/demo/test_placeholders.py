"""The placeholder pictures and PDFs the demo content is made with."""

from PIL import Image
from pypdf import PdfReader

from demo.placeholders import IMAGE_SIZE, placeholder_image, placeholder_pdf


def test_placeholder_pdf_opens_in_a_pdf_reader_with_its_title_text_and_page_numbers():
    title = "¿Quién está detrás de ICE? (Informe) \\ 2019"
    text = "Un archivo de ejemplo: “conoce tus derechos”."

    pdf = PdfReader(placeholder_pdf(title, text, ["Página 1 de 2", "Página 2 de 2"]), strict=True)

    assert pdf.metadata.title == title
    assert len(pdf.pages) == 2
    for number, page in enumerate(pdf.pages, start=1):
        words = " ".join(page.extract_text().split())
        assert title in words
        assert text in words
        assert f"Página {number} de 2" in words


def test_placeholder_image_is_a_picture_of_its_colour():
    picture = Image.open(placeholder_image("#b3202c", "Chinga La Migra"))

    assert picture.format == "PNG"
    assert picture.size == IMAGE_SIZE
    assert picture.getpixel((5, 5)) == (0xB3, 0x20, 0x2C)
