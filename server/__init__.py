"""Code the Rasa server loads besides its model (see endpoints.yml): the tracker store, the lock
store, the log filter that keeps personal data out of the logs (log_privacy.py), and one measured
speed fix to Rasa's hot path (speedups.py). The tracker store installs the last two when Rasa
builds it at start-up (startup.py); importing this package changes nothing.

Kept apart from actions/, which the action server imports, and from
channels/, the input channels.
"""
