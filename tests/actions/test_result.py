"""The result says each component's status and why, the recommendation, the centre and referrals: every line."""

import datetime as dt

import pytest

from actions.dialogue.turn import Conversation, Incoming, Turn
from actions.result import show, understood
from actions.slots import decide

pytestmark = pytest.mark.usefixtures("kb")
ELIGIBLE = {"age": 35, "employment_status": "unemployed", "education": "secondary_complete", "household_head": True,
            "children": 2, "monthly_income": 900, "has_disability": False, "consent": True}
CHICLAYO = {"name": "Chiclayo", "kind": "province", "lat": -6.7714, "lon": -79.8409}
TODAY_ES = dt.date.today().strftime("%d/%m/%Y")
CLOSING_ES = ("Es una orientación según las reglas del programa; la postulación se hace en el centro de empleo. "
              "Puedes corregir cualquier respuesta (por ejemplo 'me equivoqué, tengo 45') o preguntarme lo que "
              "quieras.")
ASK_PLACE_ES = "Si me dices en qué distrito o provincia vives, te digo cuál es tu centro de empleo más cercano."


def result(**slots) -> list[str]:
    """The result's messages after the 'Entendí' line, which must come first and say these answers (its
    own wording is checked in test_the_understood_line_says_every_answer_in_plain_words)."""
    turn = Turn(Conversation(slots=slots), Incoming())
    show(turn, decide(turn))
    said = [m.text for m in turn.messages]
    place = slots.get("place")
    assert said[0] == understood(slots, slots.get("language") or "es", place["name"] if place else None)
    return said[1:]


def test_eligible_applicant_hears_statuses_recommendation_and_centre():
    assert result(**ELIGIBLE, work_experience_years=0, goal="own_business", place=CHICLAYO) == [
        f"Este es tu resultado, según las reglas del programa vigentes al {TODAY_ES}:",
        "✅ Capacitación para la Inserción Laboral: calificas.\n"
        "• Tienes 35 años, y las capacitaciones son para personas de 30 a 59 años.",
        "✅ Capacitación y Asistencia Técnica para el Autoempleo: calificas.\n"
        "• Tienes 35 años, y las capacitaciones son para personas de 30 a 59 años.",
        "❌ Certificación de Competencias Laborales (CCL): no calificas.\n"
        "• Se pide al menos 2 años de trabajo para certificarte, y tienes 0.",
        # No disability: the certificate is not among what they meet.
        "También cumples lo que se pide en todo el programa: edad, estudios, situación laboral, ingreso mensual, "
        "jefe/a de hogar y hijos en el hogar.",
        "👉 Te recomiendo: Capacitación y Asistencia Técnica para el Autoempleo. Es para quien quiere crear su "
        "propio negocio o mejorar el que ya tiene, en manufactura, comercio o servicios. Te dan orientación, clases "
        "y apoyo técnico.",
        "📍 Tu centro de empleo más cercano: Unidad Zonal Lambayeque, en Chiclayo (a menos de 2 km de Chiclayo).",
        CLOSING_ES,
    ]


def test_a_general_failure_is_said_once_with_its_reason_and_referrals_follow():
    assert result(**{**ELIGIBLE, "age": 22, "employment_status": "employed"}) == [
        f"Este es tu resultado, según las reglas del programa vigentes al {TODAY_ES}:",
        "No cumples algo que se pide en todo el programa:\n"
        "• El programa es para quien está desempleado/a, subempleado/a (trabajo eventual o de pocos ingresos) "
        "o en riesgo de perder el empleo. Tú estás con empleo adecuado.",
        "❌ Capacitación para la Inserción Laboral: no calificas.\n"
        "• Las capacitaciones son para personas de 30 a 59 años; tienes 22.",
        "❌ Capacitación y Asistencia Técnica para el Autoempleo: no calificas.\n"
        "• Las capacitaciones son para personas de 30 a 59 años; tienes 22.",
        "❌ Certificación de Competencias Laborales (CCL): no calificas.",
        "Por ahora no calificas para ningún componente de Impulsa Perú.",
        "Te pueden ayudar:",
        "➡️ Centro de Empleo: Para postular o pedir información en persona, y para conocer los otros programas "
        "de empleo del MTPE cuando Impulsa Perú no se ajusta a su caso.",
        "➡️ Jóvenes Productivos: Cuando Impulsa Perú no se ajusta a su caso: pregunte en su Centro de Empleo si "
        "este programa le corresponde.",
        ASK_PLACE_ES,
        CLOSING_ES,
    ]


def test_english_result_uses_english_reasons():
    today = dt.date.today().isoformat()
    assert result(**{**ELIGIBLE, "monthly_income": 2000, "language": "en"}) == [
        f"Here is your result, under the programme's rules in force on {today}:",
        "You don't meet something the whole programme asks for:\n"
        "• You earn PEN 2000 a month, and the programme asks for less than PEN 1500.",
        "❌ Training for Work Placement: you don't qualify.",
        "❌ Training and Technical Assistance for Self-employment: you don't qualify.",
        "❌ Job Skills Certification (CCL): you don't qualify.",
        "For now you don't qualify for any Impulsa Perú component.",
        "These can help you instead:",
        "➡️ Employment Centre: To apply or ask in person, and to learn about the MTPE's other employment "
        "programmes when Impulsa Perú does not fit your case.",
        "If you tell me which district or province you live in, I'll tell you your nearest employment centre.",
        "This is guidance based on the programme's rules; you apply at the employment centre. You can correct "
        "any answer (for example 'I'm actually 45') or ask me anything.",
    ]


def test_known_address_is_shown_and_unknown_contact_fields_are_not_invented():
    lima = {"name": "Jesús María", "kind": "district", "lat": -12.07, "lon": -77.04}
    lines = result(**{**ELIGIBLE, "employment_status": "employed"}, place=lima)
    centre = [line for line in lines if line.startswith("📍")]
    assert centre == ["📍 Tu centro de empleo más cercano: Sede central de Impulsa Perú, en Lima (a menos de 1 km "
                      "de Jesús María)."]
    assert lines[lines.index(centre[0]) + 1] == "Dirección: Av. Salaverry 655, Jesús María, Lima"
    assert not any(line.startswith(("Teléfono:", "Horario:")) for line in lines)


def test_a_certified_disability_is_among_what_they_meet_and_a_trade_is_named_and_years_counted():
    lines = result(**{**ELIGIBLE, "has_disability": True, "disability_certificate": True, "work_experience_years": 1,
                      "occupation": "carpintero_industrial", "occupation_experience_years": 1,
                      "goal": "certify_skills", "language": "en"})
    assert lines[3:5] == [
        "❌ Job Skills Certification (CCL): you don't qualify.\n"
        "• To be certified you need at least 2 years of work; you have 1.",
        "You also meet what all parts ask for: age, schooling, work situation, monthly income, head of household, "
        "children at home and disability certificate.",
    ]
    eligible = result(**{**ELIGIBLE, "work_experience_years": 3, "occupation": "carpintero_industrial",
                         "occupation_experience_years": 1, "goal": "certify_skills"})
    assert eligible[3] == ("✅ Certificación de Competencias Laborales (CCL): calificas.\n"
                           "• Tienes 3 años de experiencia de trabajo (se pide al menos 2).\n"
                           "• Tu oficio (Carpintero industrial) es uno de los que el programa certifica.\n"
                           "• Tienes 1 año en tu oficio (se pide al menos 1).")


def test_a_distance_is_said_as_people_say_it():
    from actions.centres import distance_words

    turn = Turn(Conversation(slots={}), Incoming())
    assert [distance_words(turn, km) for km in (0.2, 1.2, 1.6, 12.4)] == [
        "a menos de 1 km", "a menos de 2 km", "a unos 2 km", "a unos 12 km"]


def test_the_understood_line_says_every_answer_in_plain_words():
    facts = {"age": 41, "education": "secondary_complete", "employment_status": "unemployed",
             "monthly_income": 950.0, "household_head": True, "children": 1, "has_disability": True,
             "disability_certificate": False, "work_experience_years": 12, "occupation": "bordador",
             "occupation_experience_years": 1, "goal": "certify_skills"}
    assert understood(facts, "es", place="Chiclayo") == (
        "Entendí: 41 años, secundaria completa, desempleado/a, S/ 950 al mes, jefe o jefa de hogar, 1 hijo, con una "
        "discapacidad, sin certificado de discapacidad, 12 años de trabajo, oficio: Bordador, 1 año en tu oficio, "
        "quieres: certificar mi oficio, vives en Chiclayo.")
    assert understood({**facts, "household_head": False, "children": 0, "has_disability": False,
                       "disability_certificate": None, "occupation": "gasfitero", "monthly_income": 1234.5}, "en") == (
        "I understood: 41 years old, secondary school, complete, unemployed, PEN 1234.50 a month, not head of "
        "household, no children, no disability, 12 years of work, trade: gasfitero, 1 year in your trade, you want "
        "to: certify my trade.")
    assert understood({"age": 30}, "es") == "Entendí: 30 años."
    assert understood({}, "es") == ""
