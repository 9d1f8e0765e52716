"""The result says each component's status and why, the recommendation, the centre and referrals: every line."""

import datetime as dt

import pytest

from actions.dialogue.turn import Conversation, Incoming, Turn
from actions.result import show
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
    turn = Turn(Conversation(slots=slots), Incoming())
    show(turn, decide(turn))
    return [m.text for m in turn.messages]


def test_eligible_applicant_hears_statuses_recommendation_and_centre():
    assert result(**ELIGIBLE, work_experience_years=0, goal="own_business", place=CHICLAYO) == [
        f"Este es tu resultado, según las reglas del programa vigentes al {TODAY_ES}:",
        "✅ Capacitación para la Inserción Laboral: calificas.\n"
        "• Tu edad (35) está dentro del rango de las capacitaciones: de 30 a 59 años.",
        "✅ Capacitación y Asistencia Técnica para el Autoempleo: calificas.\n"
        "• Tu edad (35) está dentro del rango de las capacitaciones: de 30 a 59 años.",
        "❌ Certificación de Competencias Laborales (CCL): no calificas.\n"
        "• Para certificarte se piden al menos 2 años de experiencia laboral; tienes 0.",
        "Además cumples los requisitos generales (certificado de discapacidad (minsa, essalud o sanidad policial), "
        "edad, estudios, hijos en el hogar, ingreso mensual, jefe/a de hogar, situación laboral).",
        "👉 Te recomiendo: Capacitación y Asistencia Técnica para el Autoempleo. Capacitación y consultoría técnica "
        "especializada para quienes quieren crear su propio negocio o mejorar el que ya tienen, en manufactura, "
        "comercio o servicios: orientación, capacitación y soporte técnico para el autoempleo.",
        "📍 Tu centro de empleo más cercano: Unidad Zonal Lambayeque, en Chiclayo (a unos 1 km de Chiclayo).",
        CLOSING_ES,
    ]


def test_a_general_failure_is_said_once_with_its_reason_and_referrals_follow():
    assert result(**{**ELIGIBLE, "age": 22, "employment_status": "employed"}) == [
        f"Este es tu resultado, según las reglas del programa vigentes al {TODAY_ES}:",
        "No cumples un requisito que se pide en todos los componentes:\n"
        "• El programa atiende a personas desempleado/a, subempleado/a (trabajo eventual o de pocos ingresos) "
        "o en riesgo de perder el empleo; tú estás con empleo adecuado.",
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
        "You don't meet a requirement that applies to every component:\n"
        "• Your income (PEN 2000 a month) is not below the limit of PEN 1500 a month.",
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
    assert centre == ["📍 Tu centro de empleo más cercano: Sede central de Impulsa Perú, en Lima (a unos 1 km de "
                      "Jesús María)."]
    assert lines[lines.index(centre[0]) + 1] == "Dirección: Av. Salaverry 655, Jesús María, Lima"
    assert not any(line.startswith(("Teléfono:", "Horario:")) for line in lines)
