"""Labels and badges of verdicts and criteria: {% load eligibility %} {{ v.verdict|verdict_label }}."""

from django import template
from django.utils.translation import gettext_lazy as _

from tdkt.rules import plain
from tdkt.rules.rulesets import AWARD_NAMES
from tdkt.rules.selectors import VERDICT_LABELS  # noqa: F401  (re-exported for templates' callers)
from tdkt.rules.selectors import verdict_label as _verdict_label

register = template.Library()

VERDICT_BADGES = {
    "eligible": "text-bg-success",
    "needs_review": "text-bg-warning",
    "not_eligible": "text-bg-secondary",
}
STATUS_LABELS = {
    "met": _("Đạt"),
    "unmet": _("Chưa đạt"),
    "unknown": _("Chưa xác định"),
    "declared": _("Hội đồng đánh giá"),
    "pending": _("Chờ bỏ phiếu"),
}
STATUS_BADGES = {
    "met": "text-bg-success",
    "unmet": "text-bg-danger",
    "unknown": "text-bg-warning",
    "declared": "text-bg-light border",
    "pending": "text-bg-info",
}
STATUS_ICONS = {
    "met": "bi-check-circle",
    "unmet": "bi-x-circle",
    "unknown": "bi-question-circle",
    "declared": "bi-people",
    "pending": "bi-hourglass-split",
}


@register.filter
def verdict_label(value):
    return _verdict_label(value)


@register.filter
def verdict_badge(value):
    return VERDICT_BADGES.get(value, "text-bg-light")


@register.filter
def status_label(value):
    return STATUS_LABELS.get(value, value)


@register.filter
def status_badge(value):
    return STATUS_BADGES.get(value, "text-bg-light")


@register.filter
def status_icon(value):
    return STATUS_ICONS.get(value, "bi-dot")


@register.filter
def award_name(code):
    return AWARD_NAMES.get(code, code)


@register.filter
def plain_evidence(items):
    """Evidence items as sentences (technical-only items left out: see `tdkt.rules.plain`)."""

    return plain.evidence_list(items)


@register.filter
def plain_basis(text):

    return plain.basis(text)


@register.filter
def plain_text(text):

    return plain.criterion_text(text)


@register.filter
def rule_set_name(rule_set_id):

    return plain.rule_set_name(rule_set_id)


def candidate_reasons(verdict) -> str:
    """The "Lý do" cell of a candidates row, in Python: what is missing, or the criteria behind a
    `<details>`. The same markup the template wrote, without a template render per criterion (the stored
    page lists fifty rows; see `rules.views._reasons`)."""
    from django.utils.html import format_html, format_html_join

    if verdict.missing:
        return format_html(
            '<ul class="mb-0 ps-3">{}</ul>',
            format_html_join("", "<li>{}</li>", ((m,) for m in verdict.missing)),
        )
    items = format_html_join(
        "",
        '<li><span class="badge {}">{}</span> {} <span class="text-muted">({})</span></li>',
        (
            (
                status_badge(c.status),
                status_label(c.status),
                plain.criterion_text(c.text),
                plain.basis(c.basis),
            )
            for c in verdict.criteria
        ),
    )
    return format_html(
        '<details><summary>{}</summary><ul class="mb-0 ps-3">{}</ul></details>', _("Tiêu chuẩn"), items
    )


def candidate_rows(candidates) -> str:
    """The `<tr>` of each candidate of a page (name and link, unit, verdict, reasons, earliest year), in
    Python: fifty rows rendered by the template engine cost more than the rest of the page. Rows that share
    an explanation share its cell."""
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    reasons: dict[tuple, str] = {}
    badges = {v: (VERDICT_BADGES.get(v, "text-bg-light"), str(label)) for v, label in VERDICT_LABELS.items()}
    out = []
    for c in candidates:
        verdict = c.verdict
        # what the cell shows (not the evidence, which differs from person to person)
        key = (verdict.missing, tuple((c.status, c.text, c.basis) for c in verdict.criteria))
        if key not in reasons:
            reasons[key] = candidate_reasons(verdict)
        badge, label = badges.get(verdict.verdict, ("text-bg-light", verdict.verdict))
        out.append(
            format_html(
                '<tr><td>{}<a href="{}">{}</a></td><td class="small">{}</td><td><span class="badge {}">{}</span></td>'
                '<td class="small">{}</td><td>{}</td></tr>',
                mark_safe("")
                if c.kind == "person"
                else mark_safe('<i class="bi bi-people" aria-hidden="true"></i> '),
                c.url,
                c.name,
                c.unit_name,
                badge,
                label,
                reasons[key],
                verdict.earliest_year or "",
            )
        )
    return mark_safe("".join(out))
