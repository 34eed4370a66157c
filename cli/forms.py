"""`kiosk forms check FILE...` and `kiosk forms import FORM.xlsx`: form definitions.

`check` validates JSON definitions with the errors the kiosk shows; `import`
converts an XLSForm workbook into one (docs/forms.md, "XLSForm").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.common import EXIT_FAILED, EXIT_OK, Subcommands, add_command, add_group, report
from kiosk.forms import FormDefinitionError, load_form


def add_commands(commands: Subcommands) -> None:
    """Register `kiosk forms check` and `kiosk forms import`."""
    forms = add_group(commands, "forms", help="work with form definitions")
    check = add_command(forms, "check", forms_check, help="validate form definition files")
    check.add_argument("files", nargs="+", type=Path)
    convert = add_command(
        forms, "import", forms_import, help="convert an XLSForm workbook into a form definition"
    )
    convert.add_argument("workbook", type=Path, help="the XLSForm (.xlsx)")
    convert.add_argument("--out", type=Path, help="where to write the JSON (default: print it)")


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


def forms_import(args: argparse.Namespace) -> int:
    """Convert a workbook; every problem is named with its sheet, row and column."""
    from kiosk.forms.xlsform import xlsform_to_definition

    try:
        definition = xlsform_to_definition(args.workbook)
    except FormDefinitionError as error:
        problems = [str(problem) for problem in error.problems]
        record = {"file": str(args.workbook), "ok": False, "problems": problems}
        report(args, record, "\n".join(problems))
        return EXIT_FAILED
    text = json.dumps(definition, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        print(text, end="")
        return EXIT_OK
    args.out.write_text(text, encoding="utf-8")
    record = {"file": str(args.workbook), "ok": True, "out": str(args.out), "id": definition["id"]}
    report(args, record, f"{args.workbook}: ok, written to {args.out}")
    return EXIT_OK
