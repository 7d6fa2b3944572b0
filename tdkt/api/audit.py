"""The audit log's actor for API writes.

`auditlog.middleware.AuditlogMiddleware` records `request.user` of the Django request, which is
anonymous when the API authenticated the call with a token. Writes through the API name their
actor here instead: the middleware's context is updated in place (a nested `set_actor` would leave
a signal receiver connected after every request).
"""

from auditlog.context import auditlog_value


def record_actor(request) -> None:
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    if request.user.is_authenticated:
        context["actor"] = request.user
