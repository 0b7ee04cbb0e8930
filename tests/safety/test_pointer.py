"""The caring pointer: wording per category and language, contacts per locale and tenant."""

from __future__ import annotations

import pytest

from coachbot.safety import CATEGORIES, SafetyFlag, pointer
from coachbot.wording import load_prompts

LANGUAGES = ("en", "es", "de", "fr", "pt", "it")
PROMPTS = load_prompts()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_has_a_short_caring_pointer_in_six_languages(category, language):
    text = pointer(SafetyFlag(category, 0.9, False, language))
    assert text == text.strip() and "{" not in text and "?" not in text
    assert 80 < len(text) < 600
    assert text == pointer(SafetyFlag(category, 0.9, False, language), prompts=PROMPTS)


def test_imminent_self_harm_gives_the_emergency_number_and_crisis_line_first():
    text = pointer(SafetyFlag("self_harm", 0.95, True, "en"), locale="en-US")
    first = text.split(".")[0]
    assert "911" in first and "988" in first
    calm = pointer(SafetyFlag("self_harm", 0.95, False, "en"), locale="en-US")
    assert calm.index("988") < calm.index("911")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("category", ["self_harm", "violence", "domestic_abuse", "medical"])
def test_risk_that_sounds_imminent_puts_the_emergency_number_in_the_first_sentence(category, language):
    text = pointer(SafetyFlag(category, 0.95, True, language), locale="de-DE")
    assert "112" in text.split(".")[0]


def test_locale_picks_the_countrys_numbers():
    uk = pointer(SafetyFlag("self_harm", 0.9, False, "en"), locale="en-GB")
    assert "116 123" in uk and "999" in uk
    fr = pointer(SafetyFlag("self_harm", 0.9, True, "fr"), locale="fr-FR")
    assert "3114" in fr and "112" in fr
    es = pointer(SafetyFlag("domestic_abuse", 0.9, False, "es"), locale="es-ES")
    assert "016" in es


def test_without_a_locale_the_pointer_is_international():
    text = pointer(SafetyFlag("self_harm", 0.9, False, "en"))
    assert "findahelpline.com" in text and "local emergency number" in text
    de = pointer(SafetyFlag("self_harm", 0.9, False, "de"))
    assert "findahelpline.com" in de and "Notruf" in de


def test_a_language_without_wording_falls_back_to_the_locale_then_english():
    assert pointer(SafetyFlag("medical", 0.9, False, "ja")).startswith("That sounds like it matters")
    assert pointer(SafetyFlag("medical", 0.9, False, "nl"), locale="de-DE").startswith("Das klingt")


def test_a_tenant_can_set_its_own_contacts_per_locale(tmp_path, monkeypatch):
    path = tmp_path / "contacts.yaml"
    path.write_text(
        "T123:\n"
        "  '*': {eap: 'Acme Care, 0800 555 0100'}\n"
        "  de: {eap: 'Acme Care Deutschland, 0800 555 0200'}\n"
        "  en-GB: {crisis_line: 'our 24/7 line, 0800 555 0300'}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COACHBOT_SAFETY_CONTACTS", str(path))
    harassment = SafetyFlag("harassment", 0.9, False, "en")
    assert "Acme Care, 0800 555 0100" in pointer(harassment, tenant="T123", locale="en-US")
    assert "Acme Care Deutschland" in pointer(SafetyFlag("harassment", 0.9, False, "de"), tenant="T123", locale="de-AT")
    gb = pointer(SafetyFlag("self_harm", 0.9, False, "en"), tenant="T123", locale="en-GB")
    assert "0800 555 0300" in gb and "999" in gb
    other = pointer(harassment, tenant="OTHER", locale="en-US")
    assert "Acme" not in other and "employee assistance programme" in other


def test_a_broken_contacts_file_gives_a_clear_error(tmp_path, monkeypatch):
    from coachbot.safety.replies import ContactsError

    path = tmp_path / "contacts.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    monkeypatch.setenv("COACHBOT_SAFETY_CONTACTS", str(path))
    with pytest.raises(ContactsError, match="COACHBOT_SAFETY_CONTACTS"):
        pointer(SafetyFlag("harassment", 0.9, False, "en"), tenant="T1")
