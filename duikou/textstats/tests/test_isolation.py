"""The textstats package must not depend on Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import sys
sys.modules["django"] = None  # any "import django..." now raises ImportError
import duikou.textstats
import duikou.textstats.bench
import duikou.textstats.cli
import duikou.textstats.documents
import duikou.textstats.scoring
assert duikou.textstats.extract("投入资金10.49亿元")[0].value == 1049000000
loaded = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
assert loaded == ["django"], loaded
print("ok")
"""


def test_the_package_imports_and_runs_without_django() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
