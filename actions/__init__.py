"""Custom actions for the Rasa assistant (served by `rasa run actions`).

The action server imports every module in this package, so modules here must
have no side effects at import time: no database opened, no policy compiled.
"""
