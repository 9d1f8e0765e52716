"""Code the Rasa server loads besides its model (see endpoints.yml): the tracker store, the lock
store, and one measured speed fix to Rasa's hot path (speedups.py).

Kept apart from actions/, which the action server imports, and from
channels/, the input channels.
"""

from server import speedups

# Rasa imports this package when it creates the tracker store (endpoints.yml), so
# the fix is in place before the first message; see server/speedups.py.
speedups.install()
