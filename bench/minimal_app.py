"""The reference for start-up: a minimal Typer app with two commands, one prints a line."""

import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    """Print a line."""
    print("你好")


@app.command()
def bye() -> None:
    """Print nothing."""


if __name__ == "__main__":
    app()
