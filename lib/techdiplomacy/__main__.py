"""``python -m techdiplomacy`` runs the command line."""

from techdiplomacy.cli import main

raise SystemExit(main())
