"""The reference for start-up: a minimal Typer app whose command prints a rich table.

What any Typer app on the card's stack pays to answer with a table: Python, typer (and
click), rich imported when the table is drawn. `govopen due` must start within 1.15× of it.
"""

import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    """Print a small table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="你好")
    table.add_column("序号")
    table.add_column("重点任务")
    table.add_row("1", "你好，世界")
    Console().print(table)


@app.command()
def bye() -> None:
    """Print nothing."""


if __name__ == "__main__":
    app()
