"""Code the Rasa server loads besides its model (see endpoints.yml): the tracker store, the lock
store, the log filter that keeps personal data out of the logs (log_privacy.py), and one measured
speed fix to Rasa's hot path (speedups.py).

Kept apart from actions/, which the action server imports, and from
channels/, the input channels.
"""

from server import log_privacy, speedups

# Rasa imports this package when it creates the tracker store (endpoints.yml), so
# the fix is in place before the first message; see server/speedups.py.
speedups.install()
# No phone number, message text or provider body in the logs: server/log_privacy.py.
log_privacy.install()
