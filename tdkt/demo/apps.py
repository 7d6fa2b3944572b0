from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tdkt.demo"
    label = "demo"
    verbose_name = "Dữ liệu minh họa"
