"""The action server's plugin: rasa_sdk (rasa_sdk/plugin.py) imports a package of this name when the action
server starts, if there is one, and calls `init_hooks`. Ours loads the assistant's data before the server
takes its first request (actions/warmup.py), so the first applicant waits no longer than the next.
"""

from __future__ import annotations

import sys

import pluggy

hookimpl = pluggy.HookimplMarker("rasa_sdk")


def init_hooks(manager: pluggy.PluginManager) -> None:
    manager.register(sys.modules[__name__])


@hookimpl
def attach_sanic_app_extensions(app) -> None:
    # Before the server listens: its health check answers only once the data is loaded, so scripts/serve
    # (and a load balancer) sends no applicant to it earlier.
    app.register_listener(_warm_up, "before_server_start")


async def _warm_up(app, loop) -> None:
    from actions.warmup import warm_up

    warm_up()
