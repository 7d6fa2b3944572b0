"""The `tdkt` console script: the same commands as manage.py, with subcommand groups.

`tdkt demo load` runs the `demo` management command with the argument `load`, and so on.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tdkt", *sys.argv[1:]])
