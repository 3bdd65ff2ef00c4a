"""What the site or a page sells (issue 13): `sells: products | services | auto`.

The same words are a disease claim on a supplement's page and a service or drug information
on a clinic's. Every sentence here was written for these tests, after the patterns
regulator-cited claims and real clinic pages showed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kalypso_lint.config import Settings, load_config
from kalypso_lint.errors import ConfigError
from kalypso_lint.seller import configured_sells, page_seller, product_page_cue

# Product wording: a claim when the page sells the product, a service name or drug
# information when a clinic or a pharmacy writes it.
PRODUCT_WORDING = (
    "Elderberry is used to treat the flu.",
    "Joint Pain Relief for Senior Dogs",
    "Low magnesium levels are linked to migraine attacks.",
)
# A sentence only the KL207 model reads as a claim (tests/test_possible_claims.py).
MODEL_ONLY = "Elderberry gummies give your body what it needs during cold and flu season."
# Never a finding, whatever the page sells.
NEVER = (
    "This product is not intended to diagnose, treat, cure, or prevent any disease.",
    "Our balm does not cure arthritis.",
    "Be wary of any tea that claims to cure diabetes.",
    "Ask your pharmacist before you use any syrup to treat the flu.",
)
SHOP_PAGE = """\
# Elderberry Syrup

60 capsules per bottle.

Price: $24.99

Elderberry is used to treat the flu.
"""


def _site(write: Callable[..., Path], config: str, pages: dict[str, str]) -> Path:
    write("site/claims/.keep", "")
    write("site/rules.yaml", "registry: [claims]\n" + config)
    for name, text in pages.items():
        write(f"site/{name}", text)
    return Path(write("site/.keep", "")).parent


def _findings(run_cli: Any, site: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("check", "-f", "json", "--no-cache", *args, cwd=site)
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.output)["findings"] if f["code"][:3] in ("KL2", "KL3")]


def _lines(findings: list[dict[str, Any]], path: str = "page.md") -> set[int]:
    return {f["line"] for f in findings if f["path"] == path}


def _page(*sentences: str) -> str:
    return "\n\n".join(sentences) + "\n"


# -- the setting ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["products", "services", "auto", "Products", " SERVICES "])
def test_sells_accepts_the_three_values_in_any_case(value: str) -> None:
    assert Settings.model_validate({"sells": value}).sells == value.strip().lower()
    per_file = Settings.model_validate({"per_file_sells": {"shop/**": value}}).per_file_sells
    assert per_file == {"shop/**": value.strip().lower()}


def test_sells_defaults_to_auto() -> None:
    assert Settings().sells == "auto"
    assert Settings().per_file_sells == {}


def test_a_misspelt_sells_names_the_line_and_the_three_values(
    write: Callable[..., Path],
) -> None:
    config = write("rules.yaml", "registry: [claims]\nsells: product\n")
    with pytest.raises(ConfigError) as error:
        load_config(config)
    message = str(error.value)
    assert "rules.yaml:2" in message
    assert "'product' is not one of products, services or auto" in message


def test_a_bad_per_file_sells_value_names_its_pattern(write: Callable[..., Path]) -> None:
    config = write("rules.yaml", 'per-file-sells:\n  "shop/**": shop\n')
    with pytest.raises(ConfigError, match=r"for 'shop/\*\*': 'shop' is not one of"):
        load_config(config)


def test_sells_in_pyproject(write: Callable[..., Path]) -> None:
    config = write(
        "pyproject.toml",
        '[tool.kalypso-lint]\nsells = "products"\n[tool.kalypso-lint.per-file-sells]\n"blog/*" = "services"\n',
    )
    settings = load_config(config).settings
    assert settings.sells == "products"
    assert settings.per_file_sells == {"blog/*": "services"}


def test_the_page_decides_first_then_globs_then_the_site() -> None:
    settings = Settings.model_validate(
        {"sells": "services", "per-file-sells": {"shop/*": "products", "shop/faq.md": "services"}}
    )
    assert configured_sells(settings, "blog/a.md") == ("services", "sells")
    assert configured_sells(settings, "shop/a.md") == ("products", "per-file-sells 'shop/*'")
    # The first matching pattern wins.
    assert configured_sells(settings, "shop/faq.md")[0] == "products"
    assert configured_sells(settings, "blog/a.md", None, {"sells": "products"}) == (
        "products",
        "front matter",
    )
    assert configured_sells(settings, "shop/a.md", "services", {"sells": "products"}) == (
        "services",
        "directive",
    )


# -- recognising a product page -----------------------------------------------------------


@pytest.mark.parametrize(
    "texts",
    [
        ["Supplement Facts", "Serving size 2 capsules"],
        ["Our syrup", "Add to cart"],
        ["90 vegetable capsules", "$29.99"],
        ["30 servings", "Suggested use: one scoop a day."],
    ],
)
def test_a_page_with_a_shop_structure_is_a_product_page(texts: list[str]) -> None:
    assert product_page_cue(texts) is not None
    assert page_seller(Settings(), "page.md", texts).sells == "products"


@pytest.mark.parametrize(
    "texts",
    [
        ["Botox from $12 a unit.", "Book your consultation today."],
        ["Take 2 capsules with food.", "Our physicians treat migraine."],
        ["Migraine Treatment", "Our team treats chronic headaches."],
        ["Sculpt 6 pack abs in four sessions.", "$199 a session"],
    ],
)
def test_a_clinic_page_with_prices_or_doses_stays_a_services_page(texts: list[str]) -> None:
    assert product_page_cue(texts) is None
    assert page_seller(Settings(), "page.md", texts).sells == "services"


def test_an_explicit_setting_is_never_overruled_by_the_page_structure() -> None:
    settings = Settings.model_validate({"sells": "services"})
    assert page_seller(settings, "page.md", ["Add to cart"]).sells == "services"


# -- end to end -------------------------------------------------------------------------


def test_product_wording_is_a_claim_only_when_the_site_sells_products(
    run_cli: Any, write: Callable[..., Path]
) -> None:
    page = {"page.md": _page(*PRODUCT_WORDING)}
    services = _findings(run_cli, _site(write, "sells: services\n", page))
    assert services == []
    products = _findings(run_cli, _site(write, "sells: products\n", page))
    assert _lines(products) == {1, 3, 5}
    assert {f["code"] for f in products} == {"KL205"}


def test_the_default_reads_a_shop_page_as_a_product_page(
    run_cli: Any, write: Callable[..., Path]
) -> None:
    site = _site(write, "", {"shop.md": SHOP_PAGE, "page.md": _page(PRODUCT_WORDING[0])})
    findings = _findings(run_cli, site)
    assert _lines(findings, "shop.md") == {7}
    assert _lines(findings, "page.md") == set()


def test_kl207_is_on_by_default_on_product_pages_only(
    run_cli: Any, write: Callable[..., Path]
) -> None:
    page = {"page.md": _page(MODEL_ONLY)}
    assert _findings(run_cli, _site(write, "", page)) == []
    found = _findings(run_cli, _site(write, "sells: products\n", page))
    assert [f["code"] for f in found] == ["KL207"]
    assert found[0]["severity"] == "warning"


@pytest.mark.parametrize(
    ("config", "args"),
    [("rules: {KL207: off}\n", ()), ("ignore: [KL207]\n", ()), ("", ("--ignore", "KL207"))],
)
def test_kl207_switched_off_stays_off_on_product_pages(
    run_cli: Any, write: Callable[..., Path], config: str, args: tuple[str, ...]
) -> None:
    site = _site(write, "sells: products\n" + config, {"page.md": _page(MODEL_ONLY)})
    assert _findings(run_cli, site, *args) == []


def test_per_file_sells_and_front_matter_pick_the_pages(
    run_cli: Any, write: Callable[..., Path]
) -> None:
    sentence = PRODUCT_WORDING[0]
    pages = {
        "shop/syrup.md": _page(sentence),
        "clinic/flu.md": _page(sentence),
        "clinic/store.md": "---\ntitle: Store\nsells: products\n---\n\n" + _page(sentence),
        "clinic/kit.html": "<!-- kalypso-lint: sells=products -->\n<p>" + sentence + "</p>\n",
    }
    site = _site(write, 'per-file-sells: {"shop/*": products}\n', pages)
    found = {f["path"] for f in _findings(run_cli, site)}
    assert found == {"shop/syrup.md", "clinic/store.md", "clinic/kit.html"}


def test_bad_page_settings_are_reported_not_guessed(
    run_cli: Any, write: Callable[..., Path]
) -> None:
    pages = {
        "a.md": "<!-- kalypso-lint: sells=shop -->\n\nHello.\n",
        "b.md": "---\ntitle: B\nsells: shop\n---\n\nHello.\n",
    }
    result = run_cli("check", "-f", "json", "--no-cache", cwd=_site(write, "", pages))
    problems = [f for f in json.loads(result.output)["findings"] if f["code"] == "KL904"]
    assert [(f["path"], f["line"]) for f in problems] == [("a.md", 1), ("b.md", 3)]
    assert "sells= needs one of products, services or auto" in problems[0]["message"]
    assert "front matter sells: 'shop'" in problems[1]["message"]


@pytest.mark.parametrize("sells", ["products", "services"])
def test_disclaimer_negation_and_advice_never_fire_whatever_the_site_sells(
    run_cli: Any, write: Callable[..., Path], sells: str
) -> None:
    site = _site(write, f"sells: {sells}\n", {"page.md": _page(*NEVER)})
    assert _findings(run_cli, site) == []


def test_doctors_and_drug_indications_stay_information_on_a_product_page(
    run_cli: Any, write: Callable[..., Path]
) -> None:
    page = {
        "page.md": _page(
            "Our physicians treat asthma in children.",
            "Oseltamivir is used to treat the flu.",
            "We help relieve joint pain.",
        )
    }
    found = _findings(run_cli, _site(write, "sells: products\n", page), "--ignore", "KL207")
    assert _lines(found) == {5}
