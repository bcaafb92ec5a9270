"""The language resource files (src/analysis/lang/*.yaml): one schema, every key, patterns that compile."""

import re

import pytest
import yaml

from analysis.lang import HERE, LANGUAGES, REQUIRED, LanguageDataError, load_languages
from analysis.relations import CUE_RELATION, INVERSE_CUES, RELATIONS


def test_every_language_file_defines_exactly_the_schema_keys():
    assert set(LANGUAGES) >= {"en", "fr", "es", "pt"}
    for code, data in LANGUAGES.items():
        assert set(data) == set(REQUIRED), code


def test_a_missing_key_fails_loudly_naming_file_and_key(tmp_path):
    data = yaml.safe_load((HERE / "en.yaml").read_text(encoding="utf-8"))
    del data["passive_agent"]
    data["passive_agnet"] = ["by"]
    (tmp_path / "xx.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"xx\.yaml: missing key\(s\) passive_agent; unknown key\(s\) passive_agnet"):
        load_languages(str(tmp_path))


def test_a_value_of_the_wrong_form_is_refused(tmp_path):
    data = yaml.safe_load((HERE / "en.yaml").read_text(encoding="utf-8"))
    data["months"] = ["january"]
    (tmp_path / "xx.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(LanguageDataError, match="'months' must map to lists"):
        load_languages(str(tmp_path))


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_calendar_words_are_complete(code):
    data = LANGUAGES[code]
    assert sorted(int(k) for k in data["months"]) == list(range(1, 13))
    assert sorted(int(k) for k in data["weekdays"]) == list(range(7))
    assert all(data["months"][k] and data["months"][k][0] == data["months"][k][0].lower() for k in data["months"])


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_relation_cues_name_known_relations_and_compile(code):
    cues = LANGUAGES[code]["relations"]
    assert set(cues) <= set(RELATIONS) | set(INVERSE_CUES) | set(CUE_RELATION), code
    assert {"agreement", "partnership", "funds", "implements", "hosts_meeting"} <= set(cues)
    for rel, patterns in cues.items():
        for p in patterns:
            re.compile(p)
    for key, value in LANGUAGES[code].items():
        if isinstance(value, list) and key not in ("function_words",):
            for p in value:
                re.compile(str(p))


def test_the_relation_vocabulary_file_is_consistent():
    from analysis.relations import EVENT_TYPES, JOINT_WORK, MAX_GROUP

    assert set(INVERSE_CUES.values()) | set(CUE_RELATION.values()) | JOINT_WORK <= set(RELATIONS)
    assert set(EVENT_TYPES) <= set(RELATIONS) and MAX_GROUP >= 2
    assert all(isinstance(directed, bool) and text for directed, text in RELATIONS.values())
