#!/usr/bin/env python
"""Django's usual entry point; ``qorgau`` does the same once installed."""

from qorgau.config.cli import main

if __name__ == "__main__":
    main()
