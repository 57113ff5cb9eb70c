"""Subcommands beyond index/search/status, one module per feature (see photoclip.cli)."""
