"""Impulsa Perú knowledge base: courses, profiles, centres, programmes and FAQs in SQLite.

Maintainers edit the YAML files in knowledge/sources/ and run `python -m knowledge build`;
the chatbot's actions call the functions re-exported here (see knowledge/api.py).
Importing the package opens nothing: the database is read on the first call.
"""

from .api import (
    DatabaseMissing,
    KnowledgeBaseError,
    UnknownPlace,
    centre,
    centres,
    certifiable_profile_ids,
    component,
    components,
    courses,
    faq,
    nearest,
    occupation_candidates,
    occupation_ruled_out,
    occupation_to_profile,
    place_names,
    profile,
    profiles,
    programme,
    programmes,
    resolve_place,
    search,
    use_database,
)

__all__ = [
    "centre", "centres", "certifiable_profile_ids", "component", "components", "courses", "DatabaseMissing", "faq",
    "KnowledgeBaseError", "nearest", "occupation_candidates", "occupation_ruled_out", "occupation_to_profile",
    "place_names", "profile", "profiles", "programme", "programmes", "resolve_place", "search", "UnknownPlace",
    "use_database",
]
