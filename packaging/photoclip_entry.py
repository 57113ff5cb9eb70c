"""The frozen app's entry point: the `photoclip` command (no arguments: the app)."""
import sys

from photoclip.cli import main

if __name__ == "__main__":
    sys.exit(main())
