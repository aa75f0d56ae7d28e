from cleaner.cli import app

app(prog_name="cleaner")
