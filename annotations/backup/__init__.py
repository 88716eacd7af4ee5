"""Backups and repair: daily snapshots of the library, restoring one, and `doctor`."""
