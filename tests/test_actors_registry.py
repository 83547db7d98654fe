"""ActorRegistry, the name matcher and nominal_matches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.actors import ActorFileError, ActorRegistry, code_text, load_actor_file, nominal_matches
from newsgraph.actors.people import PeopleIndex, Person, parse_roles
from newsgraph.actors.registry import institution_phrase
from newsgraph.config import load_config
from newsgraph.records import Actor


def _index() -> PeopleIndex:
    people = [
        Person("a", "Dmitry Kuzmin", "RUS", parse_roles("Deputy Prime Minister 2015-2019")),
        Person("b", "Wang Lihua", "CHN"),
        Person("c", "Ana Maria Oliveira", "BRA"),
        Person("d", "Karl van der Berg", "NLD"),
        Person("e", "Tom Brown", "GBR"),
        Person("f", "Tina Brown", "USA"),
    ]
    return PeopleIndex(people, [["dmitry", "dmitri"]], ["brown"])


def test_names_match_across_transliterations_initials_and_one_edit() -> None:
    index = _index()
    for spelling in ("Dmitri Kuzmin", "D. Kuzmin", "Dmitry Kouzmin", "Kuzmin"):
        assert [m.person.id for m in index.match(spelling)] == ["a"], spelling


def test_chinese_names_put_the_surname_first() -> None:
    index = _index()
    assert [m.person.id for m in index.match("Wang")] == ["b"]
    assert index.match("Lihua") == []


def test_particles_belong_to_the_surname() -> None:
    index = _index()
    assert [m.person.id for m in index.match("Van der Berg")] == ["d"]


def test_common_surnames_alone_and_contradicting_given_names_do_not_match() -> None:
    index = _index()
    assert index.match("Brown") == []
    assert index.match("Maria Kuzmin") == []
    assert [m.person.id for m in index.match("Tina Brown")] == ["f"]


def test_roles_by_date() -> None:
    person = _index().people[0]
    role = person.role_at(2017)
    assert role is not None and role.title == "Deputy Prime Minister"
    assert person.role_at(2022) is None and person.role_at(None) is None


def test_stable_ids_for_countries_igos_and_institutions() -> None:
    registry = ActorRegistry()
    country = registry.resolve("Kenya", "country", "KEN")
    igo = registry.resolve("the African Union", "igo", "IGO")
    ministry = registry.resolve("Kenya's foreign ministry", "org", "KEN")
    same_ministry = registry.resolve("the Kenyan Ministry of Foreign Affairs", "org", "KEN")
    assert (country.id, igo.id) == ("country:KEN", "igo:AU")
    assert ministry.id == same_ministry.id == "org:ken-foreign-ministry"
    assert ministry.name == "Kenyan Foreign Ministry"


def test_institution_phrase_drops_country_words() -> None:
    assert institution_phrase("the Ghanaian Ministry of Defence").lower() == "defense ministry"


def test_people_in_the_shipped_table_keep_its_id_and_name() -> None:
    registry = ActorRegistry()
    actor = registry.resolve("Sergey Shoigu", "person", "RUS", code=code_text("Sergey Shoigu"))
    assert actor.id == "person:sergei-shoigu" and actor.name == "Sergei Shoigu"
    assert "Sergey Shoigu" in actor.aliases


def test_new_people_merge_spellings_across_documents() -> None:
    registry = ActorRegistry()
    first = registry.resolve("Oleksandr Hrytsenko", "person", "UKR")
    second = registry.resolve("Aleksandr Hrytsenko", "person", "UKR")
    other = registry.resolve("Natalia Hrytsenko", "person", "UKR")
    assert first.id == second.id
    assert first.name == "Oleksandr Hrytsenko" and "Aleksandr Hrytsenko" in first.aliases
    assert other.id != first.id


def test_person_ids_do_not_depend_on_the_order_names_are_seen() -> None:
    names = [("Aleksandr Hrytsenko", "UKR"), ("Oleksandr Hrytsenko", None), ("Joao Pedro Mendonca", "BRA"),
             ("Joao Pedro Mendonca", "PRT"), ("Natalia Hrytsenko", "UKR")]
    forward, backward = ActorRegistry(), ActorRegistry()
    ids = [forward.resolve(n, "person", c).id for n, c in names]
    reverse_ids = [backward.resolve(n, "person", c).id for n, c in reversed(names)]
    assert ids == list(reversed(reverse_ids))
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[4] != ids[0]


def test_user_file_in_json_and_toml(tmp_path: Path) -> None:
    json_file = tmp_path / "actors.json"
    json_file.write_text(json.dumps([{"name": "Fatima Okonkwo", "aliases": ["Governor Okonkwo"], "country": "NGA",
                                      "sector": "GOV", "role": "Governor", "kind": "person"}]), "utf-8")
    toml_file = tmp_path / "actors.toml"
    toml_file.write_text('[[actor]]\nname = "Lakeside Water Board"\ncountry = "CAN"\nsector = "GOV"\nkind = "org"\n'
                         'aliases = ["the water board"]\n', "utf-8")
    people = ActorRegistry.from_file(json_file)
    orgs = ActorRegistry.from_file(toml_file)
    assert people.resolve("Governor Okonkwo", "person").id == "person:fatima-okonkwo"
    assert people.resolve("Fatima Okonkwo", "person", "NGA").country == "NGA"
    board = orgs.resolve("The Water Board", "org")
    assert board.id == "org:lakeside-water-board" and board.country == "CAN"


def test_bad_user_files_raise_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "actors.json"
    bad.write_text('[{"aliases": ["nameless"]}]', "utf-8")
    with pytest.raises(ActorFileError):
        load_actor_file(bad)
    with pytest.raises(ActorFileError):
        load_actor_file(tmp_path / "missing.toml")


def test_registry_round_trips_through_json() -> None:
    registry = ActorRegistry()
    registry.resolve("Oleksandr Hrytsenko", "person", "UKR")
    registry.resolve("Kenya", "country", "KEN")
    restored = ActorRegistry.from_dict(json.loads(json.dumps(registry.to_dict())))
    assert {a.id for a in restored.actors()} == {a.id for a in registry.actors()}
    assert restored.resolve("Aleksandr Hrytsenko", "person", "UKR").id == registry.resolve(
        "Oleksandr Hrytsenko", "person", "UKR").id


def test_from_config_reads_the_actors_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSGRAPH_CONFIG", raising=False)
    path = tmp_path / "actors.json"
    path.write_text('[{"name": "Harbour Authority", "kind": "org", "country": "NZL"}]', "utf-8")
    config_file = tmp_path / "custom.toml"
    config_file.write_text(f"[actors]\nfile = {json.dumps(str(path))}\n", "utf-8")
    registry = ActorRegistry.from_config(load_config(config_file))
    assert registry.get("org:harbour-authority") is not None
    assert ActorRegistry.from_config(load_config()).actors() == []


def _minister() -> Actor:
    return Actor("person:x", "Ivana Petrova", "person", "BGR", "GOV", "Foreign Minister")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("the diplomat", True),
    ("the foreign minister", True),
    ("the minister", True),
    ("Bulgaria's foreign minister", True),
    ("Petrova", True),
    ("the general", False),
    ("the secretary", False),
    ("Romania's foreign minister", False),
    ("the Romanian diplomat", False),
    ("Elena Georgieva", False),
])
def test_nominal_matches(phrase: str, expected: bool) -> None:
    assert nominal_matches(phrase, _minister()) is expected


def test_nominal_matches_secretary_and_spokesman() -> None:
    secretary = Actor("person:y", "Mark Dalton", "person", "USA", "GOV", "Secretary of State")
    spokesman = Actor("person:z", "Liu Jian", "person", "CHN", "GOV", "Foreign Ministry Spokesman")
    assert nominal_matches("the secretary", secretary)
    assert nominal_matches("the top U.S. diplomat", secretary)
    assert nominal_matches("the Chinese spokesman", spokesman)
    assert not nominal_matches("the Japanese spokesman", spokesman)
