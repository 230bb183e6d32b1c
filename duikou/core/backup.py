"""Backup and restore of a whole installation: the database and the uploaded files.

`duikou backup DIR` writes into a new, empty DIR:

- `database.dump` (PostgreSQL: `pg_dump --format=custom`, taken in the snapshot the counts
  below are read in, so they describe exactly what was dumped) or `database.sqlite3`
  (SQLite: the online backup API, safe while the server writes; the counts are read from the
  copy);
- `media/`: every uploaded file under MEDIA_ROOT;
- `manifest.json`: format, time, engine, the applied migrations, for every table its row
  count and a checksum of its rows, and the SHA-256 of the database file and of every file.

`duikou restore DIR` checks every checksum of the backup first, then that the target database
has no table and MEDIA_ROOT no file — any failure refuses with nothing changed — restores
(PostgreSQL: `pg_restore --single-transaction`), copies the files and compares every table's
count and checksum with the manifest.

The row checksum is order-independent: the sum, modulo 2**64, of a 64-bit hash of each row's
text (PostgreSQL: `hashtextextended(row::text, 0)`, computed in the server; SQLite: BLAKE2b
of the row's repr). It is compared only between databases of the same engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
_MASK = 2**64 - 1


class BackupError(Exception):
    """A backup or restore cannot go on: the message says why (nothing was changed)."""


def database_settings(url: str | None = None) -> dict[str, Any]:
    """The settings of the database at `url`, or of the configured default database."""
    if url:
        return dj_database_url.parse(url)
    return dict(connections["default"].settings_dict)


def engine(params: dict[str, Any]) -> str:
    name = params["ENGINE"]
    if "postgresql" in name:
        return "postgresql"
    if "sqlite" in name:
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {name}.")


def _pg_kwargs(params: dict[str, Any]) -> dict[str, Any]:
    kwargs = {
        "dbname": params["NAME"],
        "user": params.get("USER") or None,
        "password": params.get("PASSWORD") or None,
        "host": params.get("HOST") or None,
        "port": params.get("PORT") or None,
    }
    return {key: value for key, value in kwargs.items() if value}


def _pg_tool(tool: str, params: dict[str, Any], *args: str) -> None:
    """Run pg_dump/pg_restore against the database of `params`; refuse with its message."""
    kwargs = _pg_kwargs(params)
    command = [tool, "--dbname", kwargs["dbname"]]
    for option, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if key in kwargs:
            command += [option, str(kwargs[key])]
    env = {**os.environ}
    if "password" in kwargs:
        env["PGPASSWORD"] = kwargs["password"]
    try:
        done = subprocess.run([*command, *args], env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            f"{tool} is not installed (Debian: apt-get install postgresql-client)."
        ) from None
    if done.returncode != 0:
        raise BackupError(f"{tool} failed: {done.stderr.strip()}")


def _connect(params: dict[str, Any]) -> Any:
    if engine(params) == "postgresql":
        import psycopg

        return psycopg.connect(**_pg_kwargs(params))
    return sqlite3.connect(params["NAME"])


def table_names(cursor: Any, kind: str) -> list[str]:
    if kind == "postgresql":
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        )
    return [row[0] for row in cursor.fetchall()]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_summary(cursor: Any, kind: str) -> dict[str, dict[str, Any]]:
    """{table: {"rows": count, "checksum": hex}} for every table of the database."""
    summary = {}
    for table in table_names(cursor, kind):
        if kind == "postgresql":
            cursor.execute(
                f"SELECT count(*), coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) "
                f"FROM {_quote(table)} t"
            )
            rows, total = cursor.fetchone()
            checksum = int(total) & _MASK
        else:
            cursor.execute(f"SELECT * FROM {_quote(table)}")
            rows = checksum = 0
            while batch := cursor.fetchmany(5000):
                for row in batch:
                    digest = hashlib.blake2b(repr(row).encode(), digest_size=8).digest()
                    checksum = (checksum + int.from_bytes(digest, "big")) & _MASK
                rows += len(batch)
        summary[table] = {"rows": int(rows), "checksum": f"{checksum:016x}"}
    return summary


def _migrations(cursor: Any) -> dict[str, str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    latest: dict[str, str] = {}
    for app, name in cursor.fetchall():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def backup(directory: Path, url: str | None = None, log: Callable[[str], None] = print) -> dict:
    """Write a backup of the database (and MEDIA_ROOT) into the new or empty `directory`."""
    params = database_settings(url)
    kind = engine(params)
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: a backup goes into a new directory.")
    if kind == "sqlite" and not Path(params["NAME"]).is_file():
        raise BackupError(f"There is no database at {params['NAME']}.")
    directory.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)
    if kind == "postgresql":
        dump = directory / "database.dump"
        conn = _connect(params)
        try:
            # One snapshot for the dump and the counts: they describe the same data.
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            log(f"pg_dump (snapshot {snapshot}) …")
            _pg_tool(
                "pg_dump",
                params,
                "--format=custom",
                f"--snapshot={snapshot}",
                "--no-owner",
                "--no-privileges",
                f"--file={dump}",
            )
            cursor = conn.cursor()
            tables = table_summary(cursor, kind)
            migrations = _migrations(cursor)
        finally:
            conn.close()
    else:
        dump = directory / "database.sqlite3"
        source = sqlite3.connect(params["NAME"])
        target = sqlite3.connect(dump)
        try:
            source.backup(target)
        finally:
            source.close()
        try:
            cursor = target.cursor()
            tables = table_summary(cursor, kind)
            migrations = _migrations(cursor)
        finally:
            target.close()
    media_root = Path(settings.MEDIA_ROOT)
    files = {}
    for path in _files(media_root):
        relative = path.relative_to(media_root).as_posix()
        copy = directory / MEDIA / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        files[relative] = {"size": copy.stat().st_size, "sha256": sha256(copy)}
    manifest = {
        "format": FORMAT,
        "created": started.isoformat(timespec="seconds"),
        "duikou": _version(),
        "engine": kind,
        "database_file": dump.name,
        "database_sha256": sha256(dump),
        "migrations": migrations,
        "tables": tables,
        "files": files,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    log(
        f"backup of {sum(t['rows'] for t in tables.values()):,} rows in {len(tables)} tables "
        f"and {len(files)} files written to {directory}"
    )
    return manifest


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("duikou")
    except PackageNotFoundError:
        return "unknown"


def read_manifest(directory: Path) -> dict:
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{path} is missing: {directory} is not a duikou backup.") from None
    except ValueError as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has format {manifest.get('format')!r}; this is {FORMAT}.")
    return manifest


def verify(directory: Path, manifest: dict) -> None:
    """Every file of the backup has the checksum the manifest gives it."""
    directory = Path(directory)
    wrong = []
    database = directory / manifest["database_file"]
    if not database.is_file() or sha256(database) != manifest["database_sha256"]:
        wrong.append(manifest["database_file"])
    for relative, meta in manifest["files"].items():
        path = directory / MEDIA / relative
        if not path.is_file() or sha256(path) != meta["sha256"]:
            wrong.append(f"{MEDIA}/{relative}")
    if wrong:
        raise BackupError(
            "The backup does not match its manifest (missing or changed): " + ", ".join(wrong)
        )


def restore(directory: Path, url: str | None = None, log: Callable[[str], None] = print) -> dict:
    """Restore the backup in `directory` into an empty database (and empty MEDIA_ROOT)."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    params = database_settings(url)
    kind = engine(params)
    if manifest["engine"] != kind:
        raise BackupError(
            f"The backup is of a {manifest['engine']} database; the target is {kind}."
        )
    verify(directory, manifest)
    if kind == "sqlite" and Path(params["NAME"]).exists():
        conn = sqlite3.connect(params["NAME"])
    elif kind == "sqlite":
        conn = None
    else:
        conn = _connect(params)
    if conn is not None:
        try:
            existing = table_names(conn.cursor(), kind)
        finally:
            conn.close()
        if existing:
            raise BackupError(
                f"The target database {params['NAME']} is not empty ({len(existing)} tables): "
                "restore into a new, empty database."
            )
    media_root = Path(settings.MEDIA_ROOT)
    if _files(media_root):
        raise BackupError(f"MEDIA_ROOT {media_root} has files already: restore into an empty one.")
    database = directory / manifest["database_file"]
    log(f"restoring {database} …")
    if kind == "postgresql":
        _pg_tool(
            "pg_restore",
            params,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            str(database),
        )
    else:
        Path(params["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(database)
        target = sqlite3.connect(params["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    for relative in manifest["files"]:
        path = media_root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(directory / MEDIA / relative, path)
    conn = _connect(params)
    try:
        restored = table_summary(conn.cursor(), kind)
    finally:
        conn.close()
    differ = sorted(
        table
        for table in set(restored) | set(manifest["tables"])
        if restored.get(table) != manifest["tables"].get(table)
    )
    if differ:
        raise BackupError(
            "The restored database differs from the manifest in: " + ", ".join(differ)
        )
    log(
        f"restored {sum(t['rows'] for t in restored.values()):,} rows in {len(restored)} tables "
        f"and {len(manifest['files'])} files; every count and checksum matches the manifest"
    )
    return restored
