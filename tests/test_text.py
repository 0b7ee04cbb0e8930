"""Cleaning input, and saying the executive's words back in the second person."""

from __future__ import annotations

from coachbot.text import clean_input, echo_clause, has_time_words, second_person


def test_second_person_turns_i_and_we_into_you():
    assert second_person("I think our customers trust me") == "you think your customers trust you"
    assert second_person("I'm sure we were right") == "you're sure you were right"


def test_echo_clause_keeps_the_executives_vocabulary():
    assert echo_clause("We build the product and customers buy it.") == "you build the product and customers buy it"


def test_echo_clause_skips_questions_and_sentences_about_the_coach():
    assert echo_clause("What do you think?") is None
    assert echo_clause("You keep asking me the same thing.") is None


def test_clean_input_cuts_at_a_word_boundary_and_says_so():
    cleaned = clean_input("word " * 3000, limit=4000)
    assert cleaned.truncated and len(cleaned.text) <= 4000 and cleaned.text.endswith("word")


def test_clean_input_decodes_bytes_leniently():
    assert clean_input(b"caf\xc3\xa9 \xff", 100).text == "café \ufffd"


def test_time_words():
    assert has_time_words("I'll do it on Friday")
    assert has_time_words("by the end of the week")
    assert not has_time_words("I will call two customers")
