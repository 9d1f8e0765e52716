"""A synthetic population of applicants, for impact analysis, benchmarks and the demo report.

Figures from the programme chapter (../shared/reference/impulsa-peru-chapter.txt)
are used where it gives them; everything else is an assumption, stated in
ASSUMPTIONS and printed by `python -m rules population --assumptions`.
The same seed always gives the same population.
"""

from __future__ import annotations

import random

# From the chapter, "Impacts of the Impulsa Perú Programme" (Sept 2011 - Dec 2015, 53,531 people).
SHARE_UNDER_30 = 0.43  # 22,031 below 30, 29,257 adults
PRIORITY_GROUPS = {  # participants from vulnerable populations
    "fisher": 4580 / 53531,
    "vrae_resident": 1100 / 53531,
    "released_prisoner": 355 / 53531,
    "returning_migrant": 305 / 53531,
}
SHARE_DISABILITY = 467 / 53531
# Participation by service line (Tableau 8.3): 32,223 job placement, 3,545 self-employment, 13,070 certification.
GOALS = {"job": 32223, "own_business": 3545, "certify_skills": 13070, "unsure": 5000}
# Zone units (11) plus Lima; other regions served too ("17 Regions" in 2015, "24 Regions" over 2011-15).
ZONE_REGIONS = [
    "ancash",
    "arequipa",
    "cusco",
    "ica",
    "junin",
    "la_libertad",
    "lambayeque",
    "piura",
    "puno",
    "san_martin",
    "tacna",
    "lima",
]
OTHER_REGIONS = [
    "amazonas",
    "apurimac",
    "ayacucho",
    "cajamarca",
    "callao",
    "huancavelica",
    "huanuco",
    "loreto",
    "madre_de_dios",
    "moquegua",
    "pasco",
    "tumbes",
    "ucayali",
]
PROFILES_SAMPLE = [
    "carpintero_industrial",
    "confeccionista_tejido_punto",
    "evaluador_fitosanitario",
    "operario_limpieza",
    "confeccionista_tejido_plano",
    "cortador_patronista",
    "electricista_edificaciones",
    "bordador",
    "tejedor_fibra_alpaca",
    "estampador_prendas",
    "cosechador_esparrago",
]
OTHER_TRADES = ["gasfitero", "panadero", "mototaxista", "vendedor", "albanil", "cocinera", "mecanico"]

ASSUMPTIONS = """\
From the chapter: 43% under 30; priority groups at their shares of participants
(fishers 8.6%, VRAE 2.1%, released prisoners 0.7%, returning migrants 0.6%);
disability at 0.9%; goals in proportion to participants by service line (job
placement 32,223, self-employment 3,545, certification 13,070), plus about 10% unsure.
Assumed (the chapter gives no figure): ages 18-29 uniform for the under-30s and
30-64 uniform for the others, plus 2% aged 15-17; employment 45% unemployed, 40%
underemployed, 10% at risk, 5% employed; schooling centred on incomplete/complete
secondary (primary complete 15%, secondary incomplete 25%, secondary complete 35%,
others smaller), reflecting 'people whose level of education is low or who have
incomplete secondary schooling'; monthly income lognormal around PEN 900 (the
minimum wage of the period was below PEN 1,000) with about 15% at or above
PEN 1,500; 80% heads of household, of whom 90% have 1-4 children; work experience
0-25 years; 60% of those who want certification work in a certifiable trade;
two thirds of people with a disability hold the certificate; regions: 75% in
the 12 zone-unit regions, 25% elsewhere. Not used: the chapter's 56% men / 44%
women, because sex is not a fact of the engine and the assistant never asks it."""

EDUCATION = {
    "none": 0.03,
    "primary_incomplete": 0.07,
    "primary_complete": 0.15,
    "secondary_incomplete": 0.25,
    "secondary_complete": 0.35,
    "higher_incomplete": 0.10,
    "higher_complete": 0.05,
}
EMPLOYMENT = {"unemployed": 0.45, "underemployed": 0.40, "at_risk": 0.10, "employed": 0.05}


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def applicant(rng: random.Random) -> dict:
    """One applicant's facts (every fact known)."""
    roll = rng.random()
    if roll < 0.02:
        age = rng.randint(15, 17)
    elif roll < SHARE_UNDER_30:
        age = rng.randint(18, 29)
    else:
        age = rng.randint(30, 64)
    goal = _pick(rng, GOALS)
    head = rng.random() < 0.80
    disability = rng.random() < SHARE_DISABILITY
    experience = round(rng.uniform(0, min(25, max(age - 16, 0))), 1)
    trade_pool = (
        PROFILES_SAMPLE if (goal == "certify_skills" and rng.random() < 0.6) or rng.random() < 0.15 else OTHER_TRADES
    )
    facts = {
        "age": age,
        "employment_status": _pick(rng, EMPLOYMENT),
        "education": _pick(rng, EDUCATION),
        "household_head": head,
        "monthly_income": round(min(rng.lognormvariate(6.8, 0.45), 20000), 2),
        "has_disability": disability,
        "work_experience_years": experience,
        "occupation": rng.choice(trade_pool),
        "occupation_experience_years": round(rng.uniform(0, experience), 1),
        "goal": goal,
        "region": rng.choice(ZONE_REGIONS) if rng.random() < 0.75 else rng.choice(OTHER_REGIONS),
    }
    if head:
        facts["children"] = rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 0])
    if disability:
        facts["disability_certificate"] = rng.random() < 2 / 3
    groups = [group for group, share in PRIORITY_GROUPS.items() if rng.random() < share]
    if groups:
        facts["priority_group"] = groups
    return facts


def population(size: int = 10_000, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    return [applicant(rng) for _ in range(size)]
