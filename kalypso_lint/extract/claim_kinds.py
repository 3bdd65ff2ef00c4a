"""The kinds a structural claim reading has, and the reading itself (issue 13).

Shared by the structure finder (extract/claims.py) and its reading modules.
"""

from __future__ import annotations

from dataclasses import dataclass

DISEASE, FUNCTION, EFFICACY = "disease", "structure-function", "efficacy"
# What informational wording makes of a claim (ClaimGuards._information, claim_guards.py).
SERVICE, INFORMATION = "service", "information"
# Vocabulary categories that name a disease: a condition, or a germ (an agent).
DISEASE_TERMS = frozenset({"condition", "agent"})


@dataclass(frozen=True)
class Found:
    start: int  # token indices in the sentence
    end: int
    kind: str
    anchor: int  # the effect word, where cue scopes are measured from
    # A reading right on a product page only (seller.py): service or drug-information
    # wording on a clinic's page, a claim on a supplement's.
    products_only: bool = False


# Product-only spans carry this after their kind ("disease|products"); kl_medical keeps them
# apart from the rest (extract/medical.py).
PRODUCTS_ONLY = "|products"
