"""Config: every setting is checked once, at the start, naming the setting and the type."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest

from cleaner import clean_text
from cleaner.config import ALL_RULES, SPLIT_RULES, Config


def _from_toml(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return Config.from_file(path)


@pytest.mark.parametrize(
    ("toml", "setting", "expected"),
    [
        ('max_removed_share = "lots"', "max_removed_share", "a number"),
        ("max_removed_share = true", "max_removed_share", "a number"),
        ("max_removed_share = 1.5", "max_removed_share", "between 0 and 1"),
        ("max_removed_share = nan", "max_removed_share", "a finite number"),
        ("site_min_share = -0.1", "site_min_share", "between 0 and 1"),
        ("headline_similarity = 2", "headline_similarity", "between 0 and 1"),
        ("max_line_chars = 2.5", "max_line_chars", "a whole number"),
        ('max_line_chars = "1000"', "max_line_chars", "a whole number"),
        ("kicker_max_words = -2", "kicker_max_words", "at least 0"),
        ("max_file_mb = inf", "max_file_mb", "a finite number"),
        ("doc_time_budget_s = -1", "doc_time_budget_s", "at least 0"),
        ('rules = "copyright"', "rules", "a list of rule names"),
        ('rules = ["copyright", "headlines"]', "rules", "headlines unknown"),
        ("rules = [1]", "rules", "a list of rule names"),
        ("language = 3", "language", "a string"),
        ('fullpage = "maybe"', "fullpage", "one of auto, on, off"),
        ("[cleaner]\nmax_record_mb = false", "max_record_mb", "a number"),
    ],
)
def test_a_wrong_value_fails_at_load_naming_the_setting(
    tmp_path: Path, toml: str, setting: str, expected: str
) -> None:
    with pytest.raises(ValueError, match=r"settings\.toml") as raised:
        _from_toml(tmp_path, toml + "\n")
    message = str(raised.value)
    assert f"{setting}: expected" in message and expected in message


@pytest.mark.parametrize(
    ("toml", "setting", "value"),
    [
        ("max_removed_share = 1", "max_removed_share", 1),  # an int for a float
        ("max_removed_share = 0.0", "max_removed_share", 0),
        ("doc_time_budget_s = 0", "doc_time_budget_s", 0),  # 0 turns the budget off
        ("max_file_mb = 0.001", "max_file_mb", 0.001),
        ('language = "de"', "language", "de"),
        (
            'rules = ["copyright", "boilerplate"]',
            "rules",
            ("copyright", "boilerplate", "byline", "timestamp", "bare_url"),
        ),
        ('rules = ["boilerplate", "timestamp"]', "rules", ("boilerplate", "timestamp")),
        ("rules = []", "rules", ()),
        ('fullpage = "on"', "fullpage", "on"),
    ],
)
def test_right_values_load(tmp_path: Path, toml: str, setting: str, value: object) -> None:
    assert getattr(_from_toml(tmp_path, toml + "\n"), setting) == value


def test_rules_load_as_a_tuple(tmp_path: Path) -> None:
    loaded = _from_toml(tmp_path, 'rules = ["copyright"]\n')
    assert loaded.rules == ("copyright",)
    assert Config(rules=["truncated"]).rules == ("truncated",)  # type: ignore[arg-type]


def test_every_setting_is_checked() -> None:
    """A new field is checked with no edit: a list is right for none of them."""
    for setting in fields(Config):
        with pytest.raises(ValueError, match=f"^{setting.name}: expected"):
            replace(Config(), **{setting.name: [1.5]})


def test_not_toml_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"settings\.toml: not valid TOML"):
        _from_toml(tmp_path, "max_removed_share = \n")


# A dump with a byline, a dateline and a bare address (kinds boilerplate made, once).
SPLIT_DUMP = (
    "Harbour wall repairs to start in March\n\nBy Jane Roe\n\n"
    "Updated 1:39 am EST, Nov. 20, 2019\n\n"
    "The harbour board agreed on Monday to spend £2.4m repairing the north wall, which "
    "was damaged in the February storms.\n\n"
    "Work will take two years, and the slipway will stay open to fishing boats "
    "throughout, the board's chair said.\n\nSource: https://valleypost.example.com/wall\n"
)


def test_a_rule_list_from_before_the_split_cleans_as_it_did(tmp_path: Path) -> None:
    """Issue 18: byline, timestamp and bare_url were made by boilerplate; a config that
    lists the rules as they were (without them) keeps those removals."""
    split = SPLIT_RULES["boilerplate"]
    old = [name for name in ALL_RULES if name not in split]
    loaded = _from_toml(tmp_path, f"rules = {old!r}\n".replace("'", '"'))
    assert loaded.rules == ALL_RULES
    assert clean_text(SPLIT_DUMP, config=loaded) == clean_text(SPLIT_DUMP)
    alone = clean_text(SPLIT_DUMP, config=Config(rules=("boilerplate",), line_model=False))
    assert {r.kind for r in alone.removals} == {"byline", "timestamp", "bare_url"}
    assert alone.text.splitlines()[2].startswith("The harbour board")


def test_naming_a_split_rule_chooses_them_one_by_one() -> None:
    chosen = Config(rules=("boilerplate", "timestamp"), line_model=False)
    assert chosen.rules == ("boilerplate", "timestamp")
    result = clean_text(SPLIT_DUMP, config=chosen)
    assert {r.kind for r in result.removals} == {"timestamp"}
    assert "By Jane Roe" in result.text and "Source: https" in result.text
    alone = Config(rules=("byline",), line_model=False)
    assert {r.kind for r in clean_text(SPLIT_DUMP, config=alone).removals} == {"byline"}
