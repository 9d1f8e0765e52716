"""Input channels the Rasa server loads (credentials.yml): the web chat page, WhatsApp
through Meta's Cloud API, and WhatsApp through Twilio.

The log filter that keeps phone numbers out of the logs is installed when the Rasa server builds
its tracker store at start-up, before the first request (server/startup.py), not on import.
"""
