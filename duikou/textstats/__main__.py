"""``python -m duikou.textstats extract ...`` (see :mod:`duikou.textstats.cli`)."""

from .cli import main

raise SystemExit(main())
