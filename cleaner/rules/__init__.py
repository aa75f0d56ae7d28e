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


def get_rule(name: str) -> Rule:
    try:
        return RULES[name]
    except KeyError:
        raise ValueError(f"unknown rule {name!r}; known rules: {', '.join(RULES)}") from None


__all__ = ["RULES", "Context", "Headline", "Rule", "get_rule"]
