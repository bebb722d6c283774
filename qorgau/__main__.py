"""``python -m qorgau <command>``: the same as the ``qorgau`` console command."""

from qorgau.config.cli import main

main()
