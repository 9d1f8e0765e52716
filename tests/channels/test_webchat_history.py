"""What the history endpoint gives the page back (channels/webchat.py): what the page showed, no more."""

from channels.webchat import page_messages

OFFER = [{"title": "Sí, revisar", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


def test_a_tapped_choice_comes_back_as_its_title_and_a_location_as_a_pin():
    events = [
        {"event": "action", "name": "action_session_start"},
        {"event": "user", "text": "hola", "parse_data": {"intent": {"name": "greet"}}},
        {"event": "bot", "text": "¿Reviso si calificas?", "data": {"buttons": OFFER}, "metadata": {}},
        {"event": "user", "text": "/affirm"},
        {"event": "slot", "name": "age", "value": 35},
        {"event": "bot", "text": "¿Cuántos años tienes?", "data": {"buttons": None}},
        {"event": "user", "text": "/affirm"},  # no choices were on offer: shown as sent
        {"event": "user", "text": "/ask_centre", "metadata": {"location": {"lat": -15.5, "lon": -70.1}}},
        {"event": "bot", "text": "📍 Unidad Zonal Puno", "data": {}},
    ]
    assert page_messages(events) == [
        {"from": "user", "text": "hola"},
        {"from": "bot", "text": "¿Reviso si calificas?", "buttons": OFFER},
        {"from": "user", "text": "Sí, revisar"},
        {"from": "bot", "text": "¿Cuántos años tienes?"},
        {"from": "user", "text": "/affirm"},
        {"from": "user", "text": "📍"},
        {"from": "bot", "text": "📍 Unidad Zonal Puno"},
    ]


def test_nothing_but_the_conversation_is_exposed():
    assert page_messages([{"event": "slot", "name": "monthly_income", "value": 800}, {"event": "restart"}]) == []
