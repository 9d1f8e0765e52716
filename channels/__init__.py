"""Input channels the Rasa server loads (credentials.yml): the web chat page, WhatsApp
through Meta's Cloud API, and WhatsApp through Twilio."""

# The channels are the first of our code the Rasa server imports (when it reads credentials.yml):
# the log filter is in place before the first request. server/log_privacy.py.
from server import log_privacy

log_privacy.install()
