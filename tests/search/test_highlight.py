"""Excerpts: everything escaped, the matching words marked, long texts cut around them."""

from search.highlight import excerpt, highlight, query_terms


def test_text_is_escaped_and_only_the_matches_are_marked():
    marked = highlight('<b>Raids</b> & "ICE" raid', query_terms("raid"))
    assert marked == (
        "&lt;b&gt;<mark>Raids</mark>&lt;/b&gt; &amp; &quot;ICE&quot; <mark>raid</mark>"
    )


def test_a_query_with_html_cannot_inject_markup():
    assert highlight("script alert", query_terms("<script>")) == "<mark>script</mark> alert"


def test_accents_and_case_do_not_stop_a_match():
    assert highlight("Firma la Petición", query_terms("peticion")) == (
        "Firma la <mark>Petición</mark>"
    )


def test_other_forms_of_the_word_are_marked_but_other_words_are_not():
    terms = query_terms("deportaciones sanctuary de")
    marked = highlight("La deportación, el santuario, sanction, del barrio", terms)
    assert marked == "La <mark>deportación</mark>, el santuario, sanction, del barrio"
    assert highlight("one raid", query_terms("raids")) == "one <mark>raid</mark>"


def test_a_long_text_is_cut_around_the_first_match():
    words = [f"word{number}" for number in range(100)]
    words[60] = "raid"
    text = excerpt([" ".join(words)], query_terms("raid"))
    assert text.startswith("… word52 ")
    assert "<mark>raid</mark>" in text
    assert text.endswith(" word81 …")


def test_the_first_source_that_matches_gives_the_excerpt_else_the_first_source():
    terms = query_terms("raid")
    assert excerpt(["", "A summary.", "After the raid."], terms) == "After the <mark>raid</mark>."
    assert excerpt([None, "A summary.", "Something else."], terms) == "A summary."
    assert excerpt([None, " "], terms) == ""
