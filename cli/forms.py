"""`kiosk forms check FILE...`: validate form definitions with the errors the kiosk shows."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import EXIT_FAILED, EXIT_OK, Subcommands, add_command, add_group, report
from kiosk.forms import FormDefinitionError, load_form


def add_commands(commands: Subcommands) -> None:
    """Register `kiosk forms check`."""
    forms = add_group(commands, "forms", help="work with form definitions")
    check = add_command(forms, "check", forms_check, help="validate form definition files")
    check.add_argument("files", nargs="+", type=Path)


def forms_check(args: argparse.Namespace) -> int:
    """Validate each file as the kiosk would; one line (or JSON object) per file."""
    failed = False
    for path in args.files:
        try:
            form = load_form(path)
        except FormDefinitionError as error:
            failed = True
            problems = [str(problem) for problem in error.problems]
            report(
                args, {"file": str(path), "ok": False, "problems": problems}, "\n".join(problems)
            )
        else:
            fields = len(form.fields())
            report(
                args,
                {
                    "file": str(path),
                    "ok": True,
                    "id": form.id,
                    "version": form.version,
                    "fields": fields,
                },
                f"{path}: ok ({form.id} version {form.version}, {fields} fields)",
            )
    return EXIT_FAILED if failed else EXIT_OK
