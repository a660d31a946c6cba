"""One module per ``bitext`` subcommand."""
