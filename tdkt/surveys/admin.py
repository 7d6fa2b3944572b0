"""Django admin: the questionnaire (components, questions, choices) and branches. Invitations and responses are
read-only lists here: links are issued and answers saved only through the services."""

from django.contrib import admin

from tdkt.surveys.models import Choice, Component, Invitation, Question, Survey, SurveyBranch


class ComponentInline(admin.TabularInline):
    model = Component
    extra = 0


class BranchInline(admin.TabularInline):
    model = SurveyBranch
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "year", "version", "status"]
    list_filter = ["status", "year"]
    inlines = [ComponentInline, BranchInline]
    raw_id_fields = ["unit"]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "component", "kind", "reverse", "required"]
    list_filter = ["kind", "survey"]
    inlines = [ChoiceInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["tax_code", "enterprise_name", "survey", "completed_at", "reminders_sent"]
    search_fields = ["tax_code", "enterprise_name"]
    exclude = ["token_hash"]
    readonly_fields = ["link_issued_at", "opened_at", "completed_at", "reminders_sent", "last_reminded_at"]
