"""Allow ``python -m resilint``."""

from __future__ import annotations

from resilint.launch import main

if __name__ == "__main__":
    main()
