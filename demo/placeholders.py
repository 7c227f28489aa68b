"""Placeholder files for the demo site: pictures with a label, and small real PDFs.

Both are made in memory, so the demo needs no files of its own and no network.
"""

import textwrap
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

IMAGE_SIZE = (1600, 900)
# US Letter in PDF points, with one-inch margins.
PDF_PAGE = (612, 792)
PDF_MARGIN = 72


def placeholder_image(colour, label):
    """A PNG of one colour with its label written across the middle."""
    picture = Image.new("RGB", IMAGE_SIZE, colour)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=72)
    text = "\n".join(textwrap.wrap(label, 32, break_on_hyphens=False))
    centre = (IMAGE_SIZE[0] / 2, IMAGE_SIZE[1] / 2)
    draw.multiline_text(centre, text, fill="white", font=font, anchor="mm", align="center")
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    return buffer


def _pdf_literal(text):
    """A PDF literal string in WinAnsiEncoding, which has every Spanish letter and quote."""
    encoded = text.encode("cp1252", errors="replace")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_unicode(text):
    """A PDF text string for document information such as the title (UTF-16 with its BOM)."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def _page_content(title, text, footer):
    """The drawing operators of one page: the title, a line of text, the page number."""
    lines = [b"BT", b"/F1 20 Tf", b"24 TL", b"%d %d Td" % (PDF_MARGIN, PDF_PAGE[1] - PDF_MARGIN)]
    for line in textwrap.wrap(title, 44):
        lines.append(_pdf_literal(line) + b" Tj T*")
    lines += [b"/F1 12 Tf", b"16 TL", b"T*"]
    for line in textwrap.wrap(text, 80):
        lines.append(_pdf_literal(line) + b" Tj T*")
    lines += [b"ET", b"BT", b"/F1 10 Tf", b"%d %d Td" % (PDF_MARGIN, PDF_MARGIN)]
    lines += [_pdf_literal(footer) + b" Tj", b"ET"]
    return b"\n".join(lines)


def placeholder_pdf(title, text, page_footers):
    """A small valid PDF: on each page the title, a line of text and that page's footer.

    Written by hand (catalog, page tree, pages in the standard Helvetica font, a
    cross-reference table), so every PDF reader opens it and the upload form's check
    of a PDF's content accepts it.
    """
    first_page = 5  # after the catalog, the page tree, the font and the document information
    page_numbers = [first_page + 2 * index for index in range(len(page_footers))]
    kids = b" ".join(b"%d 0 R" % number for number in page_numbers)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_numbers)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title %s /Producer (Hub demo content) >>" % _pdf_unicode(title),
    ]
    for number, footer in zip(page_numbers, page_footers, strict=True):
        content = _page_content(title, text, footer)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (*PDF_PAGE, number + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))

    pdf = BytesIO()
    pdf.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(pdf.tell())
        pdf.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = pdf.tell()
    pdf.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        pdf.write(b"%010d 00000 n \n" % offset)
    pdf.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    pdf.seek(0)
    return pdf
