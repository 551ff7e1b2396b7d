"""`python -m govopen_cli` runs the command line."""

from govopen_cli.cli.app import main

main()
