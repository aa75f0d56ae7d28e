"""The rules, by name. Each finds spans to remove and edits nothing."""

from __future__ import annotations

from cleaner.rules import (
    boilerplate,
    chrome,
    copyright,
    duplicate_headline,
    promo_headlines,
    related_links,
    repeated_block,
    site_boilerplate,
    truncated,
)
from cleaner.rules.base import Context, Headline, Rule

RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        duplicate_headline.RULE,
        copyright.RULE,
        boilerplate.RULE,
        site_boilerplate.RULE,
        repeated_block.RULE,
        truncated.RULE,
        related_links.RULE,
        promo_headlines.RULE,
        chrome.RULE,
    )
}


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
