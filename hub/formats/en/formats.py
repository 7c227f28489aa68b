"""English date formats as the group writes them: "3 June 2018", not Django's "June 3, 2018"."""

DATE_FORMAT = "j F Y"
