"""The application layer: one plain function per use case (extract, init, translate/update,
build, status, compile, check, the engine and model listings), called by the Typer commands in
``localize.commands`` and by tests. Nothing here prints or parses arguments; each function takes
plain values and returns a result dataclass built on ``Outcome``."""
