"""The reference data (platforms, judicial districts, help resources) and its loader."""

import copy
import datetime
import json
import re

import pytest
from django.utils import translation

from requests import directory
from requests.directory import (
    DISTRICTS_FILE,
    PLATFORMS_FILE,
    RESOURCES_FILE,
    DirectoryDataError,
    Status,
)

DATA_FILES = {
    PLATFORMS_FILE: "platforms",
    DISTRICTS_FILE: "districts",
    RESOURCES_FILE: "resources",
}
STATUSES = {"confirmed", "secondary", "unconfirmed"}


def raw_entries(path):
    return json.loads(path.read_text(encoding="utf-8"))[DATA_FILES[path]]


def statuses_in(value):
    """Every value stored under a key named `status` or `*_status`, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "status" or key.endswith("_status"):
                yield key, item
            else:
                yield from statuses_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from statuses_in(item)


# --- The data files themselves ---

@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.name)
def test_every_entry_names_its_sources_and_the_date_it_was_checked(path):
    for entry in raw_entries(path):
        assert entry["source"], entry
        for source in entry["source"]:  # a URL or citation, or a note in French and English
            texts = [source] if isinstance(source, str) else [source["fr"], source["en"]]
            assert all(isinstance(text, str) and text.strip() for text in texts), entry
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["checked"]), entry
        assert datetime.date.fromisoformat(entry["checked"]) <= datetime.date(2026, 11, 23)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.name)
def test_every_status_in_the_data_is_confirmed_secondary_or_unconfirmed(path):
    found = list(statuses_in(raw_entries(path)))
    assert found
    assert {status for _, status in found} <= STATUSES


def test_quebec_has_exactly_36_judicial_districts_with_unique_keys_and_names():
    districts = directory.districts()
    assert len(districts) == 36
    assert len({district.key for district in districts}) == 36
    assert len({district.name for district in districts}) == 36


def test_the_district_list_includes_the_north_shore_and_other_easily_forgotten_districts():
    names = {district.name for district in directory.districts()}
    forgotten = {"Baie-Comeau", "Chicoutimi", "Drummond", "Frontenac", "Mingan", "Rimouski",
                 "Rouyn-Noranda", "Saint-Maurice", "Témiscamingue"}
    assert forgotten <= names
    assert "Hull" not in names and "Gatineau" in names
    assert not names & {"Duplessis", "Manicouagan"}


def test_districts_are_listed_in_french_alphabetical_order_ignoring_accents():
    names = [district.name for district in directory.districts()]
    assert names[0] == "Abitibi"
    assert names.index("Longueuil") < names.index("Mégantic") < names.index("Mingan")
    assert names.index("Saint-Maurice") < names.index("Témiscamingue") < names.index("Terrebonne")
    assert names[-1] == "Trois-Rivières"


def test_the_platform_directory_has_one_entry_per_company():
    assert [platform.id for platform in directory.platforms()] == [
        "meta", "whatsapp", "google", "x", "tiktok", "snap", "telegram", "reddit", "discord",
        "aylo", "onlyfans", "microsoft", "apple",
    ]


def test_every_link_a_person_can_open_is_https():
    links = []
    for platform in directory.platforms():
        links += [platform.report_url_for_display, platform.legal_request_url_for_display]
    for resource in directory.resources():
        if resource.url:
            links += [resource.url.fr, resource.url.en]
    links = [link for link in links if link]
    assert links
    assert all(link.startswith("https://") for link in links)


def test_help_lines_keep_the_numbers_given_in_the_reference_notes():
    numbers = {resource.id: [phone.number for phone in resource.phones]
               for resource in directory.resources()}
    assert numbers["cavac"] == ["1 866 532-2822"]
    assert numbers["cyberaide"] == ["1 866 658-9022"]
    assert numbers["tel-jeunes"] == ["1 800 263-2266", "514 600-1002"]
    assert numbers["kids-help-phone"][0] == "1 800 668-6868"
    assert numbers["info-aide-violence-sexuelle"][0] == "1 888 933-9007"
    assert numbers["sos-violence-conjugale"] == ["1 800 363-9010"]
    assert numbers["emergency-911"] == ["911"]


def test_the_17_cavac_centres_are_listed_without_regional_numbers_that_could_not_be_confirmed():
    centres = directory.resources(kind="cavac_centre")
    assert len(centres) == 17
    assert all(centre.phones == () for centre in centres)


# --- Secondary and unconfirmed values are never shown as fact ---

def test_only_a_confirmed_platform_value_is_given_for_display_as_fact():
    fields = ("legal_name", "address", "report_url", "legal_request_url")
    for platform in directory.platforms():
        for field in fields:
            shown = getattr(platform, f"{field}_for_display")
            with_status = getattr(platform, f"{field}_with_status")
            status = getattr(platform, f"{field}_status")
            if status == Status.CONFIRMED:
                assert shown == getattr(platform, field), (platform.id, field)
            else:
                assert shown is None, (platform.id, field)
            if status == Status.UNCONFIRMED:
                assert with_status is None, (platform.id, field)
            else:
                assert (with_status.value, with_status.status) == (getattr(platform, field),
                                                                   status), (platform.id, field)


def test_a_best_guess_is_kept_for_maintainers_but_not_shown():
    meta = directory.platform("meta")
    assert meta.address == "1 Meta Way, Menlo Park, CA 94025, USA"
    assert meta.address_for_display is None and meta.address_with_status is None
    assert meta.legal_name_for_display is None  # secondary: a copy of the terms, not the terms
    assert str(meta.legal_name_with_status) == "Meta Platforms, Inc."
    assert not meta.legal_name_with_status.is_confirmed
    microsoft = directory.platform("microsoft")
    assert microsoft.legal_name == "Microsoft Corporation"
    assert microsoft.legal_name_for_display is None


def test_only_a_confirmed_district_address_town_or_phone_is_given_for_display_as_fact():
    for district in directory.districts():
        if district.address_status == Status.CONFIRMED:
            assert district.address_for_display == district.address
            assert district.phone_for_display == district.phone
        else:
            assert district.address_for_display is None, district.key
            assert district.phone_for_display is None, district.key
        if district.address_status == Status.SECONDARY:
            assert district.address_with_status.value == district.address
        if district.courthouse_town_status == Status.CONFIRMED:
            assert district.courthouse_town_for_display == district.courthouse_town
        else:
            assert district.courthouse_town_for_display is None, district.key
    assert directory.district("abitibi").address_for_display is None  # secondary in quebec.md
    assert directory.district("beauce").courthouse_town_for_display is None


def test_unconfirmed_phone_numbers_and_resources_are_left_out_of_what_screens_show():
    monteregie = directory.resource("dpj-monteregie")
    assert "450 679-0140" in [phone.number for phone in monteregie.phones]
    assert [phone.number for phone in monteregie.phones_for_display] == ["1 800 361-5310"]
    shown = directory.resources_for_display(kind="cavac_centre")
    assert "cavac-estrie" not in {centre.id for centre in shown}
    assert "cavac-montreal" in {centre.id for centre in shown}
    for resource in directory.resources_for_display():
        assert resource.status != Status.UNCONFIRMED
        assert all(phone.status != Status.UNCONFIRMED for phone in resource.phones_for_display)


def test_an_unconfirmed_address_in_a_district_file_is_not_given_for_display(tmp_path):
    document = json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))
    document["districts"][0]["address_status"] = "unconfirmed"
    document["districts"][1]["address_status"] = "unconfirmed"
    document["districts"][1]["address"] = None
    path = tmp_path / "districts.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    abitibi, alma = directory.load_districts(path)[:2]
    assert abitibi.address and abitibi.address_for_display is None
    assert alma.address is None and alma.address_for_display is None


# --- Look-ups and display helpers ---

def test_a_platform_is_found_by_its_id_and_shown_with_its_services():
    assert directory.platform("meta").label == "Meta (Facebook, Instagram, Messenger)"
    assert directory.platform("x").label == "X (Twitter)"
    assert directory.platform("x").legal_name_for_display == "X Corp."


def test_an_unknown_or_empty_platform_id_finds_nothing():
    assert directory.platform("") is None
    assert directory.platform("myspace") is None


def test_a_district_is_found_by_its_key():
    montreal = directory.district("montreal")
    assert montreal.name == "Montréal"
    assert montreal.address_for_display == "1, rue Notre-Dame Est, Montréal QC H2Y 1B6"
    assert montreal.phone_for_display == "514 393-2721"
    assert directory.district("gatineau").name == "Gatineau"
    assert directory.district("hull") is None


def test_district_choices_give_every_key_with_its_name():
    choices = directory.district_choices()
    assert len(choices) == 36
    assert ("megantic", "Mégantic") in choices


def test_a_resource_is_found_by_its_id_and_speaks_the_active_language():
    cavac = directory.resource("cavac")
    with translation.override("fr"):
        assert str(cavac.name).startswith("CAVAC (centres d’aide")
        assert cavac.url_for_display == "https://cavac.qc.ca/"
    with translation.override("en"):
        assert str(cavac.name) == "CAVAC (crime victims assistance centres)"
        assert cavac.url_for_display == "https://cavac.qc.ca/en/"
    assert directory.resource("not-a-resource") is None


def test_french_is_used_when_no_language_is_active():
    with translation.override(None):
        assert str(directory.resource("kids-help-phone").name) == "Jeunesse, J’écoute"


def test_phone_numbers_become_links_a_phone_can_dial_or_text():
    assert directory.resource("cavac").phones[0].href == "tel:+18665322822"
    assert directory.resource("emergency-911").phones[0].href == "tel:911"
    text_line = directory.resource("kids-help-phone").phones[1]
    assert text_line.href == "sms:686868"
    with translation.override("en"):
        assert str(text_line.label) == "Text TALK to 686868"


# --- The loader refuses a broken file ---

def broken_copy(tmp_path, path, change):
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document[DATA_FILES[path]])
    broken = tmp_path / path.name
    broken.write_text(json.dumps(document), encoding="utf-8")
    return broken


def drop(field):
    def change(entries):
        del entries[0][field]
    return change


def set_first(field, value):
    def change(entries):
        entries[0][field] = value
    return change


@pytest.mark.parametrize(
    ("path", "loader", "change", "message"),
    [
        (PLATFORMS_FILE, directory.load_platforms, set_first("source", []),
         r"platforms\.json, entry 'meta': 'source' must be a non-empty list"),
        (PLATFORMS_FILE, directory.load_platforms, drop("checked"),
         r"platforms\.json, entry 'meta': 'checked' must be a date"),
        (PLATFORMS_FILE, directory.load_platforms, set_first("checked", "23/11/2026"),
         r"platforms\.json, entry 'meta': 'checked' must be a date"),
        (PLATFORMS_FILE, directory.load_platforms, set_first("address_status", "probable"),
         r"platforms\.json, entry 'meta': 'address_status' is 'probable'"),
        (PLATFORMS_FILE, directory.load_platforms, set_first("legal_name", None),
         r"platforms\.json, entry 'meta': 'legal_name' is empty but 'legal_name_status' says"),
        (PLATFORMS_FILE, directory.load_platforms, set_first("legal_nmae", "typo"),
         r"platforms\.json, entry 'meta': unknown field\(s\): legal_nmae"),
        (PLATFORMS_FILE, directory.load_platforms,
         lambda entries: entries.append(copy.deepcopy(entries[0])),
         r"platforms\.json, entry 'meta': id is used twice"),
        (DISTRICTS_FILE, directory.load_districts, lambda entries: entries.pop(),
         r"districts\.json: Québec has 36 judicial districts .* the file has 35"),
        (DISTRICTS_FILE, directory.load_districts, drop("name"),
         r"districts\.json, entry 'abitibi': 'name' must be a non-empty string"),
        (RESOURCES_FILE, directory.load_resources, set_first("name", {"fr": "Urgence"}),
         r"resources\.json, entry 'emergency-911': 'name' must be an object"),
        (RESOURCES_FILE, directory.load_resources,
         set_first("phones", [{"number": "911", "kind": "fax", "status": "confirmed"}]),
         r"resources\.json, entry 'emergency-911': phones\[0\]: kind must be call or text"),
    ],
    ids=["no source", "no checked date", "checked not ISO", "unknown status",
         "confirmed value missing", "misspelt field", "duplicate id", "35 districts",
         "district without name", "name in French only", "unknown phone kind"],
)
def test_the_loader_refuses_a_broken_file_and_names_the_file_and_entry(
        tmp_path, path, loader, change, message):
    broken = broken_copy(tmp_path, path, change)
    with pytest.raises(DirectoryDataError, match=message):
        loader(broken)


def test_the_loader_refuses_a_file_that_is_not_json(tmp_path):
    broken = tmp_path / "resources.json"
    broken.write_text('{"resources": [', encoding="utf-8")
    with pytest.raises(DirectoryDataError, match=r"resources\.json: not valid JSON"):
        directory.load_resources(broken)


def test_the_loader_accepts_an_unchanged_copy_of_each_file(tmp_path):
    for path, loader in ((PLATFORMS_FILE, directory.load_platforms),
                         (DISTRICTS_FILE, directory.load_districts),
                         (RESOURCES_FILE, directory.load_resources)):
        copy_path = tmp_path / path.name
        copy_path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        assert loader(copy_path) == loader(path)


def test_each_status_has_a_short_label_in_english_and_in_french():
    with translation.override("en"):
        english = {status: str(status.label) for status in Status}
    with translation.override("fr"):
        french = {status: str(status.label) for status in Status}
    assert english == {
        Status.CONFIRMED: "Official source",
        Status.SECONDARY: "Unofficial source, to be checked",
        Status.UNCONFIRMED: "No source found",
    }
    assert all(french[status] and french[status] != english[status] for status in Status)


def test_a_template_shows_data_text_in_the_page_language_and_hides_unconfirmed_values():
    from django.template import engines

    template = engines["django"].from_string(
        "{{ resource.name }}|{{ meta.address_for_display|default:'-' }}|{{ meta.label }}")
    context = {"resource": directory.resource("kids-help-phone"),
               "meta": directory.platform("meta")}
    with translation.override("fr"):
        assert template.render(context) == (
            "Jeunesse, J’écoute|-|Meta (Facebook, Instagram, Messenger)")
    with translation.override("en"):
        assert template.render(context) == "Kids Help Phone|-|Meta (Facebook, Instagram, Messenger)"
