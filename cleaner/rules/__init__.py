"""The rules, by name. Each finds spans to remove and edits nothing.

Their names and order are `cleaner.config.ALL_RULES`; the rule named X is `RULE` in the
module cleaner/rules/X.py.
"""

from __future__ import annotations

from importlib import import_module

from cleaner.config import ALL_RULES
from cleaner.rules.base import Context, Headline, Rule


def _load(name: str) -> Rule:
    rule: Rule = import_module(f"cleaner.rules.{name}").RULE
    if rule.name != name:  # the name a config gives is the module's
        raise ImportError(f"cleaner/rules/{name}.py holds the rule {rule.name!r}")
    return rule


RULES: dict[str, Rule] = {name: _load(name) for name in ALL_RULES}


def rules_by_kind() -> dict[str, list[str]]:
    """Every kind a removal can carry, with the rules that make it (in the order they run)."""
    made: dict[str, list[str]] = {}
    for rule in RULES.values():
        for kind in rule.kinds:
            made.setdefault(kind, []).append(rule.name)
    return dict(sorted(made.items()))


def get_rule(name: str) -> Rule:
    try:
        return RULES[name]
    except KeyError:
        raise ValueError(f"unknown rule {name!r}; known rules: {', '.join(RULES)}") from None


__all__ = ["RULES", "Context", "Headline", "Rule", "get_rule", "rules_by_kind"]
