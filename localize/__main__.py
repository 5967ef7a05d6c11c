from localize.cli import run

run()
