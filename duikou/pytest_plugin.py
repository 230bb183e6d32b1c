"""Test-run environment, loaded by pytest before Django's settings (`-p duikou.pytest_plugin`
in pyproject's addopts; a conftest.py would come too late).

DEBUG is off by default and then settings demand a SECRET_KEY; a test run gets a random one
of its own (servers started by tests inherit it), so no known key exists anywhere.
"""

from __future__ import annotations

import os
import secrets

os.environ.setdefault("SECRET_KEY", f"test-run-{secrets.token_urlsafe(32)}")
