"""The production static files storage: WhiteNoise's compressed, hashed manifest storage.

The vendored front-end files (htmx, ECharts, Bootstrap, Tom Select) are copied without their
source maps; their `sourceMappingURL` comments are left as they are instead of failing
collectstatic for a missing .map (a browser asks for one only with its developer tools open).
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    kept = []
    for extension, rules in patterns:
        rules = tuple(
            rule
            for rule in rules
            if "sourceMappingURL" not in (rule[0] if isinstance(rule, tuple) else rule)
        )
        kept.append((extension, rules))
    return tuple(kept)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
