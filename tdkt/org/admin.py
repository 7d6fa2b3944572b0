from django.contrib import admin

from tdkt.org import models


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "valid_from", "valid_to")
    search_fields = ("code", "search_text")
    list_filter = ("kind",)


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "staff_code", "date_of_birth", "gender")
    search_fields = ("search_text", "staff_code")


@admin.register(models.Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "grade", "is_leadership")


@admin.register(models.RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role",)
