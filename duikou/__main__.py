"""The `duikou` console script: Django's manage command for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duikou.settings")
    if sys.argv[1:2] == ["worker"]:
        # See settings.py: on SQLite a worker's long task must not lock out its progress bar.
        os.environ.setdefault("DUIKOU_SQLITE_TRANSACTION_MODE", "DEFERRED")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
