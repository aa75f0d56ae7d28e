"""Every kind a removal can carry is declared by the rule that makes it, and listed.

The kinds are read from the code itself (each call that makes a removal, and the
constant or pattern family its kind comes from) and from runs of each rule alone,
so a new kind cannot go unlisted by `cleaner rules`.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path
from types import ModuleType

import pytest
from casefile import read_case
from conftest import CASES, CORPUS
from typer.testing import CliRunner

from cleaner import Config, clean_text
from cleaner.cli import app
from cleaner.config import ALL_RULES
from cleaner.core.patterns import load_patterns
from cleaner.core.pipeline import analyse_rules
from cleaner.rules import RULES, rules_by_kind

RULES_DIR = Path(inspect.getfile(RULES["copyright"].find)).parent
# Calls that make a removal, and the position of their kind argument.
MAKERS = {"Removal": 0, "whole_block": 2, "part_of_block": 4}
# The pipeline marks the kept headline with this kind to replay the body; it is never
# a removal of a result (test_no_result_carries_the_internal_title_kind).
INTERNAL_KINDS = {"title"}


def _forwarders() -> dict[str, int]:
    """Helpers of the rules taking a `kind` parameter to pass on (related_links.claim,
    used by promo_headlines too): their calls make removals as well."""
    found = {}
    for path in RULES_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args]
                if "kind" in names:
                    found[node.name] = names.index("kind")
    return found


def kinds_in_code(module: ModuleType, makers: dict[str, int]) -> set[str]:
    """The kinds the removals made in `module` can carry, read from its source."""
    tree = ast.parse(inspect.getsource(module))
    family_kinds = {family.kind for family in load_patterns().families}
    kinds: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        if name not in makers:
            continue
        given = [k.value for k in node.keywords if k.arg == "kind"]
        position = makers[name]
        arg = given[0] if given else node.args[position] if len(node.args) > position else None
        where = f"{module.__name__}:{node.lineno}"
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            kinds.add(arg.value)
        elif isinstance(arg, ast.Name) and arg.id == "kind":
            continue  # a helper passing its own parameter on: its callers are read
        elif isinstance(arg, ast.Name) and isinstance(getattr(module, arg.id, None), str):
            kinds.add(getattr(module, arg.id))
        elif isinstance(arg, ast.Attribute) and arg.attr == "kind":
            kinds |= family_kinds  # a phrase family's kind (`kind = ...` in patterns/)
        else:
            pytest.fail(f"{where}: cannot tell the kind of {ast.unparse(node)[:80]}")
    return kinds


def _rule_modules() -> dict[str, ModuleType]:
    modules = {}
    for path in sorted(RULES_DIR.glob("*.py")):
        module = importlib.import_module(f"cleaner.rules.{path.stem}")
        rule = getattr(module, "RULE", None)
        if rule is not None:
            modules[rule.name] = module
    return modules


def test_each_rule_is_named_as_its_module_and_listed_once() -> None:
    """Issue 18: the rule list lived twice (config.ALL_RULES and rules.RULES); a config's
    rule names are the modules' names."""
    modules = {
        path.stem: importlib.import_module(f"cleaner.rules.{path.stem}")
        for path in RULES_DIR.glob("*.py")
        if path.stem != "__init__"
    }
    with_rule = {stem: m.RULE for stem, m in modules.items() if hasattr(m, "RULE")}
    assert {stem: rule.name for stem, rule in with_rule.items()} == {s: s for s in with_rule}
    assert tuple(RULES) == ALL_RULES == Config().rules
    assert set(ALL_RULES) == set(with_rule)
    assert len(set(ALL_RULES)) == len(ALL_RULES)


def test_each_rule_declares_the_kinds_its_code_makes() -> None:
    modules = _rule_modules()
    assert set(modules) == set(RULES)
    for name, module in modules.items():
        assert kinds_in_code(module, MAKERS | _forwarders()) == set(RULES[name].kinds), name


def test_no_other_module_makes_removals_of_its_own_kind() -> None:
    import cleaner.core.pipeline

    assert kinds_in_code(cleaner.core.pipeline, {"Removal": 0}) == INTERNAL_KINDS
    for path in RULES_DIR.glob("*.py"):
        module = importlib.import_module(f"cleaner.rules.{path.stem}")
        if getattr(module, "RULE", None) is None:  # base.py: the helpers only
            assert kinds_in_code(module, {"Removal": 0}) == set(), path.name


def test_each_phrase_family_kind_is_made_by_the_rule_of_that_name() -> None:
    """Issue 18: byline, timestamp and bare_url had no rule of their own (boilerplate
    made them)."""
    families = load_patterns().families
    for family in families:
        assert RULES[family.kind].kinds == (family.kind,), family.name
    # A box's pitch goes as boilerplate (boilerplate._box_pitches): its prompts are too.
    assert all(family.kind == "boilerplate" for family in families if family.widget)


# Headline and paragraphs around the lines two phrase rules would take.
_TOP = "Harbour wall repairs to start in March\n\n"
_BODY = (
    "The harbour board agreed on Monday to spend £2.4m repairing the north wall, which "
    "was damaged in the February storms last winter.\n\n"
    "Work will take two years, and the slipway will stay open to fishing boats throughout "
    "the works, the board's chair said.\n"
)


@pytest.mark.parametrize(
    ("dump", "line", "kind"),
    [
        # a label's value right above a photo credit (a caption, to boilerplate)
        (f"{_TOP}By:\nJo Hart\nSakib Ali/Getty Images\n\n{_BODY}", "Jo Hart", "byline"),
        # a label's value that is a separator (boilerplate's, above the article)
        (f"{_TOP}By:\n* * *\n\n{_BODY}", "* * *", "byline"),
        # a label's value inside a press contact block (boilerplate's)
        (f"{_TOP}{_BODY}\nMedia contact:\nBy:\nJo Roe\nTel: +1 888 387 2818\n", "Jo Roe", "byline"),
        # a time label's value that reads as a name under the headline (byline's)
        (f"{_TOP}Updated:\nJo HART\n\n{_BODY}", "Jo HART", "timestamp"),
    ],
)
def test_a_line_two_phrase_rules_would_take_goes_as_when_one_rule_took_both(
    dump: str, line: str, kind: str
) -> None:
    """Issue 18: boilerplate made these kinds in one pass, the label's value first; split
    into rules, the value is still its label's rule's, with the same reason."""
    removals = {r.text.strip(): r for r in clean_text(dump).removals}
    assert removals[line].kind == kind
    assert removals[line].reason.startswith("the value of the label")


def _documents() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    return texts + [read_case(p).input for p in sorted(CASES.glob("*/*.txt"))]


def test_each_rule_alone_makes_only_its_kinds() -> None:
    documents = _documents()
    seen: set[str] = set()
    for name, rule in RULES.items():
        fullpage = "on" if name == "chrome" else "auto"
        # The rule alone (a config naming boilerplate runs the rules split out of it too:
        # its spans are asked for here). The line model (kind noise) is no rule.
        config = Config(rules=(name,), fullpage=fullpage, line_model=False)
        made = {
            r.kind for text in documents for r in rule.find(analyse_rules(text, config=config).ctx)
        }
        assert made <= set(rule.kinds), name
        seen |= made
    # The runs reach every kind but the one that needs a corpus of a site's pages.
    assert seen == set(rules_by_kind()) - {"site_boilerplate"}


def test_no_result_carries_the_internal_title_kind() -> None:
    for text in _documents():
        assert not {r.kind for r in clean_text(text).removals} & INTERNAL_KINDS


def test_case_files_use_declared_kinds() -> None:
    used = {kind for p in CASES.glob("*/*.txt") for kind in read_case(p).kinds}
    assert used <= set(rules_by_kind())


def test_cleaner_rules_lists_every_kind_with_its_rules() -> None:
    """Issue 16 item 15: byline, timestamp, bare_url and comments were not listed."""
    listed = CliRunner().invoke(app, ["rules"])
    assert listed.exit_code == 0
    lines = [line.strip() for line in listed.output.splitlines()]
    for kind, names in rules_by_kind().items():
        assert f"{kind}: {', '.join(names)}" in lines, kind
    for kind in ("byline", "timestamp", "bare_url", "comments"):
        assert kind in rules_by_kind()


def test_no_kind_is_made_by_two_rules() -> None:
    """Issue 18: copyright's footer lines were kind boilerplate, promo_headlines' were
    related_links: a kind did not say which rule took a line."""
    assert all(len(names) == 1 for names in rules_by_kind().values()), rules_by_kind()
    assert rules_by_kind()["footer"] == ["copyright"]
    assert rules_by_kind()["promo_headlines"] == ["promo_headlines"]


def test_every_kind_has_a_colour_of_its_own_in_the_html_report() -> None:
    """Issue 18: promo_headlines' removals (kind related_links before) got the
    fallback grey once they carried their own kind."""
    from cleaner.report.page import KIND_COLOURS

    kinds = set(rules_by_kind())
    assert kinds <= set(KIND_COLOURS)
    colours = [KIND_COLOURS[kind] for kind in kinds]
    assert len(set(colours)) == len(colours)


def test_the_headlines_copy_counts_toward_the_template_guard_when_nobody_takes_it() -> None:
    """With `duplicate_headline` off, the headline's copy stays: it is a fifth repeated
    line again, and the page is read as a template, as before 83b9e79 (a review of it)."""
    case = read_case(CASES / "repeated_block" / "article_printed_twice_under_its_headline.txt")
    rules = tuple(r for r in ALL_RULES if r != "duplicate_headline")
    cleaned = clean_text(case.input, config=Config(rules=rules, line_model=False))
    assert not [r for r in cleaned.removals if r.kind == "repeated_block"]
    assert cleaned.text == case.input
