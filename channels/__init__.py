"""Input channels the Rasa server loads (credentials.yml): the web chat page, WhatsApp
through Meta's Cloud API, and WhatsApp through Twilio."""
