"""Classes of messages the held-out sets showed going wrong, each with examples of our own wording
(never the held-out texts; tests/understanding/test_independence.py checks): whole readings."""

from __future__ import annotations

import pytest

from tests.understanding.conftest import read

# (text, asked, facts, place)
CLASSES = {
    # a bare "N años" followed by another item, a vocative or "cumplidos", with no comma
    "age_before_more": [
        ("40 años 2 hijos y gano 800", None, {"age": 40, "children": 2, "monthly_income": 800}, None),
        ("treinta y ocho años joven", None, {"age": 38}, None),
        ("cincuenta años ya cumplidos", None, {"age": 50}, None),
    ],
    # tens and units typed as one word
    "joined_number_words": [
        ("tengo treintaicinco años", None, {"age": 35}, None),
        ("cincuentaiuno años y 3 hijos", None, {"age": 51, "children": 3}, None),
        ("twentyfive", "age", {"age": 25}, None),
    ],
    # a zero answer that holds the word "un"
    "zero_with_an_article": [
        ("ni un centimo", "monthly_income", {"monthly_income": 0}, None),
        ("no gano ni un sol", None, {"monthly_income": 0}, None),
        ("gano nada, me botaron", None, {"monthly_income": 0, "employment_status": "unemployed"}, None),
        ("nada por ahora", "monthly_income", {"monthly_income": 0}, None),
    ],
    # "son" is Spanish for "they are", not only English for a son
    "son_is_spanish_too": [
        ("perdon, me confundi con la edad, son 47", None, {"age": 47}, None),
        ("I have two sons", None, {"children": 2}, None),
    ],
    # a trade, where or how, then its years after a comma
    "trade_then_years": [
        ("albañil en construccion, 8 años", None, {"occupation": "albañil", "occupation_experience_years": 8}, None),
        ("costurera de siempre, como 15 años", None,
         {"occupation": "confeccionista_tejido_plano", "occupation_experience_years": 15}, None),
        ("mi chamba es de soldador en una fabrica, 6 años ya", None,
         {"occupation": "soldador", "occupation_experience_years": 6}, None),
    ],
    # years near the trade, in the next clause
    "years_near_the_trade": [
        ("soy carpintero, armo roperos hace 9 años", None,
         {"occupation": "carpintero_industrial", "occupation_experience_years": 9}, None),
        ("I'm a welder, been at it 11 years", None, {"occupation": "welder", "occupation_experience_years": 11}, None),
    ],
    # the years in a trade after the years in all, without the unit again
    "years_in_all_then_in_trade": [
        ("tengo 18 años de experiencia y 7 como gasfitero", None,
         {"work_experience_years": 18, "occupation": "gasfitero", "occupation_experience_years": 7}, None),
        ("I worked 20 years in total, the last 4 as a cook", None,
         {"work_experience_years": 20, "occupation": "cook", "occupation_experience_years": 4}, None),
    ],
    # a more specific profile named after a generic one
    "specific_trade_wins": [
        ("trabajo en confecciones, hago polos con recubridora", None, {"occupation": "confeccionista_tejido_punto"},
         None),
        ("coso en un taller de tejido de punto", None, {"occupation": "confeccionista_tejido_punto"}, None),
    ],
    # a trade with what it is of
    "trade_with_complement": [
        ("soy vendedor de ropa", None, {"occupation": "vendedor de ropa"}, None),
        ("trabajo como profesora de primaria", None, {"occupation": "profesora de primaria"}, None),
    ],
    # odd jobs in a trade
    "odd_jobs_in_a_trade": [
        ("hago cachuelos de gasfitero", None, {"employment_status": "underemployed", "occupation": "gasfitero"}, None),
        ("chambitas de vez en cuando nomas", None, {"employment_status": "underemployed"}, None),
        ("trabajo solo los fines de semana", None, {"employment_status": "underemployed"}, None),
    ],
    "pay_below_minimum": [
        ("gano menos del sueldo minimo", None, {"employment_status": "underemployed"}, None),
        ("gano poco, unos 650", None, {"employment_status": "underemployed", "monthly_income": 650}, None),
    ],
    "payroll": [
        ("trabajo en una fabrica en planilla", None, {"employment_status": "employed"}, None),
        ("trabajo sin planilla en un taller", None, {"employment_status": "underemployed"}, None),
    ],
    "at_risk": [
        ("nos van a despedir a fin de mes", None, {"employment_status": "at_risk"}, None),
        ("el taller esta por cerrar", None, {"employment_status": "at_risk"}, None),
        ("the factory is shutting down", None, {"employment_status": "at_risk"}, None),
        ("I will probably lose my job", None, {"employment_status": "at_risk"}, None),
    ],
    "some_secondary": [
        ("hice algo de secundaria", None, {"education": "secondary_incomplete"}, None),
        ("termine la primaria y un poco de secundaria", None, {"education": "secondary_incomplete"}, None),
        ("primaria completita", "education", {"education": "primary_complete"}, None),
    ],
    "duration_before_the_verb": [
        ("dos años nomas he trabajado", None, {"work_experience_years": 2}, None),
        ("I worked 9 years", None, {"work_experience_years": 9}, None),
    ],
    "torn_between_goals": [
        ("no se bien lo que quiero", None, {"goal": "unsure"}, None),
        ("tal vez estudiar o tal vez trabajar", None, {"goal": "unsure"}, None),
    ],
    "where_the_home_is": [
        ("mi casa queda en Ate", None, {}, "Ate"),
        ("I'm a baker from Piura", None, {"occupation": "baker"}, "Piura"),
        ("bordo manteles desde niña", None, {"occupation": "bordador"}, None),
    ],
    "no_with_thanks_to_god": [
        ("no, felizmente, gracias a dios", "has_disability", {"has_disability": False}, None),
    ],
    "certificate_not_yet": [
        ("el carnet todavia no lo tengo", None, {"disability_certificate": False}, None),
        ("aun no lo saco", "disability_certificate", {"disability_certificate": False}, None),
        ("I have my CONADIS certificate", None, {"disability_certificate": True, "has_disability": True}, None),
    ],
    # the job named first, then as a pronoun, or dismissal expected any day
    "at_risk_in_other_words": [
        ("tengo chamba pero la puedo perder", None, {"employment_status": "at_risk"}, None),
        ("sigo trabajando pero me van a cesar a fin de mes", None, {"employment_status": "at_risk"}, None),
        ("estoy en una empresa, pero cualquier dia me botan", None, {"employment_status": "at_risk"}, None),
        ("I have a job but I might lose it soon", None, {"employment_status": "at_risk"}, None),
        ("me pueden cesar en cualquier momento", "employment_status", {"employment_status": "at_risk"}, None),
    ],
    # a negated disability with "any", "no", or as "a person with a disability"
    "no_disability_in_other_words": [
        ("I don't have any disabilities", "has_disability", {"has_disability": False}, None),
        ("no disabilities", "has_disability", {"has_disability": False}, None),
        ("I'm not a person with a disability", None, {"has_disability": False}, None),
        ("no soy persona con discapacidad", None, {"has_disability": False}, None),
    ],
    # a disability named by its kind, or by what the applicant lost or uses
    "disability_by_kind": [
        ("I have a severe visual impairment", None, {"has_disability": True}, None),
        ("tengo discapacidad auditiva", None, {"has_disability": True}, None),
        ("perdi una mano en un accidente", None, {"has_disability": True}, None),
        ("I walk with a cane", "has_disability", {"has_disability": True}, None),
    ],
    # the age before the verb
    "age_said_first": [
        ("42 años tengo señorita", "age", {"age": 42}, None),
        ("29 años ya tengo", None, {"age": 29}, None),
        ("8 años tengo de experiencia", "work_experience_years", {"work_experience_years": 8}, None),
    ],
    # "I'm N" is an age, whatever number was asked, corrected or not
    "explicit_age_beats_the_asked_number": [
        ("oops, I'm 41 now", "work_experience_years", {"age": 41}, None),
        ("I'm 27", "children", {"age": 27}, None),
        ("my mistake, I am 52", "monthly_income", {"age": 52}, None),
        ("perdon, tengo 33 años ahora", "children", {"age": 33}, None),
    ],
    # what comes in each month, by other verbs
    "income_verbs": [
        ("cobro unos 1100 al mes", None, {"monthly_income": 1100}, None),
        ("me entran 750 soles", None, {"monthly_income": 750}, None),
        ("no cobro nada", "monthly_income", {"monthly_income": 0}, None),
        ("I make nothing", "monthly_income", {"monthly_income": 0}, None),
    ],
    # no work experience: never had a job, looking for the first one
    "no_experience_yet": [
        ("jamas he tenido empleo", "work_experience_years", {"work_experience_years": 0}, None),
        ("it would be my first job", "work_experience_years", {"work_experience_years": 0}, None),
        ("I haven't worked yet", "work_experience_years", {"work_experience_years": 0}, None),
        ("sin experiencia laboral", None, {"work_experience_years": 0}, None),
    ],
    # no schooling at all; "sin estudios superiores" is not that
    "no_schooling": [
        ("no tengo ningun estudio", "education", {"education": "none"}, None),
        ("I have no schooling", None, {"education": "none"}, None),
        ("nunca pise la escuela", "education", {"education": "none"}, None),
        ("sin estudios superiores, solo secundaria", "education", {"education": "secondary_complete"}, None),
    ],
    # ", en ..." after a filler names no place: it keeps no number from the income
    "no_place_after_a_comma": [
        ("mire, en el mes junto 1250 soles", "monthly_income", {"monthly_income": 1250}, None),
        ("oiga, en el mes me entran como 700", None, {"monthly_income": 700}, None),
        ("soy de Piura, en el mes gano 900", None, {"monthly_income": 900}, "Piura"),
        ("ya, en la semana saco 300 soles", "monthly_income", {}, None),
    ],
    # asked the goal, asking for advice is being unsure; a question about the programme is not
    "advice_asked_for_is_unsure": [
        ("la verdad no se, usted que me recomienda?", "goal", {"goal": "unsure"}, None),
        ("what would you suggest for me?", "goal", {"goal": "unsure"}, None),
        ("which one is best for me?", "goal", {"goal": "unsure"}, None),
        ("cuanto dura el curso?", "goal", {}, None),
    ],
    # the answer in one clause, beside a question or an explanation
    "answer_in_one_clause": [
        ("cual certificado? ese no lo tengo", "disability_certificate", {"disability_certificate": False}, None),
        ("no me lo dan todavia, sigo esperando", "disability_certificate", {"disability_certificate": False}, None),
        ("I haven't got it yet, they are processing it", "disability_certificate",
         {"disability_certificate": False}, None),
        ("si lo tengo, del minsa", "disability_certificate", {"disability_certificate": True}, None),
        ("nada de eso, gracias a dios", "has_disability", {"has_disability": False}, None),
        ("nothing like that, thanks", "has_disability", {"has_disability": False}, None),
        ("que es conadis?", "disability_certificate", {}, None),
    ],
    # higher education not finished: by its verdict, by cycles or semesters, still studying
    "higher_unfinished": [
        ("tengo estudios universitarios incompletos", None, {"education": "higher_incomplete"}, None),
        ("estudie en sencico pero no termine", None, {"education": "higher_incomplete"}, None),
        ("llegue al 6to ciclo del instituto y me retire", None, {"education": "higher_incomplete"}, None),
        ("I'm studying at a university, fourth semester", None, {"education": "higher_incomplete"}, None),
        ("I did two semesters at college then stopped", None, {"education": "higher_incomplete"}, None),
        ("incomplete technical career", "education", {"education": "higher_incomplete"}, None),
        ("technical studies, not completed", "education", {"education": "higher_incomplete"}, None),
        ("I have not finished college", None, {"education": "higher_incomplete"}, None),
    ],
    "higher_finished": [
        ("curse 10 ciclos en la universidad y me titule", None, {"education": "higher_complete"}, None),
        ("tengo mi titulo de contador", None, {"education": "higher_complete"}, None),
        ("licenciado en educacion", "education", {"education": "higher_complete"}, None),
        ("university graduate", "education", {"education": "higher_complete"}, None),
        ("I've got a university degree", None, {"education": "higher_complete"}, None),
        ("I completed my technical studies", None, {"education": "higher_complete"}, None),
    ],
    # school finished or not, in the words of Spanish speakers writing English too; a wish is neither
    "school_finished_or_not": [
        ("hice toda la primaria y ya", None, {"education": "primary_complete"}, None),
        ("I did all of elementary, then I worked", None, {"education": "primary_complete"}, None),
        ("complete primary", "education", {"education": "primary_complete"}, None),
        ("me falto cuarto de secundaria", None, {"education": "secondary_incomplete"}, None),
        ("secondary school, incomplete", "education", {"education": "secondary_incomplete"}, None),
        ("I went to high school but had to quit", None, {"education": "secondary_incomplete"}, None),
        ("only until fourth grade of primary", "education", {"education": "primary_incomplete"}, None),
        ("I did not finish the elementary", None, {"education": "primary_incomplete"}, None),
        ("I finish the high school", "education", {"education": "secondary_complete"}, None),
        ("high school, and complete", "education", {"education": "secondary_complete"}, None),
        ("I want to finish high school", None, {}, None),
        ("I want to complete primary school", "education", {}, None),
    ],
    # no children in the household: said first, grown up and gone, Spanish speakers' English
    "no_children_at_home": [
        ("hijos todavia no tengo", "children", {"children": 0}, None),
        ("no tengo chiquitas", "children", {"children": 0}, None),
        ("I no have kids", "children", {"children": 0}, None),
        ("nobody at home", "children", {"children": 0}, None),
        ("tengo dos hijas pero ya no viven conmigo", None, {"children": 0}, None),
        ("my sons are older and no longer live with me", None, {"children": 0}, None),
        ("tengo 2 chiquitos", "children", {"children": 2}, None),
    ],
    "no_schooling_in_english": [
        ("I haven't studied", "education", {"education": "none"}, None),
        ("no education at all", "education", {"education": "none"}, None),
        ("ninguna, nunca me mandaron al colegio", "education", {"education": "none"}, None),
        ("ninguna, termine la secundaria", "education", {"education": "secondary_complete"}, None),
    ],
    # the trade named before, as "eso", "it"
    "years_in_the_trade_named_before": [
        ("4 años en eso", "occupation_experience_years", {"occupation_experience_years": 4}, None),
        ("6 years doing it", "occupation_experience_years", {"occupation_experience_years": 6}, None),
    ],
    "zero_for_now": [
        ("zero for now", "monthly_income", {"monthly_income": 0}, None),
    ],
    "english_as_spanish_speakers_write_it": [
        ("I have 33 years and two kids", None, {"age": 33, "children": 2}, None),
        ("me 52 years, no job now", None, {"age": 52, "employment_status": "unemployed"}, None),
        ("earn 900 a month", None, {"monthly_income": 900}, None),
        ("I'm head of my home", None, {"household_head": True}, None),
    ],
}
CASES = [(kind, *case) for kind, cases in CLASSES.items() for case in cases]


@pytest.mark.parametrize(("kind", "text", "asked", "facts", "place"), CASES,
                         ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_class(kind, text, asked, facts, place):
    read(text, asked=asked, facts=facts, place=place)


@pytest.mark.parametrize("text", ["sorry, I'm 36 now", "my bad, I am 36"])
def test_a_corrected_age_is_an_age_at_another_number_question(text):
    read(text, asked="work_experience_years", facts={"age": 36}, correction=True)


@pytest.mark.parametrize("text", ["me equivoqué, tengo 44", "perdon tengo 44", "corrijo: tengo 44",
                                  "ay no, son 44 años", "disculpe, me confundi, 44 años"])
@pytest.mark.parametrize("asked", ["children", "education", "goal"])
def test_a_corrected_tengo_n_that_cannot_answer_the_question_is_the_age(text, asked):
    read(text, asked=asked, facts={"age": 44}, correction=True)


@pytest.mark.parametrize(("text", "asked", "facts"), [
    # a number that fits the question asked answers it, even in a correction
    ("me equivoque, tengo 4", "children", {"children": 4}),
    ("perdon, son 2", "children", {"children": 2}),
    # 30 years of work or 30 of age: the question asked decides (the bot reads the answer back)
    ("perdón, tengo 30", "work_experience_years", {"work_experience_years": 30}),
    ("perdón, tengo 30", "children", {"age": 30}),  # no household has 30 children
    # a number that fits neither says nothing, nor does a negated one
    ("me equivoque, tengo 7", "goal", {}),
    ("me equivoque, no tengo 44", "children", {}),
])
def test_a_corrected_number_that_fits_the_question_answers_it(text, asked, facts):
    read(text, asked=asked, facts=facts, correction=True)


@pytest.mark.parametrize(("text", "answer"), [
    ("mejor no", False), ("no quiero", False), ("rather not", False), ("n", False),
    ("sale", True), ("go ahead", True), ("y", True),
])
def test_bare_yes_and_no_in_other_words(text, answer):
    read(text, asked="consent", yes_no=answer)
    read(text, asked="household_head", facts={"household_head": answer}, yes_no=answer)
