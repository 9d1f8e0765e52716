"""Code the Rasa server loads besides its model (see endpoints.yml): the tracker store.

Kept apart from actions/, which the action server imports, and from
channels/, the input channels.
"""
